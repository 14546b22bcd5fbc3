import { getLocale } from 'next-intl/server';
import { resolveLocale } from '@/lib/i18n/config';
import { causeCasesCsv, readCausePick } from '@/lib/server/causes/cause-cases';
import { getOrganization } from '@/lib/server/core/organization';
import { route } from '@/lib/server/core/route';
import { drillDownCsvText } from '@/lib/server/supervision/drill-down';
import { readAnalyticsQuery } from '@/lib/server/supervision/filters';

/** The complaints of a root-cause row as a streamed CSV (same params as /causas/casos). */
export const GET = route({ access: 'supervision' }, async (ctx, _query, { request }) => {
  const params = new URL(request.url).searchParams;
  const { timeZone } = await getOrganization(ctx.db);
  const query = readAnalyticsQuery(params, timeZone, ctx.now);
  return causeCasesCsv(ctx, {
    text: drillDownCsvText(resolveLocale(await getLocale()), timeZone),
    query,
    timeZone,
    pick: {
      processId: readCausePick(params, 'processId'),
      rootCauseId: readCausePick(params, 'rootCauseId'),
    },
  });
});
