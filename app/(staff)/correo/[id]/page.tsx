import { getFormatter, getTranslations } from '@/lib/i18n/server';
import Link from 'next/link';
import { notFound } from 'next/navigation';
import { requireStaffPage, type StaffActor } from '@/lib/server/auth/session';
import { requestCtx } from '@/lib/server/core/context';
import { isAppError } from '@/lib/server/core/errors';
import { getOutboxMessage } from '@/lib/server/notices/outbox-view';

export async function generateMetadata({ params }: PageProps<'/correo/[id]'>) {
  const t = await getTranslations('mailLog');
  const id = Number((await params).id);
  return { title: Number.isInteger(id) && id > 0 ? t('messageTitle', { id }) : t('title') };
}

/** A webhook's JSON laid out to read; stored text that is not JSON is shown as it is. */
function prettyJson(text: string): string {
  try {
    return JSON.stringify(JSON.parse(text), null, 2);
  } catch {
    return text;
  }
}

/** The message, or the 404 page for an unknown id (other failures stay errors). */
async function findMessage(staff: StaffActor, id: string) {
  try {
    return await getOutboxMessage(requestCtx(staff), { id });
  } catch (error) {
    if (isAppError(error) && error.code === 'NOT_FOUND') notFound();
    throw error;
  }
}

/** One outgoing message: its headers, the text, and the HTML shown inert (sandboxed, no scripts). */
export default async function MailMessagePage({ params }: PageProps<'/correo/[id]'>) {
  const { id: raw } = await params;
  const staff = await requireStaffPage('supervision', `/correo/${raw}`);
  const { mail, radicado } = await findMessage(staff, raw);
  const t = await getTranslations('mailLog');
  const format = await getFormatter();
  const when = (d: Date | null) => (d ? format.dateTime(d, 'instant') : '—');
  const isWebhook = mail.medium === 'webhook';
  const facts: [string, React.ReactNode][] = [
    [t('columns.medium'), t(`media.${mail.medium}`)],
    [
      t('columns.to'),
      <span key="to" className="prewrap">
        {mail.toAddress}
      </span>,
    ],
    [t('columns.subject'), mail.subject],
    [t('columns.status'), t(`statuses.${mail.status}`)],
    [t('columns.created'), when(mail.createdAt)],
    [t('sentAt'), when(mail.sentAt)],
    [t('columns.attempts'), mail.attempts],
    [
      isWebhook ? t('webhookEventId') : t('messageId'),
      <span key="m" className="mono">
        {isWebhook ? mail.messageId.replace(/^<|>$/g, '') : mail.messageId}
      </span>,
    ],
    [
      t('case'),
      radicado ? (
        <Link key="c" href={`/casos/${radicado}`}>
          {radicado}
        </Link>
      ) : (
        '—'
      ),
    ],
    ...(mail.lastError ? [[t('lastError'), mail.lastError] as [string, string]] : []),
  ];
  return (
    <>
      <p>
        <Link href="/correo">{t('back')}</Link>
      </p>
      <h1>{t('messageTitle', { id: mail.id })}</h1>
      <section className="card" aria-labelledby="mail-headers">
        <h2 id="mail-headers">{t('headers')}</h2>
        <dl className="facts">
          {facts.map(([label, value]) => (
            <div key={label}>
              <dt>{label}</dt>
              <dd>{value}</dd>
            </div>
          ))}
        </dl>
        {isWebhook ? null : (
          <a className="button" href={`/api/correo/${mail.id}`} download>
            {t('downloadEml')}
          </a>
        )}
      </section>
      <section className="card" aria-labelledby="mail-text">
        <h2 id="mail-text">{isWebhook ? t('webhookBody') : t('text')}</h2>
        <pre className="mail-text">{isWebhook ? prettyJson(mail.bodyText) : mail.bodyText}</pre>
      </section>
      {mail.bodyHtml ? (
        <section className="card" aria-labelledby="mail-html">
          <h2 id="mail-html">{t('html')}</h2>
          <iframe title={t('html')} sandbox="" srcDoc={mail.bodyHtml} className="mail-html" />
        </section>
      ) : null}
    </>
  );
}
