import { getTranslations } from 'next-intl/server';
import { NextResponse } from 'next/server';
import { toFailure } from '@/lib/server/core/action';
import { AppError, isAppError } from '@/lib/server/core/errors';
import { errorResponse } from '@/lib/server/core/route';
import { requireSupervisor } from '@/lib/server/supervision/access';
import { reassignCases } from '@/lib/server/supervision/board-reassign';
import type { FieldErrorKeys } from '@/lib/validation/issues';

/**
 * Bulk reassignment from the deadline board: `{ caseIds: number[1..200], assigneeId }` as JSON.
 * Each case goes through the 'assign' use case on its own; the answer lists every case with its
 * outcome (200 even when some were refused). 401 signed out, 403 for agents, 422 for a bad body.
 */
export async function POST(request: Request) {
  try {
    const staff = await requireSupervisor();
    // JSON only: a cross-site form cannot send it without a CORS preflight.
    if (!request.headers.get('content-type')?.startsWith('application/json')) {
      throw new AppError('VALIDATION', 'not json', { fieldErrors: { _form: ['invalid'] } });
    }
    const body = await request.json().catch(() => {
      throw new AppError('VALIDATION', 'not json', { fieldErrors: { _form: ['invalid'] } });
    });
    const { results, ...assignee } = await reassignCases(body, staff);
    const outcomes = await Promise.all(
      results.map(async (r) => {
        if (r.ok) return { caseId: r.caseId, radicado: r.radicado, ok: true as const };
        const { code, message } = await toFailure(r.error);
        return { caseId: r.caseId, radicado: r.radicado, ok: false as const, code, message };
      }),
    );
    return NextResponse.json({
      ...assignee,
      assigned: outcomes.filter((o) => o.ok).length,
      failed: outcomes.filter((o) => !o.ok).length,
      results: outcomes,
    });
  } catch (error) {
    return withBoardMessages(await errorResponse(error), error);
  }
}

/** Field errors whose key only the board knows (noCasesSelected, tooManyCases) in the user's words. */
async function withBoardMessages(response: NextResponse, error: unknown): Promise<NextResponse> {
  const issues = isAppError(error) ? (error.detail?.issues as FieldErrorKeys | undefined) : null;
  if (!issues) return response;
  const t = await getTranslations('board.validation');
  const body = (await response.json()) as { fieldErrors: Record<string, string[]> };
  for (const [field, list] of Object.entries(issues)) {
    if (!list.some((e) => t.has(e.key))) continue;
    body.fieldErrors[field] = list.map((e, i) =>
      t.has(e.key) ? t(e.key, e.params) : (body.fieldErrors[field]?.[i] ?? e.key),
    );
  }
  return NextResponse.json(body, { status: response.status, headers: response.headers });
}
