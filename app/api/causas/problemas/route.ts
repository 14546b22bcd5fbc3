import { NextResponse } from 'next/server';
import { AppError } from '@/lib/server/core/errors';
import { errorResponse } from '@/lib/server/core/route';
import { createProblem } from '@/lib/server/causes/create-problem';
import { requireSupervisor } from '@/lib/server/supervision/access';

/** Creates a problem record (supervisors and admins; 403 for agents). */
export async function POST(request: Request) {
  try {
    const staff = await requireSupervisor();
    const body = await request.json().catch(() => {
      throw new AppError('VALIDATION', 'not json', { fieldErrors: { _form: ['invalid'] } });
    });
    return NextResponse.json(createProblem(body, staff), { status: 201 });
  } catch (error) {
    return errorResponse(error);
  }
}
