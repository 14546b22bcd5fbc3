import 'server-only';
import type { Locale } from '@/lib/domain/enums';
import type { NotificationKind } from '@/lib/domain/notification-kinds';
import { appUrl } from '../portal/portal-access';
import { renderMail, type RenderedMail } from './layout';
import { serverTranslator } from './translator';

/** What an alert's words need: the case, and the kind's own details (a due date, a promise). */
export interface AlertVars {
  radicado: string;
  subject: string;
  [detail: string]: string;
}

const caseUrl = (radicado: string) => `${appUrl()}/casos/${radicado}`;

/** One alert sent at once: its kind's subject and sentence, and the button to the case. */
export function alertMail(
  locale: Locale,
  kind: NotificationKind,
  vars: AlertVars,
): RenderedMail & { subject: string } {
  const t = serverTranslator(locale);
  return {
    subject: t(`mail.alert.${kind}.subject`, vars),
    ...renderMail(locale, [
      { kind: 'paragraph', text: t(`mail.alert.${kind}.intro`, vars) },
      { kind: 'link', intro: '', label: t('mail.alert.open'), url: caseUrl(vars.radicado) },
      { kind: 'paragraph', text: t('mail.alert.footer') },
    ]),
  };
}

/** The morning digest: every alert gathered since the last one, each with its case's link. */
export function digestMail(
  locale: Locale,
  items: readonly { kind: NotificationKind; vars: AlertVars }[],
): RenderedMail & { subject: string } {
  const t = serverTranslator(locale);
  const count = items.length;
  return {
    subject: t('mail.digest.subject', { count }),
    ...renderMail(locale, [
      { kind: 'title', text: t('mail.digest.title') },
      { kind: 'paragraph', text: t('mail.digest.intro', { count }) },
      {
        kind: 'list',
        items: items.map(({ kind, vars }) => ({
          label: t(`mail.alert.${kind}.subject`, vars),
          text: vars.subject,
          url: caseUrl(vars.radicado),
        })),
      },
      { kind: 'link', intro: '', label: t('mail.digest.openBell'), url: `${appUrl()}/avisos` },
      { kind: 'paragraph', text: t('mail.digest.footer') },
    ]),
  };
}
