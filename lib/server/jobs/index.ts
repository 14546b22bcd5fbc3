import 'server-only';
import { env, type Env } from '@/lib/env';
import type { Ctx } from '../core/context';
import { engineInUse, type Engine } from '@/db/engine';
import { scheduledBackup } from './backups';
import { autoCloseAnswered } from './auto-close';
import { breakOverduePromises } from './break-promises';
import { sendDailyDigests } from './daily-digest';
import { sendPromiseDueAlerts } from './promise-alerts';
import { sweepAnonymisedFiles } from '../admin/anonymised-files';
import { sweepOrphanFiles } from './orphan-files';
import { sendDeadlineAlerts } from './deadline-alerts';
import { markUndeliveredOverdue } from '../cases/answer-delivery';
import { returnCasesOfLongAbsence } from './long-absence';
import { acceptDocumentRequestsBySilence } from './pd-silence';
import { mergeSearchIndex } from './search-merge';
import { sendSurveys } from './surveys';
import { withdrawTacitly } from './tacit-withdrawal';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;

export interface Job {
  name: string;
  everyMs: number;
  /**
   * Does the job's work as the system, as of `ctx.now` (the runner builds the context once per
   * tick, so tests move time). Idempotent.
   */
  run: (ctx: Ctx) => Promise<unknown> | unknown;
  /** Only on this engine: work PostgreSQL does itself, or that has no PostgreSQL path yet. */
  only?: Engine;
}

/** The scheduled jobs (issue: channels §4). Each is safe to run twice and on two instances. */
export const JOBS: readonly Job[] = [
  { name: 'promises.break', everyMs: 5 * MINUTE, run: breakOverduePromises },
  { name: 'promises.due_soon', everyMs: 5 * MINUTE, run: sendPromiseDueAlerts },
  // Looks every 15 minutes; sends each person's digest once a day, from DIGEST_HOUR.
  { name: 'notifications.digest', everyMs: 15 * MINUTE, run: (ctx) => sendDailyDigests(ctx) },
  { name: 'deadlines.alerts', everyMs: 15 * MINUTE, run: sendDeadlineAlerts },
  { name: 'cases.tacit_withdrawal', everyMs: 60 * MINUTE, run: withdrawTacitly },
  { name: 'cases.pd_silence', everyMs: 15 * MINUTE, run: acceptDocumentRequestsBySilence },
  // An answer still undelivered when its due date ends is late (vencido sin notificar).
  {
    name: 'cases.undelivered_overdue',
    everyMs: 15 * MINUTE,
    run: async (ctx) => await markUndeliveredOverdue(ctx.db, ctx.now),
  },
  { name: 'cases.auto_close', everyMs: 60 * MINUTE, run: autoCloseAnswered },
  { name: 'surveys.send', everyMs: 60 * MINUTE, run: sendSurveys },
  { name: 'files.sweep_orphans', everyMs: 60 * MINUTE, run: sweepOrphanFiles },
  { name: 'files.sweep_anonymised', everyMs: 60 * MINUTE, run: sweepAnonymisedFiles },
  { name: 'staff.long_absence', everyMs: 15 * MINUTE, run: (ctx) => returnCasesOfLongAbsence(ctx) },
  // Searches seek once per index segment and per word: the day's filings are merged in. (FTS5's
  // segments; PostgreSQL's GIN index folds its pending entries in by itself, at vacuum.)
  {
    name: 'search.merge',
    everyMs: 60 * MINUTE,
    run: (ctx) => mergeSearchIndex(ctx),
    only: 'sqlite',
  },
];

/**
 * The jobs this installation runs: the fixed ones of its engine, and the backup when
 * BACKUP_INTERVAL_HOURS is set (a copy of the SQLite file, or pg_dump's copy on PostgreSQL).
 */
export function scheduledJobs(
  config: Pick<Env, 'BACKUP_INTERVAL_HOURS'> = env(),
  engine: Engine = engineInUse(),
): Job[] {
  const hours = config.BACKUP_INTERVAL_HOURS;
  const backup: Job[] =
    hours === undefined
      ? []
      : [
          {
            name: 'backups.scheduled',
            everyMs: Math.round(hours * HOUR),
            run: (ctx) => scheduledBackup(ctx),
          },
        ];
  return [...JOBS, ...backup].filter((job) => job.only === undefined || job.only === engine);
}
