import { NextResponse } from 'next/server';
import { AppError } from '@/lib/server/core/errors';
import { errorResponse } from '@/lib/server/core/route';
import { applyProblemAction } from '@/lib/server/causes/apply-problem-action';
import { requireSupervisor } from '@/lib/server/supervision/access';

/**
 * One change to one problem: `update`, `set_status`, `link` (a radicado), `unlink` (a case id) or
 * `link_cause` (every complaint of its cause in a period). Supervisors and admins only.
 */
export async function POST(request: Request, { params }: { params: Promise<{ id: string }> }) {
  try {
    const staff = await requireSupervisor();
    const problemId = Number((await params).id);
    if (!Number.isSafeInteger(problemId) || problemId <= 0) throw new AppError('NOT_FOUND');
    const body = await request.json().catch(() => {
      throw new AppError('VALIDATION', 'not json', { fieldErrors: { _form: ['invalid'] } });
    });
    return NextResponse.json(applyProblemAction(problemId, body, staff));
  } catch (error) {
    return errorResponse(error);
  }
}
