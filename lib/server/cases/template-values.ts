import 'server-only';
import { first } from '@/db/rows';
import { and, asc, eq, isNull, or, sql } from 'drizzle-orm';
import type { Conn } from '@/db/client';
import { cases, customers, templates } from '@/db/tables';
import { toLocalDate } from '@/lib/domain/calendar';
import type { CaseType } from '@/lib/domain/enums';
import { isCannedReply, renderTemplate, type Placeholder } from '@/lib/domain/templates';
import { AppError } from '../core/errors';
import { getOrganization } from '../core/organization';
import { preparedQuery } from '../core/prepared';
import { intlLocale, serverTranslator } from '../notices/translator';

/** Whoever is writing the reply: their name signs it as {{agente}}. */
export interface TemplateAuthor {
  name: string;
}

export interface TemplateSummary {
  id: number;
  name: string;
  body: string;
  typeCode: CaseType | null;
}

/** A template's columns as a summary (TemplateSummary) selects them. */
export const TEMPLATE_SUMMARY = {
  id: templates.id,
  name: templates.name,
  body: templates.body,
  typeCode: templates.typeCode,
};

/** Templates are written in Spanish, so they are filled in Spanish whatever the case's locale. */
const TEMPLATE_LOCALE = 'es';

/** `2026-04-08` → `8 de abril de 2026`; the date is already local, so no zone may shift it. */
function longDate(date: string): string {
  return LONG_DATE.format(new Date(`${date}T12:00:00Z`));
}
const LONG_DATE = new Intl.DateTimeFormat(intlLocale(TEMPLATE_LOCALE), {
  day: 'numeric',
  month: 'long',
  year: 'numeric',
  timeZone: 'UTC',
});

const caseValues = preparedQuery((db) =>
  db
    .select({
      radicado: cases.radicado,
      typeCode: cases.typeCode,
      subject: cases.subject,
      isAnonymous: cases.isAnonymous,
      receivedAt: cases.receivedAt,
      dueDate: cases.dueDate,
      isPaused: cases.isPaused,
      customerName: customers.fullName,
      customerAnonymizedAt: customers.anonymizedAt,
    })
    .from(cases)
    .leftJoin(customers, eq(customers.id, cases.customerId))
    .where(eq(cases.id, sql.placeholder('caseId')))
    .prepare(),
);

/**
 * The values a template is filled with for one case. Staff-only: it reads the petitioner's name, so
 * the caller must already have checked that the asker may work on the case.
 */
export async function templateValuesFor(
  db: Conn,
  caseId: number,
  staff: TemplateAuthor,
): Promise<Record<Placeholder, string>> {
  const row = await caseValues(db).get({ caseId });
  if (!row) throw new AppError('NOT_FOUND', 'case not found');
  const org = await getOrganization(db);
  const t = serverTranslator(TEMPLATE_LOCALE);
  const hasName = !row.isAnonymous && row.customerName && !row.customerAnonymizedAt;
  return {
    nombre: hasName ? row.customerName! : t('templateValues.anonymousName'),
    radicado: row.radicado,
    // A paused term has no due date until the petitioner answers; that is not "no legal term".
    fecha_vencimiento: row.dueDate
      ? longDate(row.dueDate)
      : t(row.isPaused ? 'templateValues.termPaused' : 'templateValues.noLegalTerm'),
    fecha_radicacion: longDate(toLocalDate(row.receivedAt, org.timeZone)),
    tipo: t(`types.${row.typeCode}`),
    asunto: row.subject,
    agente: staff.name,
    entidad: org.name,
  };
}

/**
 * Active templates offered on a case of `typeCode`: that type's own first, then the general ones
 * (no type). Without a type, only the general ones.
 */
export async function listTemplates(db: Conn, typeCode?: CaseType): Promise<TemplateSummary[]> {
  const forType = typeCode
    ? or(isNull(templates.typeCode), eq(templates.typeCode, typeCode))
    : isNull(templates.typeCode);
  return await db
    .select(TEMPLATE_SUMMARY)
    .from(templates)
    .where(and(eq(templates.isActive, true), forType))
    .orderBy(sql`${templates.typeCode} is null`, asc(templates.name));
}

/** An active template's body, or null when there is no such template or it was retired. */
export async function activeTemplateBody(db: Conn, templateId: number): Promise<string | null> {
  const row = await first(
    db
      .select({ body: templates.body, isActive: templates.isActive })
      .from(templates)
      .where(eq(templates.id, templateId)),
  );
  return row?.isActive ? row.body : null;
}

/**
 * The template filled for the case, as the agent first sees it: the `{{linea_personal}}` slot is
 * still there for them to replace. An unknown or retired template is reported on `templateId`.
 */
export async function renderTemplateForCase(
  db: Conn,
  templateId: number,
  caseId: number,
  staff: TemplateAuthor,
): Promise<{ templateId: number; body: string }> {
  const body = await activeTemplateBody(db, templateId);
  if (body === null) {
    throw new AppError('VALIDATION', 'unknown or inactive template', {
      fieldErrors: { templateId: ['templateUnavailable'] },
    });
  }
  return { templateId, body: renderTemplate(body, await templateValuesFor(db, caseId, staff)) };
}

/**
 * Whether `body` would be stored as canned if sent now with `templateId`, so the case page can warn
 * before sending. Reads only; the caller checks access to the case as for any staff read.
 */
export async function cannedWarning(
  db: Conn,
  body: string,
  templateId: number,
  caseId: number,
  staff: TemplateAuthor,
): Promise<boolean> {
  return isCannedReply(body, (await renderTemplateForCase(db, templateId, caseId, staff)).body);
}
