import 'server-only';
import { z } from 'zod';
import type { Conn } from '@/db/client';
import { toLocalDate, type LocalDate } from '@/lib/domain/calendar';
import type { CaseType, Channel } from '@/lib/domain/enums';
import {
  SEMESTER_PATTERN,
  closedSemesters,
  semesterOf,
  semesterPeriod,
  type Semester,
} from '@/lib/domain/report-periods';
import type { Ctx } from '../core/context';
import { AppError } from '../core/errors';
import { getOrganization } from '../core/organization';
import { parseInput } from '../core/parse';
import { buildPqrsReport, type ReportFigures } from './pqrs-report';

/** What the public page shows of a group of cases: counts and times, never a person or a text. */
export type PublicFigures = Pick<
  ReportFigures,
  'received' | 'answered' | 'onTime' | 'late' | 'averageBusinessDays' | 'transferred'
>;

export interface TransparencyReport {
  organization: string;
  semester: Semester;
  /** The semester's days, up to today while it is the current one. */
  from: LocalDate;
  to: LocalDate;
  /** The semesters the page offers: the current one, then the closed ones, newest first. */
  semesters: Semester[];
  received: { typeCode: CaseType; channel: Channel; count: number }[];
  channels: Channel[];
  byType: (PublicFigures & { typeCode: CaseType })[];
  total: PublicFigures;
}

const OFFERED_CLOSED_SEMESTERS = 5;
/** Figures of a semester move slowly: one computation serves every visitor for this long. */
const FRESH_MS = 5 * 60_000;

const TransparencyInput = z.object({
  semester: z
    .string()
    .regex(SEMESTER_PATTERN, { error: 'semester' })
    .transform((s) => s as Semester)
    .optional(),
});

/** Whether the portal links to the page (its footer). */
export async function isTransparencyPublished(ctx: Ctx): Promise<boolean> {
  return (await getOrganization(ctx.db)).publishTransparency;
}

const kept = new WeakMap<Conn, Map<string, { at: number; report: TransparencyReport }>>();

function publicFigures(f: ReportFigures): PublicFigures {
  const { received, answered, onTime, late, averageBusinessDays, transferred } = f;
  return { received, answered, onTime, late, averageBusinessDays, transferred };
}

/**
 * The PQRS figures an entity publishes (Ley 1712 de 2014, transparency; DOMAIN.md §11): cases
 * received by type and channel, answered on time and late, average business days and transfers,
 * for one semester (the last closed one by default), from the same figures as the PQRS report.
 * Anyone may read it once the admin publishes it; before that it does not exist (NOT_FOUND).
 */
export async function transparencyReport(ctx: Ctx, input: unknown): Promise<TransparencyReport> {
  const { db, now } = ctx;
  const org = await getOrganization(db);
  if (!org.publishTransparency) throw new AppError('NOT_FOUND', 'transparency page not published');
  const { semester: asked } = parseInput(TransparencyInput, input);
  const today = toLocalDate(now, org.timeZone);
  const current = semesterOf(today);
  const semesters = [current, ...closedSemesters(today, OFFERED_CLOSED_SEMESTERS)];
  const semester = asked ?? semesters[1]!;
  if (semesterPeriod(semester).from > today) {
    throw new AppError('NOT_FOUND', 'a semester still to come');
  }
  const key = `${semester}|${org.timeZone}|${org.name}`;
  const cache = kept.get(db) ?? new Map<string, { at: number; report: TransparencyReport }>();
  kept.set(db, cache);
  const hit = cache.get(key);
  if (hit && now.getTime() - hit.at < FRESH_MS && hit.report.semesters[0] === current) {
    return hit.report;
  }
  const period = semesterPeriod(semester);
  const to = period.to < today ? period.to : today;
  const full = await buildPqrsReport(db, { from: period.from, to, by: 'team' }, org.timeZone, now);
  const report: TransparencyReport = {
    organization: org.name,
    semester,
    from: period.from,
    to,
    semesters,
    received: full.received,
    channels: full.channels,
    byType: full.byType.map((t) => ({ typeCode: t.typeCode, ...publicFigures(t) })),
    total: publicFigures(full.total),
  };
  if (cache.size > 20) cache.clear();
  cache.set(key, { at: now.getTime(), report });
  return report;
}
