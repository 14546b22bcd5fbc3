import fs from 'node:fs';
import { eq } from 'drizzle-orm';
import type { Conn } from '@/db/client';
import {
  attachments,
  caseEvents,
  cases,
  consents,
  customers,
  idempotencyKeys,
  interactions,
  notifications,
  outbox,
} from '@/db/tables';
import type { SQLiteTable } from 'drizzle-orm/sqlite-core';
import { isStoredName } from '../cases/uploads';
import { countRows } from './fixtures';

/**
 * What a request may leave behind, counted: a refused request (4xx) must leave every one of these
 * as it found it. Rate-limit counters, idempotency records and a key's last use are not counted.
 */
export async function writtenCounts(db: Conn, uploadDir: string): Promise<Record<string, number>> {
  const count = async (table: SQLiteTable) => await countRows(db, table);
  return {
    cases: await count(cases),
    caseEvents: await count(caseEvents),
    attachments: await count(attachments),
    outbox: await count(outbox),
    customers: await count(customers),
    consents: await count(consents),
    interactions: await count(interactions),
    notifications: await count(notifications),
    uploadFiles: storedFiles(uploadDir).length,
  };
}

function storedFiles(uploadDir: string): string[] {
  if (!fs.existsSync(uploadDir)) return [];
  return fs.readdirSync(uploadDir).filter(isStoredName);
}

/**
 * Everything half-written, described (empty when whole): a case without its filing event, an
 * identified case without its consent, an attachment without its case, event or file, a file
 * without its row, an outbox row or event of no case, an idempotency record left "in progress".
 */
export async function halfWritten(db: Conn, uploadDir: string): Promise<string[]> {
  const problems: string[] = [];
  const caseRows = await db
    .select({ id: cases.id, customerId: cases.customerId, isAnonymous: cases.isAnonymous })
    .from(cases);
  const caseIds = new Set(caseRows.map((c) => c.id));
  const events = await db
    .select({ id: caseEvents.id, caseId: caseEvents.caseId, action: caseEvents.action })
    .from(caseEvents);
  const eventIds = new Set(events.map((e) => e.id));
  const filed = new Set(events.filter((e) => e.action === 'radicar').map((e) => e.caseId));
  const consented = new Set(
    (await db.select({ caseId: consents.caseId }).from(consents)).map((c) => c.caseId),
  );
  for (const c of caseRows) {
    if (!filed.has(c.id)) problems.push(`case ${c.id} has no filing event`);
    if (c.customerId !== null && !consented.has(c.id)) problems.push(`case ${c.id} has no consent`);
  }
  for (const e of events) {
    if (e.caseId !== null && !caseIds.has(e.caseId)) problems.push(`event ${e.id} of no case`);
  }
  const files = new Set(storedFiles(uploadDir));
  const rows = await db
    .select({
      id: attachments.id,
      caseId: attachments.caseId,
      eventId: attachments.eventId,
      storedName: attachments.storedName,
    })
    .from(attachments);
  const named = new Set(rows.map((r) => r.storedName));
  for (const r of rows) {
    if (!caseIds.has(r.caseId)) problems.push(`attachment ${r.id} of no case`);
    if (r.eventId !== null && !eventIds.has(r.eventId))
      problems.push(`attachment ${r.id} no event`);
    if (!files.has(r.storedName)) problems.push(`attachment ${r.id} has no file`);
  }
  for (const file of files) if (!named.has(file)) problems.push(`file ${file} has no row`);
  for (const o of await db.select({ id: outbox.id, caseId: outbox.caseId }).from(outbox)) {
    if (o.caseId !== null && !caseIds.has(o.caseId)) problems.push(`outbox ${o.id} of no case`);
  }
  const running = await db
    .select({ key: idempotencyKeys.key })
    .from(idempotencyKeys)
    .where(eq(idempotencyKeys.responseStatus, 0));
  for (const r of running) problems.push(`idempotency key ${r.key} left in progress`);
  return problems;
}
