/** Small real files for upload tests. */
export const PDF = Buffer.from(
  '%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n2 0 obj<</Type/Pages/Kids[]/Count 0>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n',
);
/** An ELF executable header: refused whatever its name says. */
export const ELF = Buffer.concat([
  Buffer.from([0x7f, 0x45, 0x4c, 0x46, 2, 1, 1, 0]),
  Buffer.alloc(120, 1),
]);
export const ELEVEN_MB = Buffer.concat([PDF, Buffer.alloc(11 * 1024 * 1024, 0x20)]);
