/** Template administration (issue 7, item 5) on a real database. */
import { eq } from 'drizzle-orm';
import { first } from '@/db/rows';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Conn } from '@/db/client';
import { caseEvents, templates } from '@/db/tables';
import { HTTP_STATUS } from '../core/errors';
import { captureAppError, seedFixture, type Fixture } from '../testing/fixtures';
import { openTestDb } from '../testing/test-db';
import {
  createTemplate,
  listTemplatesForAdmin,
  previewTemplate,
  setTemplateActive,
  updateTemplate,
} from './templates-admin';
import { makeCtx } from '../core/context';

let db: Conn;
let cleanup: () => Promise<void>;
let fx: Fixture;

beforeEach(async () => {
  ({ db, cleanup } = await openTestDb());
  fx = await seedFixture(db);
});
afterEach(() => cleanup());

const BODY =
  'Hola {{nombre}}: su caso {{radicado}} ({{tipo}}) vence el {{fecha_vencimiento}}. {{linea_personal}} {{agente}}, {{entidad}}';

describe('templates', () => {
  it('creates, edits and deactivates a template, audited', async () => {
    const { id } = await createTemplate(makeCtx(db, fx.admin), {
      name: 'Acuse',
      body: BODY,
      typeCode: 'R',
    });
    await updateTemplate(makeCtx(db, fx.admin), {
      id,
      name: 'Acuse de recibo',
      body: BODY,
      typeCode: '',
    });
    await setTemplateActive(makeCtx(db, fx.admin), { id, active: 'false' });
    expect(await first(db.select().from(templates).where(eq(templates.id, id)))).toMatchObject({
      name: 'Acuse de recibo',
      typeCode: null,
      isActive: false,
      createdBy: fx.admin.id,
    });
    const names = (
      await db.select({ a: caseEvents.action }).from(caseEvents).orderBy(caseEvents.id)
    ).map((e) => e.a);
    expect(names).toEqual(['template_created', 'template_updated', 'template_updated']);
  });

  it('refuses an unknown placeholder with 422 naming it, on create and on edit', async () => {
    const error = await captureAppError(() =>
      createTemplate(makeCtx(db, fx.admin), {
        name: 'Mala',
        body: 'Hola {{nombre}}, su {{numero_caso}} va.',
      }),
    );
    expect(HTTP_STATUS[error.code]).toBe(422);
    expect(error.message).toBe('Marcador desconocido: {{numero_caso}}');
    expect(error.detail).toMatchObject({ unknownPlaceholders: ['numero_caso'] });
    expect(error.fieldErrors).toEqual({ body: ['unknownPlaceholder'] });
    const { id } = await createTemplate(makeCtx(db, fx.admin), { name: 'Buena', body: BODY });
    const edit = await captureAppError(() =>
      updateTemplate(makeCtx(db, fx.admin), {
        id,
        name: 'Buena',
        body: 'Hola {{Nombre}} gracias.',
      }),
    );
    expect(edit.message).toBe('Marcador desconocido: {{Nombre}}');
    expect(await db.select().from(templates)).toHaveLength(1);
  });

  it('refuses a duplicate name with 422', async () => {
    await createTemplate(makeCtx(db, fx.admin), { name: 'Acuse', body: BODY });
    const error = await captureAppError(() =>
      createTemplate(makeCtx(db, fx.admin), { name: 'Acuse', body: BODY }),
    );
    expect(HTTP_STATUS[error.code]).toBe(422);
    expect(error.fieldErrors).toEqual({ name: ['duplicate'] });
  });

  it('previews with sample values for every known placeholder, the personal line left for the agent', async () => {
    const preview = previewTemplate(BODY);
    expect(preview).toContain('Hola María Fernanda Rojas: su caso PQRS-2026-000123 (Reclamo)');
    expect(preview).toContain('vence el 8 de abril de 2026');
    expect(preview).toContain('{{linea_personal}}');
    expect(preview).not.toMatch(/\{\{(?!linea_personal)/);
    await createTemplate(makeCtx(db, fx.admin), { name: 'Acuse', body: BODY });
    expect((await listTemplatesForAdmin(makeCtx(db, fx.admin)))[0]?.preview).toBe(preview);
  });

  it('refuses agents and supervisors with 403', async () => {
    for (const actor of [fx.agent, fx.supervisor]) {
      const error = await captureAppError(() =>
        createTemplate(makeCtx(db, actor), { name: 'Acuse', body: BODY }),
      );
      expect(HTTP_STATUS[error.code]).toBe(403);
    }
  });
});
