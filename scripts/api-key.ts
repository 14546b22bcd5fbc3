/**
 * Issues an intake API key (until the administration pages exist):
 *   npm run -s api-key -- --channel whatsapp --name "WhatsApp línea 1" [--signed]
 * Prints the key (and with --signed the HMAC signing secret) once: only the key's hash is stored.
 * Into the PostgreSQL database of DATABASE_URL when it is set (the one the servers share), else
 * the SQLite file.
 */
import { parseArgs } from 'node:util';
import { openConfiguredDb } from '@/db/configured';
import { createApiKey, ensureIntakeChannel } from '@/lib/server/intake/keys';
import { REMOTE_CHANNELS } from '@/lib/validation/case-filing';

function fail(message: string): never {
  process.stderr.write(`api-key: ${message}\n`);
  process.stderr.write(
    `uso: npm run -s api-key -- --channel <${REMOTE_CHANNELS.join('|')}> --name "<nombre del canal>" [--signed]\n`,
  );
  process.exit(2);
}

let values: { channel?: string; name?: string; signed?: boolean };
try {
  ({ values } = parseArgs({
    options: {
      channel: { type: 'string' },
      name: { type: 'string' },
      signed: { type: 'boolean', default: false },
    },
  }));
} catch (error) {
  fail((error as Error).message);
}
const channel = REMOTE_CHANNELS.find((c) => c === values.channel);
if (!channel) fail(`--channel debe ser uno de: ${REMOTE_CHANNELS.join(', ')}`);
const name = values.name?.trim();
if (!name || name.length < 3) fail('falta --name (al menos 3 caracteres)');

const { db, close } = (await openConfiguredDb())!;
const channelId = await ensureIntakeChannel(db, name, channel);
const created = await createApiKey(db, {
  channelId,
  name: `${name} (${new Date().toISOString().slice(0, 10)})`,
  withSigningSecret: values.signed === true,
});
process.stdout.write(`Clave de API (guárdela: no se vuelve a mostrar):\n  ${created.key}\n`);
if (created.signingSecret) {
  process.stdout.write(`Secreto de firma HMAC:\n  ${created.signingSecret}\n`);
}
await close();
