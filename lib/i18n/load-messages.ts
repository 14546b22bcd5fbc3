import type { Locale } from '@/lib/domain/enums';

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
] as const;

export async function loadMessages(locale: Locale): Promise<Record<string, unknown>> {
  const parts = await Promise.all(
    MESSAGE_AREAS.map((area) =>
      area === 'core'
        ? import(`./messages/${locale}.json`)
        : import(`./messages/${area}.${locale}.json`),
    ),
  );
  return Object.assign({}, ...parts.map((p: { default: Record<string, unknown> }) => p.default));
}
