const CORE = ['app', 'errors'] as const;

/**
 * The message namespaces each part of the app sends to the browser (issue 15 §4): client
 * components there read only these; server components read the whole catalogue on the server. A
 * public page then carries a few kilobytes of text instead of every area's (admin, quality …).
 */
export const CLIENT_NAMESPACES = {
  /** Error pages and the form hook's network error, everywhere. */
  core: CORE,
  /** The portal's filing form. */
  filing: [...CORE, 'portal.file', 'portal.typeHelp', 'types'],
  /** The portal's look-up form. */
  lookup: [...CORE, 'portal.lookup'],
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
  /** Staff pages: the namespaces their client components read (checked by the test beside). */
  staff: [
    ...CORE,
    'validation',
    'adminCatalog.notices',
    'adminConfig',
    'adminPeople',
    'adminRecords.audit.verify',
    'adminRecords.personal',
    'answerLetter',
    'board',
    'bulkWork',
    'caseStory.postal',
    'causes.problems',
    'channels',
    'deadline',
    'intake',
    'notificationPrefs',
    'notifications',
    'petitioners',
    'portal.case.promiseStatus',
    'portal.file',
    'quality.handleTime',
    'quality.review',
    'queues',
    'routing',
    'staffCase',
    'states',
    'supervision',
    'types',
  ],
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
