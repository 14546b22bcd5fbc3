/**
 * Terms, service levels and the calendar (issue 7, items 2 and 3) on a real database, with the
 * Colombian 2026 calendar: 23 March (San José), 2 and 3 April (Holy Week) are holidays.
 */
import { eq, isNull } from 'drizzle-orm';
import { first } from '@/db/rows';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Conn } from '@/db/client';
import { caseEvents, caseTypes, closureDays, organization, serviceLevels } from '@/db/tables';
import { HTTP_STATUS } from '../core/errors';
import { caseServiceLevel } from '../cases/service-level';
import {
  bogota,
  captureAppError,
  caseRow,
  fileCase,
  seedFixture,
  type Fixture,
} from '../testing/fixtures';
import { openTestDb } from '../testing/test-db';
import {
  addClosureDay,
  calendarYear,
  removeClosureDay,
  updateCalendarSettings,
} from './calendar-settings';
import { addServiceLevel, listServiceLevels } from './service-levels';
import { listCaseTypeConfig, setTerm, updateCaseType } from './terms';
import { makeCtx } from '../core/context';

let db: Conn;
let cleanup: () => Promise<void>;
let fx: Fixture;

beforeEach(async () => {
  ({ db, cleanup } = await openTestDb());
  fx = await seedFixture(db);
});
afterEach(() => cleanup());

const adminEvents = async (action: string) =>
  (await db.select().from(caseEvents).where(eq(caseEvents.action, action))).filter(
    (e) => e.caseId === null,
  );

describe('legal terms', () => {
  it('a new Reclamo term (15 → 10) applies to later cases only; the old case keeps its due date', async () => {
    const before = await fileCase(db, {}, bogota('2026-03-13T16:30:00'));
    expect(await caseRow(db, before.id)).toMatchObject({ termDays: 15, dueDate: '2026-04-08' });

    await setTerm(makeCtx(db, fx.admin, bogota('2026-03-16T08:00:00')), {
      typeCode: 'R',
      termDays: '10',
      reason: 'Nueva política interna',
    });
    const after = await fileCase(db, {}, bogota('2026-03-16T09:00:00'));

    expect(await caseRow(db, before.id)).toMatchObject({ termDays: 15, dueDate: '2026-04-08' });
    // 17–20 March (4), 23 March is San José, 24–27 (8), 30–31 (10).
    expect(await caseRow(db, after.id)).toMatchObject({ termDays: 10, dueDate: '2026-03-31' });

    const config = await listCaseTypeConfig(makeCtx(db, fx.admin, bogota('2026-03-16T09:00:00')));
    const reclamo = config.find((t) => t.code === 'R')!;
    expect(reclamo.termDays).toBe(10);
    expect(reclamo.history).toHaveLength(1);
    expect(await adminEvents('term_changed')).toHaveLength(1);
    expect((await adminEvents('term_changed'))[0]!.data).toMatchObject({
      typeCode: 'R',
      from: 15,
      to: 10,
    });
    // Before the change instant the old term is still the one in force.
    expect(
      (await listCaseTypeConfig(makeCtx(db, fx.admin, bogota('2026-03-15T09:00:00')))).find(
        (t) => t.code === 'R',
      )!.termDays,
    ).toBe(15);
  });

  it.each(['0', '91', '2.5', 'abc'])(
    'refuses a term of %s days with a 422 on the field',
    async (days) => {
      const error = await captureAppError(() =>
        setTerm(makeCtx(db, fx.admin), { typeCode: 'R', termDays: days, reason: 'Prueba' }),
      );
      expect(error.code).toBe('VALIDATION');
      expect(HTTP_STATUS[error.code]).toBe(422);
      expect(error.fieldErrors).toEqual({ termDays: ['termRange'] });
      expect(await adminEvents('term_changed')).toHaveLength(0);
    },
  );

  it('allows "sin término" only for a Felicitación', async () => {
    const error = await captureAppError(() =>
      setTerm(makeCtx(db, fx.admin), { typeCode: 'R', termDays: 'none', reason: 'Prueba' }),
    );
    expect(error.fieldErrors).toEqual({ termDays: ['termRequired'] });
    await setTerm(makeCtx(db, fx.admin), {
      typeCode: 'F',
      termDays: 'none',
      reason: 'Sin término legal',
    });
    expect(
      (await listCaseTypeConfig(makeCtx(db, fx.admin))).find((t) => t.code === 'F')!.termDays,
    ).toBeNull();
  });

  it('updates anonymity, active and the handle-time target (1–480) with an audit event', async () => {
    await updateCaseType(makeCtx(db, fx.admin), {
      typeCode: 'P',
      allowsAnonymous: 'on',
      isActive: '',
      handleTargetMinutes: '45',
    });
    expect(await first(db.select().from(caseTypes).where(eq(caseTypes.code, 'P')))).toMatchObject({
      allowsAnonymous: true,
      isActive: false,
      handleTargetMinutes: 45,
    });
    expect(await adminEvents('case_type_updated')).toHaveLength(1);
    const error = await captureAppError(() =>
      updateCaseType(makeCtx(db, fx.admin), { typeCode: 'P', handleTargetMinutes: '481' }),
    );
    expect(error.fieldErrors).toEqual({ handleTargetMinutes: ['handleTargetRange'] });
  });
});

describe('service levels', () => {
  it('adds a level in force from now, audited', async () => {
    const now = bogota('2026-03-16T08:00:00');
    await addServiceLevel(makeCtx(db, fx.admin, now), {
      typeCode: 'R',
      priority: 'preferente',
      firstResponseHours: '4',
      resolutionDays: '5',
    });
    expect(await listServiceLevels(makeCtx(db, fx.admin))).toEqual([
      expect.objectContaining({
        typeCode: 'R',
        categoryId: null,
        priority: 'preferente',
        firstResponseHours: 4,
        resolutionDays: 5,
        validFrom: now,
      }),
    ]);
    expect(await adminEvents('service_level_added')).toHaveLength(1);
  });

  it('a level applies to cases radicated after it is added; earlier cases keep the one they had', async () => {
    await addServiceLevel(makeCtx(db, fx.admin, bogota('2026-03-13T08:00:00')), {
      typeCode: 'R',
      firstResponseHours: '8',
      resolutionDays: '10',
    });
    const earlier = await fileCase(db, {}, bogota('2026-03-13T16:30:00'));
    await addServiceLevel(makeCtx(db, fx.admin, bogota('2026-03-16T08:00:00')), {
      typeCode: 'R',
      firstResponseHours: '4',
      resolutionDays: '5',
    });
    const later = await fileCase(db, {}, bogota('2026-03-16T09:00:00'));
    const now = bogota('2026-03-16T10:00:00');
    expect((await caseServiceLevel(db, await caseRow(db, earlier.id), now))?.target).toEqual({
      firstResponseHours: 8,
      resolutionDays: 10,
    });
    expect((await caseServiceLevel(db, await caseRow(db, later.id), now))?.target).toEqual({
      firstResponseHours: 4,
      resolutionDays: 5,
    });
    expect(await listServiceLevels(makeCtx(db, fx.admin))).toHaveLength(2);
  });

  it('refuses hours outside 1–240, days outside 1–90 and an unknown category', async () => {
    const error = await captureAppError(() =>
      addServiceLevel(makeCtx(db, fx.admin), { firstResponseHours: '0', resolutionDays: '91' }),
    );
    expect(error.code).toBe('VALIDATION');
    expect(error.fieldErrors).toEqual({
      firstResponseHours: ['firstResponseRange'],
      resolutionDays: ['resolutionRange'],
    });
    expect(
      (
        await captureAppError(() =>
          addServiceLevel(makeCtx(db, fx.admin), {
            categoryId: '999',
            firstResponseHours: '241',
            resolutionDays: '3',
          }),
        )
      ).fieldErrors,
    ).toEqual({ firstResponseHours: ['firstResponseRange'] });
    expect(
      (
        await captureAppError(() =>
          addServiceLevel(makeCtx(db, fx.admin), {
            categoryId: '999',
            firstResponseHours: '8',
            resolutionDays: '3',
          }),
        )
      ).fieldErrors,
    ).toEqual({ categoryId: ['invalid'] });
    expect(await db.select().from(serviceLevels)).toHaveLength(0);
  });
});

describe('closure days', () => {
  it('moves the due date of cases radicated afterwards; existing cases keep theirs; removal undoes it', async () => {
    // 17–20 March (4), 24–27 (8), 30–31 (10), 1 April (11), 2–3 Holy Week, 6–9 April (15).
    const earlier = await fileCase(db, {}, bogota('2026-03-16T09:00:00'));
    expect((await caseRow(db, earlier.id)).dueDate).toBe('2026-04-09');

    await addClosureDay(makeCtx(db, fx.admin, bogota('2026-03-16T10:00:00')), {
      date: '2026-03-25',
      reason: 'Día cívico municipal',
    });
    const later = await fileCase(db, {}, bogota('2026-03-16T11:00:00'));
    expect((await caseRow(db, later.id)).dueDate).toBe('2026-04-10');
    expect((await caseRow(db, earlier.id)).dueDate).toBe('2026-04-09');
    expect((await calendarYear(makeCtx(db, fx.admin), { year: 2026 })).closures).toEqual([
      { date: '2026-03-25', reason: 'Día cívico municipal' },
    ]);

    await removeClosureDay(makeCtx(db, fx.admin, bogota('2026-03-16T12:00:00')), {
      date: '2026-03-25',
    });
    const afterRemoval = await fileCase(db, {}, bogota('2026-03-16T13:00:00'));
    expect((await caseRow(db, afterRemoval.id)).dueDate).toBe('2026-04-09');
    expect((await caseRow(db, later.id)).dueDate).toBe('2026-04-10');
    expect(await db.select().from(closureDays)).toHaveLength(0);
    expect(await adminEvents('closure_day_added')).toHaveLength(1);
    expect(await adminEvents('closure_day_removed')).toHaveLength(1);
  });

  it('refuses a bad date and a date already closed', async () => {
    expect(
      (
        await captureAppError(() =>
          addClosureDay(makeCtx(db, fx.admin), { date: '2026-13-40', reason: 'X día' }),
        )
      ).fieldErrors,
    ).toMatchObject({ date: ['date'] });
    await addClosureDay(makeCtx(db, fx.admin), { date: '2026-05-04', reason: 'Traslado de sede' });
    expect(
      (
        await captureAppError(() =>
          addClosureDay(makeCtx(db, fx.admin), { date: '2026-05-04', reason: 'Otra vez' }),
        )
      ).fieldErrors,
    ).toEqual({ date: ['closureExists'] });
  });

  it('lists the national holidays the library gives for the year', async () => {
    const dates = (await calendarYear(makeCtx(db, fx.admin), { year: 2026 })).holidays.map(
      (h) => h.date,
    );
    expect(dates).toEqual(expect.arrayContaining(['2026-01-01', '2026-03-23', '2026-04-03']));
  });
});

describe('business hours and time zone', () => {
  it('saves valid settings with an audit event', async () => {
    await updateCalendarSettings(makeCtx(db, fx.admin), {
      businessHoursStart: '7',
      businessHoursEnd: '16',
      worksSaturday: 'on',
      timeZone: 'America/Lima',
    });
    expect(await first(db.select().from(organization))).toMatchObject({
      businessHoursStart: 7,
      businessHoursEnd: 16,
      worksSaturday: true,
      timeZone: 'America/Lima',
    });
    expect(await adminEvents('calendar_settings_changed')).toHaveLength(1);
  });

  it('refuses hours out of 0–24, a start not before the end and an unknown time zone', async () => {
    const settings = async (over: Record<string, string>) =>
      (
        await captureAppError(() =>
          updateCalendarSettings(makeCtx(db, fx.admin), {
            businessHoursStart: '8',
            businessHoursEnd: '17',
            timeZone: 'America/Bogota',
            ...over,
          }),
        )
      ).fieldErrors;
    expect(await settings({ businessHoursEnd: '25' })).toEqual({ businessHoursEnd: ['hourRange'] });
    expect(await settings({ businessHoursStart: '17', businessHoursEnd: '8' })).toEqual({
      businessHoursEnd: ['hoursOrder'],
    });
    expect(await settings({ timeZone: 'Marte/Olimpo' })).toEqual({ timeZone: ['timeZone'] });
    expect(await db.select().from(organization)).toHaveLength(0);
  });
});

describe('only admins', () => {
  it.each(['agent', 'supervisor'] as const)(
    'refuses every change to a %s with 403',
    async (role) => {
      const actor = role === 'agent' ? fx.agent : fx.supervisor;
      const calls = [
        () => setTerm(makeCtx(db, actor), { typeCode: 'R', termDays: '10', reason: 'Prueba' }),
        () => updateCaseType(makeCtx(db, actor), { typeCode: 'R', handleTargetMinutes: '30' }),
        () => addServiceLevel(makeCtx(db, actor), { firstResponseHours: '4', resolutionDays: '5' }),
        () => addClosureDay(makeCtx(db, actor), { date: '2026-05-04', reason: 'Traslado' }),
        () => removeClosureDay(makeCtx(db, actor), { date: '2026-05-04' }),
        () =>
          updateCalendarSettings(makeCtx(db, actor), {
            businessHoursStart: '8',
            businessHoursEnd: '17',
            timeZone: 'America/Bogota',
          }),
      ];
      for (const call of calls) {
        const error = await captureAppError(call);
        expect(error.code).toBe('FORBIDDEN');
        expect(HTTP_STATUS[error.code]).toBe(403);
      }
      expect(await db.select().from(caseEvents).where(isNull(caseEvents.caseId))).toHaveLength(0);
    },
  );
});
