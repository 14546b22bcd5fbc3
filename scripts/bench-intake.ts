/**
 * The intake use case in process (issue 15 §5): files cases through the API handler itself
 * (`createCaseViaApi`, with a real signed Request: key look-up, signature, rate limit, idempotency,
 * filing, constancia), one after another, and prints the time per case. It writes cases, so it
 * runs only on a database named explicitly, never the shared benchmark one:
 *   BENCH_DB=/tmp/my-copy.db npm run bench:intake [-- --cases 2000 --concurrency 16]
 * Profile it with `node --cpu-prof --import tsx/esm --conditions=react-server scripts/bench-intake.ts`.
 */
import { parseArgs } from 'node:util';
import { closeDatabase, openDb } from '@/db/client';
import { SYSTEM_ACTOR } from '@/lib/server/core/actor';
import { makeCtx } from '@/lib/server/core/context';
import { createCaseViaApi } from '@/lib/server/intake/handlers';
import { createIntakeKeys, intakeFilings, revokeIntakeKeys } from './bench-http/setup';

const { values: args } = parseArgs({
  options: {
    cases: { type: 'string', default: '2000' },
    warmup: { type: 'string', default: '200' },
    concurrency: { type: 'string', default: '1' },
  },
});
const file = process.env.BENCH_DB;
if (!file || file === '/tmp/ventanilla-bench.db') {
  process.stderr.write('BENCH_DB: a database of your own (this benchmark files cases in it).\n');
  process.exit(2);
}
process.env.NEXTAUTH_SECRET ??= 'bench-intake-secret-0123456789abcdef';
const total = Number(args.cases);
const warmup = Number(args.warmup);
/** Filings in flight at once (as requests overlap on a server): they may commit together. */
const concurrency = Math.max(1, Number(args.concurrency));

const db = openDb(file);
const keys = await createIntakeKeys(db, 60, Math.ceil((total + warmup) / 60) + 1);
const next = intakeFilings(keys);

async function fileOne(): Promise<void> {
  const { headers, body } = next();
  const request = new Request('http://127.0.0.1/api/v1/cases', { method: 'POST', headers, body });
  const response = await createCaseViaApi(makeCtx(db, SYSTEM_ACTOR), request);
  if (response.status !== 201) throw new Error(`${response.status}: ${await response.text()}`);
}

try {
  for (let i = 0; i < warmup; i += 1) await fileOne();
  const started = performance.now();
  const cpu = process.cpuUsage();
  let left = total;
  const worker = async () => {
    while (left > 0) {
      left -= 1;
      await fileOne();
    }
  };
  await Promise.all(Array.from({ length: concurrency }, worker));
  const ms = performance.now() - started;
  const used = process.cpuUsage(cpu);
  // CPU time too: on a shared machine the wall clock also counts other processes' turns.
  const cpuMs = (used.user + used.system) / 1000;
  process.stdout.write(
    `${total} casos en ${ms.toFixed(0)} ms: ${(ms / total).toFixed(2)} ms/caso, ${((total / ms) * 1000).toFixed(0)} casos/s; CPU ${(cpuMs / total).toFixed(2)} ms/caso\n`,
  );
} finally {
  await revokeIntakeKeys(db, keys, new Date());
  closeDatabase(db);
}
