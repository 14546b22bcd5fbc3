import { exportCustomerData } from '@/lib/server/admin/personal-data';
import { route } from '@/lib/server/core/route';

/** All of one customer's data as a JSON download (admins only; the export is audited). POST: it writes. */
export const POST = route({ access: 'admin' }, async (ctx, _body, { params }) => {
  const { customerId } = params;
  const data = await exportCustomerData(ctx, { customerId });
  return new Response(JSON.stringify(data, null, 2), {
    headers: {
      'Content-Type': 'application/json; charset=utf-8',
      'Content-Disposition': `attachment; filename="titular-${Number(customerId)}.json"`,
      'Cache-Control': 'private, no-store',
      'X-Content-Type-Options': 'nosniff',
    },
  });
});
