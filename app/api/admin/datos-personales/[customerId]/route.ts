import { requireAdmin } from '@/lib/server/admin/access';
import { exportCustomerData } from '@/lib/server/admin/personal-data';
import { errorResponse } from '@/lib/server/core/route';

/** All of one customer's data as a JSON download (admins only; the export is audited). POST: it writes. */
export async function POST(_request: Request, ctx: { params: Promise<{ customerId: string }> }) {
  try {
    const admin = await requireAdmin();
    const { customerId } = await ctx.params;
    const data = exportCustomerData({ customerId }, admin);
    return new Response(JSON.stringify(data, null, 2), {
      headers: {
        'Content-Type': 'application/json; charset=utf-8',
        'Content-Disposition': `attachment; filename="titular-${Number(customerId)}.json"`,
        'Cache-Control': 'private, no-store',
        'X-Content-Type-Options': 'nosniff',
      },
    });
  } catch (error) {
    return errorResponse(error);
  }
}
