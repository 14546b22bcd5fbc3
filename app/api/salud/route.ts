import { NextResponse } from 'next/server';
import { clientIp } from '@/lib/server/core/http';
import { route } from '@/lib/server/core/route';
import { healthReport } from '@/lib/server/mailboxes/health';

/** For monitors: 200 with the database's and each mailbox's health (no secrets, no names). */
export const GET = route({ access: 'public' }, async (ctx, _input, { request }) =>
  NextResponse.json(await healthReport(ctx, clientIp(request.headers)), {
    headers: { 'Cache-Control': 'no-store' },
  }),
);
