/**
 * Benchmark data: N realistic cases over the last two years, bulk-inserted with prepared statements
 * in large transactions (not through the use cases, which would take hours for a million).
 * Rows follow the same rules the use cases apply: radicados sequential per year, due dates from
 * computeLegalTerm with the organisation's calendar, states consistent with their timestamps,
 * and audit events hash-chained exactly as appendEvent chains them.
 */
import { count, desc } from 'drizzle-orm';
import type { Db } from '@/db/client';
import { caseEvents, cases, caseTypeTerms, customers, organization } from '@/db/schema';
import { addCalendarDays, toLocalDate } from '@/lib/domain/calendar';
import type { CaseType } from '@/lib/domain/enums';
import { getOrganization, loadCalendar, receiptRuleOf } from '@/lib/server/core/organization';
import { rebuildSearchIndex, suspendSearchTriggers } from '@/db/sql/search';
import { insertCatalog } from './catalog';
import { DEFAULT_SEED, createRandom } from './random';
import { readCatalog } from './read-catalog';
import { createCaseWriter, type ScaleCounts } from './scale-cases';
import { buildDayTable, withoutIndexes } from './scale-support';

export const SCALE_DAYS = 730;
/** Rows per transaction: big enough to amortise commits, small enough to keep the WAL modest. */
const CASES_PER_TRANSACTION = 50_000;
/** Tables whose secondary indexes are dropped during the load and rebuilt after it. */
const BULK_TABLES = [
  'cases',
  'case_events',
  'customers',
  'consents',
  'promises',
  'quality_ratings',
  'result_ratings',
  'interactions',
];

export interface ScaleSummary extends ScaleCounts {
  seconds: number;
}

/** Filing weight of a day: weekdays busy, weekends and holidays quiet, volume growing over time. */
function dayWeight(isBusiness: boolean, weekday: number, progress: number): number {
  const base = isBusiness ? (weekday === 1 ? 1.15 : 1) : weekday === 6 ? 0.3 : 0.2;
  return base * (0.85 + 0.3 * progress);
}

export async function seedScale(
  db: Db,
  options: {
    cases: number;
    now: Date;
    seed?: number;
    /** Called between phases and after each transaction, for a progress line. */
    onProgress?: (message: string) => void;
    /** Drop secondary indexes during the load and rebuild them after (default true). */
    rebuildIndexes?: boolean;
  },
): Promise<ScaleSummary> {
  const progress = options.onProgress ?? (() => {});
  const started = performance.now();
  const { now } = options;
  const total = Math.floor(options.cases);
  if (!Number.isSafeInteger(total) || total < 1) throw new RangeError('cases must be ≥ 1');
  const sqlite = db.$client;
  if (!db.select().from(organization).get()) insertCatalog(db, { now });
  const existing =
    (db.select({ n: count() }).from(cases).get()?.n ?? 0) +
    (db.select({ n: count() }).from(customers).get()?.n ?? 0);
  if (existing > 0) throw new Error('seedScale fills a database without cases or customers.');

  const rnd = createRandom(options.seed ?? DEFAULT_SEED);
  const catalog = readCatalog(db);
  const org = await getOrganization(db);
  const cal = await loadCalendar(db, org);
  const today = toLocalDate(now, org.timeZone);
  const first = addCalendarDays(today, -(SCALE_DAYS - 1));
  // The table runs past today: due dates and late answers land after the last filing day.
  const table = buildDayTable(cal, first, addCalendarDays(today, 150));
  const terms = db.select().from(caseTypeTerms).orderBy(desc(caseTypeTerms.validFrom)).all();
  const termVersions = (code: CaseType) =>
    terms
      .filter((t) => t.typeCode === code)
      .map((t) => [t.validFrom.getTime(), t.termDays] as const);
  const lastEvent = db
    .select({ hash: caseEvents.hash })
    .from(caseEvents)
    .orderBy(desc(caseEvents.id))
    .get();
  const sequences = new Map<number, number>(
    (
      sqlite
        .prepare('SELECT year, last_value FROM radicado_sequences WHERE prefix = ?')
        .all(catalog.radicadoPrefix) as { year: number; last_value: number }[]
    ).map((r) => [r.year, r.last_value]),
  );

  // A third as many customers as cases: three filings each on average, some many more.
  const customerPool = Math.max(1, Math.ceil(total / 3));
  // Cases per day: weights normalised so the counts add up to exactly `total`.
  const todayIdx = SCALE_DAYS - 1;
  const weights = Array.from({ length: SCALE_DAYS }, (_, i) =>
    dayWeight(
      table.isBusiness[i] === 1,
      new Date(table.starts[i]! + 12 * 3_600_000).getUTCDay(),
      i / SCALE_DAYS,
    ),
  );
  const weightSum = weights.reduce((a, b) => a + b, 0);
  const perDay = new Int32Array(SCALE_DAYS);
  let cumulative = 0;
  let assigned = 0;
  for (let i = 0; i < SCALE_DAYS; i++) {
    cumulative += weights[i]!;
    const upTo = i === todayIdx ? total : Math.round((total * cumulative) / weightSum);
    perDay[i] = upTo - assigned;
    assigned = upTo;
  }

  const pragma = (p: string) => sqlite.pragma(p);
  const previousCache = sqlite.pragma('cache_size', { simple: true }) as number;
  pragma('journal_mode = WAL');
  pragma('synchronous = OFF');
  pragma('cache_size = -1048576'); // 1 GiB: index rebuilds sort in memory
  pragma('temp_store = MEMORY');
  // Every reference is generated from rows written in the same run; checking each costs a lookup.
  pragma('foreign_keys = OFF');
  let counts: ScaleCounts | undefined;
  // Re-indexing a case on each of its events would multiply the load: the index is built once,
  // from the finished rows.
  const restoreSearchTriggers = suspendSearchTriggers(db);
  try {
    const tables = options.rebuildIndexes === false ? [] : BULK_TABLES;
    withoutIndexes(sqlite, tables, () => {
      const writer = createCaseWriter({
        sqlite,
        rnd,
        catalog,
        cal,
        receiptRule: receiptRuleOf(org),
        table,
        todayIdx,
        nowMs: now.getTime(),
        customerPool,
        termVersions,
        sequences,
        prevHash: lastEvent?.hash ?? null,
        rangeStart: table.starts[0]!,
      });
      sqlite.transaction(() => writer.insertCustomers())();
      progress(`clientes: ${customerPool}`);
      let day = 0;
      while (day < SCALE_DAYS) {
        // Whole days per transaction, about CASES_PER_TRANSACTION cases each.
        let batch = 0;
        const from = day;
        while (day < SCALE_DAYS && (batch === 0 || batch + perDay[day]! <= CASES_PER_TRANSACTION)) {
          batch += perDay[day]!;
          day++;
        }
        sqlite.transaction(() => {
          for (let d = from; d < day; d++) writer.insertDay(d, perDay[d]!);
          writer.flush();
        })();
        progress(`casos: ${writer.written()} de ${total}`);
      }
      counts = sqlite.transaction(() => writer.finish())();
      progress('reconstruyendo índices');
    });
    progress('índice de búsqueda');
    rebuildSearchIndex(db);
  } finally {
    restoreSearchTriggers();
    pragma('foreign_keys = ON');
    pragma('synchronous = NORMAL');
    pragma('temp_store = DEFAULT');
  }
  progress('ANALYZE');
  sqlite.exec('ANALYZE');
  pragma('wal_checkpoint(TRUNCATE)');
  pragma(`cache_size = ${previousCache}`);
  if (!counts) throw new Error('Unreachable: the load ended without counts');
  return { ...counts, seconds: (performance.now() - started) / 1000 };
}
