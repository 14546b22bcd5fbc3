import type { Locale } from '@/lib/domain/enums';
import { env } from '@/lib/env';

/**
 * Each locale's catalogue is split by area (one file per area, so areas can be worked on apart);
 * pages get them merged. Every area file holds its own top-level namespaces.
 */
export const MESSAGE_AREAS = [
  'core',
  'portal',
  'staff',
  'story',
  'supervision',
  'board',
  'quality',
  'causes',
  'reports',
  'notices',
  'admin',
  'admin-people',
  'admin-config',
  'admin-catalog',
  'admin-records',
  'routing',
  'petitioners',
  'bulk',
  'analogous',
  'mailboxes',
] as const;

type Messages = Record<string, unknown>;

/** In production each language's merged catalogue is built once for the process (issue 15). */
const merged = new Map<Locale, Promise<Messages>>();

export function loadMessages(locale: Locale): Promise<Messages> {
  if (env().NODE_ENV !== 'production') return mergeCatalogue(locale);
  let messages = merged.get(locale);
  if (!messages) {
    messages = mergeCatalogue(locale);
    merged.set(locale, messages);
    messages.catch(() => merged.delete(locale));
  }
  return messages;
}

async function mergeCatalogue(locale: Locale): Promise<Messages> {
  const parts = await Promise.all(
    MESSAGE_AREAS.map((area) =>
      area === 'core'
        ? import(`./messages/${locale}.json`)
        : import(`./messages/${area}.${locale}.json`),
    ),
  );
  return Object.assign({}, ...parts.map((p: { default: Messages }) => p.default));
}
