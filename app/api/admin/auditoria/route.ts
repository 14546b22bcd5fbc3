import { getTranslations } from 'next-intl/server';
import { getDb } from '@/db/client';
import { toLocalDate } from '@/lib/domain/calendar';
import { requireAdmin } from '@/lib/server/admin/access';
import { AUDIT_CSV_COLUMNS, auditLogCsv } from '@/lib/server/admin/audit-log';
import { errorResponse } from '@/lib/server/core/route';
import { getOrganization } from '@/lib/server/core/organization';
import { auditQueryInput } from '@/lib/validation/admin-records';

/** The filtered audit history as CSV, every page, streamed (admins only). Same params as the page. */
export async function GET(request: Request) {
  try {
    const admin = await requireAdmin();
    const t = await getTranslations('adminRecords.audit.csvColumns');
    const db = getDb();
    const today = toLocalDate(new Date(), getOrganization(db).timeZone);
    const input = auditQueryInput(new URL(request.url).searchParams);
    delete input.before;
    return auditLogCsv(
      input,
      admin,
      AUDIT_CSV_COLUMNS.map((c) => t(c)),
      {
        db,
        filename: `auditoria-${today}.csv`,
      },
    );
  } catch (error) {
    return errorResponse(error);
  }
}
