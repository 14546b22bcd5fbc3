import { mapInOrder } from '@/lib/server/core/in-order';
/**
 * What `npm run bench:http` needs from the database before the server starts: the search index as
 * the hourly merge leaves it, an old case to open (staff and petitioner), and intake API keys. The
 * keys are the only rows the benchmark writes itself (besides the cases its requests file); they
 * are revoked when it ends.
 */
import { and, desc, eq, inArray, isNotNull, isNull, lte } from 'drizzle-orm';
import { randomBytes } from 'node:crypto';
import type { Conn, Db } from '@/db/client';
import { first } from '@/db/rows';
import { searchIndexSegments } from '@/db/sql/search';
import { cases, customers } from '@/db/schema';
// The served database's tables (PostgreSQL's with DATABASE_URL): the keys and the copy's cases.
import { apiKeys, cases as servedCases } from '@/db/tables';
import { API_RATE } from '@/lib/server/intake/handlers';
import { createApiKey, ensureIntakeChannel } from '@/lib/server/intake/keys';
import { signBody } from '@/lib/server/intake/signature';
import { SYSTEM_ACTOR } from '@/lib/server/core/actor';
import { makeCtx } from '@/lib/server/core/context';
import { mergeSearchIndex } from '@/lib/server/jobs/search-merge';

const DAY_MS = 24 * 60 * 60 * 1000;

/**
 * Merges the search index as the server's hourly job would (lib/server/jobs/search-merge.ts):
 * the benchmark's server runs without jobs, so each intake run's filings leave segments that a
 * server in service would have merged since (about 9 s at a million cases). Returns the segments
 * before and after.
 */
export async function mergeSearchIndexAsTheJobWould(db: Db) {
  const before = searchIndexSegments(db);
  const after = await mergeSearchIndex(makeCtx(db, SYSTEM_ACTOR));
  return { before, after };
}

/**
 * The newest answered or closed case at least two years old (700 days: the seed covers 730) in
 * the team's queue, whose petitioner is on record: the staff and the petitioner open the same one.
 */
export function findOldCase(db: Db, teamId: number, now: Date): { id: number; radicado: string } {
  const found = db
    .select({ id: cases.id, radicado: cases.radicado })
    .from(cases)
    .innerJoin(customers, eq(customers.id, cases.customerId))
    .where(
      and(
        eq(cases.teamId, teamId),
        lte(cases.receivedAt, new Date(now.getTime() - 700 * DAY_MS)),
        inArray(cases.state, ['respondida', 'cerrada']),
        isNotNull(cases.answeredAt),
        isNull(customers.anonymizedAt),
      ),
    )
    .orderBy(desc(cases.receivedAt))
    .limit(1)
    .get();
  if (!found) throw new Error(`No answered case two years old in team ${teamId}.`);
  return found;
}

export interface IntakeKey {
  id: number;
  key: string;
  secret: string;
}

/**
 * Signed keys of one 'api' channel, enough that the per-key rate limit (API_RATE) never answers
 * 429 at up to `maxPerSecond` filings for `seconds`: many channels filing at once, as in production.
 */
export async function createIntakeKeys(
  db: Conn,
  seconds: number,
  maxPerSecond: number,
): Promise<IntakeKey[]> {
  const windows = Math.max(1, Math.ceil(seconds / API_RATE.durationSeconds));
  const count = Math.ceil((maxPerSecond * seconds) / (API_RATE.points * windows)) + 1;
  const channelId = await ensureIntakeChannel(db, 'Benchmark HTTP (bench:http)', 'api');
  return mapInOrder(
    Array.from({ length: count }, (_, i) => i),
    async (i) => {
      const created = await createApiKey(db, {
        channelId,
        name: `bench:http ${new Date().toISOString()} #${i + 1}`,
        withSigningSecret: true,
      });
      return { id: created.id, key: created.key, secret: created.signingSecret! };
    },
  );
}

export async function revokeIntakeKeys(
  db: Conn,
  keys: readonly IntakeKey[],
  now: Date,
): Promise<void> {
  if (keys.length === 0) return;
  await db
    .update(apiKeys)
    .set({ revokedAt: now })
    .where(
      inArray(
        apiKeys.id,
        keys.map((k) => k.id),
      ),
    );
}

/**
 * The copy on PostgreSQL holds `oldCase` as it is in the SQLite file it was copied from (db:copy
 * keeps ids): the staff and the petitioner open the same case on both engines.
 */
export async function holdsCase(db: Conn, oldCase: { id: number; radicado: string }) {
  const found = await first(
    db
      .select({ radicado: servedCases.radicado })
      .from(servedCases)
      .where(eq(servedCases.id, oldCase.id)),
  );
  return found?.radicado === oldCase.radicado;
}

/**
 * A new filing per call, each by a new petitioner (a document number of this run), through the
 * keys in turn, signed as a channel signs (`X-Ventanilla-Signature` over the raw body).
 */
export function intakeFilings(keys: readonly IntakeKey[]) {
  const run = randomBytes(3).toString('hex').toUpperCase();
  let n = 0;
  return () => {
    n += 1;
    const key = keys[n % keys.length]!;
    const body = JSON.stringify({
      typeCode: 'P',
      subject: `Solicitud de revisión del medidor ${n}`,
      description:
        'Solicito una revisión del medidor porque hace ruido y creo que no está marcando bien el consumo.',
      customer: {
        documentType: 'CC',
        documentNumber: `B${run}${n}`,
        fullName: 'Persona de Prueba de Carga',
        email: `carga.${run.toLowerCase()}.${n}@bench.test`,
      },
      hasConsent: true,
    });
    return {
      headers: {
        'Content-Type': 'application/json',
        Authorization: `Bearer ${key.key}`,
        'X-Ventanilla-Signature': signBody(key.secret, body, Math.floor(Date.now() / 1000)),
      },
      body,
    };
  };
}
