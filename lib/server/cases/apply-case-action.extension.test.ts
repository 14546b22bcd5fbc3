/**
 * applyCaseAction's extension (prórroga, art. 14 parágrafo): once, before expiry, within twice the
 * term, kept as the business days it adds. Dates as in apply-case-action.terms.test.ts.
 */
import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { cases } from '@/db/tables';
import type { Actor } from '../core/actor';
import { getOrganization, loadCalendar, receiptRuleOf } from '../core/organization';
import { bogota, captureAppError, caseRow, eventsOf } from '../testing/fixtures';
import { freshDbPerTest } from '../testing/fresh-db';
import { termsCases } from '../testing/terms-cases';
import { computeCaseTerm } from './case-terms';

const fresh = freshDbPerTest();
const { act, caseInProgress } = termsCases(fresh);

describe('extension (prórroga): once, before expiry, within twice the term', () => {
  // Day 30 counted from the same day 1 is 29 April 2026: the cap for a 15-day term.
  const extend = (newDueDate: string) => ({
    action: 'extend',
    reason: 'Requiere visita técnica',
    newDueDate,
  });

  it('is allowed up to the cap, and the due date becomes the new date', async () => {
    const id = await caseInProgress();
    const result = await act(
      id,
      extend('2026-04-29'),
      fresh.fx.agent,
      bogota('2026-04-08T23:59:00'),
    );
    expect(result).toMatchObject({ from: 'en_tramite', to: 'en_tramite' });
    const row = await caseRow(fresh.db, id);
    expect(row).toMatchObject({
      dueDate: '2026-04-29',
      extendedDueDate: '2026-04-29',
      extensionDays: 15,
      extensionReason: 'Requiere visita técnica',
    });
    expect(row.dueAt).toEqual(new Date('2026-04-30T04:59:59.999Z'));
    expect((await eventsOf(fresh.db, id)).at(-1)).toMatchObject({
      action: 'extend',
      visibility: 'public',
      data: { previousDueDate: '2026-04-08', newDueDate: '2026-04-29' },
    });
  });

  it('adds its business days to the term, so a later information request moves the new date', async () => {
    const id = await caseInProgress();
    // Tuesday 17 March: extended from 8 April to 20 April, 8 business days more.
    await act(id, extend('2026-04-20'), fresh.fx.agent, bogota('2026-03-17T09:00:00'));
    expect(await caseRow(fresh.db, id)).toMatchObject({ dueDate: '2026-04-20', extensionDays: 8 });
    // Then information is requested on 18 March and arrives on 26 March: 5 business days of
    // waiting (19, 20, 24, 25, 26; 23 is San José), so the extended date moves 5 business days.
    const customer: Actor = { role: 'customer', id: null, caseId: id };
    await act(
      id,
      { action: 'request_info', body: 'Adjunte la factura.' },
      fresh.fx.agent,
      bogota('2026-03-18T10:00:00'),
    );
    await act(
      id,
      { action: 'provide_info', body: 'Adjunta.' },
      customer,
      bogota('2026-03-26T09:00:00'),
    );
    expect(await caseRow(fresh.db, id)).toMatchObject({
      dueDate: '2026-04-27',
      extendedDueDate: '2026-04-20',
      isPaused: false,
    });
  });

  it('reads a case extended before extension days were kept by its new date', async () => {
    const id = await caseInProgress();
    await act(id, extend('2026-04-20'), fresh.fx.agent, bogota('2026-03-17T09:00:00'));
    await fresh.db.update(cases).set({ extensionDays: null }).where(eq(cases.id, id));
    const org = await getOrganization(fresh.db);
    const term = await computeCaseTerm(
      fresh.db,
      await caseRow(fresh.db, id),
      await loadCalendar(fresh.db, org),
      receiptRuleOf(org),
    );
    expect(term).toMatchObject({ status: 'running', dueDate: '2026-04-20', isExtended: true });
  });

  it.each([
    ['beyond the cap', '2026-04-30', 'beyond_cap'],
    ['not later than the current due date', '2026-04-08', 'not_later'],
    ['on a Saturday', '2026-04-25', 'not_business_day'],
  ])('is refused %s (VALIDATION on newDueDate)', async (_name, date, key) => {
    const id = await caseInProgress();
    const before = await caseRow(fresh.db, id);
    const error = await captureAppError(async () => await act(id, extend(date), fresh.fx.agent));
    expect(error.code).toBe('VALIDATION');
    expect(error.fieldErrors).toEqual({ newDueDate: [key] });
    expect(await caseRow(fresh.db, id)).toEqual(before);
  });

  it('is refused a second time', async () => {
    const id = await caseInProgress();
    await act(id, extend('2026-04-20'), fresh.fx.agent);
    const before = await caseRow(fresh.db, id);
    const error = await captureAppError(
      async () => await act(id, extend('2026-04-29'), fresh.fx.agent),
    );
    expect(error).toMatchObject({
      code: 'INVALID_TRANSITION',
      detail: { guard: 'already_extended' },
    });
    expect(await caseRow(fresh.db, id)).toEqual(before);
  });

  it('is refused after expiry', async () => {
    const id = await caseInProgress();
    const before = await caseRow(fresh.db, id);
    const error = await captureAppError(
      async () =>
        await act(id, extend('2026-04-29'), fresh.fx.agent, bogota('2026-04-09T00:00:00')),
    );
    expect(error).toMatchObject({ code: 'INVALID_TRANSITION', detail: { guard: 'term_expired' } });
    expect(await caseRow(fresh.db, id)).toEqual(before);
  });

  it('is refused for a Felicitación, which has no legal term', async () => {
    const id = await caseInProgress({ typeCode: 'F' });
    const error = await captureAppError(
      async () => await act(id, extend('2026-04-29'), fresh.fx.agent),
    );
    expect(error).toMatchObject({ code: 'INVALID_TRANSITION', detail: { guard: 'no_legal_term' } });
  });
});
