import { getTranslations } from '@/lib/i18n/server';
import { causeCasesCsv, readCausePick } from '@/lib/server/causes/cause-cases';
import { getOrganization } from '@/lib/server/core/organization';
import { route } from '@/lib/server/core/route';
import { DRILL_DOWN_CSV_COLUMNS } from '@/lib/server/supervision/drill-down';
import { readAnalyticsQuery } from '@/lib/server/supervision/filters';

/** The complaints of a root-cause row as a streamed CSV (same params as /causas/casos). */
export const GET = route({ access: 'supervision' }, async (ctx, _query, { request }) => {
  const params = new URL(request.url).searchParams;
  const { timeZone } = getOrganization(ctx.db);
  const query = readAnalyticsQuery(params, timeZone, ctx.now);
  const t = await getTranslations('supervision.drillDown.csvColumns');
  return causeCasesCsv(ctx, {
    header: DRILL_DOWN_CSV_COLUMNS.map((key) => t(key)),
    query,
    timeZone,
    pick: {
      processId: readCausePick(params, 'processId'),
      rootCauseId: readCausePick(params, 'rootCauseId'),
    },
  });
});
