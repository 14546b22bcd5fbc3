import { getTranslations } from '@/lib/i18n/server';
import type { VerbalRecord } from '@/lib/server/cases/verbal-record';

/**
 * The part of the constancia a verbal petition adds (Decreto 1166 de 2016): who petitioned, the
 * object and reasons, the documents received, the official who received it, and that it was verbal.
 */
export async function VerbalRecordCard({
  record,
  channel,
}: {
  record: VerbalRecord;
  channel: string;
}) {
  const t = await getTranslations('intake.verbal');
  const who = record.petitioner;
  const document = who ? [who.documentType, who.documentNumber].filter(Boolean).join(' ') : '';
  return (
    <section className="card constancia" aria-labelledby="verbal-title" data-testid="verbal-record">
      <h2 id="verbal-title">{t('title')}</h2>
      <p>{t('statement', { channel })}</p>
      <dl className="facts">
        <div>
          <dt>{t('petitioner')}</dt>
          <dd>{who ? who.name : t('anonymous')}</dd>
        </div>
        {who && (
          <div>
            <dt>{t('document')}</dt>
            <dd>{document || t('none')}</dd>
          </div>
        )}
        <div>
          <dt>{t('receivedBy')}</dt>
          <dd>{record.receivedBy ?? t('none')}</dd>
        </div>
        <div>
          <dt>{t('documents')}</dt>
          <dd>{record.documents.length ? record.documents.join(', ') : t('noDocuments')}</dd>
        </div>
      </dl>
      <h3>{t('object')}</h3>
      <p>{record.subject}</p>
      <h3>{t('reasons')}</h3>
      <p className="prewrap">{record.description}</p>
    </section>
  );
}
