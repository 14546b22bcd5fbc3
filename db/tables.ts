/**
 * The tables of the engine this process runs on (issue 18): PostgreSQL's (db/pg/schema.ts) when
 * DATABASE_URL is set, SQLite's (db/schema) otherwise. Both have the same field names and
 * TypeScript types, so the use cases build their statements from these names alone and run on
 * either engine; they are typed as SQLite's. The engine is chosen once, when the process starts.
 * Code that is SQLite's only (db/sql, the seeds, db:copy's source) imports db/schema instead.
 * db/tables.test.ts fails when a table is missing here.
 */
import * as pg from './pg/schema';
import * as lite from './schema';
import { engineInUse } from './engine';

const chosen = (engineInUse() === 'postgres' ? pg : lite) as unknown as typeof lite;

export type { CaseChanges, CaseRow } from './schema';
export const apiKeys = chosen.apiKeys;
export const attachments = chosen.attachments;
export const auditVerifications = chosen.auditVerifications;
export const caseEvents = chosen.caseEvents;
export const caseLinks = chosen.caseLinks;
export const casePauses = chosen.casePauses;
export const casePresences = chosen.casePresences;
export const caseTypeTerms = chosen.caseTypeTerms;
export const caseTypes = chosen.caseTypes;
export const cases = chosen.cases;
export const categories = chosen.categories;
export const closureDays = chosen.closureDays;
export const consents = chosen.consents;
export const customers = chosen.customers;
export const filingSubmissions = chosen.filingSubmissions;
export const idempotencyKeys = chosen.idempotencyKeys;
export const inboundMail = chosen.inboundMail;
export const intakeChannels = chosen.intakeChannels;
export const interactions = chosen.interactions;
export const jobLeases = chosen.jobLeases;
export const mailboxes = chosen.mailboxes;
export const notificationPreferences = chosen.notificationPreferences;
export const notifications = chosen.notifications;
export const organization = chosen.organization;
export const outbox = chosen.outbox;
export const petitionGroups = chosen.petitionGroups;
export const problemCases = chosen.problemCases;
export const problems = chosen.problems;
export const processes = chosen.processes;
export const promises = chosen.promises;
export const qualityRatings = chosen.qualityRatings;
export const queueCounts = chosen.queueCounts;
export const radicadoSequences = chosen.radicadoSequences;
export const rateLimits = chosen.rateLimits;
export const resultRatings = chosen.resultRatings;
export const revokedSessions = chosen.revokedSessions;
export const rootCauses = chosen.rootCauses;
export const routingRuleSets = chosen.routingRuleSets;
export const routingRules = chosen.routingRules;
export const serviceLevels = chosen.serviceLevels;
export const staffUsers = chosen.staffUsers;
export const teams = chosen.teams;
export const templates = chosen.templates;
export const termSuspensions = chosen.termSuspensions;
