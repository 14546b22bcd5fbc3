import { getLocale } from 'next-intl/server';
import { resolveLocale } from '@/lib/i18n/config';
import { errorResponse } from '@/lib/server/core/route';
import { loadPqrsReport, pqrsReportCsv } from '@/lib/server/reports/load-report';
import { requireSupervisor } from '@/lib/server/supervision/access';

/**
 * The periodic PQRS report as CSV (supervisors and admins): the same params as /informes
 * (from, to, teamId, type, channel); headers and labels in the user's language.
 */
export async function GET(request: Request) {
  try {
    await requireSupervisor();
    const params = new URL(request.url).searchParams;
    const loaded = await loadPqrsReport(params, { locale: resolveLocale(await getLocale()) });
    return pqrsReportCsv(loaded);
  } catch (error) {
    return errorResponse(error);
  }
}
