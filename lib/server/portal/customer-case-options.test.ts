import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Conn } from '@/db/client';
import { applyCaseAction } from '../cases/apply-case-action';
import { makeCtx } from '../core/context';
import {
  answerCase,
  captureAppError,
  customerActor,
  FILED_AT,
  fileCase,
  seedFixture,
  type Fixture,
} from '../testing/fixtures';
import { openTestDb } from '../testing/test-db';
import { customerCaseOptions } from './customer-case-options';
import { publicAttachments } from './public-attachments';
import { rateCase } from './rate-case';

const LATER = new Date(FILED_AT.getTime() + 24 * 3_600_000);

let db: Conn;
let cleanup: () => Promise<void>;
let fx: Fixture;

beforeEach(async () => {
  ({ db, cleanup } = await openTestDb());
  fx = await seedFixture(db);
});
afterEach(() => cleanup());

const optionsOf = (caseId: number) =>
  customerCaseOptions(makeCtx(db, customerActor(caseId), LATER), { caseId });

describe('customerCaseOptions', () => {
  it('offers information only while the case waits on the petitioner', async () => {
    const { id } = await fileCase(db);
    expect(await optionsOf(id)).toMatchObject({
      canProvideInfo: false,
      canRate: false,
      canDisagree: false,
      hasRated: false,
    });
    await applyCaseAction(makeCtx(db, fx.agent, FILED_AT), { caseId: id, action: 'take' });
    await applyCaseAction(makeCtx(db, fx.agent, FILED_AT), {
      caseId: id,
      action: 'request_info',
      body: 'Adjunte la factura.',
    });
    expect(await optionsOf(id)).toMatchObject({ canProvideInfo: true, canRate: false });
  });

  it('offers the rating once the case is answered, and not after it is given', async () => {
    const { id } = await fileCase(db);
    await answerCase(db, id, fx.agent, FILED_AT);
    expect(await optionsOf(id)).toMatchObject({ canRate: true, hasRated: false });
    await rateCase(makeCtx(db, customerActor(id), LATER), {
      caseId: id,
      result: 'yes',
      courtesy: 5,
      clarity: 5,
    });
    expect(await optionsOf(id)).toMatchObject({ canRate: false, hasRated: true });
  });

  it("refuses another case's petitioner, and says null for no case", async () => {
    const { id } = await fileCase(db);
    const other = customerActor(id + 1);
    const error = await captureAppError(() =>
      customerCaseOptions(makeCtx(db, other, LATER), { caseId: id }),
    );
    expect(error.code).toBe('FORBIDDEN');
    await expect(optionsOf(999)).resolves.toBeNull();
  });
});

describe('publicAttachments', () => {
  it("lists nothing for a case without files, and refuses another case's petitioner", async () => {
    const { id } = await fileCase(db);
    await expect(
      publicAttachments(makeCtx(db, customerActor(id), LATER), { caseId: id }),
    ).resolves.toEqual([]);
    const error = await captureAppError(() =>
      publicAttachments(makeCtx(db, customerActor(id + 1), LATER), { caseId: id }),
    );
    expect(error.code).toBe('FORBIDDEN');
  });
});
