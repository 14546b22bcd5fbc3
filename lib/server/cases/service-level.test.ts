import { first } from '@/db/rows';
import { eq } from 'drizzle-orm';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Conn } from '@/db/client';
import { cases, caseTypes, serviceLevels } from '@/db/tables';
import { applyCaseAction } from './apply-case-action';
import { caseServiceLevel } from './service-level';
import { bogota, fileCase, seedFixture, type Fixture } from '../testing/fixtures';
import { openTestDb } from '../testing/test-db';
import { makeCtx } from '@/lib/server/core/context';

let db: Conn;
let cleanup: () => Promise<void>;
let fx: Fixture;
const since = new Date('2020-01-01T00:00:00Z');
beforeEach(async () => {
  ({ db, cleanup } = await openTestDb());
  fx = await seedFixture(db);
});
afterEach(() => cleanup());

const row = async (id: number) => (await first(db.select().from(cases).where(eq(cases.id, id))))!;

describe('caseServiceLevel', () => {
  it('is null when the organisation set none', async () => {
    const { id } = await fileCase(db, {}, bogota('2026-03-16T09:00:00'));
    expect(await caseServiceLevel(db, await row(id), bogota('2026-03-16T10:00:00'))).toBeNull();
  });

  it('takes the most specific level and tracks first response and resolution apart', async () => {
    await db.insert(caseTypes).values({ code: 'R', allowsAnonymous: false });
    await db.insert(serviceLevels).values([
      { typeCode: null, firstResponseHours: 24, resolutionDays: 10, validFrom: since },
      { typeCode: 'R', firstResponseHours: 4, resolutionDays: 5, validFrom: since },
      {
        typeCode: 'R',
        priority: 'preferente',
        firstResponseHours: 2,
        resolutionDays: 3,
        validFrom: since,
      },
    ]);
    const { id } = await fileCase(db, {}, bogota('2026-03-16T09:00:00'));
    await applyCaseAction(makeCtx(db, fx.agent, bogota('2026-03-16T09:30:00')), {
      caseId: id,
      action: 'take',
    });
    await applyCaseAction(makeCtx(db, fx.agent, bogota('2026-03-16T14:00:00')), {
      caseId: id,
      action: 'reply',
      body: 'Estamos revisando su factura.',
    });
    const level = (await caseServiceLevel(db, await row(id), bogota('2026-03-24T10:00:00')))!;
    expect(level.target).toEqual({ firstResponseHours: 4, resolutionDays: 5 });
    // Four business hours from 09:00 → 13:00; the reply came at 14:00: missed.
    expect(level.firstResponse).toEqual({ dueAt: bogota('2026-03-16T13:00:00'), status: 'missed' });
    // Five business days after Monday 16 March, skipping the San José holiday (23rd) → Tuesday 24th.
    expect(level.resolution).toEqual({
      dueAt: bogota('2026-03-24T23:59:59.999'),
      status: 'pending',
    });
  });
});
