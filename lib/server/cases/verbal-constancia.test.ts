/**
 * The constancia of a verbal petition (Decreto 1166 de 2016): who, what and why, when, the
 * documents received, the official who received it, and that it was verbal; printed from the case
 * or sent by e-mail, where it arrives through a real SMTP server.
 */
import { and, eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { one } from '@/db/rows';
import { outbox, staffUsers } from '@/db/tables';
import { makeCtx } from '../core/context';
import { bogota, captureAppError, eventsOf, validFiling } from '../testing/fixtures';
import { deliverDueToSmtp } from '../testing/smtp';
import { freshDbPerTest } from '../testing/fresh-db';
import { applyCaseAction } from './apply-case-action';
import { createCase } from './create-case';
import { sendConstancia } from './send-constancia';
import { checkUploads, withStoredFiles } from './uploads';
import { verbalRecord } from './verbal-record';

const fresh = freshDbPerTest();

const AT = bogota('2026-03-16T10:15:00');
const agentName = async () =>
  (
    await one(
      fresh.db
        .select({ name: staffUsers.name })
        .from(staffUsers)
        .where(eq(staffUsers.id, fresh.fx.agent.id)),
    )
  ).name;
const PDF = new TextEncoder().encode('%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n');

/** A petition spoken at the window, taken down by the agent with the bill the petitioner brought. */
async function walkIn(channel: 'walk_in' | 'web' = 'walk_in') {
  const checked = await checkUploads([{ name: 'factura-marzo.pdf', bytes: PDF }]);
  return withStoredFiles(checked, (stored) =>
    createCase(
      makeCtx(fresh.db, fresh.fx.agent, AT),
      validFiling({
        channel,
        subject: 'Cobro de reconexión',
        description: 'Pagué a tiempo y me cobraron reconexión en la factura de marzo.',
      }),
      { attachments: stored },
    ),
  );
}

const delivered = (now = AT) => deliverDueToSmtp(fresh.db, now);

describe('the constancia of a verbal petition', () => {
  it('records who, what, why, the documents, the official and that it was verbal', async () => {
    const { id } = await walkIn();
    expect(await verbalRecord(makeCtx(fresh.db, fresh.fx.agent, AT), { caseId: id })).toEqual({
      petitioner: { name: 'Ana María Pérez', documentType: 'CC', documentNumber: '1020304050' },
      subject: 'Cobro de reconexión',
      description: 'Pagué a tiempo y me cobraron reconexión en la factura de marzo.',
      documents: ['factura-marzo.pdf'],
      receivedBy: await agentName(),
    });
    const [mail] = await delivered();
    expect(mail!.to).toMatchObject({ text: 'ana@example.co' });
    expect(mail!.text).toMatch(/petición verbal/i);
    for (const fact of [
      'Decreto 1166 de 2016',
      'Presencial',
      'Ana María Pérez · CC 1020304050',
      `Recibida por`,
      await agentName(),
      'Cobro de reconexión',
      'Pagué a tiempo y me cobraron reconexión',
      'factura-marzo.pdf',
      '16 de marzo de 2026, 10:15',
    ]) {
      expect(mail!.text).toContain(fact);
    }
  });

  it('a web filing has no verbal record, and its constancia says nothing of one', async () => {
    const { id } = await walkIn('web');
    expect(await verbalRecord(makeCtx(fresh.db, fresh.fx.agent, AT), { caseId: id })).toBeNull();
    const [mail] = await delivered();
    expect(mail!.text).not.toContain('Decreto 1166');
  });

  it('is sent again by e-mail to the address the petitioner gives, and the timeline says so', async () => {
    const { id } = await walkIn();
    await delivered();
    const ctx = makeCtx(fresh.db, fresh.fx.agent, bogota('2026-03-16T11:00:00'));
    await sendConstancia(ctx, { caseId: id, to: 'Ana.Perez@Correo.co' });
    const [copy] = await delivered(bogota('2026-03-16T11:00:00'));
    expect(copy!.to).toMatchObject({ text: 'ana.perez@correo.co' });
    expect(copy!.text).toContain('Decreto 1166 de 2016');
    expect((await eventsOf(fresh.db, id)).at(-1)).toMatchObject({
      action: 'constancia_sent',
      visibility: 'internal',
      data: { to: 'ana.perez@correo.co' },
    });
    const rows = await fresh.db
      .select()
      .from(outbox)
      .where(and(eq(outbox.caseId, id), eq(outbox.kind, 'constancia')))
      .orderBy(outbox.id);
    expect(rows.map((r) => r.toAddress)).toEqual(['ana@example.co', 'ana.perez@correo.co']);
  });

  it('refuses a bad address on its field, and a petitioner or another team’s agent', async () => {
    const { id } = await walkIn();
    const bad = await captureAppError(() =>
      sendConstancia(makeCtx(fresh.db, fresh.fx.agent, AT), { caseId: id, to: 'ana@' }),
    );
    expect(bad).toMatchObject({ code: 'VALIDATION', fieldErrors: { to: ['email'] } });
    const customer = { role: 'customer' as const, id: null, caseId: id };
    expect(
      (
        await captureAppError(() =>
          sendConstancia(makeCtx(fresh.db, customer, AT), { caseId: id, to: 'a@b.co' }),
        )
      ).code,
    ).toBe('FORBIDDEN');
    // Once the agent holds it in their team, an agent of another team may not send it.
    await applyCaseAction(makeCtx(fresh.db, fresh.fx.agent, AT), { caseId: id, action: 'take' });
    const other = await captureAppError(() =>
      sendConstancia(makeCtx(fresh.db, fresh.fx.otherAgent, AT), { caseId: id, to: 'a@b.co' }),
    );
    expect(other.code).toBe('FORBIDDEN');
  });
});
