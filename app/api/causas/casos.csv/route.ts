import { getTranslations } from 'next-intl/server';
import { getDb } from '@/db/client';
import { causeCasesCsv, readCausePick } from '@/lib/server/causes/cause-cases';
import { errorResponse } from '@/lib/server/core/route';
import { getOrganization } from '@/lib/server/core/organization';
import { requireSupervisor } from '@/lib/server/supervision/access';
import { DRILL_DOWN_CSV_COLUMNS } from '@/lib/server/supervision/drill-down';
import { readAnalyticsQuery } from '@/lib/server/supervision/filters';

/** The complaints of a root-cause row as a streamed CSV (same params as /causas/casos). */
export async function GET(request: Request) {
  try {
    await requireSupervisor();
    const params = new URL(request.url).searchParams;
    const db = getDb();
    const { timeZone } = getOrganization(db);
    const query = readAnalyticsQuery(params, timeZone, new Date());
    const t = await getTranslations('supervision.drillDown.csvColumns');
    return causeCasesCsv(
      db,
      DRILL_DOWN_CSV_COLUMNS.map((key) => t(key)),
      query,
      timeZone,
      {
        processId: readCausePick(params, 'processId'),
        rootCauseId: readCausePick(params, 'rootCauseId'),
      },
    );
  } catch (error) {
    return errorResponse(error);
  }
}
