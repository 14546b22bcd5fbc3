import { failureOf } from '@/lib/server/core/action';
import { AppError } from '@/lib/server/core/errors';
import { route } from '@/lib/server/core/route';
import { reassignCases } from '@/lib/server/supervision/board-reassign';

/**
 * Bulk reassignment from the deadline board: `{ caseIds: number[1..200], assigneeId }` as JSON.
 * Each case goes through the 'assign' use case on its own; the answer lists every case with its
 * outcome (200 even when some were refused). 401 signed out, 403 for agents, 422 for a bad body;
 * the board's own field messages (noCasesSelected, tooManyCases) come from `board.validation`.
 */
const MESSAGES = ['board.validation'];

export const POST = route(
  { access: 'supervision', messages: MESSAGES },
  async (ctx, body, { request }) => {
    // JSON only: a cross-site form cannot send it without a CORS preflight (a CSRF defence).
    if (!request.headers.get('content-type')?.startsWith('application/json')) {
      throw new AppError('VALIDATION', 'not json', { fieldErrors: { _form: ['invalid'] } });
    }
    const { results, ...assignee } = await reassignCases(ctx, body);
    const outcomes = await Promise.all(
      results.map(async (r) => {
        if (r.ok) return { caseId: r.caseId, radicado: r.radicado, ok: true as const };
        const { code, message } = await failureOf(r.error);
        return { caseId: r.caseId, radicado: r.radicado, ok: false as const, code, message };
      }),
    );
    return {
      ...assignee,
      assigned: outcomes.filter((o) => o.ok).length,
      failed: outcomes.filter((o) => !o.ok).length,
      results: outcomes,
    };
  },
);
