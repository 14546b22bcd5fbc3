import { getTranslations } from '@/lib/i18n/server';
import { toLocalDate } from '@/lib/domain/calendar';
import { exportCases } from '@/lib/server/cases/export-cases';
import { getOrganization } from '@/lib/server/core/organization';
import { route } from '@/lib/server/core/route';
import { DRILL_DOWN_CSV_COLUMNS } from '@/lib/server/supervision/drill-down';
import { parseCaseQuery } from '@/lib/validation/case-query';

/**
 * Every case of a queue view as CSV: the same params as the queue's URL (/casos?…), the same scope
 * (agents: what their queues show them; supervisors and admins: everything), all pages, streamed.
 */
export const GET = route({ access: 'staff' }, async (ctx, _input, { request }) => {
  const query = parseCaseQuery(new URL(request.url).searchParams);
  const t = await getTranslations('supervision.drillDown.csvColumns');
  const today = toLocalDate(ctx.now, getOrganization(ctx.db).timeZone);
  return exportCases(ctx, query, {
    header: DRILL_DOWN_CSV_COLUMNS.map((c) => t(c)),
    filename: `casos-${query.queue}-${today}.csv`,
  });
});
