import createNextIntlPlugin from 'next-intl/plugin';

const withNextIntl = createNextIntlPlugin('./lib/i18n/request.ts');

/** @type {import('next').NextConfig} */
const nextConfig = {
  reactStrictMode: true,
  poweredByHeader: false,
  serverExternalPackages: [
    'better-sqlite3',
    'date-holidays',
    'nodemailer',
    'smtp-server',
    'mailparser',
    // pdfkit reads its standard-font metrics (AFM files) from its own folder at run time.
    'pdfkit',
    // Libraries nearly every server route uses. Bundled, Turbopack gives each route its own copy
    // of the chunk that holds them, and a warm server kept 17 copies of the same 600 KB in memory;
    // required from node_modules, Node loads each once for all routes.
    'drizzle-orm',
    'zod',
    'next-auth',
    'rate-limiter-flexible',
  ],
  experimental: {
    authInterrupts: true,
    // Petitioners answer information requests with up to 5 files of 10 MB (uploads.ts checks each).
    serverActions: { bodySizeLimit: '52mb' },
    // The proxy (proxy.ts) runs before every route and buffers the body it passes on: its limit must
    // hold the largest upload (5 × 10 MB, base64 in the intake API), or a large body arrives cut.
    proxyClientMaxBodySize: '80mb',
  },
  // Security headers (CSP with a per-request nonce, HSTS, …) are set by proxy.ts, for every response.
};

export default withNextIntl(nextConfig);
