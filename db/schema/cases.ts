import { sql } from 'drizzle-orm';
import { index, integer, primaryKey, sqliteTable, text } from 'drizzle-orm/sqlite-core';
import {
  ANSWER_DELIVERY_MEDIA,
  ACTOR_ROLES,
  ATTACHMENT_KINDS,
  CASE_LINK_KINDS,
  CASE_STATES,
  CASE_TYPES,
  CHANNELS,
  DECISIONS,
  EVENT_VISIBILITIES,
  INTERACTION_DIRECTIONS,
  INTERACTION_KINDS,
  LOCALES,
  PRIORITIES,
  PROMISE_STATUSES,
  RESPONSE_MEDIA,
} from '../../lib/domain/enums';
import { REGIMES } from '../../lib/domain/regimes';
import { categories, processes, rootCauses } from './catalog';
import { createdAt, instant } from './columns';
import { customers, staffUsers, teams } from './people';

/**
 * A PQRS case. `dueAt`/`dueDate` cache the legal term derived from type, radication time, calendar,
 * pauses and extension (lib/domain/legal-term); they are recomputed whenever one of those changes.
 * `version` increases on every change, so two writers starting from the same state cannot both win.
 */
export const cases = sqliteTable(
  'cases',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    radicado: text('radicado').notNull().unique(),
    typeCode: text('type_code', { enum: CASE_TYPES }).notNull(),
    state: text('state', { enum: CASE_STATES }).notNull(),
    channel: text('channel', { enum: CHANNELS }).notNull(),
    subject: text('subject').notNull(),
    description: text('description').notNull(),
    priority: text('priority', { enum: PRIORITIES }).notNull().default('normal'),
    priorityReason: text('priority_reason'),
    customerId: integer('customer_id').references(() => customers.id),
    isAnonymous: integer('is_anonymous', { mode: 'boolean' }).notNull().default(false),
    accessCodeHash: text('access_code_hash'),
    responseMedium: text('response_medium', { enum: RESPONSE_MEDIA }).notNull().default('email'),
    responseAddress: text('response_address'),
    /** The API channel the case came through (responseMedium 'api' answers there). */
    intakeChannelId: integer('intake_channel_id'),
    /**
     * An open case of the same petitioner this one may repeat (a new e-mail or API message from a
     * known petitioner): staff are offered to join it as a repeat contact. Cleared once decided.
     */
    possibleRepeatOfId: integer('possible_repeat_of_id'),
    /** Grouped with analogous petitions answered once (Ley 1755 art. 22): petition_groups.id. */
    petitionGroupId: integer('petition_group_id'),
    locale: text('locale', { enum: LOCALES }).notNull().default('es'),
    teamId: integer('team_id').references(() => teams.id),
    assigneeId: integer('assignee_id').references(() => staffUsers.id),
    categoryId: integer('category_id').references(() => categories.id),
    processId: integer('process_id').references(() => processes.id),
    rootCauseId: integer('root_cause_id').references(() => rootCauses.id),
    receivedAt: instant('received_at').notNull(),
    /** Term in force at radication (business days); null for types without a legal term. */
    termDays: integer('term_days'),
    /** The legal regime in force when it was radicated: its rules keep applying to the case. */
    regime: text('regime', { enum: REGIMES }).notNull().default('general'),
    dueDate: text('due_date'),
    dueAt: instant('due_at'),
    /** The date the petitioner was told when the term was extended (the marker of a prórroga). */
    extendedDueDate: text('extended_due_date'),
    /** Business days the prórroga added to the term; later pauses move the extended date too. */
    extensionDays: integer('extension_days'),
    extensionReason: text('extension_reason'),
    isPaused: integer('is_paused', { mode: 'boolean' }).notNull().default(false),
    /**
     * A request for documents and information (PD) left unanswered past its 10th business day
     * counts as accepted (Ley 1755 art. 14.1): when that was recorded. The copies are then owed
     * within 3 business days, tracked as a promise ('pd_delivery').
     */
    silenceAcceptedAt: instant('silence_accepted_at'),
    firstResponseAt: instant('first_response_at'),
    answeredAt: instant('answered_at'),
    /** A postal answer: when the letter was handed to the post (the answer's delivery date). */
    answerPostedAt: instant('answer_posted_at'),
    /**
     * When the answer first reached the petitioner (DOMAIN.md §3, "on time means notified"): the
     * e-mail accepted by the server, the webhook acknowledged, the letter posted, or the answer
     * shown on the portal; `answerDeliveredVia` says which. Null while undelivered.
     */
    answerDeliveredAt: instant('answer_delivered_at'),
    answerDeliveredVia: text('answer_delivered_via', { enum: ANSWER_DELIVERY_MEDIA }),
    /**
     * Result figures fixed at the FIRST answer (a reopen clears answeredAt, never these): when it was
     * written, the counted business days it took (paused time excluded) and whether the internal
     * service level was met. `answeredOnTime` is the legal result: set when the answer is delivered
     * (by the due date in force or not), or to false once the due date passes undelivered.
     */
    firstAnsweredAt: instant('first_answered_at'),
    answeredOnTime: integer('answered_on_time', { mode: 'boolean' }),
    answerBusinessDays: integer('answer_business_days'),
    slaMet: integer('sla_met', { mode: 'boolean' }),
    decision: text('decision', { enum: DECISIONS }),
    closedAt: instant('closed_at'),
    reopenCount: integer('reopen_count').notNull().default(0),
    repeatContactCount: integer('repeat_contact_count').notNull().default(0),
    mergedIntoId: integer('merged_into_id'),
    transferDestination: text('transfer_destination'),
    createdById: integer('created_by_id').references(() => staffUsers.id),
    version: integer('version').notNull().default(1),
    updatedAt: instant('updated_at').notNull(),
  },
  (t) => [
    index('cases_state_due_idx').on(t.state, t.dueAt),
    // The queues' default order (preferente first, then soonest due): pages read straight from it.
    index('cases_queue_due_idx').on(
      sql`${t.priority} desc`,
      sql`(${t.dueAt} is null)`,
      t.dueAt,
      t.teamId,
      t.assigneeId,
    ),
    index('cases_assignee_state_due_idx').on(t.assigneeId, t.state, t.dueAt),
    index('cases_team_state_due_idx').on(t.teamId, t.state, t.dueAt),
    index('cases_received_idx').on(t.receivedAt),
    index('cases_type_received_idx').on(t.typeCode, t.receivedAt),
    index('cases_channel_received_idx').on(t.channel, t.receivedAt),
    index('cases_process_received_idx').on(t.processId, t.receivedAt),
    index('cases_customer_idx').on(t.customerId),
    // A known petitioner's new e-mail finds their open cases by the address they answer to.
    index('cases_response_address_idx').on(sql`lower(${t.responseAddress})`),
    index('cases_first_answered_idx').on(t.firstAnsweredAt),
    // Covers the supervisor views' period aggregates (lib/server/supervision): a range of received
    // dates is read from the index alone, never from the wide table rows (990 → 330 ms a year).
    index('cases_figures_idx').on(
      t.receivedAt,
      t.typeCode,
      t.channel,
      t.state,
      t.teamId,
      t.assigneeId,
      t.processId,
      t.rootCauseId,
      t.firstAnsweredAt,
      t.answeredOnTime,
      t.answerBusinessDays,
      t.slaMet,
      t.reopenCount,
      t.repeatContactCount,
      t.dueAt,
      t.decision,
    ),
    // Answers written but not yet delivered: the job that marks them late at their due date.
    index('cases_undelivered_due_idx')
      .on(t.dueAt)
      .where(sql`first_answered_at is not null and answer_delivered_at is null`),
    index('cases_petition_group_idx')
      .on(t.petitionGroupId)
      .where(sql`petition_group_id is not null`),
    // The open cases by due date; the scope columns after it let the queue's dated tabs and the
    // board count an asker's cases from the index alone (PostgreSQL read 5,000 table rows for it).
    index('cases_open_due_idx')
      .on(t.dueAt, t.state, t.teamId, t.assigneeId)
      .where(sql`state in ('radicada', 'en_tramite', 'requiere_informacion')`),
    // The agent's "mine" and "team" tabs (and "unassigned") in their default order, open cases
    // only: a page is the first rows of one range, with no sort of the whole queue (issue 15).
    index('cases_assignee_queue_idx')
      .on(t.assigneeId, sql`${t.priority} desc`, sql`(${t.dueAt} is null)`, t.dueAt, t.id)
      .where(sql`state in ('radicada', 'en_tramite', 'requiere_informacion')`),
    index('cases_team_queue_idx')
      .on(t.teamId, sql`${t.priority} desc`, sql`(${t.dueAt} is null)`, t.dueAt, t.id)
      .where(sql`state in ('radicada', 'en_tramite', 'requiere_informacion')`),
    // The cases merged into this one (the case page's story): few, so a partial index.
    index('cases_merged_into_idx')
      .on(t.mergedIntoId)
      .where(sql`merged_into_id is not null`),
  ],
);

/** Waiting on the petitioner (art. 17): the legal clock stops between pausedAt and resumedAt. */
export const casePauses = sqliteTable(
  'case_pauses',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    caseId: integer('case_id')
      .notNull()
      .references(() => cases.id),
    pausedAt: instant('paused_at').notNull(),
    resumedAt: instant('resumed_at'),
    /** When the petitioner asked for one more month to answer (art. 17; once per request). */
    moreTimeAt: instant('more_time_at'),
    /**
     * Set when the pause is a suspension of terms the entity declared (term_suspensions), not an
     * information request: it never waits on the petitioner.
     */
    suspensionId: integer('suspension_id'),
  },
  (t) => [index('case_pauses_case_idx').on(t.caseId)],
);

/**
 * Append-only audit history; the case timeline is built from it. `hash` chains each event to the
 * previous one (tamper evidence); rows are never updated or deleted.
 */
export const caseEvents = sqliteTable(
  'case_events',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    caseId: integer('case_id').references(() => cases.id),
    action: text('action').notNull(),
    actorRole: text('actor_role', { enum: ACTOR_ROLES }).notNull(),
    actorId: integer('actor_id'),
    fromState: text('from_state', { enum: CASE_STATES }),
    toState: text('to_state', { enum: CASE_STATES }),
    visibility: text('visibility', { enum: EVENT_VISIBILITIES }).notNull(),
    body: text('body'),
    data: text('data', { mode: 'json' }).$type<Record<string, unknown>>(),
    createdAt: instant('created_at').notNull(),
    prevHash: text('prev_hash'),
    hash: text('hash'),
  },
  (t) => [
    index('case_events_case_idx').on(t.caseId, t.id),
    index('case_events_actor_idx').on(t.actorId, t.createdAt),
    index('case_events_action_idx').on(t.action, t.createdAt),
  ],
);

/** Each reply, call, chat or visit: the unit that process quality is measured on. */
export const interactions = sqliteTable(
  'interactions',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    caseId: integer('case_id')
      .notNull()
      .references(() => cases.id),
    eventId: integer('event_id').references(() => caseEvents.id),
    kind: text('kind', { enum: INTERACTION_KINDS }).notNull(),
    direction: text('direction', { enum: INTERACTION_DIRECTIONS }).notNull(),
    staffId: integer('staff_id').references(() => staffUsers.id),
    body: text('body'),
    durationSeconds: integer('duration_seconds'),
    outcome: text('outcome'),
    templateId: integer('template_id'),
    isCanned: integer('is_canned', { mode: 'boolean' }).notNull().default(false),
    handleSeconds: integer('handle_seconds'),
    createdAt: instant('created_at').notNull(),
  },
  (t) => [
    index('interactions_case_idx').on(t.caseId),
    index('interactions_staff_idx').on(t.staffId, t.createdAt),
  ],
);

/**
 * Compromisos. A renegotiation never edits the original: it becomes 'renegotiated' and points to its
 * successor. A stored 'pending' past its due time reads as broken (lib/domain/promises).
 */
export const promises = sqliteTable(
  'promises',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    caseId: integer('case_id')
      .notNull()
      .references(() => cases.id),
    description: text('description').notNull(),
    ownerId: integer('owner_id').references(() => staffUsers.id),
    teamId: integer('team_id').references(() => teams.id),
    dueAt: instant('due_at').notNull(),
    status: text('status', { enum: PROMISE_STATUSES }).notNull().default('pending'),
    isVisibleToCustomer: integer('is_visible_to_customer', { mode: 'boolean' })
      .notNull()
      .default(true),
    resolvedAt: instant('resolved_at'),
    predecessorId: integer('predecessor_id'),
    renegotiationReason: text('renegotiation_reason'),
    createdById: integer('created_by_id'),
    createdAt: instant('created_at').notNull(),
  },
  (t) => [
    index('promises_case_idx').on(t.caseId),
    index('promises_status_due_idx').on(t.status, t.dueAt),
    index('promises_owner_status_due_idx').on(t.ownerId, t.status, t.dueAt),
  ],
);

/** Files are stored under random names outside the web root; only metadata lives here. */
export const attachments = sqliteTable(
  'attachments',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    caseId: integer('case_id')
      .notNull()
      .references(() => cases.id),
    eventId: integer('event_id').references(() => caseEvents.id),
    originalName: text('original_name').notNull(),
    storedName: text('stored_name').notNull().unique(),
    mimeType: text('mime_type').notNull(),
    sizeBytes: integer('size_bytes').notNull(),
    sha256: text('sha256').notNull(),
    visibility: text('visibility', { enum: EVENT_VISIBILITIES }).notNull().default('public'),
    kind: text('kind', { enum: ATTACHMENT_KINDS }).notNull().default('file'),
    createdAt: createdAt(),
  },
  (t) => [index('attachments_case_idx').on(t.caseId)],
);

export const caseLinks = sqliteTable(
  'case_links',
  {
    caseId: integer('case_id')
      .notNull()
      .references(() => cases.id),
    relatedCaseId: integer('related_case_id')
      .notNull()
      .references(() => cases.id),
    kind: text('kind', { enum: CASE_LINK_KINDS }).notNull(),
    createdAt: createdAt(),
  },
  (t) => [
    primaryKey({ columns: [t.caseId, t.relatedCaseId] }),
    index('case_links_related_idx').on(t.relatedCaseId),
  ],
);

/** A case as stored, and a partial change to it: the row types verbs and helpers share. */
export type CaseRow = typeof cases.$inferSelect;
export type CaseChanges = Partial<typeof cases.$inferInsert>;

/**
 * How many cases each (team, assignee, state) holds, kept by triggers on `cases` (migration 0010):
 * the queue tabs' counts read this small table instead of counting up to a million rows. 0 stands
 * for "no team" / "no assignee" (a NULL could not be part of the key).
 */
export const queueCounts = sqliteTable(
  'queue_counts',
  {
    teamId: integer('team_id').notNull(),
    assigneeId: integer('assignee_id').notNull(),
    state: text('state', { enum: CASE_STATES }).notNull(),
    n: integer('n').notNull(),
  },
  (t) => [primaryKey({ columns: [t.teamId, t.assigneeId, t.state] })],
);

/**
 * More than ten petitions on the same matter, grouped by a supervisor to be answered once (Ley
 * 1755 art. 22): the one answer is published on the portal (/respuestas) and delivered to each
 * petitioner as their own case's answer, each case keeping its own delivery and result.
 */
export const petitionGroups = sqliteTable('petition_groups', {
  id: integer('id').primaryKey({ autoIncrement: true }),
  /** The common matter, as published (no personal data). */
  matter: text('matter').notNull(),
  createdById: integer('created_by_id')
    .notNull()
    .references(() => staffUsers.id),
  createdAt: createdAt(),
  /** The one answer, once written; published from `answeredAt`. */
  answerBody: text('answer_body'),
  decision: text('decision', { enum: DECISIONS }),
  answeredById: integer('answered_by_id').references(() => staffUsers.id),
  answeredAt: instant('answered_at'),
});

/**
 * One press of the portal's send button (issue 17 §3): a filing sent again with the same id, after
 * its answer was lost on the way, finds the case it already created instead of creating another.
 */
export const filingSubmissions = sqliteTable('filing_submissions', {
  submissionId: text('submission_id').primaryKey(),
  caseId: integer('case_id')
    .notNull()
    .references(() => cases.id),
  createdAt: createdAt(),
});

/**
 * Who has a case open right now (issue 14 §4): one row per person and case, renewed by the open
 * page every 10 s and gone once `until` passes. In the database, not in a process's memory, so
 * every app instance sharing it shows the same people (issue 18).
 */
export const casePresences = sqliteTable(
  'case_presence',
  {
    caseId: integer('case_id').notNull(),
    userId: integer('user_id').notNull(),
    isWriting: integer('is_writing', { mode: 'boolean' }).notNull().default(false),
    until: instant('until').notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.caseId, t.userId] }),
    index('case_presence_until_idx').on(t.until),
  ],
);
