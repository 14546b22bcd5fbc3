import 'server-only';
import { fileTypeFromBuffer } from 'file-type';
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { databasePath, type Conn } from '@/db/client';
import { attachments } from '@/db/tables';
import type { AttachmentKind, EventVisibility } from '@/lib/domain/enums';
import { AppError } from '../core/errors';
import { env } from '@/lib/env';

export const UPLOAD_LIMITS = { maxFiles: 5, maxBytes: 10 * 1024 * 1024 } as const;

export type UploadErrorKey = 'tooManyFiles' | 'fileTooLarge' | 'fileType' | 'fileEmpty';

export interface IncomingFile {
  name: string;
  bytes: Uint8Array;
}

export interface CheckedUpload {
  originalName: string;
  mimeType: string;
  sizeBytes: number;
  sha256: string;
  bytes: Uint8Array;
}

export interface StoredUpload {
  storedName: string;
  originalName: string;
  mimeType: string;
  sizeBytes: number;
  sha256: string;
}

/** Types whose detected mime is trusted as is: documents and images a browser will not execute. */
const SNIFFED_MIMES: ReadonlySet<string> = new Set([
  'application/pdf',
  'image/png',
  'image/jpeg',
  'image/webp',
  'image/gif',
  'image/heic',
  'image/heif',
  'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  'application/vnd.openxmlformats-officedocument.presentationml.presentation',
  'application/vnd.oasis.opendocument.text',
  'application/vnd.oasis.opendocument.spreadsheet',
]);

/**
 * file-type reports every Compound File container (.doc, .xls, .ppt, but also .msi installers) as
 * application/x-cfb, so the name is the only hint left; it is accepted for legacy Office names only.
 */
const LEGACY_OFFICE_MIMES: Readonly<Record<string, string>> = {
  '.doc': 'application/msword',
  '.xls': 'application/vnd.ms-excel',
  '.ppt': 'application/vnd.ms-powerpoint',
};

/** Plain text has no signature: accepted only under these names and when it really is text. */
const TEXT_MIMES: Readonly<Record<string, string>> = {
  '.txt': 'text/plain',
  '.csv': 'text/csv',
};

const UUID_NAME = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
/** A name storeUploads gives: only such files in the upload folder are ours to sweep. */
export const isStoredName = (name: string) => UUID_NAME.test(name);
/**
 * The stored name of a file whose bytes were removed (anonymisation, admin/anonymised-files.ts): the
 * row stays as the record that a file was there; the name after the prefix is the file to delete.
 */
export const REMOVED_PREFIX = 'retirado:';
export const isRemovedFile = (storedName: string) => storedName.startsWith(REMOVED_PREFIX);
const MAX_NAME_CHARS = 120;
const FALLBACK_NAME = 'archivo';

function refuse(key: UploadErrorKey, detail: Record<string, unknown> = {}): AppError {
  return new AppError('VALIDATION', `attachment refused: ${key}`, {
    fieldErrors: { attachments: [key] },
    detail,
  });
}

/**
 * The files a form chose, as `formInput` (core/action.ts) or `FormData.getAll` gives them: a list
 * of `File` (one alone is accepted too). Text, and the unnamed empty entry a browser sends for
 * "no file", are not files; a named empty file is kept (checkUploads refuses it as fileEmpty).
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

/**
 * The name shown back to people, never used as a path: last path segment only, without control,
 * invisible-format (e.g. right-to-left override) characters or separators, at most 120 characters.
 */
export function sanitizeFileName(name: string): string {
  const base = name.normalize('NFC').split(/[/\\]/).pop() ?? '';
  const cleaned = base
    .replace(/[\p{Cc}\p{Cf}\p{Zl}\p{Zp}]/gu, '')
    .replace(/\s+/g, ' ')
    .trim();
  if (cleaned === '' || /^\.+$/.test(cleaned)) return FALLBACK_NAME;
  const chars = Array.from(cleaned);
  if (chars.length <= MAX_NAME_CHARS) return cleaned;
  // Keep a short extension so the download still opens with the right program.
  const ext = path.extname(cleaned);
  const extChars = Array.from(ext);
  if (ext && extChars.length <= 10) {
    return chars.slice(0, MAX_NAME_CHARS - extChars.length).join('') + ext;
  }
  return chars.slice(0, MAX_NAME_CHARS).join('');
}

function isUtf8Text(bytes: Uint8Array): boolean {
  if (bytes.includes(0)) return false;
  try {
    new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    return false;
  }
  // A script stays a script whatever it is called.
  return !(bytes[0] === 0x23 && bytes[1] === 0x21);
}

/** The content decides the type; the name only narrows the two cases file-type cannot settle. */
async function detectMime(bytes: Uint8Array, safeName: string): Promise<string | null> {
  const ext = path.extname(safeName).toLowerCase();
  const detected = await fileTypeFromBuffer(bytes);
  if (detected) {
    if (SNIFFED_MIMES.has(detected.mime)) return detected.mime;
    if (detected.mime === 'application/x-cfb') return LEGACY_OFFICE_MIMES[ext] ?? null;
    return null;
  }
  const textMime = TEXT_MIMES[ext];
  return textMime && isUtf8Text(bytes) ? textMime : null;
}

/** Validates a batch before anything is written: count, then every size, then every content. */
export async function checkUploads(files: IncomingFile[]): Promise<CheckedUpload[]> {
  if (files.length > UPLOAD_LIMITS.maxFiles) {
    throw refuse('tooManyFiles', { count: files.length, max: UPLOAD_LIMITS.maxFiles });
  }
  const named = files.map((file) => ({ ...file, safeName: sanitizeFileName(file.name) }));
  // Sizes are settled before any sniffing, so an oversized file is never parsed.
  for (const file of named) {
    if (file.bytes.byteLength === 0) throw refuse('fileEmpty', { name: file.safeName });
    if (file.bytes.byteLength > UPLOAD_LIMITS.maxBytes) {
      throw refuse('fileTooLarge', { name: file.safeName, max: UPLOAD_LIMITS.maxBytes });
    }
  }
  const checked: CheckedUpload[] = [];
  for (const file of named) {
    const mimeType = await detectMime(file.bytes, file.safeName);
    if (!mimeType) throw refuse('fileType', { name: file.safeName });
    checked.push({
      originalName: file.safeName,
      mimeType,
      sizeBytes: file.bytes.byteLength,
      sha256: crypto.createHash('sha256').update(file.bytes).digest('hex'),
      bytes: file.bytes,
    });
  }
  return checked;
}

/** Where attachments live: UPLOAD_DIR, or `uploads/` beside the database; never under public/. */
export function uploadDir(): string {
  const configured = env().UPLOAD_DIR;
  const dir = configured
    ? path.resolve(/*turbopackIgnore: true*/ configured)
    : path.join(/*turbopackIgnore: true*/ path.dirname(databasePath()), 'uploads');
  const publicDir = path.resolve(/*turbopackIgnore: true*/ process.cwd(), 'public');
  const fromPublic = path.relative(publicDir, dir);
  if (fromPublic === '' || (!fromPublic.startsWith('..') && !path.isAbsolute(fromPublic))) {
    throw new Error(`UPLOAD_DIR must be outside the web root (${publicDir})`);
  }
  return dir;
}

/**
 * Writes checked files under fresh random names. The caller runs `discard()` if the transaction that
 * should reference them fails; it removes exactly these files and is safe to call twice.
 */
export function storeUploads(checked: CheckedUpload[]): {
  stored: StoredUpload[];
  discard: () => void;
} {
  // Most filings carry no files: nothing to write, no folder to resolve (env, paths) on each one.
  if (checked.length === 0) return { stored: [], discard: () => {} };
  const dir = uploadDir();
  const written: string[] = [];
  const discard = () => {
    for (const file of written) fs.rmSync(file, { force: true });
  };
  const stored: StoredUpload[] = [];
  try {
    fs.mkdirSync(dir, { recursive: true, mode: 0o700 });
    for (const upload of checked) {
      const storedName = crypto.randomUUID();
      const file = path.join(dir, storedName);
      // 'wx' refuses to overwrite: a name collision fails loudly instead of replacing evidence.
      fs.writeFileSync(file, upload.bytes, { mode: 0o600, flag: 'wx' });
      written.push(file);
      stored.push({
        storedName,
        originalName: upload.originalName,
        mimeType: upload.mimeType,
        sizeBytes: upload.sizeBytes,
        sha256: upload.sha256,
      });
    }
  } catch (error) {
    discard();
    throw error;
  }
  return { stored, discard };
}

/**
 * Writes checked files, runs the change that references them, and removes them again if that
 * change fails (or when `run` calls `discard` itself: a replayed submission records nothing): a file on disk always has its row, or is gone (a killed process leaves it to the
 * sweep, jobs/orphan-files.ts).
 */
export async function withStoredFiles<T>(
  checked: CheckedUpload[],
  run: (stored: StoredUpload[], discard: () => void) => Promise<T>,
): Promise<T> {
  const { stored, discard } = storeUploads(checked);
  try {
    return await run(stored, discard);
  } catch (error) {
    discard();
    throw error;
  }
}

/**
 * Inserts the metadata rows inside the caller's transaction (the files are already on disk) and
 * returns their ids, in the order given.
 */
export async function recordAttachments(
  tx: Conn,
  caseId: number,
  eventId: number | null,
  stored: StoredUpload[],
  visibility: EventVisibility = 'public',
  now: Date = new Date(),
  kind: AttachmentKind = 'file',
): Promise<number[]> {
  if (stored.length === 0) return [];
  return (
    await tx
      .insert(attachments)
      .values(
        stored.map((upload) => ({
          caseId,
          eventId,
          originalName: upload.originalName,
          storedName: upload.storedName,
          mimeType: upload.mimeType,
          sizeBytes: upload.sizeBytes,
          sha256: upload.sha256,
          visibility,
          kind,
          createdAt: now,
        })),
      )
      .returning({ id: attachments.id })
  ).map((row) => row.id);
}

/** Reads a stored file by its UUID name; anything else (a path, `..`) is refused before touching disk. */
export function readStoredUpload(storedName: string): Buffer {
  if (!UUID_NAME.test(storedName)) throw new AppError('NOT_FOUND', 'attachment not found');
  try {
    return fs.readFileSync(path.join(uploadDir(), storedName));
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') {
      throw new AppError('NOT_FOUND', 'attachment not found');
    }
    throw error;
  }
}
