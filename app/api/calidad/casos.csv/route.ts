import { getTranslations } from 'next-intl/server';
import { getDb } from '@/db/client';
import { AppError } from '@/lib/server/core/errors';
import { errorResponse } from '@/lib/server/core/route';
import { getOrganization } from '@/lib/server/core/organization';
import { requireSupervisor } from '@/lib/server/supervision/access';
import { DRILL_DOWN_CSV_COLUMNS } from '@/lib/server/supervision/drill-down';
import { readAnalyticsQuery } from '@/lib/server/supervision/filters';
import { parseQuadrant, quadrantCasesCsv } from '@/lib/server/supervision/quality-quadrant';

/** The cases of one quadrant cell as CSV, with the same filter as /calidad (supervisors only). */
export async function GET(request: Request) {
  try {
    await requireSupervisor();
    const params = new URL(request.url).searchParams;
    const quadrant = parseQuadrant(params.get('quadrant'));
    if (!quadrant) {
      throw new AppError('VALIDATION', 'quadrant', { fieldErrors: { quadrant: ['invalid'] } });
    }
    const db = getDb();
    const now = new Date();
    const query = readAnalyticsQuery(params, getOrganization(db).timeZone, now);
    const t = await getTranslations('supervision.drillDown.csvColumns');
    const header = DRILL_DOWN_CSV_COLUMNS.map((c) => t(c));
    return quadrantCasesCsv(query, quadrant, header, { db, now });
  } catch (error) {
    return errorResponse(error);
  }
}
