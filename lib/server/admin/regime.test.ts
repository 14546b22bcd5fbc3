/**
 * Regimes (issue 16 §6): general (Ley 1755), personal data (Ley 1581) and public utilities (Ley
 * 142), each with its types, terms, extension limits, anonymity and silence, chosen by the admin.
 * Filed Friday 13 March 2026 16:30: day 1 is Monday 16 March; San José (23 March) and Holy
 * Thursday and Friday (2 and 3 April) are holidays. Day 10 is 30 March, day 15 is 8 April, day 23
 * is 20 April, day 30 is 29 April.
 */
import { and, eq } from 'drizzle-orm';
import { first } from '@/db/rows';
import { describe, expect, it } from 'vitest';
import { casePauses, promises } from '@/db/tables';
import { computeLegalTerm, extensionCap } from '@/lib/domain/legal-term';
import { REGIMES, regimeRules } from '@/lib/domain/regimes';
import type { CaseType } from '@/lib/domain/enums';
import { applyCaseAction } from '../cases/apply-case-action';
import { SYSTEM_ACTOR } from '../core/actor';
import { makeCtx } from '../core/context';
import { loadCalendar } from '../core/organization';
import { JOBS } from '../jobs';
import { freshDbPerTest } from '../testing/fresh-db';
import { bogota, captureAppError, caseRow, fileCase } from '../testing/fixtures';
import { deliverDueToSmtp } from '../testing/smtp';
import { setRegime } from './regime';
import { listCaseTypeConfig, setTerm, updateCaseType } from './terms';

const fresh = freshDbPerTest();
const FILED = bogota('2026-03-13T16:30:00');
const REASON = 'Resolución 045 de 2026';

const choose = (regime: string, at = bogota('2026-03-01T09:00:00')) =>
  setRegime(makeCtx(fresh.db, fresh.fx.admin, at), { regime, reason: REASON });
const file = async (typeCode: CaseType, extra = {}) =>
  (await fileCase(fresh.db, { typeCode, ...extra }, FILED)).id;
const act = (id: number, input: Record<string, unknown>, at: Date, actor = fresh.fx.agent) =>
  applyCaseAction(makeCtx(fresh.db, actor, at), { caseId: id, ...input });
const runJob = async (name: string, now: Date) =>
  await JOBS.find((j) => j.name === name)!.run(makeCtx(fresh.db, SYSTEM_ACTOR, now));
const guardOf = async (fn: () => unknown) => (await captureAppError(fn)).detail?.guard;

describe('the three regimes’ terms on the calendar', () => {
  const termOf = async (termDays: number, maxExtension?: number) => {
    const cal = await loadCalendar(fresh.db);
    const input = { receivedAt: FILED, termDays };
    const term = computeLegalTerm(input, cal);
    return {
      due: term.status === 'running' ? term.dueDate : null,
      cap: extensionCap(input, cal, maxExtension),
    };
  };

  it('general: a petition 15 days, up to the double; a consulta 30', async () => {
    expect(await termOf(15)).toEqual({ due: '2026-04-08', cap: '2026-04-29' });
    expect((await termOf(30)).due).toBe('2026-04-29');
  });

  it('personal data: a query 10 days + 5, a claim 15 + 8', async () => {
    const { C, R } = regimeRules('habeas_data').types;
    expect(await termOf(C!.termDays!, C!.extensionDays!)).toEqual({
      due: '2026-03-30',
      cap: '2026-04-08',
    });
    expect(await termOf(R!.termDays!, R!.extensionDays!)).toEqual({
      due: '2026-04-08',
      cap: '2026-04-20',
    });
  });

  it('public utilities: 15 days and no extension', async () => {
    const { R } = regimeRules('public_utilities').types;
    expect(await termOf(R!.termDays!, R!.extensionDays!)).toEqual({
      due: '2026-04-08',
      cap: '2026-04-08',
    });
  });

  it('ships only terms of at least one day and extensions no longer than their term', () => {
    for (const regime of REGIMES) {
      for (const type of Object.values(regimeRules(regime).types)) {
        if (type.termDays === null) continue;
        expect(type.termDays).toBeGreaterThan(0);
        expect(type.extensionDays ?? type.termDays).toBeLessThanOrEqual(type.termDays);
      }
    }
  });
});

describe('choosing a regime', () => {
  it('gives new cases its types, terms and anonymity; cases filed before keep theirs', async () => {
    const before = (await fileCase(fresh.db, { typeCode: 'C' }, bogota('2026-02-27T10:00:00'))).id;
    await choose('habeas_data');
    const types = await listCaseTypeConfig(makeCtx(fresh.db, fresh.fx.admin, FILED));
    const byCode = Object.fromEntries(types.map((t) => [t.code, t]));
    expect(byCode.C).toMatchObject({ termDays: 10, extensionDays: 5, isActive: true });
    expect(byCode.R).toMatchObject({ termDays: 15, extensionDays: 8, allowsAnonymous: false });
    expect(byCode.P).toMatchObject({ isActive: false });

    const query = await file('C');
    expect(await caseRow(fresh.db, query)).toMatchObject({
      termDays: 10,
      dueDate: '2026-03-30',
      regime: 'habeas_data',
    });
    expect(await caseRow(fresh.db, before)).toMatchObject({ termDays: 30, regime: 'general' });
    const inactive = await captureAppError(() => file('P'));
    expect(inactive.fieldErrors).toEqual({ typeCode: ['invalid'] });
    const anonymous = await captureAppError(() =>
      file('R', { isAnonymous: true, customer: undefined }),
    );
    expect(anonymous.code).toBe('VALIDATION');
  });

  it('lets the organisation add a type the regime does not ship, with its own term', async () => {
    await choose('habeas_data');
    await setTerm(makeCtx(fresh.db, fresh.fx.admin, bogota('2026-03-02T09:00:00')), {
      typeCode: 'P',
      termDays: '15',
      reason: 'También recibimos peticiones generales',
    });
    const ctx = makeCtx(fresh.db, fresh.fx.admin, bogota('2026-03-02T09:00:00'));
    await updateCaseType(ctx, {
      typeCode: 'P',
      allowsAnonymous: 'on',
      isActive: 'on',
      handleTargetMinutes: '30',
    });
    expect(await caseRow(fresh.db, await file('P'))).toMatchObject({
      termDays: 15,
      regime: 'habeas_data',
    });
  });
});

describe('personal data (Ley 1581)', () => {
  it('refuses an extension of a claim beyond 8 business days and takes one of 8', async () => {
    await choose('habeas_data');
    const id = await file('R');
    await act(id, { action: 'take' }, bogota('2026-03-16T09:00:00'));
    const extend = (newDueDate: string) =>
      act(
        id,
        { action: 'extend', newDueDate, reason: 'Revisamos las bases de datos.' },
        bogota('2026-04-01T10:00:00'),
      );
    expect((await captureAppError(() => extend('2026-04-21'))).fieldErrors).toEqual({
      newDueDate: ['beyond_cap'],
    });
    await extend('2026-04-20');
    expect(await caseRow(fresh.db, id)).toMatchObject({ dueDate: '2026-04-20', extensionDays: 8 });
  });

  it('asks for what an incomplete claim lacks within 5 business days, not 6', async () => {
    await choose('habeas_data');
    const late = await file('R');
    await act(late, { action: 'take' }, bogota('2026-03-16T09:00:00'));
    const ask = (id: number, at: Date) =>
      act(id, { action: 'request_info', body: 'Adjunte copia de su documento.' }, at);
    // Day 6 is Tuesday 24 March (San José skipped).
    expect(await guardOf(() => ask(late, bogota('2026-03-24T10:00:00')))).toBe(
      'info_request_window_passed',
    );
    const inTime = await file('R');
    await act(inTime, { action: 'take' }, bogota('2026-03-16T09:00:00'));
    await ask(inTime, bogota('2026-03-20T10:00:00'));
    expect((await caseRow(fresh.db, inTime)).state).toBe('requiere_informacion');
  });

  it('withdraws an incomplete claim after two months without an answer, not one', async () => {
    await choose('habeas_data');
    const id = await file('R');
    await act(id, { action: 'take' }, bogota('2026-03-16T09:00:00'));
    await act(
      id,
      { action: 'request_info', body: 'Adjunte su cédula.' },
      bogota('2026-03-18T10:00:00'),
    );
    await runJob('cases.tacit_withdrawal', bogota('2026-04-20T10:00:00'));
    expect((await caseRow(fresh.db, id)).state).toBe('requiere_informacion');
    await runJob('cases.tacit_withdrawal', bogota('2026-05-19T10:00:00'));
    expect((await caseRow(fresh.db, id)).state).toBe('desistida');
    const pause = await first(fresh.db.select().from(casePauses).where(eq(casePauses.caseId, id)));
    expect(pause?.resumedAt).not.toBeNull();
  });

  it('keeps the general month for a case filed under the general regime', async () => {
    const id = await file('R');
    await act(id, { action: 'take' }, bogota('2026-03-16T09:00:00'));
    await act(
      id,
      { action: 'request_info', body: 'Adjunte su cédula.' },
      bogota('2026-03-18T10:00:00'),
    );
    await choose('habeas_data', bogota('2026-03-19T09:00:00'));
    await runJob('cases.tacit_withdrawal', bogota('2026-04-20T10:00:00'));
    expect((await caseRow(fresh.db, id)).state).toBe('desistida');
  });
});

describe('public utilities (Ley 142)', () => {
  it('refuses any extension by default', async () => {
    await choose('public_utilities');
    const id = await file('R');
    await act(id, { action: 'take' }, bogota('2026-03-16T09:00:00'));
    const refused = await captureAppError(() =>
      act(
        id,
        { action: 'extend', newDueDate: '2026-04-10', reason: 'Pruebas técnicas.' },
        bogota('2026-04-01T10:00:00'),
      ),
    );
    expect(refused.fieldErrors).toEqual({ newDueDate: ['beyond_cap'] });
  });

  it('flags positive silence at expiry, owes its effects within 72 hours and tells the petitioner', async () => {
    await choose('public_utilities');
    const id = await file('R');
    const suggestion = await file('S');
    await act(id, { action: 'take' }, bogota('2026-03-16T09:00:00'));
    await runJob('cases.pd_silence', bogota('2026-04-08T23:00:00'));
    expect((await caseRow(fresh.db, id)).silenceAcceptedAt).toBeNull();

    const expired = bogota('2026-04-09T08:00:00');
    await runJob('cases.pd_silence', expired);
    expect((await caseRow(fresh.db, id)).silenceAcceptedAt).toEqual(expired);
    expect((await caseRow(fresh.db, suggestion)).silenceAcceptedAt).toBeNull();
    const duty = await first(
      fresh.db
        .select()
        .from(promises)
        .where(and(eq(promises.caseId, id), eq(promises.description, 'silence_recognition'))),
    );
    expect(duty?.dueAt).toEqual(bogota('2026-04-12T08:00:00'));

    const mail = await deliverDueToSmtp(fresh.db, bogota('2026-04-09T08:05:00'));
    const notice = mail.find((m) => /resuelta a su favor/.test(m.subject ?? ''));
    expect(notice?.text).toContain('silencio administrativo positivo');
    expect(notice?.text).toContain('Ley 142 de 1994');
  });

  it('leaves a general-regime reclamo past its term alone', async () => {
    const id = await file('R');
    await runJob('cases.pd_silence', bogota('2026-04-09T08:00:00'));
    expect((await caseRow(fresh.db, id)).silenceAcceptedAt).toBeNull();
  });
});

describe('bad input', () => {
  const admin = () => makeCtx(fresh.db, fresh.fx.admin, bogota('2026-03-02T09:00:00'));

  it('refuses a regime term of 0 and an extension longer than the term, on their fields', async () => {
    const zero = await captureAppError(() =>
      setTerm(admin(), { typeCode: 'R', termDays: '0', reason: 'Ley 1581 de 2012' }),
    );
    expect(zero.fieldErrors).toEqual({ termDays: ['termRange'] });
    const longer = await captureAppError(() =>
      setTerm(admin(), { typeCode: 'C', termDays: '10', extensionDays: '11', reason: 'Ley 1581' }),
    );
    expect(longer.fieldErrors).toEqual({ extensionDays: ['extensionBeyondTerm'] });
  });

  it('refuses an unknown regime, and anyone but an admin', async () => {
    const unknown = await captureAppError(() => choose('martian'));
    expect(unknown.fieldErrors).toEqual({ regime: ['invalid'] });
    const agent = await captureAppError(() =>
      setRegime(makeCtx(fresh.db, fresh.fx.agent, FILED), { regime: 'general', reason: REASON }),
    );
    expect(agent.code).toBe('FORBIDDEN');
  });
});
