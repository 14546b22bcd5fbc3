import {
  index,
  integer,
  primaryKey,
  sqliteTable,
  text,
  uniqueIndex,
} from 'drizzle-orm/sqlite-core';
import { PROBLEM_STATUSES, QUALITY_SOURCES, RESULT_ANSWERS } from '../../lib/domain/enums';
import { processes, rootCauses } from './catalog';
import { cases, interactions } from './cases';
import { createdAt } from './columns';
import { staffUsers } from './people';

/**
 * RESULT, as the customer saw it: "did you get what you asked for?". Kept in its own table so it can
 * never be averaged together with courtesy or clarity (process).
 */
export const resultRatings = sqliteTable(
  'result_ratings',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    caseId: integer('case_id')
      .notNull()
      .references(() => cases.id),
    answer: text('answer', { enum: RESULT_ANSWERS }).notNull(),
    createdAt: createdAt(),
  },
  (t) => [uniqueIndex('result_ratings_case_uq').on(t.caseId)],
);

/** PROCESS: how an interaction felt, rated by the customer or by a supervisor's rubric (1–5 each). */
export const qualityRatings = sqliteTable(
  'quality_ratings',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    caseId: integer('case_id')
      .notNull()
      .references(() => cases.id),
    interactionId: integer('interaction_id').references(() => interactions.id),
    source: text('source', { enum: QUALITY_SOURCES }).notNull(),
    reviewerId: integer('reviewer_id').references(() => staffUsers.id),
    agentId: integer('agent_id').references(() => staffUsers.id),
    courtesy: integer('courtesy'),
    clarity: integer('clarity'),
    empathy: integer('empathy'),
    greeting: integer('greeting'),
    accuracy: integer('accuracy'),
    personalTouch: integer('personal_touch'),
    comment: text('comment'),
    createdAt: createdAt(),
  },
  (t) => [
    index('quality_ratings_case_idx').on(t.caseId),
    index('quality_ratings_agent_idx').on(t.agentId, t.createdAt),
  ],
);

/** A systemic cause linking many cases, with an owner and a corrective action. */
export const problems = sqliteTable(
  'problems',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    title: text('title').notNull(),
    description: text('description').notNull().default(''),
    processId: integer('process_id').references(() => processes.id),
    rootCauseId: integer('root_cause_id').references(() => rootCauses.id),
    ownerId: integer('owner_id').references(() => staffUsers.id),
    correctiveAction: text('corrective_action').notNull().default(''),
    status: text('status', { enum: PROBLEM_STATUSES }).notNull().default('open'),
    resolvedAt: integer('resolved_at', { mode: 'timestamp_ms' }),
    createdById: integer('created_by_id').references(() => staffUsers.id),
    createdAt: createdAt(),
  },
  (t) => [index('problems_process_idx').on(t.processId, t.status)],
);

export const problemCases = sqliteTable(
  'problem_cases',
  {
    problemId: integer('problem_id')
      .notNull()
      .references(() => problems.id),
    caseId: integer('case_id')
      .notNull()
      .references(() => cases.id),
    createdAt: createdAt(),
  },
  (t) => [
    primaryKey({ columns: [t.problemId, t.caseId] }),
    index('problem_cases_case_idx').on(t.caseId),
  ],
);
