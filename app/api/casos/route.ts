import { NextResponse } from 'next/server';
import { currentStaff } from '@/lib/server/auth/session';
import { AppError } from '@/lib/server/core/errors';
import { errorResponse } from '@/lib/server/core/route';
import { listCases } from '@/lib/server/cases/list-cases';
import { parseCaseQuery } from '@/lib/validation/case-query';

/**
 * One page of a queue with every queue's count, for React Query. Takes the same params as the
 * queue page's URL; instants go out as ISO strings (CaseListJson).
 */
export async function GET(request: Request) {
  try {
    const staff = await currentStaff();
    if (!staff) throw new AppError('UNAUTHENTICATED', 'sign in');
    const query = parseCaseQuery(new URL(request.url).searchParams);
    return NextResponse.json(listCases(query, staff), {
      headers: { 'Cache-Control': 'private, no-store' },
    });
  } catch (error) {
    return errorResponse(error);
  }
}
