import { eq } from 'drizzle-orm';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Conn } from '@/db/client';
import { outbox, promises } from '@/db/tables';
import type { Actor } from '../core/actor';
import { makeCtx } from '../core/context';
import { applyCaseAction } from '../cases/apply-case-action';
import { applyPromiseAction } from '../cases/apply-promise-action';
import { bogota, customerActor, fileCase, seedFixture, type Fixture } from '../testing/fixtures';
import { openTestDb } from '../testing/test-db';

let db: Conn;
let cleanup: () => Promise<void>;
let fx: Fixture;

beforeEach(async () => {
  ({ db, cleanup } = await openTestDb());
  fx = await seedFixture(db);
});
afterEach(() => cleanup());

const AT = bogota('2026-03-16T10:00:00');
const LATER = bogota('2026-03-18T10:00:00');

/** The case's outgoing notices so far (the constancia of the filing left out). */
const notices = async (caseId: number) =>
  (await db.select().from(outbox).where(eq(outbox.caseId, caseId)).orderBy(outbox.id)).filter(
    (m) => m.kind !== 'constancia',
  );

/**
 * Runs one step and returns the notices it queued: every step is one transaction, so what it adds
 * to the outbox is exactly what the petitioner will be sent for it.
 */
async function queuedBy(caseId: number, step: () => Promise<unknown>) {
  const before = (await notices(caseId)).length;
  await step();
  return (await notices(caseId)).slice(before);
}

const act = (caseId: number, input: Record<string, unknown>, actor: Actor = fx.agent, now = AT) =>
  applyCaseAction(makeCtx(db, actor, now), { caseId, ...input });

describe('every public message reaches the petitioner, an internal one never', () => {
  it('queues exactly one notice per public action, of its kind, and none for internal work', async () => {
    const { id } = await fileCase(db, {}, bogota('2026-03-13T16:30:00'));
    const expectations: [string, Record<string, unknown>, Actor, string | null][] = [
      ['take', { action: 'take' }, fx.agent, null],
      ['note', { action: 'note', body: 'Revisar con facturación.' }, fx.agent, null],
      [
        'log_interaction',
        { action: 'log_interaction', kind: 'call', direction: 'outbound', durationSeconds: 60 },
        fx.agent,
        null,
      ],
      [
        'reclassify',
        { action: 'reclassify', priority: 'preferente', priorityReason: 'Adulto mayor' },
        fx.agent,
        null,
      ],
      ['reply', { action: 'reply', body: 'Estamos revisando su factura.' }, fx.agent, 'reply'],
      [
        'request_callback',
        { action: 'request_callback', preferredAt: LATER.toISOString(), body: '300 555 1111' },
        customerActor(id),
        'callback',
      ],
      [
        'add_promise',
        {
          action: 'add_promise',
          description: 'Le enviamos la factura corregida',
          dueAt: LATER.toISOString(),
        },
        fx.agent,
        'promise_made',
      ],
      [
        'request_info',
        { action: 'request_info', body: 'Adjunte la factura de febrero.' },
        fx.agent,
        'info_request',
      ],
      ['provide_info', { action: 'provide_info', body: 'Aquí está.' }, customerActor(id), null],
      [
        'answer',
        { action: 'answer', body: 'Se reintegró el cobro doble.', decision: 'concede' },
        fx.agent,
        'answer',
      ],
      [
        'close',
        { action: 'close', processId: fx.processId, rootCauseId: fx.rootCauseIds[0] },
        fx.supervisor,
        'close',
      ],
      [
        'reopen',
        { action: 'reopen', reason: 'El cliente volvió a escribir' },
        fx.supervisor,
        'reopen',
      ],
    ];
    for (const [name, input, actor, kind] of expectations) {
      const queued = await queuedBy(id, () => act(id, input, actor));
      expect({ name, kinds: queued.map((m) => m.kind) }).toEqual({
        name,
        kinds: kind ? [kind] : [],
      });
    }

    const promiseId = (
      await db.select().from(promises).where(eq(promises.caseId, id)).orderBy(promises.id)
    ).find((p) => p.description !== 'callback')!.id;
    const kept = await queuedBy(id, () =>
      applyPromiseAction(makeCtx(db, fx.agent, AT), { promiseId, action: 'keep' }),
    );
    expect(kept.map((m) => m.kind)).toEqual(['promise_kept']);
    expect(kept[0]!.bodyText).toContain('Le enviamos la factura corregida');

    const withdrawn = await queuedBy(id, () =>
      act(id, { action: 'withdraw', reason: 'El peticionario desiste por teléfono.' }),
    );
    expect(withdrawn.map((m) => m.kind)).toEqual(['withdraw']);
    // Every notice went to the petitioner's address, and none twice.
    const all = await notices(id);
    expect(new Set(all.map((m) => m.toAddress))).toEqual(new Set(['ana@example.co']));
    expect(new Set(all.map((m) => m.messageId)).size).toBe(all.length);
  });

  it('mails a public reply as the agent wrote it: paragraphs apart, line breaks kept', async () => {
    const { id } = await fileCase(db, {}, bogota('2026-03-13T16:30:00'));
    await act(id, { action: 'take' });
    const body = 'Primer párrafo: revisamos su cuenta.\n\nSegundo párrafo:\nlínea uno\nlínea dos';
    const [mail] = await queuedBy(id, () => act(id, { action: 'reply', body }));
    expect(mail!.subject).toMatch(/^Mensaje sobre su solicitud PQRS-2026-\d+$/);
    expect(mail!.bodyHtml).toContain('<p>Primer párrafo: revisamos su cuenta.</p>');
    expect(mail!.bodyHtml).toContain('<p>Segundo párrafo:<br>línea uno<br>línea dos</p>');
    expect(mail!.bodyText).toContain(body);
    // An answer is not a filing: no "if you did not file this" line.
    expect(mail!.bodyText).not.toMatch(/no presentó|did not file/i);
  });

  it('tells nobody when the petitioner is anonymous (no address to write to)', async () => {
    const { id } = await fileCase(
      db,
      { typeCode: 'Q', isAnonymous: true, customer: undefined },
      bogota('2026-03-13T16:30:00'),
    );
    await act(id, { action: 'take' });
    const queued = await queuedBy(id, () => act(id, { action: 'reply', body: 'Gracias.' }));
    expect(queued).toEqual([]);
  });
});
