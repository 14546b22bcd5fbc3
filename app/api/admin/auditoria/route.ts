import { getTranslations } from '@/lib/i18n/server';
import { toLocalDate } from '@/lib/domain/calendar';
import { AUDIT_CSV_COLUMNS, auditLogCsv } from '@/lib/server/admin/audit-log';
import { auditLabels } from '@/lib/server/admin/audit-labels';
import { getOrganization } from '@/lib/server/core/organization';
import { route } from '@/lib/server/core/route';
import { auditQueryInput } from '@/lib/validation/admin-records';

/** The filtered audit history as CSV, every page, streamed (admins only). Same params as the page. */
export const GET = route({ access: 'admin' }, async (ctx, _query, { request }) => {
  const t = await getTranslations('adminRecords.audit.csvColumns');
  const { timeZone } = await getOrganization(ctx.db);
  const today = toLocalDate(ctx.now, timeZone);
  // The page's own reading of its query string; the verb parses it (every page: no cursor).
  const input = auditQueryInput(new URL(request.url).searchParams);
  delete input.before;
  return auditLogCsv(ctx, input, {
    header: AUDIT_CSV_COLUMNS.map((c) => t(c)),
    filename: `auditoria-${today}.csv`,
    label: await auditLabels(),
    timeZone,
  });
});
