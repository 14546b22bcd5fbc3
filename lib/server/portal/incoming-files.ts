import 'server-only';
import type { IncomingFile } from '../cases/uploads';

/**
 * The files a form chose, as `formInput` (core/action.ts) gives them: a list of `File` (one alone
 * is accepted too). Text and the empty entry a browser sends for "no file" are not files.
 */
export async function incomingFiles(value: unknown): Promise<IncomingFile[]> {
  const files = (Array.isArray(value) ? value : [value]).filter(
    (entry): entry is File => entry instanceof File && !(entry.size === 0 && entry.name === ''),
  );
  return Promise.all(
    files.map(async (file) => ({
      name: file.name,
      bytes: new Uint8Array(await file.arrayBuffer()),
    })),
  );
}
