import 'server-only';
import { jsonText } from '@/db/dialect';
import { first } from '@/db/rows';
import { and, eq, sql } from 'drizzle-orm';
import type { Conn } from '@/db/client';
import { caseEvents, cases } from '@/db/tables';
import type { Locale } from '@/lib/domain/enums';
import type { ApiCaseStatus } from '@/lib/validation/intake-api';
import { AppError } from '../core/errors';
import { preparedQuery } from '../core/prepared';
import { serverTranslator } from '../notices/translator';

/**
 * The case behind a radicado, if it was filed through this intake channel; otherwise 404 (the same
 * answer as for an unknown radicado, so a key cannot probe other channels' cases).
 */
export async function findApiCase(db: Conn, radicado: string, channelId: number): Promise<number> {
  const row = await first(
    db
      .select({ id: cases.id })
      .from(cases)
      .innerJoin(caseEvents, and(eq(caseEvents.caseId, cases.id), eq(caseEvents.action, 'radicar')))
      .where(
        and(
          eq(cases.radicado, radicado.trim().toUpperCase()),
          sql`${jsonText(caseEvents.data, 'intakeChannelId')} = ${channelId}`,
        ),
      ),
  );
  if (!row) throw new AppError('NOT_FOUND', 'case not found');
  return row.id;
}

/** What the status answer shows of a case; built once per connection (every filing answers it). */
const statusRow = preparedQuery((db) =>
  db
    .select({
      radicado: cases.radicado,
      typeCode: cases.typeCode,
      state: cases.state,
      receivedAt: cases.receivedAt,
      dueDate: cases.dueDate,
      isPaused: cases.isPaused,
      answeredAt: cases.answeredAt,
    })
    .from(cases)
    .where(eq(cases.id, sql.placeholder('id')))
    .prepare(),
);

export async function apiCaseStatus(
  db: Conn,
  caseId: number,
  locale: Locale,
): Promise<ApiCaseStatus> {
  const row = await statusRow(db).get({ id: caseId });
  if (!row) throw new AppError('NOT_FOUND', 'case not found');
  const t = serverTranslator(locale);
  return {
    radicado: row.radicado,
    typeCode: row.typeCode,
    state: row.state,
    stateLabel: t(`states.${row.state}`),
    receivedAt: row.receivedAt.toISOString(),
    dueDate: row.dueDate,
    isPaused: row.isPaused,
    answeredAt: row.answeredAt ? row.answeredAt.toISOString() : null,
  };
}
