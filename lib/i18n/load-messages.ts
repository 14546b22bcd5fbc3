import type { Locale } from '@/lib/domain/enums';

/** Each locale's catalogue is split by area; pages get them merged. */
export async function loadMessages(locale: Locale): Promise<Record<string, unknown>> {
  const [core, portal, staff] = await Promise.all([
    import(`./messages/${locale}.json`),
    import(`./messages/portal.${locale}.json`),
    import(`./messages/staff.${locale}.json`),
  ]);
  return { ...core.default, ...portal.default, ...staff.default };
}
