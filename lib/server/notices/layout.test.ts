import { and, eq } from 'drizzle-orm';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Conn } from '@/db/client';
import { organization, outbox } from '@/db/tables';
import { LOCALES, type Locale } from '@/lib/domain/enums';
import { makeCtx } from '@/lib/server/core/context';
import { applyCaseAction } from '../cases/apply-case-action';
import { bogota, fileCase, seedFixture, type Fixture } from '../testing/fixtures';
import { openTestDb } from '../testing/test-db';
import { composeCaseNotice, NOTICE_KINDS } from './case-notices';
import { composeConstancia } from './constancia';
import { withMailBody } from './deferred-mail';
import type { MailBrand } from './layout';

const RADICADO = 'PQRS-2026-000042';
const BRAND: MailBrand = {
  name: 'Acueducto de Villa Clara S.A. E.S.P.',
  taxId: '900.123.456-7',
  logoUrl: 'https://pqrs.example.gov.co/api/organizacion/logo',
};
/** The "if you did not file this" sentence, in either language. */
const NOT_YOU = /si usted no|if you did not/i;

function notice(kind: (typeof NOTICE_KINDS)[number], locale: Locale, brand: MailBrand = BRAND) {
  return composeCaseNotice({
    kind,
    locale,
    orgName: brand.name,
    brand,
    radicado: RADICADO,
    timeZone: 'America/Bogota',
    accessUrl: 'https://pqrs.example.gov.co/consulta/acceso?token=t',
    body: 'Primer párrafo.\n\nSegundo párrafo.',
    decision: 'concede',
    dueDate: '2026-04-22',
    destination: 'Superintendencia',
    promise: { description: 'Llamarle', dueAt: bogota('2026-03-19T17:00:00') },
  });
}

function constancia(locale: Locale) {
  return composeConstancia({
    locale,
    orgName: BRAND.name,
    brand: BRAND,
    radicado: RADICADO,
    typeCode: 'R',
    channel: 'web',
    receivedAt: bogota('2026-03-13T16:30:00'),
    timeZone: 'America/Bogota',
    dueDate: '2026-04-08',
    accessUrl: 'https://pqrs.example.gov.co/consulta/acceso?token=t',
  });
}

const EVERY_KIND = NOTICE_KINDS.flatMap((kind) => LOCALES.map((locale) => [kind, locale] as const));

describe('one branded layout for every notice', () => {
  it.each(EVERY_KIND)(
    '%s (%s): letterhead with name, NIT, logo and radicado; radicado in the subject',
    (kind, locale) => {
      const mail = notice(kind, locale);
      expect(mail.subject).toContain(RADICADO);
      for (const part of [mail.html, mail.text]) {
        expect(part).toContain(BRAND.name);
        expect(part).toContain('900.123.456-7');
        expect(part).toContain(RADICADO);
      }
      expect(mail.html).toContain(`<img src="${BRAND.logoUrl}"`);
      // The letterhead comes first in both parts, the closing last.
      expect(mail.text.startsWith(`${BRAND.name}\n`)).toBe(true);
      expect(mail.text.trimEnd().endsWith('900.123.456-7')).toBe(true);
    },
  );

  it.each(EVERY_KIND)('%s (%s): no "if you did not file this"', (kind, locale) => {
    const mail = notice(kind, locale);
    expect(mail.text).not.toMatch(NOT_YOU);
    expect(mail.html).not.toMatch(NOT_YOU);
  });

  it.each(LOCALES)(
    'the constancia (%s) has the letterhead, the radicado subject and, alone, "if you did not file this"',
    (locale) => {
      const mail = constancia(locale);
      expect(mail.subject).toContain(RADICADO);
      for (const part of [mail.html, mail.text]) {
        expect(part).toContain(BRAND.name);
        expect(part).toContain('900.123.456-7');
        expect(part).toMatch(NOT_YOU);
      }
      expect(mail.html).toContain(`<img src="${BRAND.logoUrl}"`);
    },
  );

  it('leaves out the logo and the NIT when the organisation has none', () => {
    const mail = notice('reply', 'es', { name: 'Ventanilla', taxId: null, logoUrl: null });
    expect(mail.html).not.toContain('<img');
    expect(mail.text).not.toContain('NIT');
    expect(mail.text.startsWith('Ventanilla\nRadicado PQRS-2026-000042\n')).toBe(true);
  });

  it('keeps in the text part what the HTML part says: paragraphs, link label and address', () => {
    const mail = notice('reply', 'es');
    expect(mail.html).toContain('<p>Primer párrafo.</p><p>Segundo párrafo.</p>');
    expect(mail.text).toContain('Primer párrafo.\n\nSegundo párrafo.');
    expect(mail.text).toContain('Ver mi caso: https://pqrs.example.gov.co/consulta/acceso?token=t');
  });

  it('escapes the brand in the HTML part', () => {
    const mail = notice('answer', 'es', {
      name: '<b>Org</b> & Cía',
      taxId: '"9"',
      logoUrl: 'https://x/l?a=1&b="',
    });
    expect(mail.html).not.toContain('<b>Org</b>');
    expect(mail.html).toContain('&lt;b&gt;Org&lt;/b&gt; &amp; Cía');
    expect(mail.html).toContain('src="https://x/l?a=1&amp;b=&quot;"');
  });
});

describe('queued notices read the letterhead from the organisation', () => {
  let db: Conn;
  let cleanup: () => Promise<void>;
  let fx: Fixture;
  beforeEach(async () => {
    ({ db, cleanup } = await openTestDb());
    fx = await seedFixture(db);
    await db
      .insert(organization)
      .values({ id: 1, name: BRAND.name, taxId: '900.123.456-7', logoPath: 'logo.png' })
      .onConflictDoUpdate({
        target: organization.id,
        set: { name: BRAND.name, taxId: '900.123.456-7', logoPath: 'logo.png' },
      });
  });
  afterEach(() => cleanup());

  it('puts the NIT and the logo address on the constancia and on a reply', async () => {
    const { id } = await fileCase(db);
    const at = bogota('2026-03-16T10:00:00');
    await applyCaseAction(makeCtx(db, fx.agent, at), { caseId: id, action: 'take' });
    await applyCaseAction(makeCtx(db, fx.agent, at), {
      caseId: id,
      action: 'reply',
      body: 'Hola.',
    });
    const rows = await db
      .select()
      .from(outbox)
      .where(and(eq(outbox.caseId, id)))
      .orderBy(outbox.id);
    expect(rows.map((r) => r.kind)).toEqual(['constancia', 'reply']);
    // The constancia is queued as its parameters: read as sent (deferred-mail.ts).
    for (const row of rows.map(withMailBody)) {
      expect(row.bodyText).toContain('NIT 900.123.456-7');
      expect(row.bodyHtml).toMatch(/<img src="https?:\/\/[^"]+\/api\/organizacion\/logo"/);
    }
  });
});

describe('the staff case page names every message kind', () => {
  it.each(LOCALES)('in %s', async (locale) => {
    const story = (await import(`@/lib/i18n/messages/story.${locale}.json`)).default as {
      caseStory: { messages: { kinds: Record<string, string> } };
    };
    const labelled = Object.keys(story.caseStory.messages.kinds);
    for (const kind of ['constancia', ...NOTICE_KINDS]) expect(labelled).toContain(kind);
  });
});
