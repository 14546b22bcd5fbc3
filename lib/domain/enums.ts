/**
 * The single source of every enumeration in Ventanilla (STYLE.md rule 2).
 * Drizzle columns, zod schemas and UI labels import these tuples; nothing redefines them.
 */

/** PQRS types (DOMAIN.md §1). */
export const CASE_TYPES = ['P', 'PD', 'C', 'Q', 'R', 'S', 'D', 'F'] as const;
export type CaseType = (typeof CASE_TYPES)[number];

/** Default legal term in business days (Ley 1755 de 2015, art. 14). `null`: no legal term. */
export const DEFAULT_TERM_DAYS: Readonly<Record<CaseType, number | null>> = {
  P: 15,
  PD: 10,
  C: 30,
  Q: 15,
  R: 15,
  S: 15,
  D: 15,
  F: null,
};

/** Types that may be filed anonymously unless the organisation configures otherwise. */
export const DEFAULT_ANONYMOUS_TYPES: readonly CaseType[] = ['D', 'Q', 'S'];

/** Complaints: closing one needs its originating process and root cause (DOMAIN.md §4, §7). */
export const COMPLAINT_TYPES: readonly CaseType[] = ['Q', 'R'];

/** Case states (DOMAIN.md §4). */
export const CASE_STATES = [
  'radicada',
  'en_tramite',
  'requiere_informacion',
  'respondida',
  'cerrada',
  'trasladada',
  'desistida',
  'fusionada',
] as const;
export type CaseState = (typeof CASE_STATES)[number];

/** States in which the case still awaits its answer (the legal clock matters). */
export const OPEN_STATES: readonly CaseState[] = ['radicada', 'en_tramite', 'requiere_informacion'];
/** States a case never leaves. */
export const TERMINAL_STATES: readonly CaseState[] = ['trasladada', 'desistida', 'fusionada'];

/** Intake channels (DOMAIN.md §8). */
export const CHANNELS = [
  'web',
  'email',
  'phone',
  'walk_in',
  'postal',
  'chat',
  'whatsapp',
  'social',
  'api',
] as const;
export type Channel = (typeof CHANNELS)[number];

/** People who sign in. */
export const STAFF_ROLES = ['agent', 'supervisor', 'admin'] as const;
export type StaffRole = (typeof STAFF_ROLES)[number];

/** Everyone who can act on a case: staff, the petitioner, and the system's own jobs. */
export const ACTOR_ROLES = [...STAFF_ROLES, 'customer', 'system'] as const;
export type ActorRole = (typeof ACTOR_ROLES)[number];

/** Identity document types accepted from petitioners. */
export const DOCUMENT_TYPES = ['CC', 'CE', 'TI', 'PA', 'NIT', 'PPT'] as const;
export type DocumentType = (typeof DOCUMENT_TYPES)[number];

/** Art. 20 priority: preferential attention goes first in queues; the legal term does not change. */
export const PRIORITIES = ['normal', 'preferente'] as const;
export type Priority = (typeof PRIORITIES)[number];

/** How the petitioner wants the answer delivered (medio de respuesta). */
/** How the petitioner is answered: e-mail, a letter by post, or the API channel the case came from. */
export const RESPONSE_MEDIA = ['email', 'postal', 'api'] as const;
export type ResponseMedium = (typeof RESPONSE_MEDIA)[number];

/** The express decision every answer carries (DOMAIN.md §10). */
export const DECISIONS = ['concede', 'concede_parcial', 'niega', 'informa'] as const;
export type Decision = (typeof DECISIONS)[number];

/** Promise (compromiso) outcomes (DOMAIN.md §5). */
export const PROMISE_STATUSES = ['pending', 'kept', 'broken', 'renegotiated'] as const;
export type PromiseStatus = (typeof PROMISE_STATUSES)[number];

/** Kinds of recorded interaction. */
export const INTERACTION_KINDS = ['reply', 'call', 'chat', 'email', 'visit', 'letter'] as const;
export type InteractionKind = (typeof INTERACTION_KINDS)[number];
export const INTERACTION_DIRECTIONS = ['inbound', 'outbound'] as const;
export type InteractionDirection = (typeof INTERACTION_DIRECTIONS)[number];

/** The customer's own answer to "did you get what you asked for?" — a result measure. */
export const RESULT_ANSWERS = ['yes', 'partly', 'no'] as const;
export type ResultAnswer = (typeof RESULT_ANSWERS)[number];

/** Who produced a process-quality rating. */
export const QUALITY_SOURCES = ['customer', 'supervisor'] as const;
export type QualitySource = (typeof QUALITY_SOURCES)[number];

/** Problem records (DOMAIN.md §7). */
export const PROBLEM_STATUSES = ['open', 'in_progress', 'resolved'] as const;
export type ProblemStatus = (typeof PROBLEM_STATUSES)[number];

/** Who an audit event is visible to. */
export const EVENT_VISIBILITIES = ['public', 'internal'] as const;
export type EventVisibility = (typeof EVENT_VISIBILITIES)[number];

/**
 * Outbox delivery states. 'sending' is a claim with a lease (next_attempt_at): a sender that dies
 * mid-delivery leaves the message to be taken again once the lease runs out.
 */
export const OUTBOX_STATUSES = ['pending', 'sending', 'sent', 'failed'] as const;
/**
 * How an outbox message travels: an e-mail, a signed POST to an API channel's webhook, or a letter
 * staff print and post (a postal case; 'sent' once they record the day it was posted).
 */
export const OUTBOX_MEDIA = ['email', 'webhook', 'letter'] as const;
export type OutboxMedium = (typeof OUTBOX_MEDIA)[number];

/** How an answer reached the petitioner: a message sent, a letter posted, or read on the portal. */
export const ANSWER_DELIVERY_MEDIA = ['email', 'webhook', 'letter', 'postal', 'portal'] as const;
export type AnswerDeliveryMedium = (typeof ANSWER_DELIVERY_MEDIA)[number];
/**
 * A file of a case: one a person attached, the answer letter the system rendered, or the whole
 * e-mail a case was radicated from when part of it could not be read (staff only).
 */
export const ATTACHMENT_KINDS = ['file', 'answer_letter', 'original_mail'] as const;
export type AttachmentKind = (typeof ATTACHMENT_KINDS)[number];
export type OutboxStatus = (typeof OUTBOX_STATUSES)[number];

/** Relations between cases. */
export const CASE_LINK_KINDS = ['related', 'duplicate'] as const;
export type CaseLinkKind = (typeof CASE_LINK_KINDS)[number];

export const LOCALES = ['es', 'en'] as const;
export type Locale = (typeof LOCALES)[number];
export const DEFAULT_LOCALE: Locale = 'es';

/** How a team's new cases find an agent (issue 14): its queue, in turn, or whoever has fewest open. */
export const ASSIGNMENT_MODES = ['manual', 'round_robin', 'least_open'] as const;
export type AssignmentMode = (typeof ASSIGNMENT_MODES)[number];

/** Mailboxes Ventanilla pulls from (issue 19). */
export const MAILBOX_SECURITY = ['tls', 'starttls'] as const;
export type MailboxSecurity = (typeof MAILBOX_SECURITY)[number];
export const MAILBOX_AUTH_KINDS = ['password', 'oauth2'] as const;
export type MailboxAuthKind = (typeof MAILBOX_AUTH_KINDS)[number];
export const INBOUND_MAIL_SOURCES = ['smtp', 'imap'] as const;
export type InboundMailSource = (typeof INBOUND_MAIL_SOURCES)[number];
/** What became of an e-mail: a case, a reply on one, or the quarantine until a supervisor decides. */
export const INBOUND_MAIL_OUTCOMES = [
  'created',
  'threaded',
  'quarantined',
  'radicated',
  'discarded',
] as const;
export type InboundMailOutcome = (typeof INBOUND_MAIL_OUTCOMES)[number];
/**
 * Why: the first four keep a message in quarantine (clearly not a petition, or no one to answer);
 * the last three are radicated anyway, with what could be read, the whole message kept for staff.
 */
export const INBOUND_MAIL_REASONS = [
  'bounce',
  'auto_reply',
  'spam',
  'no_sender',
  'malformed',
  'oversize',
  'attachments',
] as const;
export type InboundMailReason = (typeof INBOUND_MAIL_REASONS)[number];
