'use client';

import { useTranslations } from '@/lib/i18n/client';
import { DOCUMENT_TYPES } from '@/lib/domain/enums';

/** The identity document types, labelled in full words, as every identity form offers them. */
export function DocumentTypeSelect({ id, name }: { id: string; name: string }) {
  const t = useTranslations('portal.file');
  return (
    <div className="field">
      <label htmlFor={id}>{t('documentType')}</label>
      <select id={id} name={name} defaultValue="CC">
        {DOCUMENT_TYPES.map((d) => (
          <option key={d} value={d}>
            {t(`documentTypes.${d}`)}
          </option>
        ))}
      </select>
    </div>
  );
}
