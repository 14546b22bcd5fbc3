import fs from 'node:fs';
import path from 'node:path';

/**
 * The newest installed PostgreSQL's programs folder (Debian's `postgresql` package puts them in
 * /usr/lib/postgresql/<version>/bin), or null when none of 15 or later is there.
 */
export function pgBinDir(): string | null {
  const root = '/usr/lib/postgresql';
  if (!fs.existsSync(root)) return null;
  const versions = fs
    .readdirSync(root)
    .map(Number)
    .filter((v) => v >= 15)
    .sort((a, b) => b - a);
  return versions.length ? path.join(root, String(versions[0]), 'bin') : null;
}
