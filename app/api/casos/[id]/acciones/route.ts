import { NextResponse } from 'next/server';
import { applyCaseAction } from '@/lib/server/cases/apply-case-action';
import { currentStaff } from '@/lib/server/auth/session';
import { AppError } from '@/lib/server/core/errors';
import { errorResponse } from '@/lib/server/core/route';

/**
 * One action on one case as JSON (for integrations and scripted clients). The same use case as the
 * case page: role, team scope and state machine are all checked here, on the server.
 */
export async function POST(request: Request, { params }: { params: Promise<{ id: string }> }) {
  try {
    const staff = await currentStaff();
    if (!staff) throw new AppError('UNAUTHENTICATED');
    const caseId = Number((await params).id);
    if (!Number.isInteger(caseId) || caseId <= 0) throw new AppError('NOT_FOUND');
    const body = await request.json().catch(() => {
      throw new AppError('VALIDATION', 'not json', { fieldErrors: { _form: ['invalid'] } });
    });
    const result = applyCaseAction(caseId, body, staff);
    return NextResponse.json(result);
  } catch (error) {
    return errorResponse(error);
  }
}
