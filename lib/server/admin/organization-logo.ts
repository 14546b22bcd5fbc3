import 'server-only';
import { fileTypeFromBuffer } from 'file-type';
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { databasePath } from '@/db/client';
import { organization } from '@/db/tables';
import { env } from '@/lib/env';
import { withTransaction, type Ctx } from '../core/context';
import { AppError } from '../core/errors';
import { requireRole } from '../core/guard';
import { getOrganization } from '../core/organization';
import { appendAdminEvent } from './admin-event';

export const LOGO_MAX_BYTES = 1024 * 1024;

/** Only raster images a browser will not run: no SVG (it can carry scripts). */
const LOGO_TYPES: Readonly<Record<string, string>> = { 'image/png': 'png', 'image/jpeg': 'jpg' };
const STORED_NAME = /^logo-[0-9a-f-]{36}\.(png|jpg)$/;

/** LOGO_DIR, or `branding/` next to the database: outside the web root (never under public/). */
export function logoDir(): string {
  const dir = env().LOGO_DIR;
  return dir
    ? path.resolve(/*turbopackIgnore: true*/ dir)
    : path.join(path.dirname(databasePath()), 'branding');
}

function refuse(key: 'fileEmpty' | 'logoTooLarge' | 'logoType'): AppError {
  return new AppError('VALIDATION', `logo refused: ${key}`, { fieldErrors: { logo: [key] } });
}

/**
 * Checks the logo by its content (PNG or JPEG, at most 1 MB), stores it and records the change.
 * The bytes are the uploaded file's, read by the entry point (not user fields to parse).
 */
export async function setOrganizationLogo(ctx: Ctx, input: { bytes: Uint8Array }) {
  requireRole(ctx.actor, 'admin');
  const { bytes } = input;
  if (bytes.length === 0) throw refuse('fileEmpty');
  if (bytes.length > LOGO_MAX_BYTES) throw refuse('logoTooLarge');
  const type = await fileTypeFromBuffer(bytes);
  const ext = type ? LOGO_TYPES[type.mime] : undefined;
  if (!ext) throw refuse('logoType');
  const storedName = `logo-${crypto.randomUUID()}.${ext}`;
  const dir = logoDir();
  fs.mkdirSync(dir, { recursive: true, mode: 0o700 });
  const file = path.join(dir, storedName);
  fs.writeFileSync(file, bytes, { mode: 0o600, flag: 'wx' });
  try {
    const previous = await withTransaction(ctx, async (tx) => {
      const current = await getOrganization(tx.db);
      await tx.db
        .insert(organization)
        .values({ ...current, id: 1, logoPath: storedName, updatedAt: tx.now })
        .onConflictDoUpdate({
          target: organization.id,
          set: { logoPath: storedName, updatedAt: tx.now },
        });
      await appendAdminEvent(tx, 'organization_updated', {
        before: { logoPath: current.logoPath },
        after: { logoPath: storedName },
      });
      return current.logoPath;
    });
    if (previous && STORED_NAME.test(previous)) {
      fs.rmSync(path.join(dir, previous), { force: true });
    }
  } catch (error) {
    fs.rmSync(file, { force: true });
    throw error;
  }
  return { logoPath: storedName };
}

/** The stored logo, if any, with the type it was checked as (public: it heads every page). */
export async function readOrganizationLogo(
  ctx: Ctx,
): Promise<{ bytes: Buffer; mime: string } | null> {
  const name = (await getOrganization(ctx.db)).logoPath;
  if (!name || !STORED_NAME.test(name)) return null;
  const file = path.join(logoDir(), name);
  if (!fs.existsSync(file)) return null;
  return {
    bytes: fs.readFileSync(file),
    mime: name.endsWith('.png') ? 'image/png' : 'image/jpeg',
  };
}
