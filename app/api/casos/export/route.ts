import { getLocale } from 'next-intl/server';
import { resolveLocale } from '@/lib/i18n/config';
import { toLocalDate } from '@/lib/domain/calendar';
import { exportCases } from '@/lib/server/cases/export-cases';
import { getOrganization } from '@/lib/server/core/organization';
import { route } from '@/lib/server/core/route';
import { drillDownCsvText } from '@/lib/server/supervision/drill-down';
import { parseCaseQuery } from '@/lib/validation/case-query';

/**
 * Every case of a queue view as CSV: the same params as the queue's URL (/casos?…), the same scope
 * (agents: what their queues show them; supervisors and admins: everything), all pages, streamed.
 */
export const GET = route({ access: 'staff' }, async (ctx, _input, { request }) => {
  const query = parseCaseQuery(new URL(request.url).searchParams);
  const { timeZone } = await getOrganization(ctx.db);
  const today = toLocalDate(ctx.now, timeZone);
  return exportCases(ctx, query, {
    text: drillDownCsvText(resolveLocale(await getLocale()), timeZone),
    filename: `casos-${query.queue}-${today}.csv`,
  });
});
