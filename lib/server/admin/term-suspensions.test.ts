/**
 * A suspension of terms (issue 16 §5): the open cases it covers move, each with a timeline entry
 * and a notice; cases filed while it lasts start with it; bad declarations are refused on a field.
 * Dates as in legal-term.test.ts: filed Friday 13 March 2026, 15 business days, due 8 April.
 */
import { and, eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { casePauses, outbox, termSuspensions } from '@/db/tables';
import type { Actor } from '../core/actor';
import { makeCtx } from '../core/context';
import { applyCaseAction } from '../cases/apply-case-action';
import { bogota, captureAppError, caseRow, eventsOf, fileCase } from '../testing/fixtures';
import { freshDbPerTest } from '../testing/fresh-db';
import { deliverDueToSmtp } from '../testing/smtp';
import { declareTermSuspension } from './term-suspensions';

const fresh = freshDbPerTest();

const MARCH_20 = bogota('2026-03-20T10:00:00');
const FILED = bogota('2026-03-13T16:30:00');
const declare = (input: Record<string, unknown>, actor: Actor = fresh.fx.admin, now = MARCH_20) =>
  declareTermSuspension(makeCtx(fresh.db, actor, now), input);
const APRIL = { act: 'Resolución 045 de 2026', fromDate: '2026-04-06', toDate: '2026-04-10' };
const mails = async (caseId: number) =>
  await fresh.db
    .select()
    .from(outbox)
    .where(and(eq(outbox.caseId, caseId), eq(outbox.kind, 'suspension')))
    .orderBy(outbox.id);

describe('a suspension of terms', () => {
  it('moves the due date of each open case it covers, with a timeline entry and a notice', async () => {
    const open = (await fileCase(fresh.db, {}, FILED)).id;
    const answered = (await fileCase(fresh.db, {}, FILED)).id;
    await applyCaseAction(makeCtx(fresh.db, fresh.fx.agent, MARCH_20), {
      caseId: answered,
      action: 'take',
    });
    await applyCaseAction(makeCtx(fresh.db, fresh.fx.agent, MARCH_20), {
      caseId: answered,
      action: 'answer',
      body: 'Respondido.',
      decision: 'concede',
    });
    const result = await declare(APRIL);
    expect(result).toMatchObject({ covered: 1, moved: 1 });
    // 6–10 April are five business days out of the term: 8 April becomes 15 April.
    expect(await caseRow(fresh.db, open)).toMatchObject({ dueDate: '2026-04-15' });
    expect((await caseRow(fresh.db, answered)).dueDate).toBe('2026-04-08');
    expect((await eventsOf(fresh.db, open)).at(-1)).toMatchObject({
      action: 'term_suspended',
      visibility: 'public',
      body: 'Resolución 045 de 2026',
      data: { previousDueDate: '2026-04-08', newDueDate: '2026-04-15' },
    });
    const [notice] = await mails(open);
    expect(notice!.subject).toBe(
      `Suspensión de términos en su solicitud ${(await caseRow(fresh.db, open)).radicado}`,
    );
    expect(notice!.bodyText).toContain(
      'Resolución 045 de 2026 (6 de abril de 2026 – 10 de abril de 2026)',
    );
    // It arrives: through a real SMTP server, to the petitioner.
    const arrived = (await deliverDueToSmtp(fresh.db, MARCH_20)).filter((m) =>
      m.subject?.startsWith('Suspensión de términos'),
    );
    expect(arrived).toHaveLength(1);
    expect(arrived[0]!.to).toMatchObject({ text: 'ana@example.co' });
    expect(arrived[0]!.text).toContain('15 de abril de 2026');
    expect(notice!.bodyText).toContain('15 de abril de 2026');
    expect(await mails(answered)).toEqual([]);
  });

  it('covers only the types it names', async () => {
    const reclamo = (await fileCase(fresh.db, { typeCode: 'R' }, FILED)).id;
    const peticion = (await fileCase(fresh.db, { typeCode: 'P' }, FILED)).id;
    await declare({ ...APRIL, scope: 'types', typeCodes: ['P'] });
    expect((await caseRow(fresh.db, reclamo)).dueDate).toBe('2026-04-08');
    expect((await caseRow(fresh.db, peticion)).dueDate).toBe('2026-04-15');
  });

  it('a case waiting on the petitioner keeps it for when the information arrives', async () => {
    const id = (await fileCase(fresh.db, {}, FILED)).id;
    const at = (iso: string) => makeCtx(fresh.db, fresh.fx.agent, bogota(iso));
    await applyCaseAction(at('2026-03-16T09:00:00'), { caseId: id, action: 'take' });
    await applyCaseAction(at('2026-03-18T10:00:00'), {
      caseId: id,
      action: 'request_info',
      body: 'Adjunte la factura.',
    });
    await declare(APRIL);
    expect(await caseRow(fresh.db, id)).toMatchObject({ dueDate: null, isPaused: true });
    expect(await mails(id)).toEqual([]);
    const customer: Actor = { role: 'customer', id: null, caseId: id };
    await applyCaseAction(makeCtx(fresh.db, customer, bogota('2026-03-26T09:00:00')), {
      caseId: id,
      action: 'provide_info',
      body: 'Aquí está.',
    });
    // Without the suspension the information request alone gives 15 April; with it, 22 April.
    expect((await caseRow(fresh.db, id)).dueDate).toBe('2026-04-22');
  });

  it('covers a case filed while it lasts from its first day', async () => {
    await declare(APRIL);
    const { id, dueDate } = await fileCase(fresh.db, {}, bogota('2026-04-07T09:00:00'));
    // Day 1 is Monday 13 April: 15 business days end on 4 May (1 May is Labour Day).
    expect(dueDate).toBe('2026-05-04');
    expect(await fresh.db.select().from(casePauses).where(eq(casePauses.caseId, id))).toHaveLength(
      1,
    );
    const after = await fileCase(fresh.db, {}, bogota('2026-04-13T09:00:00'));
    expect(await fresh.db.select().from(casePauses).where(eq(casePauses.caseId, after.id))).toEqual(
      [],
    );
  });

  it('refuses a suspension ending before it starts, a scope without types, and non-admins', async () => {
    const backwards = await captureAppError(() =>
      declare({ ...APRIL, fromDate: '2026-04-10', toDate: '2026-04-06' }),
    );
    expect(backwards).toMatchObject({
      code: 'VALIDATION',
      fieldErrors: { toDate: ['suspensionEndsBeforeStart'] },
    });
    const noTypes = await captureAppError(() => declare({ ...APRIL, scope: 'types' }));
    expect(noTypes).toMatchObject({ fieldErrors: { typeCodes: ['suspensionTypes'] } });
    expect((await captureAppError(() => declare(APRIL, fresh.fx.supervisor))).code).toBe(
      'FORBIDDEN',
    );
    expect(await fresh.db.select().from(termSuspensions)).toEqual([]);
  });
});
