import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Conn } from '@/db/client';
import { interactions } from '@/db/tables';
import { applyCaseAction } from '../cases/apply-case-action';
import { SYSTEM_ACTOR } from '../core/actor';
import { makeCtx } from '../core/context';
import {
  captureAppError,
  caseRow,
  countRows,
  customerActor,
  eventsOf,
  FILED_AT,
  fileCase,
  seedFixture,
  type Fixture,
} from '../testing/fixtures';
import { openTestDb } from '../testing/test-db';
import { addCustomerMessage } from './customer-message';

const LATER = new Date(FILED_AT.getTime() + 3_600_000);

let db: Conn;
let cleanup: () => Promise<void>;
let fx: Fixture;

beforeEach(async () => {
  ({ db, cleanup } = await openTestDb());
  fx = await seedFixture(db);
});
afterEach(() => cleanup());

const relay = (input: { caseId: number; body: string; channel: 'email' | 'chat' }) =>
  addCustomerMessage(makeCtx(db, SYSTEM_ACTOR, LATER), input);

describe('addCustomerMessage', () => {
  it('joins the public history as an inbound interaction, keeping the state', async () => {
    const { id, radicado } = await fileCase(db);
    const before = await caseRow(db, id);
    const added = await relay({ caseId: id, body: '  ¿Hay novedades?  ', channel: 'chat' });
    expect(added).toMatchObject({ radicado, state: before.state });
    expect(await caseRow(db, id)).toMatchObject({
      state: before.state,
      version: before.version + 1,
    });
    expect((await eventsOf(db, id)).at(-1)).toMatchObject({
      id: added.eventId,
      action: 'customer_message',
      actorRole: 'customer',
      visibility: 'public',
      body: '¿Hay novedades?',
      data: { channel: 'chat' },
    });
    expect(await db.select().from(interactions)).toEqual([
      expect.objectContaining({ caseId: id, eventId: added.eventId, kind: 'chat' }),
    ]);
  });

  it('answers an information request, and the case goes back to work', async () => {
    const { id } = await fileCase(db);
    await applyCaseAction(makeCtx(db, fx.agent, FILED_AT), { caseId: id, action: 'take' });
    await applyCaseAction(makeCtx(db, fx.agent, FILED_AT), {
      caseId: id,
      action: 'request_info',
      body: 'Adjunte la factura.',
    });
    const added = await relay({ caseId: id, body: '', channel: 'email' });
    expect(added.state).toBe('en_tramite');
    expect((await eventsOf(db, id)).at(-1)).toMatchObject({
      action: 'provide_info',
      body: '(sin texto)',
    });
  });

  it('is relayed by trusted code only, and needs an existing case', async () => {
    const { id } = await fileCase(db);
    const asPetitioner = await captureAppError(() =>
      addCustomerMessage(makeCtx(db, customerActor(id), LATER), {
        caseId: id,
        body: 'x',
        channel: 'email',
      }),
    );
    expect(asPetitioner.code).toBe('FORBIDDEN');
    expect(
      (await captureAppError(() => relay({ caseId: 999, body: 'x', channel: 'email' }))).code,
    ).toBe('NOT_FOUND');
    expect(await countRows(db, interactions)).toBe(0);
  });
});
