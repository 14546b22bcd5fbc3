import 'server-only';
import { instantParam } from '@/db/dialect';
import { eq, sql, type Column } from 'drizzle-orm';
import type { Conn } from '@/db/client';
import { caseTypes, consents, customers, intakeChannels } from '@/db/tables';
import { DEFAULT_ANONYMOUS_TYPES, type CaseType } from '@/lib/domain/enums';
import type { CaseFiling } from '@/lib/validation/case-filing';
import { AppError } from '../core/errors';
import { driverValues, placeholders, preparedQuery } from '../core/prepared';

/*
 * The rows a filing reads and writes besides the case and its event (create-case.ts). Every filing
 * runs them, so each statement is built once per connection (core/prepared.ts): drizzle building a
 * query's SQL on every call cost more than SQLite running it.
 */

const caseTypeRow = preparedQuery((db) =>
  db
    .select({ allowsAnonymous: caseTypes.allowsAnonymous, isActive: caseTypes.isActive })
    .from(caseTypes)
    .where(eq(caseTypes.code, sql.placeholder('code')))
    .prepare(),
);

/** Whether the type may be filed anonymously; an inactive type is refused on `typeCode`. */
export async function allowsAnonymous(tx: Conn, typeCode: CaseType): Promise<boolean> {
  const row = await caseTypeRow(tx).get({ code: typeCode });
  if (row && !row.isActive) {
    throw new AppError('VALIDATION', 'type inactive', { fieldErrors: { typeCode: ['invalid'] } });
  }
  return row ? row.allowsAnonymous : DEFAULT_ANONYMOUS_TYPES.includes(typeCode);
}

const channelWebhook = preparedQuery((db) =>
  db
    .select({ url: intakeChannels.webhookUrl })
    .from(intakeChannels)
    .where(eq(intakeChannels.id, sql.placeholder('id')))
    .prepare(),
);

/** Answering through the channel needs the filing to come through an API channel with a webhook. */
export async function checkChannelAnswer(
  tx: Conn,
  filing: CaseFiling,
  intakeChannelId: number | undefined,
): Promise<void> {
  if (filing.responseMedium !== 'api') return;
  const hook = intakeChannelId ? await channelWebhook(tx).get({ id: intakeChannelId }) : undefined;
  if (!hook?.url) {
    throw new AppError('VALIDATION', 'no channel to answer through', {
      fieldErrors: { responseMedium: ['invalid'] },
    });
  }
}

const CUSTOMER_COLUMNS = [
  'documentType',
  'documentNumber',
  'fullName',
  'email',
  'phone',
  'address',
  'locale',
  'createdAt',
] as const;

/** A contact field of the update: the new value, or (null) the one on record. */
const keptUnlessGiven = (column: Column, name: string) =>
  sql`coalesce(${sql.placeholder(name)}, ${column})`;

const upsertCustomerRow = preparedQuery((db) =>
  db
    .insert(customers)
    .values(placeholders(CUSTOMER_COLUMNS))
    .onConflictDoUpdate({
      target: [customers.documentType, customers.documentNumber],
      set: {
        fullName: sql`${sql.placeholder('fullName')}`,
        email: keptUnlessGiven(customers.email, 'newEmail'),
        phone: keptUnlessGiven(customers.phone, 'newPhone'),
        address: keptUnlessGiven(customers.address, 'newAddress'),
        locale: sql`${sql.placeholder('locale')}`,
        updatedAt: sql`${sql.placeholder('updatedAt')}`,
      },
    })
    .returning({ id: customers.id })
    .prepare(),
);

/** A petitioner's columns as a filing names them, contact data it lacks as null. */
export function customerColumns(
  c: NonNullable<CaseFiling['customer']>,
  locale: CaseFiling['locale'],
) {
  return {
    documentType: c.documentType,
    documentNumber: c.documentNumber,
    fullName: c.fullName,
    email: c.email ?? null,
    phone: c.phone ?? null,
    address: c.address ?? null,
    locale,
  };
}

/**
 * The petitioner on record by document, created or updated: the latest filing carries the
 * freshest contact data; blanks never erase known data. Null for an anonymous or unidentified one.
 */
export async function upsertCustomer(
  tx: Conn,
  filing: CaseFiling,
  now: Date,
): Promise<number | null> {
  const c = filing.customer;
  if (filing.isAnonymous || !c) return null;
  const row = await upsertCustomerRow(tx).get({
    ...driverValues(customers, {
      ...customerColumns(c, filing.locale),
      createdAt: now,
    } satisfies Record<(typeof CUSTOMER_COLUMNS)[number], unknown>),
    newEmail: c.email || null,
    newPhone: c.phone || null,
    newAddress: c.address || null,
    updatedAt: instantParam(now),
  });
  return row!.id;
}

const CONSENT_COLUMNS = ['customerId', 'caseId', 'policyVersion', 'acceptedAt', 'channel'] as const;

const insertConsentRow = preparedQuery((db) =>
  db.insert(consents).values(placeholders(CONSENT_COLUMNS)).prepare(),
);

/** The habeas-data consent given with the filing (Ley 1581 de 2012). */
export async function recordConsent(
  tx: Conn,
  consent: Record<(typeof CONSENT_COLUMNS)[number], unknown>,
): Promise<void> {
  await insertConsentRow(tx).run(driverValues(consents, consent));
}
