import 'server-only';
import { createHash, randomUUID } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { storeUploads, uploadDir, type StoredUpload } from '../cases/uploads';

/**
 * The whole e-mail as it arrived, kept for staff when a case could only be radicated from part of
 * it, or while it waits in the quarantine. It lives in the upload folder like any case file: a
 * message's file always has its row (case attachment or quarantine entry), or is removed again.
 */
export const ORIGINAL_NAME = 'correo-original.eml';
const ORIGINAL_MIME = 'message/rfc822';

export interface KeptOriginal {
  stored: StoredUpload;
  discard: () => void;
}

export function keepOriginal(raw: Buffer): KeptOriginal {
  const { stored, discard } = storeUploads([
    {
      originalName: ORIGINAL_NAME,
      mimeType: ORIGINAL_MIME,
      sizeBytes: raw.byteLength,
      sha256: createHash('sha256').update(raw).digest('hex'),
      bytes: raw,
    },
  ]);
  return { stored: stored[0]!, discard };
}

/** A message too large to hold in memory goes from the server's stream straight to the file. */
export async function keepOriginalStream(source: Readable): Promise<KeptOriginal> {
  const dir = uploadDir();
  fs.mkdirSync(dir, { recursive: true, mode: 0o700 });
  const storedName = randomUUID();
  const file = path.join(dir, storedName);
  const discard = () => fs.rmSync(file, { force: true });
  const hash = createHash('sha256');
  let size = 0;
  source.on('data', (chunk: Buffer) => {
    hash.update(chunk);
    size += chunk.byteLength;
  });
  try {
    await pipeline(source, fs.createWriteStream(file, { mode: 0o600, flags: 'wx' }));
  } catch (error) {
    discard();
    throw error;
  }
  return {
    stored: {
      storedName,
      originalName: ORIGINAL_NAME,
      mimeType: ORIGINAL_MIME,
      sizeBytes: size,
      sha256: hash.digest('hex'),
    },
    discard,
  };
}
