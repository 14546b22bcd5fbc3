import { getTranslations } from '@/lib/i18n/server';
import { AppError } from '@/lib/server/core/errors';
import { route } from '@/lib/server/core/route';
import { DRILL_DOWN_CSV_COLUMNS } from '@/lib/server/supervision/drill-down';
import { analyticsQueryOf } from '@/lib/server/supervision/filters';
import { parseQuadrant, quadrantCasesCsv } from '@/lib/server/supervision/quality-quadrant';

/** The cases of one quadrant cell as CSV, with the same filter as /calidad (supervisors only). */
export const GET = route({ access: 'supervision' }, async (ctx, _input, { request }) => {
  const params = new URL(request.url).searchParams;
  const quadrant = parseQuadrant(params.get('quadrant'));
  if (!quadrant) {
    throw new AppError('VALIDATION', 'quadrant', { fieldErrors: { quadrant: ['invalid'] } });
  }
  const query = analyticsQueryOf(ctx, params);
  const t = await getTranslations('supervision.drillDown.csvColumns');
  const header = DRILL_DOWN_CSV_COLUMNS.map((c) => t(c));
  return quadrantCasesCsv(ctx, { query, quadrant }, { header });
});
