import { NextResponse } from 'next/server';
import { errorResponse } from '@/lib/server/core/route';
import { requireSupervisor } from '@/lib/server/supervision/access';
import { loadBoard } from '@/lib/server/supervision/board';
import { parseBoardQuery } from '@/lib/validation/board';

/**
 * The deadline board as JSON, for the page's polling (React Query). Takes the page's URL params
 * (teamId, agentId, page); 401 signed out, 403 for agents.
 */
export async function GET(request: Request) {
  try {
    const staff = await requireSupervisor();
    const query = parseBoardQuery(new URL(request.url).searchParams);
    return NextResponse.json(loadBoard(query, staff), {
      headers: { 'Cache-Control': 'private, no-store' },
    });
  } catch (error) {
    return errorResponse(error);
  }
}
