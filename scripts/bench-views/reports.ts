import { toLocalDate } from '@/lib/domain/calendar';
import { getOrganization } from '@/lib/server/core/organization';
import { buildPqrsReport } from '@/lib/server/reports/pqrs-report';
import { parseReportQuery } from '@/lib/validation/report-query';
import type { ViewBench } from './types';

/** The reports view's benchmarks (see types.ts). */
export const benches: ViewBench[] = [
  {
    // /informes as it opens: the previous calendar month, no filter (every query the page runs;
    // its tables and CSV rows are built from this result in memory).
    name: 'informes: mes anterior',
    run: async ({ db, now }) => {
      const org = await getOrganization(db);
      const query = parseReportQuery({}, toLocalDate(now, org.timeZone));
      return (await buildPqrsReport(db, query, org.timeZone, now)).total.received;
    },
  },
];
