/**
 * The demo data set: the catalog, then ~400 cases over the 90 days before `now`, each filed and
 * worked through the real use cases (createCase, applyCaseAction, applyPromiseAction) with a moving
 * clock, so every row, due date and audit event is what the application itself would have written.
 * Deterministic given (now, seed), apart from secrets the use cases draw themselves (anonymous
 * access codes) and the password salt.
 */
import { and, count, desc, eq } from 'drizzle-orm';
import { inOneTransaction, type Db } from '@/db/client';
import { cases, interactions, promises, qualityRatings, resultRatings } from '@/db/schema';
import { toLocalDate } from '@/lib/domain/calendar';
import { makeCtx, type Ctx } from '@/lib/server/core/context';
import { recordAnswerDelivery } from '@/lib/server/cases/answer-delivery';
import { caseRowById } from '@/lib/server/cases/case-id';
import { recordPostalDelivery } from '@/lib/server/cases/record-postal-delivery';
import { markAnswerSent } from '@/lib/server/notices/sender';
import { SYSTEM_ACTOR, type Actor } from '@/lib/server/core/actor';
import { applyCaseAction } from '@/lib/server/cases/apply-case-action';
import { applyPromiseAction } from '@/lib/server/cases/apply-promise-action';
import { termsInForce } from '@/lib/server/cases/case-terms';
import { getOrganization, loadCalendar, receiptRuleOf } from '@/lib/server/core/organization';
import { createCase } from '@/lib/server/cases/create-case';
import { isAppError } from '@/lib/server/core/errors';
import { personalize } from './action-texts';
import { HANDLE_TARGET_MINUTES, insertCatalog } from './catalog';
import type { ActorRef, CasePlan, DemoStep, RatingPlan } from './demo-history';
import { seedDemoProblems } from './demo-problems';
import { planDemo } from './demo-plan';
import { DEFAULT_SEED } from './random';
import { readCatalog } from './read-catalog';

export const DEFAULT_DEMO_CASES = 400;

export interface SeedFailure {
  planIndex: number;
  step: string;
  at: string;
  error: string;
}

export interface DemoSummary {
  cases: number;
  steps: number;
  distinctCustomers: number;
  /** Steps a use case refused; the rest of that case's history is skipped. Expected: none. */
  failures: SeedFailure[];
}

/** A step whose prerequisite (its case, merge target or promise) failed earlier. */
class MissingPrerequisite extends Error {}

function actorOf(ref: ActorRef, plan: CasePlan): Actor {
  switch (ref.kind) {
    case 'staff':
      return {
        role: ref.staff.role,
        id: ref.staff.id,
        teamId: ref.staff.teamId,
        name: ref.staff.name,
      };
    case 'customer':
      return { role: 'customer', id: null, caseId: plan.caseId ?? 0 };
    case 'system':
      return SYSTEM_ACTOR;
  }
}

/** Fills {nombre}/{radicado} in the texts of an action, once the radicado is known. */
function personalized(input: Record<string, unknown>, plan: CasePlan): Record<string, unknown> {
  const values = {
    nombre: plan.filing.customer?.fullName.split(' ')[0] ?? 'ciudadano(a)',
    radicado: plan.radicado ?? '',
  };
  return Object.fromEntries(
    Object.entries(input).map(([key, value]) => [
      key,
      typeof value === 'string' ? personalize(value, values) : value,
    ]),
  );
}

const TIMED_ACTIONS = new Set(['reply', 'answer', 'request_info', 'log_interaction']);
/** Around the type's target, one step in eight well past it: the long tail /calidad shows. */
const HANDLE_FACTORS = [0.4, 0.6, 0.8, 0.9, 1, 1.1, 1.4, 2.5];

/** What an agent sends carries the minutes they spent (drawn without the plan's random stream). */
function withHandleTime(
  input: Record<string, unknown>,
  plan: CasePlan,
  step: DemoStep,
): Record<string, unknown> {
  if (!TIMED_ACTIONS.has(String(input.action))) return input;
  const factor = HANDLE_FACTORS[(plan.index + step.at.getUTCMinutes()) % HANDLE_FACTORS.length]!;
  const target = HANDLE_TARGET_MINUTES[plan.typeCode];
  return { ...input, handleMinutes: Math.max(1, Math.round(target * factor)) };
}

function insertRating(db: Db, caseId: number, rating: RatingPlan, at: Date) {
  const answer = db
    .select({ id: interactions.id })
    .from(interactions)
    .where(and(eq(interactions.caseId, caseId), eq(interactions.direction, 'outbound')))
    .orderBy(desc(interactions.id))
    .get();
  if (rating.result) {
    db.insert(resultRatings).values({ caseId, answer: rating.result, createdAt: at }).run();
  }
  if (rating.quality) {
    db.insert(qualityRatings)
      .values({
        caseId,
        interactionId: answer?.id ?? null,
        source: 'customer',
        agentId: rating.agentId,
        ...rating.quality,
        createdAt: at,
      })
      .run();
  }
  if (rating.review) {
    const { reviewerId, ...scores } = rating.review;
    db.insert(qualityRatings)
      .values({
        caseId,
        interactionId: answer?.id ?? null,
        source: 'supervisor',
        reviewerId,
        agentId: rating.agentId,
        ...scores,
        // A quality review happens a day or two after the answer.
        createdAt: new Date(at.getTime() + 86_400_000),
      })
      .run();
  }
}

/**
 * The answer reaches the petitioner as the product records it: the queued e-mail sent (markSent,
 * as the sender does when the server accepts it), the letter of a postal case posted that day, or,
 * with nowhere to send it (an anonymous petitioner), the answer read on the portal.
 */
async function deliverFirstAnswer(ctx: Ctx, caseId: number): Promise<void> {
  const row = await caseRowById(ctx.db).get({ id: caseId });
  if (!row) throw new MissingPrerequisite('case missing');
  if (row.responseMedium === 'postal') {
    const postedOn = toLocalDate(ctx.now, (await getOrganization(ctx.db)).timeZone);
    await recordPostalDelivery(ctx, { caseId, postedOn });
    return;
  }
  if (!(await markAnswerSent(ctx.db, caseId, ctx.now))) {
    await recordAnswerDelivery(ctx.db, caseId, ctx.now, 'portal');
  }
}

async function runStep(db: Db, plan: CasePlan, step: DemoStep): Promise<void> {
  const ctx = makeCtx(db, actorOf(step.actor, plan), step.at);
  const body = step.body;
  if (body.kind === 'create') {
    const created = await createCase(ctx, body.filing);
    plan.caseId = created.id;
    plan.radicado = created.radicado;
    return;
  }
  const caseId = plan.caseId;
  if (caseId === null) throw new MissingPrerequisite('case not created');
  switch (body.kind) {
    case 'action':
      await applyCaseAction(ctx, {
        caseId,
        ...withHandleTime(personalized(body.input, plan), plan, step),
      });
      return;
    case 'merge':
      if (body.target.caseId === null) throw new MissingPrerequisite('merge target missing');
      await applyCaseAction(ctx, { caseId, action: 'merge', targetCaseId: body.target.caseId });
      return;
    case 'add_promise': {
      await applyCaseAction(ctx, { caseId, ...body.input });
      const made = db
        .select({ id: promises.id })
        .from(promises)
        .where(eq(promises.caseId, caseId))
        .orderBy(desc(promises.id))
        .get();
      if (made) plan.promiseIds.set(body.chain, made.id);
      return;
    }
    case 'promise': {
      const promiseId = plan.promiseIds.get(body.chain);
      if (promiseId === undefined) throw new MissingPrerequisite('promise missing');
      const result = await applyPromiseAction(ctx, { promiseId, ...body.input });
      if (result.successorId !== null) plan.promiseIds.set(body.chain, result.successorId);
      return;
    }
    case 'rate':
      insertRating(db, caseId, body.rating, step.at);
      return;
    case 'deliver':
      await deliverFirstAnswer(ctx, caseId);
      return;
  }
}

export async function seedDemo(
  db: Db,
  options: { now: Date; cases?: number; seed?: number },
): Promise<DemoSummary> {
  const { now } = options;
  insertCatalog(db, { now });
  const catalog = readCatalog(db);
  const org = await getOrganization(db);
  // The same calendar and receipt rule the use cases apply, so planned dates match theirs.
  const cal = await loadCalendar(db, org);
  const { plans, distinctCustomers } = planDemo({
    now,
    cases: options.cases ?? DEFAULT_DEMO_CASES,
    seed: options.seed ?? DEFAULT_SEED,
    catalog,
    cal,
    receiptRule: receiptRuleOf(org),
    termDaysOf: await termsInForce(db),
  });

  // Replay every case's steps in global time order, as they would have happened.
  const queue = plans.flatMap((plan) => plan.steps.map((step, order) => ({ plan, step, order })));
  queue.sort(
    (x, y) =>
      x.step.at.getTime() - y.step.at.getTime() || x.plan.index - y.plan.index || x.order - y.order,
  );
  const failures: SeedFailure[] = [];
  const failed = new Set<CasePlan>();
  // One outer transaction: each use case's own transaction becomes a savepoint inside it.
  await inOneTransaction(db, async () => {
    for (const { plan, step } of queue) {
      if (failed.has(plan)) continue;
      try {
        await runStep(db, plan, step);
      } catch (error) {
        // A refusal by a use case is reported and ends that case's history; anything else is a bug.
        if (!isAppError(error) && !(error instanceof MissingPrerequisite)) throw error;
        failed.add(plan);
        failures.push({
          planIndex: plan.index,
          step: step.body.kind === 'action' ? String(step.body.input.action) : step.body.kind,
          at: step.at.toISOString(),
          error: isAppError(error)
            ? `${error.code} ${error.message} ${JSON.stringify(error.fieldErrors ?? {})}`
            : error.message,
        });
      }
    }
  });
  await seedDemoProblems(db, catalog, now);
  const total = db.select({ n: count() }).from(cases).get()?.n ?? 0;
  return { cases: total, steps: queue.length, distinctCustomers, failures };
}
