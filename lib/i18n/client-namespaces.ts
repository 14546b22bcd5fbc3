/** Case vocabularies, read through variable keys (`tTypes(row.typeCode)`): always whole. */
const CASE_WORDS = ['types', 'states', 'channels'] as const;
/** A few keys of a large namespace, as paths: `keysOf('a', 'b', 'c')` → ['a.b', 'a.c']. */
const keysOf = (namespace: string, ...keys: string[]) => keys.map((key) => `${namespace}.${key}`);
/** The words of the schemas' own checks, for the form hook's check in the browser (issue 17 §3). */
const FIELD_CHECKS = keysOf('validation', 'required', 'tooShort', 'tooLong', 'email', 'invalid');
/** A filing's own: identity, consent and where the answer goes. */
const FILING_CHECKS = keysOf('validation', 'phone', 'documentNumber', 'consent', 'emailForAnswer');
const CORE = ['app', 'errors', ...FIELD_CHECKS] as const;

/**
 * The message namespaces each part of the app sends to the browser (issue 15 §4): client
 * components there read only these; server components read the whole catalogue on the server. A
 * public page then carries a few kilobytes of text instead of every area's (admin, quality …).
 */
export const CLIENT_NAMESPACES = {
  /** Error pages and the form hook's network error, everywhere. */
  core: CORE,
  /** The portal's filing form. */
  filing: [...CORE, ...FILING_CHECKS, 'portal.file', 'portal.typeHelp', 'types'],
  /** The analogous-petitions pages' two forms (group, answer). */
  analogous: [...CORE, 'analogous'],
  /** The portal's look-up form. */
  lookup: [...CORE, 'validation.radicado', 'portal.lookup'],
  /** The petitioner's case page: its reply, disagreement, call-back and rating forms. */
  petitionerCase: [
    ...CORE,
    'deadline',
    'portal.file.attachments',
    'portal.file.attachmentsHint',
    ...[
      'provideInfoTitle',
      'provideInfoBody',
      'provideInfoSubmit',
      'provideInfoDone',
      'moreTimeTitle',
      'moreTimeHint',
      'moreTimeSubmit',
      'moreTimeDone',
      'disagreeTitle',
      'disagreeHint',
      'disagreeReason',
      'disagreeSubmit',
      'disagreeDone',
      'callbackTitle',
      'callbackHint',
      'callbackAt',
      'callbackPhone',
      'callbackNote',
      'callbackSubmit',
      'callbackDone',
      'rateTitle',
      'rateResult',
      'rateResultOptions',
      'rateCourtesy',
      'rateClarity',
      'rateComment',
      'rateSubmit',
      'rateDone',
    ].map((key) => `portal.case.${key}`),
  ],
  /**
   * The staff shell around every staff page (its bell; the error view under the header). Each
   * area below wraps its content in a provider of its own, which replaces this one's messages
   * (next-intl's nested provider does not merge them): so each area's set repeats CORE.
   */
  staffShell: [...CORE, ...keysOf('notifications', 'bell', 'bellUnread')],
  /** The agents' queue (/casos): the queue view, its bulk panel and the availability switch. */
  queue: [
    ...CORE,
    ...CASE_WORDS,
    'deadline',
    'queues',
    'bulkWork',
    'staffCase.options.priority',
    'supervision.exportCsv',
    ...keysOf('routing', 'available', 'away', 'markAway', 'markAvailable'),
  ],
  /** A case's staff page: its action forms, promises, letter preview, identity and repeat offers. */
  staffCase: [
    ...CORE,
    'types',
    'deadline',
    'answerLetter',
    'caseStory.postal',
    'causes.problems.caseSection',
    'petitioners.identity',
    'petitioners.repeat',
    'portal.case.promiseStatus',
    'quality.handleTime',
    ...keysOf('portal.file', 'documentType', 'documentTypes'),
    ...keysOf(
      'staffCase',
      ...['actions', 'fields', 'options', 'cannedWarning', 'transferLate', 'done', 'noActions'],
      ...['presenceViewing', 'presenceWriting'],
      ...[
        'keep',
        'renegotiate',
        'newDueAt',
        'renegotiateReason',
        'noPromises',
        'pdDeliveryPromise',
      ],
    ),
  ],
  /** The verbal filing form (/casos/radicar). */
  intake: [
    ...CORE,
    ...FILING_CHECKS,
    'types',
    'channels',
    'intake',
    'staffCase.fields.choose',
    'staffCase.options.priority',
    'petitioners.openRecord',
    ...keysOf(
      'portal.file',
      ...['typeLegend', 'subject', 'description', 'anonymous', 'fullName', 'email', 'phone'],
      ...['documentType', 'documentTypes', 'documentNumber'],
    ),
  ],
  /** A case's constancia page: sending a copy by e-mail. */
  sendConstancia: [...CORE, 'intake.sendConstancia'],
  /** The supervisors' board (/tablero). */
  board: [...CORE, 'types', 'states', 'deadline', 'board'],
  /** A quality review of one interaction. */
  qualityReview: [...CORE, 'quality.review'],
  /** A problem's page and the new problem form. */
  problems: [...CORE, 'causes.problems'],
  /** A petitioner's record: the contact correction form. */
  petitionerRecord: [...CORE, 'petitioners.correct'],
  /** The staff member's notification preferences. */
  notificationPrefs: [...CORE, 'notificationPrefs', 'notifications.kinds'],
  /** Admin: the audit chain check. */
  adminAudit: [...CORE, 'adminRecords.audit.verify'],
  /** Admin: the calendar and the case types (the configuration forms). */
  adminConfig: [...CORE, 'adminConfig'],
  /** Admin: catalogues, channels and templates (the catalogue forms). */
  adminCatalog: [...CORE, 'adminCatalog.notices'],
  /** Admin: anonymising a petitioner's personal data. */
  adminPersonal: [...CORE, 'adminRecords.personal'],
  /** Admin: the routing rules, team assignment and availability. */
  adminRouting: [...CORE, 'types', 'channels', 'routing'],
  /** Admin: the organisation's profile and logo. */
  adminOrganization: [...CORE, 'adminPeople.organization'],
  /** Admin: staff users and teams. */
  adminPeople: [...CORE, 'adminPeople'],
  /** The sign-in form. */
  signIn: [...CORE, 'signIn', 'validation'],
} satisfies Record<string, readonly string[]>;

type Messages = Record<string, unknown>;

/** Picks already made, by catalogue and namespace list (both live as long as the process). */
const picked = new WeakMap<Messages, Map<readonly string[], Messages>>();

/**
 * `all` reduced to the namespaces named; 'portal.file' keeps only that branch of `portal`. The
 * same catalogue and list give the same object, made once (the result must not be changed).
 */
export function pickMessages(all: Messages, namespaces: readonly string[]): Messages {
  let byList = picked.get(all);
  if (!byList) picked.set(all, (byList = new Map()));
  let out = byList.get(namespaces);
  if (!out) byList.set(namespaces, (out = pick(all, namespaces)));
  return out;
}

function pick(all: Messages, namespaces: readonly string[]): Messages {
  const out: Messages = {};
  for (const name of namespaces) {
    const path = name.split('.');
    let from: unknown = all;
    for (const key of path) from = (from as Messages | undefined)?.[key];
    if (from === undefined) continue;
    let into = out;
    for (const key of path.slice(0, -1)) into = (into[key] ??= {}) as Messages;
    into[path.at(-1)!] = from;
  }
  return out;
}
