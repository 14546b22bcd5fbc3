import { readOrganizationLogo } from '@/lib/server/admin/organization-logo';

/** The organisation's logo (public: it appears on receipts), served as checked, never sniffed. */
export function GET() {
  const logo = readOrganizationLogo();
  if (!logo) return new Response(null, { status: 404 });
  return new Response(new Uint8Array(logo.bytes), {
    headers: {
      'Content-Type': logo.mime,
      'Cache-Control': 'no-cache',
      'X-Content-Type-Options': 'nosniff',
      'Content-Security-Policy': "default-src 'none'",
    },
  });
}
