import { readOrganizationLogo } from '@/lib/server/admin/organization-logo';
import { route } from '@/lib/server/core/route';

/** The organisation's logo (public: it appears on receipts), served as checked, never sniffed. */
export const GET = route({ access: 'public' }, async (ctx) => {
  const logo = await readOrganizationLogo(ctx);
  if (!logo) return new Response(null, { status: 404 });
  return new Response(new Uint8Array(logo.bytes), {
    headers: {
      'Content-Type': logo.mime,
      'Cache-Control': 'no-cache',
      'X-Content-Type-Options': 'nosniff',
      'Content-Security-Policy': "default-src 'none'",
    },
  });
});
