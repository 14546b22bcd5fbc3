import type { Metadata } from 'next';
import Link from 'next/link';
import { getTranslations } from '@/lib/i18n/server';
import { listCaseTypes } from '@/lib/server/cases/list-case-types';
import { requestCtx } from '@/lib/server/core/context';
import { VISITOR } from '@/lib/server/portal/actors';

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations('portal.start');
  return { title: t('title') };
}

export default async function StartPage() {
  const t = await getTranslations('portal.start');
  const tTypes = await getTranslations('types');
  const tHelp = await getTranslations('portal.typeHelp');
  const types = await listCaseTypes(requestCtx(VISITOR));
  return (
    <>
      <section className="hero">
        <h1>{t('title')}</h1>
        <p className="lead">{t('intro')}</p>
        <div className="cta-grid">
          <Link href="/radicar" className="cta cta-primary">
            <span className="cta-title">{t('fileCta')}</span>
            <span className="cta-hint">{t('fileHint')}</span>
          </Link>
          <Link href="/consulta" className="cta">
            <span className="cta-title">{t('lookupCta')}</span>
            <span className="cta-hint">{t('lookupHint')}</span>
          </Link>
        </div>
      </section>
      <section aria-labelledby="types-title" className="card">
        <h2 id="types-title">{t('typesTitle')}</h2>
        <p className="muted">{t('typesIntro')}</p>
        <ul className="type-list">
          {types.map((type) => (
            <li key={type.code} className="type-item">
              <h3>{tTypes(type.code)}</h3>
              <p>{tHelp(type.code)}</p>
              <p className="type-meta">
                <span>
                  {type.termDays === null ? t('noTerm') : t('term', { days: type.termDays })}
                </span>
                {type.allowsAnonymous && <span className="tag">{t('anonymous')}</span>}
              </p>
            </li>
          ))}
        </ul>
      </section>
      <section aria-labelledby="how-title" className="card">
        <h2 id="how-title">{t('howTitle')}</h2>
        <ol className="steps">
          <li>{t('how1')}</li>
          <li>{t('how2')}</li>
          <li>{t('how3')}</li>
        </ol>
      </section>
    </>
  );
}
