import 'server-only';
import { first, one } from '@/db/rows';
import { and, asc, eq, ne } from 'drizzle-orm';
import type { Conn } from '@/db/client';
import { templates } from '@/db/tables';
import { renderTemplate, unknownPlaceholders, type Placeholder } from '@/lib/domain/templates';
import { ActiveSchema, TemplateSchema, TemplateUpdateSchema } from '@/lib/validation/admin-catalog';
import { withTransaction, type Ctx } from '../core/context';
import { AppError } from '../core/errors';
import { requireRole } from '../core/guard';
import { parseInput } from '../core/parse';
import { appendAdminEvent } from './admin-event';
import { duplicate } from './catalogues';

/** Reply templates (issue 7, item 5): placeholders checked on save, a preview with sample values. */

/** What the preview fills the placeholders with (the personal-line slot stays for the agent). */
export const SAMPLE_VALUES: Record<Placeholder, string> = {
  nombre: 'María Fernanda Rojas',
  radicado: 'PQRS-2026-000123',
  fecha_vencimiento: '8 de abril de 2026',
  fecha_radicacion: '18 de marzo de 2026',
  tipo: 'Reclamo',
  asunto: 'Cobro doble en la factura de marzo',
  agente: 'Laura Gómez',
  entidad: 'Ventanilla S.A.S.',
};

/** The body with sample values: plain text, shown as text (never as HTML). */
export function previewTemplate(body: string): string {
  return renderTemplate(body, SAMPLE_VALUES);
}

/** A body naming a placeholder no one fills is refused, naming the first unknown one. */
function checkPlaceholders(body: string): void {
  const unknown = unknownPlaceholders(body);
  if (unknown.length === 0) return;
  const token = `{{${unknown[0]}}}`;
  throw new AppError('VALIDATION', `Marcador desconocido: ${token}`, {
    fieldErrors: { body: ['unknownPlaceholder'] },
    detail: { unknownPlaceholders: unknown, params: { placeholder: token } },
  });
}

async function nameTaken(tx: Conn, name: string, exceptId?: number): Promise<boolean> {
  const where = exceptId
    ? and(eq(templates.name, name), ne(templates.id, exceptId))
    : eq(templates.name, name);
  return Boolean(await first(tx.select({ id: templates.id }).from(templates).where(where)));
}

export async function createTemplate(ctx: Ctx, input: unknown) {
  requireRole(ctx.actor, 'admin');
  const data = parseInput(TemplateSchema, input);
  checkPlaceholders(data.body);
  return withTransaction(ctx, async (tx) => {
    if (await nameTaken(tx.db, data.name)) throw duplicate();
    const row = await one(
      tx.db
        .insert(templates)
        .values({
          name: data.name,
          body: data.body,
          typeCode: data.typeCode ?? null,
          createdBy: tx.actor.id,
          createdAt: tx.now,
        })
        .returning(),
    );
    await appendAdminEvent(tx, 'template_created', { templateId: row.id, name: data.name });
    return { id: row.id };
  });
}

export async function updateTemplate(ctx: Ctx, input: unknown) {
  requireRole(ctx.actor, 'admin');
  const data = parseInput(TemplateUpdateSchema, input);
  checkPlaceholders(data.body);
  return withTransaction(ctx, async (tx) => {
    const row = await first(tx.db.select().from(templates).where(eq(templates.id, data.id)));
    if (!row) throw new AppError('NOT_FOUND', 'template not found');
    if (await nameTaken(tx.db, data.name, data.id)) throw duplicate();
    await tx.db
      .update(templates)
      .set({ name: data.name, body: data.body, typeCode: data.typeCode ?? null, updatedAt: tx.now })
      .where(eq(templates.id, data.id));
    await appendAdminEvent(tx, 'template_updated', { templateId: data.id, name: data.name });
  });
}

export async function setTemplateActive(ctx: Ctx, input: unknown) {
  requireRole(ctx.actor, 'admin');
  const { id, active } = parseInput(ActiveSchema, input);
  return withTransaction(ctx, async (tx) => {
    const row = await first(
      tx.db
        .update(templates)
        .set({ isActive: active, updatedAt: tx.now })
        .where(eq(templates.id, id))
        .returning(),
    );
    if (!row) throw new AppError('NOT_FOUND', 'template not found');
    await appendAdminEvent(tx, 'template_updated', { templateId: id, isActive: active });
  });
}

/** Every template, inactive ones included, each with its preview. */
export async function listTemplatesForAdmin(ctx: Ctx) {
  requireRole(ctx.actor, 'admin');
  return (await ctx.db.select().from(templates).orderBy(asc(templates.name))).map((t) => ({
    ...t,
    preview: previewTemplate(t.body),
  }));
}
