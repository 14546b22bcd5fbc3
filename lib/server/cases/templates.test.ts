import { first, one } from '@/db/rows';
import { eq } from 'drizzle-orm';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Conn } from '@/db/client';
import { caseEvents, interactions, templates } from '@/db/tables';
import type { CaseType } from '@/lib/domain/enums';
import type { Actor } from '../core/actor';
import { applyCaseAction } from './apply-case-action';
import { getCaseWithTimeline } from './get-case';
import {
  cannedWarning,
  listTemplates,
  renderTemplateForCase,
  templateValuesFor,
} from './template-values';
import {
  captureAppError,
  caseRow,
  countRows,
  customerActor,
  eventsOf,
  fileCase,
  seedFixture,
  type Fixture,
} from '../testing/fixtures';
import { openTestDb } from '../testing/test-db';
import { makeCtx } from '@/lib/server/core/context';

/** Monday 2026-03-16 10:00 in Bogotá, the first business day after FILED_AT. */
const MONDAY = new Date('2026-03-16T15:00:00Z');

const BODY = [
  'Estimado(a) {{nombre}}:',
  'Respecto de su {{tipo}} {{radicado}} ({{asunto}}), radicado el {{fecha_radicacion}} y con',
  'vencimiento el {{ fecha_vencimiento }}, le informamos que reintegramos el cobro doble.',
  '{{linea_personal}}',
  'Cordialmente,',
  '{{agente}} · {{entidad}}',
].join('\n');

let db: Conn;
let cleanup: () => Promise<void>;
let fx: Fixture;
/** The fixture agent as the template signs them: insertStaff names people after their email. */
const AGENT = { name: 'agente' };

beforeEach(async () => {
  ({ db, cleanup } = await openTestDb());
  fx = await seedFixture(db);
});
afterEach(() => cleanup());

async function act(caseId: number, input: unknown, actor: Actor = fx.agent, now = MONDAY) {
  return await applyCaseAction(makeCtx(db, actor, now), { caseId, ...(input as object) });
}

async function addTemplate(
  values: { name?: string; body?: string; typeCode?: CaseType | null; isActive?: boolean } = {},
): Promise<number> {
  return (
    await one(
      db
        .insert(templates)
        .values({
          name: values.name ?? 'Reintegro de cobro',
          body: values.body ?? BODY,
          typeCode: values.typeCode === undefined ? 'R' : values.typeCode,
          isActive: values.isActive ?? true,
        })
        .returning({ id: templates.id }),
    )
  ).id;
}

/** A Reclamo taken by the team's agent: en_tramite. */
async function caseInProgress(overrides: Parameters<typeof fileCase>[1] = {}): Promise<number> {
  const { id } = await fileCase(db, overrides);
  await act(id, { action: 'take' });
  return id;
}

/** What the agent sees after choosing the template, with the personal-line slot replaced. */
async function draft(templateId: number, caseId: number, personalLine = ''): Promise<string> {
  return (await renderTemplateForCase(db, templateId, caseId, AGENT)).body.replace(
    '{{linea_personal}}',
    personalLine,
  );
}

/** The case's interactions: their template, whether they were canned, their kind. */
async function storedInteractions(caseId: number) {
  return await db
    .select({
      templateId: interactions.templateId,
      isCanned: interactions.isCanned,
      kind: interactions.kind,
    })
    .from(interactions)
    .where(eq(interactions.caseId, caseId))
    .orderBy(interactions.id);
}

/** Everything a reply or answer could write. */
async function trace(caseId: number) {
  return {
    row: await caseRow(db, caseId),
    events: await countRows(db, caseEvents),
    interactions: await countRows(db, interactions),
  };
}

describe('template values for a case', () => {
  it('fills every placeholder from the case, the catalogue, the agent and the organisation', async () => {
    const id = await caseInProgress();
    expect(await templateValuesFor(db, id, AGENT)).toEqual({
      nombre: 'Ana María Pérez',
      radicado: (await caseRow(db, id)).radicado,
      fecha_vencimiento: '8 de abril de 2026',
      fecha_radicacion: '13 de marzo de 2026',
      tipo: 'Reclamo',
      asunto: 'Cobro doble en la factura',
      agente: 'agente',
      entidad: 'Ventanilla',
    });
  });

  it('names an anonymous filer "ciudadano/a"', async () => {
    const { id } = await fileCase(db, {
      typeCode: 'D',
      isAnonymous: true,
      customer: undefined,
      hasConsent: false,
    });
    const values = await templateValuesFor(db, id, AGENT);
    expect(values.nombre).toBe('ciudadano/a');
    expect(values.tipo).toBe('Denuncia');
  });

  it('says "sin término legal" for a type without one (Felicitación)', async () => {
    const { id } = await fileCase(db, { typeCode: 'F' });
    expect((await templateValuesFor(db, id, AGENT)).fecha_vencimiento).toBe('sin término legal');
  });

  it('says the term is paused while waiting on the petitioner, not that there is none', async () => {
    const id = await caseInProgress();
    await act(id, { action: 'request_info', body: 'Envíe copia de la factura.' });
    expect((await templateValuesFor(db, id, AGENT)).fecha_vencimiento).toMatch(
      /^término suspendido/,
    );
  });

  it('an unknown case is NOT_FOUND', async () => {
    expect((await captureAppError(async () => await templateValuesFor(db, 999, AGENT))).code).toBe(
      'NOT_FOUND',
    );
  });
});

describe('listTemplates', () => {
  it("offers the type's own active templates first, then the general ones, by name", async () => {
    const general = await addTemplate({ name: 'A general', typeCode: null });
    const reclamoB = await addTemplate({ name: 'B reclamo', typeCode: 'R' });
    const reclamoA = await addTemplate({ name: 'A reclamo', typeCode: 'R' });
    await addTemplate({ name: 'Queja', typeCode: 'Q' });
    await addTemplate({ name: 'Retirada', typeCode: 'R', isActive: false });
    await addTemplate({ name: 'General retirada', typeCode: null, isActive: false });
    expect((await listTemplates(db, 'R')).map((t) => t.id)).toEqual([reclamoA, reclamoB, general]);
    expect((await listTemplates(db)).map((t) => t.id)).toEqual([general]);
    expect((await listTemplates(db, 'P')).map((t) => t.name)).toEqual(['A general']);
  });
});

describe('renderTemplateForCase and cannedWarning', () => {
  it('renders the template for the case, leaving only the personal-line slot', async () => {
    const id = await caseInProgress();
    const templateId = await addTemplate();
    const rendered = await renderTemplateForCase(db, templateId, id, AGENT);
    expect(rendered.templateId).toBe(templateId);
    expect(rendered.body).toContain('Estimado(a) Ana María Pérez:');
    expect(rendered.body).toContain('vencimiento el 8 de abril de 2026,');
    expect(rendered.body).toContain('agente · Ventanilla');
    expect(rendered.body.match(/\{\{[^}]*\}\}/g)).toEqual(['{{linea_personal}}']);
  });

  it('refuses an unknown or inactive template on templateId', async () => {
    const id = await caseInProgress();
    const retired = await addTemplate({ isActive: false });
    for (const templateId of [999, retired]) {
      const error = await captureAppError(
        async () => await renderTemplateForCase(db, templateId, id, AGENT),
      );
      expect(error.code).toBe('VALIDATION');
      expect(error.fieldErrors).toEqual({ templateId: ['templateUnavailable'] });
    }
  });

  it('warns before sending exactly when the reply would be stored as canned', async () => {
    const id = await caseInProgress();
    const templateId = await addTemplate();
    const options = { db };
    expect(
      await cannedWarning(options.db, await draft(templateId, id), templateId, id, AGENT),
    ).toBe(true);
    expect(
      await cannedWarning(
        options.db,
        await draft(templateId, id, 'Lamento la molestia.'),
        templateId,
        id,
        AGENT,
      ),
    ).toBe(false);
  });

  it("a petitioner's subject cannot smuggle a placeholder into the rendered reply", async () => {
    const id = await caseInProgress({ subject: 'Cobro {{linea_personal}} doble' });
    const templateId = await addTemplate();
    await act(id, { action: 'reply', body: await draft(templateId, id), templateId });
    expect((await storedInteractions(id)).at(-1)).toMatchObject({ isCanned: true });
  });
});

describe.each(['reply', 'answer'] as const)('%s with a template', (action) => {
  const send = async (caseId: number, body: string, templateId?: number) =>
    await act(caseId, {
      action,
      body,
      ...(templateId === undefined ? {} : { templateId }),
      ...(action === 'answer' ? { decision: 'concede' } : {}),
    });
  const toState = action === 'answer' ? 'respondida' : 'en_tramite';

  it('sent unchanged → stored as canned, with templateId, and said so in the event', async () => {
    const id = await caseInProgress();
    const templateId = await addTemplate();
    const done = await send(id, await draft(templateId, id), templateId);
    expect(done.to).toBe(toState);
    expect(await storedInteractions(id)).toEqual([{ templateId, isCanned: true, kind: 'reply' }]);
    const event = (await eventsOf(db, id)).at(-1)!;
    expect(event.action).toBe(action);
    expect(event.data).toEqual({
      ...(action === 'answer' ? { decision: 'concede' } : {}),
      templateId,
      isCanned: true,
    });
  });

  it('re-spaced and re-capitalised but otherwise unchanged → still canned', async () => {
    const id = await caseInProgress();
    const templateId = await addTemplate();
    const body = (await draft(templateId, id)).replace(/\n/g, '\n\n').toUpperCase();
    await send(id, body, templateId);
    expect((await storedInteractions(id))[0]?.isCanned).toBe(true);
  });

  it('the same template with a personal sentence added → not canned', async () => {
    const id = await caseInProgress();
    const templateId = await addTemplate();
    await send(
      id,
      await draft(templateId, id, 'Lamento que haya tenido que escribirnos dos veces.'),
      templateId,
    );
    expect(await storedInteractions(id)).toEqual([{ templateId, isCanned: false, kind: 'reply' }]);
    expect((await eventsOf(db, id)).at(-1)?.data).toMatchObject({ templateId, isCanned: false });
  });

  it('without a template → not canned, no template data in the event', async () => {
    const id = await caseInProgress();
    await send(id, 'Ya le devolvimos el dinero; perdone la molestia.');
    expect(await storedInteractions(id)).toEqual([
      { templateId: null, isCanned: false, kind: 'reply' },
    ]);
    const data = (await eventsOf(db, id)).at(-1)?.data ?? null;
    expect(data).toEqual(action === 'answer' ? { decision: 'concede' } : null);
  });

  it.each([
    ['the personal-line slot', (d: string) => d, ['linea_personal']],
    ['{{nombre}}', (d: string) => `Hola {{nombre}}. ${d}`, ['nombre']],
    ['{{ radicado }} with spaces', (d: string) => `${d} Ref. {{ radicado }}`, ['radicado']],
  ])('a body with %s left → VALIDATION on body, nothing written', async (_label, edit, names) => {
    const id = await caseInProgress();
    const templateId = await addTemplate();
    const rendered = (await renderTemplateForCase(db, templateId, id, AGENT)).body;
    const body = edit(
      names.includes('linea_personal') ? rendered : await draft(templateId, id, 'Ok.'),
    );
    const before = await trace(id);
    const error = await captureAppError(async () => await send(id, body, templateId));
    expect(error.code).toBe('VALIDATION');
    expect(error.fieldErrors).toEqual({ body: ['unfilledPlaceholders'] });
    expect(error.detail).toEqual({ unfilledPlaceholders: names });
    expect(await trace(id)).toEqual(before);
  });

  it('a placeholder is refused even when no template was chosen', async () => {
    const id = await caseInProgress();
    const before = await trace(id);
    const error = await captureAppError(
      async () => await send(id, 'Estimado {{nombre}}: ya le devolvimos el dinero.'),
    );
    expect(error.fieldErrors).toEqual({ body: ['unfilledPlaceholders'] });
    expect(await trace(id)).toEqual(before);
  });

  it('an unknown or inactive templateId → VALIDATION on templateId, nothing written', async () => {
    const id = await caseInProgress();
    const retired = await addTemplate({ isActive: false });
    const before = await trace(id);
    for (const templateId of [999, retired]) {
      const error = await captureAppError(
        async () => await send(id, 'Ya le devolvimos el dinero.', templateId),
      );
      expect(error.code).toBe('VALIDATION');
      expect(error.fieldErrors).toEqual({ templateId: ['templateUnavailable'] });
    }
    expect(await trace(id)).toEqual(before);
  });

  it('both problems at once are reported together', async () => {
    const id = await caseInProgress();
    const error = await captureAppError(async () => await send(id, 'Hola {{nombre}}', 999));
    expect(error.fieldErrors).toEqual({
      body: ['unfilledPlaceholders'],
      templateId: ['templateUnavailable'],
    });
  });
});

describe("the petitioner's view", () => {
  it('never shows templateId or isCanned; staff see both', async () => {
    const id = await caseInProgress();
    const templateId = await addTemplate();
    await act(id, { action: 'reply', body: await draft(templateId, id), templateId });
    await act(id, {
      action: 'answer',
      body: await draft(templateId, id, 'Quedo atenta a cualquier inquietud.'),
      decision: 'concede',
      templateId,
    });

    const customerView = await getCaseWithTimeline(makeCtx(db, customerActor(id), MONDAY), {
      caseId: id,
    });
    const replies = customerView.events.filter(
      (e) => e.action === 'reply' || e.action === 'answer',
    );
    expect(replies).toHaveLength(2);
    expect(replies.map((e) => e.data)).toEqual([{}, { decision: 'concede' }]);
    expect(JSON.stringify(customerView)).not.toMatch(/templateId|isCanned/);

    const staffView = await getCaseWithTimeline(makeCtx(db, fx.agent, MONDAY), { caseId: id });
    const staffData = staffView.events.filter((e) => e.action === 'answer').map((e) => e.data);
    expect(staffData).toEqual([{ decision: 'concede', templateId, isCanned: false }]);
  });

  it('the interaction keeps the template it came from', async () => {
    const id = await caseInProgress();
    const templateId = await addTemplate();
    await act(id, { action: 'reply', body: await draft(templateId, id), templateId });
    const row = await first(db.select().from(interactions).where(eq(interactions.caseId, id)));
    expect(row).toMatchObject({ templateId, isCanned: true, staffId: fx.agent.id });
  });
});
