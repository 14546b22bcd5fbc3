import { eq } from 'drizzle-orm';
import { one } from '@/db/rows';
import { markSent } from '../notices/sender';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Conn } from '@/db/client';
import { attachments, cases, categories, outbox } from '@/db/tables';
import { makeCtx } from '@/lib/server/core/context';
import { messageIdFor } from '../notices/outbox';
import { applyCaseAction } from './apply-case-action';
import { getStaffCasePage } from './staff-case';
import {
  answerCase,
  bogota,
  captureAppError,
  eventsOf,
  fileCase,
  seedFixture,
  type Fixture,
  type StaffMember,
} from '../testing/fixtures';
import { openTestDb } from '../testing/test-db';
import type { StaffActor } from '../auth/session';

/** The staff page reads the signed-in member (name and e-mail come with the session). */
const signedIn = (m: StaffMember): StaffActor => ({
  ...m,
  name: 'Laura',
  email: 'laura@example.co',
  teamName: null,
});

// Filed Friday 13 March 2026: a Reclamo due Wednesday 8 April 2026.
const DUE = '2026-04-08';
const ANSWERED = bogota('2026-03-17T10:00:00');
const LATER = bogota('2026-04-20T10:00:00');

let db: Conn;
let cleanup: () => Promise<void>;
let fx: Fixture;

beforeEach(async () => {
  ({ db, cleanup } = await openTestDb());
  fx = await seedFixture(db);
});
afterEach(() => cleanup());

async function storyOf(caseId: number, actor: StaffMember = fx.agent, now = LATER) {
  const { radicado } = await one(
    db.select({ radicado: cases.radicado }).from(cases).where(eq(cases.id, caseId)),
  );
  return (await getStaffCasePage(makeCtx(db, signedIn(actor), now), { radicado })).story;
}

const act = (caseId: number, input: object, at = ANSWERED, actor: StaffMember = fx.agent) =>
  applyCaseAction(makeCtx(db, actor, at), { caseId, ...input });

/** What the sender would have written after trying to deliver the message. */
/** The sender's record of an outcome: sent as markSent records it (the answer's delivery too). */
async function deliver(messageId: string, outcome: { sentAt: Date } | { error: string }) {
  const row = await one(db.select().from(outbox).where(eq(outbox.messageId, messageId)));
  if ('sentAt' in outcome) {
    // Claimed once (the attempt), then recorded sent.
    await db.update(outbox).set({ attempts: 1 }).where(eq(outbox.id, row.id));
    await markSent(db, row, outcome.sentAt);
    return;
  }
  await db
    .update(outbox)
    .set({ status: 'failed', lastError: outcome.error, attempts: 5 })
    .where(eq(outbox.id, row.id));
}

const answerEventId = async (caseId: number) =>
  (await eventsOf(db, caseId)).find((e) => e.action === 'answer')!.id;

describe('classification', () => {
  it('names nothing until the case is classified, then the category, process and root cause', async () => {
    const { id } = await fileCase(db);
    expect((await storyOf(id)).classification).toEqual({
      typeCode: 'R',
      category: null,
      process: null,
      rootCause: null,
    });
    const categoryId = (
      await one(db.insert(categories).values({ name: 'Facturación' }).returning())
    ).id;
    await act(id, { action: 'take' });
    await act(id, {
      action: 'reclassify',
      categoryId,
      processId: fx.processId,
      rootCauseId: fx.rootCauseIds[1],
    });
    expect((await storyOf(id)).classification).toEqual({
      typeCode: 'R',
      category: 'Facturación',
      process: 'Facturación',
      rootCause: 'Tarifa errada',
    });
  });
});

describe('related and merged cases', () => {
  it('lists a related case both ways and a merge once, by its direction', async () => {
    const a = (await fileCase(db)).id;
    const b = (await fileCase(db, { subject: 'Otro cobro' })).id;
    const c = (await fileCase(db, { subject: 'El mismo cobro otra vez' })).id;
    await act(a, { action: 'link', relatedCaseId: b });
    await act(c, { action: 'merge', targetCaseId: a });

    const radicados = new Map(
      (await db.select({ id: cases.id, radicado: cases.radicado }).from(cases)).map((r) => [
        r.id,
        r.radicado,
      ]),
    );
    const radicado = (id: number) => radicados.get(id)!;
    const linksOf = async (id: number) =>
      (await storyOf(id)).links.map((l) => ({ radicado: l.radicado, relation: l.relation }));
    expect(await linksOf(a)).toEqual(
      [
        { radicado: radicado(b), relation: 'related' },
        { radicado: radicado(c), relation: 'merged_from' },
      ].sort((x, y) => x.radicado.localeCompare(y.radicado)),
    );
    expect(await linksOf(b)).toEqual([{ radicado: radicado(a), relation: 'related' }]);
    expect(await linksOf(c)).toEqual([{ radicado: radicado(a), relation: 'merged_into' }]);
  });
});

describe('messages sent for the case', () => {
  it('lists each message with its kind, medium, address and status, failures with their error', async () => {
    const { id } = await fileCase(db);
    await answerCase(db, id, fx.agent, ANSWERED, { delivered: false });
    await deliver(messageIdFor(`constancia.${id}`), { error: '550 mailbox unavailable' });
    await deliver(messageIdFor(`event.${await answerEventId(id)}`), { sentAt: ANSWERED });
    await act(
      id,
      { action: 'reply', body: 'Le escribimos de nuevo.' },
      bogota('2026-03-18T09:00:00'),
    );

    const messages = (await storyOf(id)).messages;
    expect(messages.map((m) => [m.kind, m.medium, m.to, m.state, m.attempts, m.lastError])).toEqual(
      [
        ['constancia', 'email', 'ana@example.co', 'failed', 5, '550 mailbox unavailable'],
        ['answer', 'email', 'ana@example.co', 'sent', 1, null],
        ['reply', 'email', 'ana@example.co', 'queued', 0, null],
      ],
    );
    expect(messages[1]!.sentAt).toEqual(ANSWERED);
  });

  it('is refused to an agent of another team, like the case', async () => {
    const { id } = await fileCase(db);
    await act(id, { action: 'take' });
    const error = await captureAppError(() => storyOf(id, fx.otherAgent));
    expect(error.code).toBe('FORBIDDEN');
  });
});

describe('files of the case', () => {
  it('lists every file, public and internal, with its size, type and event', async () => {
    const { id } = await fileCase(db);
    const radicar = (await eventsOf(db, id))[0]!.id;
    const file = (name: string, visibility: 'public' | 'internal') => ({
      caseId: id,
      eventId: radicar,
      originalName: name,
      storedName: `${name}-${id}`,
      mimeType: 'application/pdf',
      sizeBytes: 2048,
      sha256: 'x'.repeat(64),
      visibility,
    });
    await db
      .insert(attachments)
      .values([file('factura.pdf', 'public'), file('nota.pdf', 'internal')]);
    expect((await storyOf(id)).files).toMatchObject([
      {
        name: 'factura.pdf',
        eventId: radicar,
        sizeBytes: 2048,
        mimeType: 'application/pdf',
        visibility: 'public',
        kind: 'file',
      },
      { name: 'nota.pdf', visibility: 'internal' },
    ]);
  });
});

describe('answer delivered on time or late', () => {
  it('has no delivery figures before the case is answered', async () => {
    const { id } = await fileCase(db);
    expect((await storyOf(id)).answerDelivery).toBeNull();
  });

  it('puts the due date beside the day the answer e-mail was sent: on time', async () => {
    const { id } = await fileCase(db);
    await answerCase(db, id, fx.agent, ANSWERED, { delivered: false });
    expect((await storyOf(id, fx.agent, ANSWERED)).answerDelivery).toMatchObject({
      dueDate: DUE,
      deliveredAt: null,
      result: 'pending',
      // Written in time, but the legal result waits for the delivery.
      answeredOnTime: null,
    });
    const sentAt = bogota('2026-03-17T10:01:00');
    await deliver(messageIdFor(`event.${await answerEventId(id)}`), { sentAt });
    expect((await storyOf(id)).answerDelivery).toMatchObject({
      dueDate: DUE,
      isExtended: false,
      deliveredAt: sentAt,
      medium: 'email',
      result: 'on_time',
      answeredOnTime: true,
    });
  });

  it('calls an unsent answer overdue once the date passed, and one sent after it late', async () => {
    const { id } = await fileCase(db);
    // Written on the due day itself, sent the next morning: late (on time means notified).
    await answerCase(db, id, fx.agent, bogota('2026-04-08T16:00:00'), { delivered: false });
    expect((await storyOf(id)).answerDelivery?.result).toBe('overdue_undelivered');
    await deliver(messageIdFor(`event.${await answerEventId(id)}`), {
      sentAt: bogota('2026-04-09T08:00:00'),
    });
    expect((await storyOf(id)).answerDelivery).toMatchObject({
      result: 'late',
      answeredOnTime: false,
    });
  });

  it('compares against the extended due date', async () => {
    const { id } = await fileCase(db);
    await act(id, { action: 'take' });
    await act(
      id,
      { action: 'extend', newDueDate: '2026-04-20', reason: 'Esperamos el informe técnico.' },
      bogota('2026-04-01T10:00:00'),
    );
    await act(
      id,
      { action: 'answer', body: 'Respuesta.', decision: 'informa' },
      bogota('2026-04-15T10:00:00'),
    );
    await deliver(messageIdFor(`event.${await answerEventId(id)}`), {
      sentAt: bogota('2026-04-15T10:00:00'),
    });
    expect((await storyOf(id)).answerDelivery).toMatchObject({
      dueDate: '2026-04-20',
      isExtended: true,
      result: 'on_time',
    });
  });
});
