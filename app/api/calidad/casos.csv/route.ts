import { getLocale } from 'next-intl/server';
import { resolveLocale } from '@/lib/i18n/config';
import { AppError } from '@/lib/server/core/errors';
import { route } from '@/lib/server/core/route';
import { drillDownCsvText } from '@/lib/server/supervision/drill-down';
import { getOrganization } from '@/lib/server/core/organization';
import { analyticsQueryOf } from '@/lib/server/supervision/filters';
import { parseQuadrant, quadrantCasesCsv } from '@/lib/server/supervision/quality-quadrant';

/** The cases of one quadrant cell as CSV, with the same filter as /calidad (supervisors only). */
export const GET = route({ access: 'supervision' }, async (ctx, _input, { request }) => {
  const params = new URL(request.url).searchParams;
  const quadrant = parseQuadrant(params.get('quadrant'));
  if (!quadrant) {
    throw new AppError('VALIDATION', 'quadrant', { fieldErrors: { quadrant: ['invalid'] } });
  }
  const query = await analyticsQueryOf(ctx, params);
  const text = drillDownCsvText(
    resolveLocale(await getLocale()),
    (await getOrganization(ctx.db)).timeZone,
  );
  return quadrantCasesCsv(ctx, { query, quadrant }, { text });
});
