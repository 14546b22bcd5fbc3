import type { Conn } from '@/db/client';
import { first as firstRow } from '@/db/rows';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { inTransaction } from '@/db/client';
import { outbox } from '@/db/tables';
import { composeConstancia, enqueueConstancia, type ConstanciaInput } from './constancia';
import { withMailBody } from './deferred-mail';
import { enqueueMail, messageIdFor, type OutgoingMail } from './outbox';
import { PermanentMailError } from './transport';
import { caseLinkUrl } from '../portal/portal-access';
import { countRows, FILED_AT, fileCase } from '../testing/fixtures';
import { openTestDb } from '../testing/test-db';

const LINK = 'https://pqrs.example.gov.co/consulta/acceso?token=abc.def&radicado=PQRS-2026-000001';

let db: Conn;
let cleanup: () => Promise<void>;

beforeEach(async () => {
  ({ db, cleanup } = await openTestDb());
  vi.stubEnv('NEXTAUTH_URL', 'https://pqrs.example.gov.co');
});
afterEach(async () => {
  await cleanup();
  vi.unstubAllEnvs();
});

function mail(overrides: Partial<OutgoingMail> = {}): OutgoingMail {
  return {
    kind: 'test',
    caseId: null,
    to: 'ana@example.co',
    subject: 'Asunto',
    text: 'Texto',
    html: '<p>Texto</p>',
    locale: 'es',
    now: FILED_AT,
    dedupeKey: 'test.1',
    ...overrides,
  };
}

/** A filing whose answer goes by post: it queues no constancia of its own. */
async function filePostalCase(): Promise<number> {
  return (
    await fileCase(db, {
      customer: { documentType: 'CC', documentNumber: '52123456', fullName: 'Ana María Pérez' },
      responseMedium: 'postal',
      responseAddress: 'Calle 10 # 5-20, Cali',
    })
  ).id;
}

const enqueue = async (m: OutgoingMail) =>
  await inTransaction(db, async (tx) => await enqueueMail(tx, m));

describe('enqueueMail', () => {
  it('queues a pending mail, due now, with a Message-ID made from its key', async () => {
    const caseId = await filePostalCase();
    const id = await enqueue(mail({ caseId, dedupeKey: `answer.${caseId}` }));
    expect(await db.select().from(outbox)).toEqual([
      {
        id,
        kind: 'test',
        caseId,
        medium: 'email',
        channelId: null,
        toAddress: 'ana@example.co',
        subject: 'Asunto',
        bodyText: 'Texto',
        bodyHtml: '<p>Texto</p>',
        params: null,
        attachmentIds: null,
        locale: 'es',
        messageId: `<answer.${caseId}@ventanilla.local>`,
        status: 'pending',
        attempts: 0,
        nextAttemptAt: FILED_AT,
        lastError: null,
        sentAt: null,
        createdAt: FILED_AT,
      },
    ]);
    expect(messageIdFor('x.1')).toBe('<x.1@ventanilla.local>');
  });

  it('queues one mail per key: a second enqueue returns the first id and inserts nothing', async () => {
    const first = await enqueue(mail());
    const again = await enqueue(
      mail({ subject: 'Otro asunto', now: new Date(FILED_AT.getTime() + 1) }),
    );
    expect(again).toBe(first);
    expect(await countRows(db, outbox)).toBe(1);
    expect((await firstRow(db.select().from(outbox)))?.subject).toBe('Asunto');
    expect(await enqueue(mail({ dedupeKey: 'test.2' }))).not.toBe(first);
    expect(await countRows(db, outbox)).toBe(2);
  });

  it('leaves nothing queued when the transaction that caused it rolls back', async () => {
    await expect(
      inTransaction(db, async (tx) => {
        await enqueueMail(tx, mail());
        throw new Error('the change failed');
      }),
    ).rejects.toThrow('the change failed');
    expect(await countRows(db, outbox)).toBe(0);
  });
});

function constancia(overrides: Partial<ConstanciaInput> = {}): ConstanciaInput {
  return {
    locale: 'es',
    orgName: 'Empresa de Servicios',
    radicado: 'PQRS-2026-000001',
    typeCode: 'R',
    channel: 'web',
    receivedAt: FILED_AT, // 2026-03-13T21:30:00Z = 16:30 in Bogotá
    timeZone: 'America/Bogota',
    dueDate: '2026-04-08',
    accessUrl: LINK,
    ...overrides,
  };
}

describe('composeConstancia', () => {
  it('says everything DOMAIN.md §2 asks for, in Spanish, in local time', async () => {
    const m = composeConstancia(constancia());
    expect(m.subject).toBe('Constancia de radicación PQRS-2026-000001');
    for (const part of [m.text, m.html]) {
      expect(part).toContain('PQRS-2026-000001');
      expect(part).toContain('13 de marzo de 2026, 16:30');
      expect(part).toContain('Reclamo');
      expect(part).toContain('Formulario web');
      expect(part).toContain('Fecha de vencimiento (término legal)');
      expect(part).toContain('8 de abril de 2026');
      expect(part).toContain('https://pqrs.example.gov.co/consulta ');
      expect(part).toContain('número de documento');
      expect(part).toContain('Empresa de Servicios');
    }
    expect(m.text).toContain(LINK);
    expect(m.html).toContain(`href="${LINK.replace('&', '&amp;')}"`);
    expect(m.html).toContain('<html lang="es">');
    expect(m.text).not.toContain('Código de acceso');
  });

  it('says the same in English, with English dates', async () => {
    const m = composeConstancia(constancia({ locale: 'en', typeCode: 'P', channel: 'phone' }));
    expect(m.subject).toBe('Filing receipt PQRS-2026-000001');
    for (const part of [m.text, m.html]) {
      expect(part).toContain('PQRS-2026-000001');
      expect(part).toContain('March 13, 2026, 4:30 PM');
      expect(part).toContain('Legal due date');
      expect(part).toContain('April 8, 2026');
      expect(part).toContain('Request');
      expect(part).toContain('Phone');
    }
    expect(m.text).toContain(LINK);
    expect(m.html).toContain('<html lang="en">');
  });

  it('says there is no legal term for a Felicitación', async () => {
    const es = composeConstancia(constancia({ typeCode: 'F', dueDate: null }));
    expect(es.text).toContain('Fecha de vencimiento (término legal): Sin término legal');
    expect(es.text).not.toContain('días hábiles a partir');
    const en = composeConstancia(constancia({ locale: 'en', typeCode: 'F', dueDate: null }));
    expect(en.text).toContain('Legal due date: No legal term');
  });

  it('gives an anonymous filer the access code and the way back in with it', async () => {
    const m = composeConstancia(constancia({ typeCode: 'D', accessCode: 'K7MXQ2PLR9TA' }));
    expect(m.text).toContain('Código de acceso: K7MXQ2PLR9TA');
    expect(m.text).toContain('el radicado y su código de acceso');
    expect(m.text).not.toContain('número de documento');
  });

  it('escapes every interpolated value in the HTML part', async () => {
    const m = composeConstancia(
      constancia({
        orgName: '<script>alert("x")</script> & Cía',
        accessUrl: 'https://pqrs.example.gov.co/a?b=1&c="><script>',
        accessCode: '<b>code</b>',
      }),
    );
    expect(m.html).not.toContain('<script>');
    expect(m.html).not.toContain('<b>code');
    expect(m.html).toContain('&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; Cía');
    expect(m.html).toContain(
      'href="https://pqrs.example.gov.co/a?b=1&amp;c=&quot;&gt;&lt;script&gt;"',
    );
    // The plain-text part is not HTML: it keeps the name as written.
    expect(m.text).toContain('<script>alert("x")</script> & Cía');
  });
});

describe('enqueueConstancia', () => {
  it('queues the constancia once per case', async () => {
    const caseId = await filePostalCase();
    expect(await countRows(db, outbox)).toBe(0);
    const brand = { name: 'Empresa de Servicios', taxId: '900.123.456-7', logoUrl: null };
    const input = { ...constancia(), brand, caseId, to: 'ana@example.co', now: FILED_AT };
    const id = await inTransaction(db, async (tx) => await enqueueConstancia(tx, input));
    expect(await inTransaction(db, async (tx) => await enqueueConstancia(tx, input))).toBe(id);
    expect(await countRows(db, outbox)).toBe(1);
    const row = await firstRow(db.select().from(outbox));
    expect(row).toMatchObject({
      id,
      kind: 'constancia',
      caseId,
      toAddress: 'ana@example.co',
      subject: 'Constancia de radicación PQRS-2026-000001',
      locale: 'es',
      messageId: `<constancia.${caseId}@ventanilla.local>`,
      status: 'pending',
      nextAttemptAt: FILED_AT,
    });
    // Queued as its parameters: the filing does not compose it; the sender (and any view) does.
    expect(row).toMatchObject({ bodyText: '', bodyHtml: null });
    expect(row?.params).toMatchObject({ radicado: 'PQRS-2026-000001', caseId });
    const composed = withMailBody(row!);
    expect(composed.bodyText).toContain('13 de marzo de 2026, 16:30');
    expect(composed.bodyHtml).toContain('13 de marzo de 2026, 16:30');
    expect(composed.bodyText).toContain(`https://pqrs.example.gov.co/consulta/acceso?token=`);
    // The same as the constancia composed at filing time, link included.
    const atFiling = composeConstancia({
      ...input,
      accessUrl: caseLinkUrl(caseId, input.radicado, FILED_AT),
    });
    expect(composed.bodyText).toBe(atFiling.text);
    expect(composed.bodyHtml).toBe(atFiling.html);
  });

  it('fails a queued message whose parameters no composer can read, for staff to see', () => {
    expect(() =>
      withMailBody({ kind: 'constancia', params: { radicado: 1 }, bodyText: '', bodyHtml: null }),
    ).toThrow(PermanentMailError);
    expect(() =>
      withMailBody({ kind: 'unknown', params: {}, bodyText: '', bodyHtml: null }),
    ).toThrow(/no composer/);
  });
});
