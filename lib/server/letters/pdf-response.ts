import 'server-only';

/** A letter opened in the browser to print it: inline, its own name, never sniffed or cached. */
export function inlinePdf(letter: { name: string; bytes: Uint8Array }): Response {
  return new Response(new Uint8Array(letter.bytes), {
    headers: {
      'Content-Type': 'application/pdf',
      'Content-Disposition': `inline; filename*=UTF-8''${encodeURIComponent(letter.name)}`,
      'Cache-Control': 'private, no-store',
      'X-Content-Type-Options': 'nosniff',
    },
  });
}
