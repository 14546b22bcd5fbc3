import { getLocale } from 'next-intl/server';
import { getTranslations } from '@/lib/i18n/server';
import { LOCALES } from '@/lib/domain/enums';
import { setLocale } from './locale-actions';

/** A plain form: switching language works with or without JavaScript. */
export async function LocaleSwitch() {
  const locale = await getLocale();
  const t = await getTranslations('locale');
  return (
    <form action={setLocale} className="locale-switch" aria-label={t('label')}>
      {LOCALES.map((l) => (
        <button
          key={l}
          type="submit"
          name="locale"
          value={l}
          lang={l}
          aria-pressed={l === locale}
          // The name starts with what the button shows (WCAG 2.5.3, label in name).
          aria-label={`${l.toUpperCase()} · ${t('switchTo', { language: t(l) })}`}
          className={l === locale ? 'chip chip-active' : 'chip'}
        >
          {l.toUpperCase()}
        </button>
      ))}
    </form>
  );
}
