import { getLocale } from 'next-intl/server';
import { resolveLocale } from '@/lib/i18n/config';
import { route } from '@/lib/server/core/route';
import { loadPqrsReport, pqrsReportCsv } from '@/lib/server/reports/load-report';

/**
 * The periodic PQRS report as CSV (supervisors and admins): the same params as /informes
 * (from, to, teamId, type, channel); headers and labels in the user's language.
 */
export const GET = route({ access: 'supervision' }, async (ctx, _input, { request }) => {
  const params = new URL(request.url).searchParams;
  const loaded = await loadPqrsReport(ctx, params, { locale: resolveLocale(await getLocale()) });
  return pqrsReportCsv(loaded);
});
