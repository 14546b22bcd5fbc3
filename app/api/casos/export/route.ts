import { getTranslations } from 'next-intl/server';
import { getDb } from '@/db/client';
import { toLocalDate } from '@/lib/domain/calendar';
import { currentStaff } from '@/lib/server/auth/session';
import { AppError } from '@/lib/server/core/errors';
import { exportCases } from '@/lib/server/cases/export-cases';
import { errorResponse } from '@/lib/server/core/route';
import { getOrganization } from '@/lib/server/core/organization';
import { DRILL_DOWN_CSV_COLUMNS } from '@/lib/server/supervision/drill-down';
import { parseCaseQuery } from '@/lib/validation/case-query';

/**
 * Every case of a queue view as CSV: the same params as the queue's URL (/casos?…), the same scope
 * (agents: what their queues show them; supervisors and admins: everything), all pages, streamed.
 */
export async function GET(request: Request) {
  try {
    const staff = await currentStaff();
    if (!staff) throw new AppError('UNAUTHENTICATED', 'sign in');
    const query = parseCaseQuery(new URL(request.url).searchParams);
    const t = await getTranslations('supervision.drillDown.csvColumns');
    const db = getDb();
    const now = new Date();
    const today = toLocalDate(now, getOrganization(db).timeZone);
    return exportCases(query, staff, {
      db,
      now,
      header: DRILL_DOWN_CSV_COLUMNS.map((c) => t(c)),
      filename: `casos-${query.queue}-${today}.csv`,
    });
  } catch (error) {
    return errorResponse(error);
  }
}
