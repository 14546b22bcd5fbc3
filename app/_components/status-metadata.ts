import type { Metadata } from 'next';
import { getTranslations } from '@/lib/i18n/server';

/**
 * The title of a not-found or forbidden page, written out whole: the root layout's
 * `%s · Ventanilla` template does not reach a file in its own segment (an unknown URL renders
 * app/not-found.tsx right under it), and deeper down it would, so `absolute` keeps one form.
 */
export async function statusPageMetadata(namespace: 'notFound' | 'forbidden'): Promise<Metadata> {
  const t = await getTranslations(namespace);
  const tApp = await getTranslations('app');
  return { title: { absolute: `${t('title')} · ${tApp('name')}` } };
}
