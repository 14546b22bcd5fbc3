import { getTranslations } from '@/lib/i18n/server';
import { TextField } from '@/app/_components/text-field';
import { CASE_TYPES } from '@/lib/domain/enums';

/** Name, optional case type and body of a template (new or edited). */
export async function TemplateFields({
  prefix,
  name = '',
  body = '',
  typeCode = null,
}: {
  prefix: string;
  name?: string;
  body?: string;
  typeCode?: string | null;
}) {
  const t = await getTranslations('adminCatalog');
  const tTypes = await getTranslations('types');
  return (
    <>
      <TextField id={`${prefix}-name`} name="name" label={t('name')} defaultValue={name} required />
      <div className="field">
        <label htmlFor={`${prefix}-type`}>{t('templates.type')}</label>
        <select id={`${prefix}-type`} name="typeCode" defaultValue={typeCode ?? ''}>
          <option value="">{t('templates.anyType')}</option>
          {CASE_TYPES.map((c) => (
            <option key={c} value={c}>
              {tTypes(c)}
            </option>
          ))}
        </select>
      </div>
      <div className="field">
        <label htmlFor={`${prefix}-body`}>{t('templates.body')}</label>
        <textarea
          id={`${prefix}-body`}
          name="body"
          defaultValue={body}
          required
          aria-describedby="template-help"
        />
      </div>
    </>
  );
}
