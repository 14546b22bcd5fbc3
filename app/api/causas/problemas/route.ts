import { NextResponse } from 'next/server';
import { createProblem } from '@/lib/server/causes/create-problem';
import { route } from '@/lib/server/core/route';

/** Creates a problem record (supervisors and admins; 403 for agents). */
export const POST = route({ access: 'supervision' }, async (ctx, body) =>
  NextResponse.json(await createProblem(ctx, body), { status: 201 }),
);
