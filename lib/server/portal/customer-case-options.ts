import 'server-only';
import { z } from 'zod';
import { decideTransition, type CaseAction } from '@/lib/domain/case-machine';
import { regimeRules } from '@/lib/domain/regimes';
import { waitingPeriodEnd } from '@/lib/domain/waiting-period';
import { buildContext, openPauseOf, snapshotOf } from '../cases/apply-case-action';
import { canAccessCase } from '../cases/case-access';
import { caseRowById } from '../cases/case-id';
import type { Ctx } from '../core/context';
import { AppError } from '../core/errors';
import { getOrganization } from '../core/organization';
import { parseInput } from '../core/parse';
import { hasRated } from './rate-case';

/** Placeholder inputs: only role, state and guards decide what a petitioner is offered. */
const PROBES: Partial<Record<CaseAction, Record<string, unknown>>> = {
  provide_info: { body: '·' },
  disagree: { reason: '·' },
  request_callback: { preferredAt: '·' },
};

const CaseTarget = z.object({ caseId: z.number().int().positive() });

/**
 * Which of the petitioner's own actions the case allows now (the server re-checks each one), or
 * null when there is no such case.
 */
export async function customerCaseOptions(ctx: Ctx, input: { caseId: number }) {
  const { caseId } = parseInput(CaseTarget, input);
  const { db, actor, now } = ctx;
  const row = await caseRowById(db).get({ id: caseId });
  if (!row) return null;
  if (!canAccessCase(actor, row)) throw new AppError('FORBIDDEN', 'not your case');
  const org = await getOrganization(db);
  // The context differs between actions only for an extension, which is not the petitioner's.
  const machine = await buildContext(db, row, { action: 'provide_info' }, actor, org, now);
  const snapshot = snapshotOf(row);
  const allows = (action: CaseAction) =>
    decideTransition(snapshot, action, PROBES[action] ?? {}, machine).ok;
  const isAnswered = row.state === 'respondida' || row.state === 'cerrada';
  const rated = await hasRated(db, caseId);
  const openPause =
    row.state === 'requiere_informacion' ? await openPauseOf(db).get({ caseId }) : null;
  return {
    canProvideInfo: allows('provide_info'),
    canAskMoreTime: allows('ask_more_time'),
    /** The last day to send the requested information before the case ends as withdrawn. */
    answerBy: openPause
      ? {
          date: waitingPeriodEnd(
            openPause.pausedAt,
            org.timeZone,
            openPause.moreTimeAt !== null,
            regimeRules(row.regime).withdrawalMonths,
          ),
          withMoreTime: openPause.moreTimeAt !== null,
        }
      : null,
    canDisagree: isAnswered && allows('disagree'),
    canRequestCallback: allows('request_callback'),
    canRate: isAnswered && !rated,
    hasRated: rated,
    disagreementWindowDays: org.disagreementWindowDays,
    timeZone: org.timeZone,
  };
}
