import { sql } from 'drizzle-orm';
import { index, integer, sqliteTable, text, uniqueIndex } from 'drizzle-orm/sqlite-core';
import { ASSIGNMENT_MODES, DOCUMENT_TYPES, LOCALES, STAFF_ROLES } from '../../lib/domain/enums';
import { createdAt, instant } from './columns';

/** Dependencias: agents belong to one; each has a supervisor. */
export const teams = sqliteTable('teams', {
  id: integer('id').primaryKey({ autoIncrement: true }),
  name: text('name').notNull().unique(),
  supervisorId: integer('supervisor_id'),
  assignmentMode: text('assignment_mode', { enum: ASSIGNMENT_MODES }).notNull().default('manual'),
  /** Round robin: the agent who got the team's last case. */
  lastAssignedId: integer('last_assigned_id'),
  createdAt: createdAt(),
});

export const staffUsers = sqliteTable(
  'staff_users',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    email: text('email').notNull(),
    name: text('name').notNull(),
    passwordHash: text('password_hash').notNull(),
    role: text('role', { enum: STAFF_ROLES }).notNull(),
    teamId: integer('team_id').references(() => teams.id),
    locale: text('locale', { enum: LOCALES }).notNull().default('es'),
    isActive: integer('is_active', { mode: 'boolean' }).notNull().default(true),
    /** Away agents get no new cases from automatic assignment; set by themselves or a supervisor. */
    isAvailable: integer('is_available', { mode: 'boolean' }).notNull().default(true),
    /** Since when the person is away (null while available): a long absence returns their cases. */
    awaySince: instant('away_since'),
    lastSignInAt: instant('last_sign_in_at'),
    /** Sessions issued before this instant are void (password reset, deactivation, "sign out everywhere"). */
    sessionsValidAfter: instant('sessions_valid_after'),
    createdAt: createdAt(),
  },
  (t) => [
    uniqueIndex('staff_users_email_uq').on(sql`lower(${t.email})`),
    index('staff_users_team_idx').on(t.teamId),
  ],
);

/** Petitioners. Anonymous filers have no row; an anonymised customer keeps the row, not the data. */
export const customers = sqliteTable(
  'customers',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    documentType: text('document_type', { enum: DOCUMENT_TYPES }).notNull(),
    documentNumber: text('document_number').notNull(),
    fullName: text('full_name').notNull(),
    email: text('email'),
    phone: text('phone'),
    address: text('address'),
    locale: text('locale', { enum: LOCALES }).notNull().default('es'),
    anonymizedAt: instant('anonymized_at'),
    createdAt: createdAt(),
    updatedAt: instant('updated_at'),
  },
  (t) => [
    uniqueIndex('customers_document_uq').on(t.documentType, t.documentNumber),
    index('customers_document_number_idx').on(t.documentNumber),
    index('customers_name_idx').on(t.fullName),
    index('customers_email_idx').on(sql`lower(${t.email})`),
  ],
);

/** Habeas-data consent (Ley 1581 de 2012): what was accepted, when, and which policy version. */
export const consents = sqliteTable(
  'consents',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    customerId: integer('customer_id').references(() => customers.id),
    caseId: integer('case_id'),
    policyVersion: text('policy_version').notNull(),
    acceptedAt: instant('accepted_at').notNull(),
    channel: text('channel').notNull(),
  },
  (t) => [index('consents_customer_idx').on(t.customerId), index('consents_case_idx').on(t.caseId)],
);

/** Failed sign-in throttling and public rate limits (rate-limiter-flexible's table shape). */
export const rateLimits = sqliteTable('rate_limits', {
  key: text('key').primaryKey(),
  points: integer('points').notNull().default(0),
  expire: integer('expire'),
});
