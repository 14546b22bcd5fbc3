/**
 * Verbal intake reaches cases by a petitioner's document and by a case id: both stay within the
 * agent's scope, like the case page (issue 13 §5).
 */
import { eq } from 'drizzle-orm';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Conn } from '@/db/client';
import { cases } from '@/db/tables';
import { makeCtx } from '../core/context';
import {
  bogota,
  captureAppError,
  caseRow,
  fileCase,
  seedFixture,
  type Fixture,
} from '../testing/fixtures';
import { openTestDb } from '../testing/test-db';
import { findCustomerWithOpenCases } from './find-customer';
import { addRepeatContact } from './repeat-contact';

const AT = bogota('2026-03-16T10:00:00');
const ANA = { documentType: 'CC', documentNumber: '1020304050' } as const;

let db: Conn;
let cleanup: () => Promise<void>;
let fx: Fixture;
let caseId: number;
beforeEach(async () => {
  ({ db, cleanup } = await openTestDb());
  fx = await seedFixture(db);
  caseId = (await fileCase(db)).id;
  // Ana's only case belongs to the first team.
  await db.update(cases).set({ teamId: fx.teamId }).where(eq(cases.id, caseId));
});
afterEach(() => cleanup());

describe('the customer look-up of verbal intake', () => {
  it('shows the petitioner and their open case to the team that has it, and to supervisors', async () => {
    for (const actor of [fx.agent, fx.supervisor]) {
      const found = await findCustomerWithOpenCases(makeCtx(db, actor, AT), ANA);
      expect(found.customer?.fullName).toBe('Ana María Pérez');
      expect(found.openCases.map((c) => c.id)).toEqual([caseId]);
    }
  });

  it("tells an agent of another team nothing of another team's petitioner", async () => {
    const found = await findCustomerWithOpenCases(makeCtx(db, fx.otherAgent, AT), ANA);
    expect(found).toEqual({ customer: null, openCases: [] });
  });
});

describe('a repeat contact added by case id', () => {
  const contact = {
    subject: 'Sigo esperando',
    description: 'Vuelvo a llamar porque no he recibido respuesta.',
    channel: 'phone',
  } as const;

  it('is refused to an agent of another team, and nothing is written', async () => {
    const before = await caseRow(db, caseId);
    const error = await captureAppError(() =>
      addRepeatContact(makeCtx(db, fx.otherAgent, AT), { caseId, ...contact }),
    );
    expect(error.code).toBe('FORBIDDEN');
    expect(await caseRow(db, caseId)).toEqual(before);
  });

  it('is added by the team that has the case', async () => {
    await addRepeatContact(makeCtx(db, fx.agent, AT), { caseId, ...contact });
    expect((await caseRow(db, caseId)).repeatContactCount).toBe(1);
  });
});
