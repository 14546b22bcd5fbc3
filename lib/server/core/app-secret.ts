import 'server-only';
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { databasePath } from '@/db/client';
import { env } from '@/lib/env';

let generated: { file: string; secret: string } | undefined;

/**
 * The one secret everything signed or sealed derives from (sessions, case links, API signing
 * secrets, webhook secrets): NEXTAUTH_SECRET, or for a demo install without it, a random secret
 * kept in `.auth-secret` beside the database. The server (scripts/start.ts) and the CLI scripts
 * (`npm run api-key`) read it from here, so what one seals the other opens. Production requires
 * NEXTAUTH_SECRET.
 */
export function appSecret(): string {
  const { NEXTAUTH_SECRET, NODE_ENV } = env();
  if (NEXTAUTH_SECRET) return NEXTAUTH_SECRET;
  if (NODE_ENV === 'production') {
    throw new Error('NEXTAUTH_SECRET is required in production (see .env.example).');
  }
  const file = path.join(path.dirname(databasePath()), '.auth-secret');
  if (generated?.file === file) return generated.secret;
  fs.mkdirSync(path.dirname(file), { recursive: true });
  try {
    // 'wx': two processes starting together keep the first one's secret.
    fs.writeFileSync(file, randomBytes(32).toString('base64url'), { mode: 0o600, flag: 'wx' });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
  }
  generated = { file, secret: fs.readFileSync(file, 'utf8').trim() };
  return generated.secret;
}
