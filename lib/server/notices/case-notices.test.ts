import { first } from '@/db/rows';
import { and, eq } from 'drizzle-orm';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Conn } from '@/db/client';
import { outbox, promises } from '@/db/tables';
import { LOCALES } from '@/lib/domain/enums';
import type { Actor } from '../core/actor';
import { applyCaseAction } from '../cases/apply-case-action';
import { applyPromiseAction } from '../cases/apply-promise-action';
import { bogota, captureAppError, fileCase, seedFixture, type Fixture } from '../testing/fixtures';
import { openTestDb } from '../testing/test-db';
import { composeCaseNotice, NOTICE_KINDS } from './case-notices';
import { makeCtx } from '@/lib/server/core/context';

const MONDAY = bogota('2026-03-16T10:00:00');
const SYSTEM: Actor = { role: 'system', id: null };

let db: Conn;
let cleanup: () => Promise<void>;
let fx: Fixture;

beforeEach(async () => {
  ({ db, cleanup } = await openTestDb());
  fx = await seedFixture(db);
});
afterEach(() => cleanup());

const act = async (id: number, input: unknown, actor: Actor = fx.agent, now = MONDAY) =>
  await applyCaseAction(makeCtx(db, actor, now), { caseId: id, ...(input as object) });

async function inProgress(overrides: Parameters<typeof fileCase>[1] = {}): Promise<number> {
  const { id } = await fileCase(db, overrides, bogota('2026-03-13T16:30:00'));
  await act(id, { action: 'take' });
  return id;
}

const noticesOf = async (caseId: number) =>
  (
    await db
      .select()
      .from(outbox)
      .where(and(eq(outbox.caseId, caseId)))
  ).filter((m) => m.kind !== 'constancia');

describe('customer notices queued with their event', () => {
  it('tells the customer what information is needed, with the event as the dedupe key', async () => {
    const id = await inProgress();
    const { eventId } = await act(id, {
      action: 'request_info',
      body: 'Adjunte la factura de febrero.',
    });
    const [mail, ...rest] = await noticesOf(id);
    expect(rest).toEqual([]);
    expect(mail).toMatchObject({
      kind: 'info_request',
      toAddress: 'ana@example.co',
      status: 'pending',
      locale: 'es',
      messageId: `<event.${eventId}@ventanilla.local>`,
    });
    expect(mail!.subject).toMatch(/^Necesitamos información para su caso PQRS-2026-\d+$/);
    expect(mail!.bodyText).toContain('Adjunte la factura de febrero.');
    expect(mail!.bodyText).toContain('desistimiento tácito');
    expect(mail!.bodyHtml).toContain('/consulta/acceso?token=');
  });

  it('announces an extension with the new due date and its reason', async () => {
    const id = await inProgress();
    await act(id, {
      action: 'extend',
      reason: 'Requiere visita técnica',
      newDueDate: '2026-04-22',
    });
    const [mail] = await noticesOf(id);
    expect(mail).toMatchObject({ kind: 'extension' });
    expect(mail!.bodyText).toContain('22 de abril de 2026');
    expect(mail!.bodyText).toContain('Motivo: Requiere visita técnica');
  });

  it('mails the answer with its decision when the customer chose e-mail, not when by post', async () => {
    const byMail = await inProgress();
    await act(byMail, {
      action: 'answer',
      body: 'Reintegramos el cobro doble.',
      decision: 'concede_parcial',
    });
    const [mail] = await noticesOf(byMail);
    expect(mail).toMatchObject({ kind: 'answer' });
    expect(mail!.bodyText).toContain('Se concede parcialmente');
    expect(mail!.bodyText).toContain('Reintegramos el cobro doble.');

    const byPost = await inProgress({
      responseMedium: 'postal',
      responseAddress: 'Calle 1 # 2-3, Bogotá',
    });
    await act(byPost, { action: 'answer', body: 'Reintegramos el cobro.', decision: 'concede' });
    expect(await noticesOf(byPost)).toEqual([]);
  });

  it('sends nothing to an anonymous filer', async () => {
    const { id } = await fileCase(
      db,
      { typeCode: 'Q', isAnonymous: true, customer: undefined },
      bogota('2026-03-13T16:30:00'),
    );
    await act(id, { action: 'take' });
    await act(id, { action: 'request_info', body: 'Indique la sede.' });
    expect(await noticesOf(id)).toEqual([]);
  });

  it('writes in the customer’s language', async () => {
    const id = await inProgress({ locale: 'en' });
    await act(id, {
      action: 'transfer',
      destination: 'Superintendencia de Servicios Públicos',
      reason: 'Competencia de la superintendencia',
    });
    const [mail] = await noticesOf(id);
    expect(mail).toMatchObject({ kind: 'transfer', locale: 'en' });
    expect(mail!.subject).toMatch(/^Your request PQRS-2026-\d+ was transferred$/);
    expect(mail!.bodyText).toContain('Superintendencia de Servicios Públicos');
  });

  it('notifies a tacit withdrawal when the waiting period is over', async () => {
    const id = await inProgress();
    await act(
      id,
      { action: 'request_info', body: 'Adjunte la factura.' },
      fx.agent,
      bogota('2026-03-18T10:00:00'),
    );
    await act(id, { action: 'withdraw_tacit' }, SYSTEM, bogota('2026-04-19T00:30:00'));
    expect((await noticesOf(id)).map((m) => m.kind)).toEqual(['info_request', 'withdraw_tacit']);
  });

  it('tells the customer of a renegotiated promise, once', async () => {
    const id = await inProgress();
    await act(id, {
      action: 'add_promise',
      description: 'Le devolveremos la llamada',
      dueAt: bogota('2026-03-18T10:00:00').toISOString(),
    });
    const promise = (await first(db.select().from(promises).where(eq(promises.caseId, id))))!;
    const { successorId } = await applyPromiseAction(makeCtx(db, fx.agent, MONDAY), {
      promiseId: promise.id,
      action: 'renegotiate',
      newDueAt: bogota('2026-03-19T15:00:00').toISOString(),
      reason: 'El técnico se enfermó',
    });
    const mails = (await noticesOf(id)).filter((m) => m.kind === 'promise_renegotiate');
    expect(mails).toHaveLength(1);
    expect(mails[0]!.messageId).toBe(`<promise.${successorId}@ventanilla.local>`);
    expect(mails[0]!.bodyText).toContain('19 de marzo de 2026, 15:00');
    expect(mails[0]!.bodyText).toContain('Motivo: El técnico se enfermó');
  });

  it('queues nothing when the action is refused', async () => {
    const id = await inProgress();
    await captureAppError(
      async () =>
        await act(id, { action: 'answer', body: 'x', decision: 'concede' }, fx.otherAgent),
    );
    expect(await noticesOf(id)).toEqual([]);
  });
});

describe('every notice renders in both languages', () => {
  it.each(NOTICE_KINDS.flatMap((kind) => LOCALES.map((locale) => [kind, locale] as const)))(
    '%s in %s',
    (kind, locale) => {
      const mail = composeCaseNotice({
        kind,
        locale,
        orgName: 'Acueducto <Municipal>',
        radicado: 'PQRS-2026-000001',
        timeZone: 'America/Bogota',
        accessUrl: 'https://ventanilla.example/consulta/acceso?token=t',
        body: 'Texto con <b>etiquetas</b>',
        decision: 'niega',
        dueDate: '2026-04-22',
        destination: 'Otra entidad',
        promise: { description: 'Llamarle', dueAt: MONDAY },
      });
      expect(mail.subject).toContain('PQRS-2026-000001');
      expect(mail.html).not.toContain('<b>etiquetas</b>');
      expect(mail.html).toContain('Acueducto &lt;Municipal&gt;');
      expect(mail.text).not.toMatch(/mail\.notice/);
    },
  );
});
