import { index, integer, sqliteTable, text, uniqueIndex } from 'drizzle-orm/sqlite-core';
import { CASE_TYPES, PRIORITIES, type CaseType } from '../../lib/domain/enums';
import { REGIMES } from '../../lib/domain/regimes';
import { createdAt, instant } from './columns';
import { staffUsers } from './people';

/** Organisation profile and policy (single row, id = 1). */
export const organization = sqliteTable('organization', {
  id: integer('id').primaryKey(),
  name: text('name').notNull(),
  taxId: text('tax_id'),
  logoPath: text('logo_path'),
  radicadoPrefix: text('radicado_prefix').notNull().default('PQRS'),
  timeZone: text('time_zone').notNull().default('America/Bogota'),
  worksSaturday: integer('works_saturday', { mode: 'boolean' }).notNull().default(false),
  /** 'calendar_day' (Ley 1755 art. 21 default) or 'next_business_day'. */
  receiptRule: text('receipt_rule', { enum: ['calendar_day', 'next_business_day'] })
    .notNull()
    .default('calendar_day'),
  closingHour: integer('closing_hour'),
  businessHoursStart: integer('business_hours_start').notNull().default(8),
  businessHoursEnd: integer('business_hours_end').notNull().default(17),
  disagreementWindowDays: integer('disagreement_window_days').notNull().default(10),
  privacyPolicyText: text('privacy_policy_text').notNull().default(''),
  privacyPolicyVersion: text('privacy_policy_version').notNull().default('1'),
  /** The legal regime its PQRS follow (lib/domain/regimes.ts): types, terms, extensions, silence. */
  regime: text('regime', { enum: REGIMES }).notNull().default('general'),
  /** The public transparency page (/transparencia, Ley 1712 de 2014) is shown only when set. */
  publishTransparency: integer('publish_transparency', { mode: 'boolean' })
    .notNull()
    .default(false),
  updatedAt: instant('updated_at'),
});

/** PQRS types as configured by the organisation. */
export const caseTypes = sqliteTable('case_types', {
  code: text('code', { enum: CASE_TYPES }).primaryKey(),
  allowsAnonymous: integer('allows_anonymous', { mode: 'boolean' }).notNull(),
  isActive: integer('is_active', { mode: 'boolean' }).notNull().default(true),
  /** Target agent handle time per case (minutes): the effort figures compare against it. */
  handleTargetMinutes: integer('handle_target_minutes').notNull().default(30),
});

/**
 * Legal terms are versioned: a case keeps the term in force when it was radicated.
 * `termDays` null means no legal term (Felicitación).
 */
export const caseTypeTerms = sqliteTable(
  'case_type_terms',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    typeCode: text('type_code', { enum: CASE_TYPES })
      .notNull()
      .references(() => caseTypes.code),
    termDays: integer('term_days'),
    /** Business days a prórroga may add (E ≤ N); null: as many as the term (the 2N cap). */
    extensionDays: integer('extension_days'),
    validFrom: instant('valid_from').notNull(),
    reason: text('reason'),
    createdBy: integer('created_by').references(() => staffUsers.id),
    createdAt: createdAt(),
  },
  (t) => [index('case_type_terms_type_valid_idx').on(t.typeCode, t.validFrom)],
);

/** Organisation closure days (día cívico, suspension of terms), on top of national holidays. */
export const closureDays = sqliteTable('closure_days', {
  date: text('date').primaryKey(),
  reason: text('reason').notNull(),
  createdBy: integer('created_by').references(() => staffUsers.id),
  createdAt: createdAt(),
});

/**
 * A suspension of terms (an act of the entity, e.g. a resolution during a strike or a closure):
 * from `fromDate` to `toDate` (local dates, both included) the legal clock of the covered cases
 * stops. `typeCodes` null: every type. Each covered case carries it as a pause (case_pauses).
 */
export const termSuspensions = sqliteTable(
  'term_suspensions',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    act: text('act').notNull(),
    fromDate: text('from_date').notNull(),
    toDate: text('to_date').notNull(),
    typeCodes: text('type_codes', { mode: 'json' }).$type<CaseType[] | null>(),
    createdById: integer('created_by_id').references(() => staffUsers.id),
    createdAt: createdAt(),
  },
  (t) => [index('term_suspensions_to_idx').on(t.toDate)],
);

export const categories = sqliteTable('categories', {
  id: integer('id').primaryKey({ autoIncrement: true }),
  name: text('name').notNull().unique(),
  isActive: integer('is_active', { mode: 'boolean' }).notNull().default(true),
});

/** Originating processes (proceso de origen): billing, delivery, installation … */
export const processes = sqliteTable('processes', {
  id: integer('id').primaryKey({ autoIncrement: true }),
  name: text('name').notNull().unique(),
  ownerId: integer('owner_id').references(() => staffUsers.id),
  isActive: integer('is_active', { mode: 'boolean' }).notNull().default(true),
});

export const rootCauses = sqliteTable(
  'root_causes',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    processId: integer('process_id')
      .notNull()
      .references(() => processes.id),
    name: text('name').notNull(),
    isActive: integer('is_active', { mode: 'boolean' }).notNull().default(true),
  },
  (t) => [uniqueIndex('root_causes_process_name_uq').on(t.processId, t.name)],
);

/** Internal service levels (ANS), tighter than the law, per type / category / priority. */
export const serviceLevels = sqliteTable(
  'service_levels',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    typeCode: text('type_code', { enum: CASE_TYPES }).references(() => caseTypes.code),
    categoryId: integer('category_id').references(() => categories.id),
    priority: text('priority', { enum: PRIORITIES }),
    firstResponseHours: integer('first_response_hours').notNull(),
    resolutionDays: integer('resolution_days').notNull(),
    validFrom: instant('valid_from').notNull(),
    createdAt: createdAt(),
  },
  (t) => [index('service_levels_lookup_idx').on(t.typeCode, t.categoryId, t.priority)],
);

/** Reply templates with {{placeholders}} and a slot for a personal line. */
export const templates = sqliteTable('templates', {
  id: integer('id').primaryKey({ autoIncrement: true }),
  name: text('name').notNull().unique(),
  body: text('body').notNull(),
  typeCode: text('type_code', { enum: CASE_TYPES }),
  isActive: integer('is_active', { mode: 'boolean' }).notNull().default(true),
  createdBy: integer('created_by').references(() => staffUsers.id),
  createdAt: createdAt(),
  updatedAt: instant('updated_at'),
});
