/**
 * What a staff member hears about (issue 14 §3) and how they want each kind by e-mail. The bell
 * always shows every alert; the mode decides the mail only: at once, in the daily digest, or not
 * at all. One source for the server, the preference form and its labels (STYLE.md rule 2).
 */
export const NOTIFICATION_KINDS = [
  'assigned_to_me',
  'team_queue',
  'returned_to_queue',
  'petitioner_replied',
  'info_received',
  'disagreed',
  'callback_requested',
  'more_time_asked',
  'accepted_by_silence',
  'rated_no',
  'promise_due_soon',
  'promise_broken',
  'at_risk',
  'overdue',
  'escalation',
] as const;
export type NotificationKind = (typeof NOTIFICATION_KINDS)[number];

export const NOTIFICATION_MODES = ['immediate', 'digest', 'off'] as const;
export type NotificationMode = (typeof NOTIFICATION_MODES)[number];

/**
 * The mode of a kind nobody chose yet. At once what has a clock on it or is personally mine
 * (deadlines, promises, a case assigned to me): waiting for tomorrow's digest would defeat it.
 * Everything else (the petitioner wrote, the team's queue) is worth a look within the day, so it
 * goes in the morning digest and never floods the inbox.
 */
export const DEFAULT_NOTIFICATION_MODE: Readonly<Record<NotificationKind, NotificationMode>> = {
  assigned_to_me: 'immediate',
  team_queue: 'digest',
  returned_to_queue: 'digest',
  petitioner_replied: 'digest',
  info_received: 'digest',
  disagreed: 'digest',
  callback_requested: 'digest',
  more_time_asked: 'digest',
  accepted_by_silence: 'immediate',
  rated_no: 'digest',
  promise_due_soon: 'immediate',
  promise_broken: 'immediate',
  at_risk: 'immediate',
  overdue: 'immediate',
  escalation: 'immediate',
};

export function isNotificationKind(kind: string): kind is NotificationKind {
  return (NOTIFICATION_KINDS as readonly string[]).includes(kind);
}

/** The mode in force: the person's choice, else the kind's default; unknown kinds are never mailed. */
export function modeOf(
  kind: string,
  chosen: NotificationMode | null | undefined,
): NotificationMode {
  if (!isNotificationKind(kind)) return 'off';
  return chosen ?? DEFAULT_NOTIFICATION_MODE[kind];
}

/** How the preference page groups the kinds: every kind in exactly one group, in this order. */
export const NOTIFICATION_KIND_GROUPS = {
  assignment: ['assigned_to_me', 'team_queue', 'returned_to_queue'],
  petitioner: [
    'petitioner_replied',
    'info_received',
    'disagreed',
    'callback_requested',
    'rated_no',
  ],
  deadlines: ['promise_due_soon', 'promise_broken', 'at_risk', 'overdue', 'escalation'],
} as const satisfies Record<string, readonly NotificationKind[]>;
