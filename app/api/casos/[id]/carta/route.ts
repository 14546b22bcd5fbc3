import { AppError } from '@/lib/server/core/errors';
import { route } from '@/lib/server/core/route';
import { answerLetterBytes } from '@/lib/server/letters/answer-letter-file';
import { inlinePdf } from '@/lib/server/letters/pdf-response';

/**
 * The case's answer letter opened in the browser, to print it for postal delivery (staff in scope;
 * petitioners download it through the portal's file route).
 */
export const GET = route({ access: 'staff' }, async (ctx, _input, { params }) => {
  const caseId = Number(params.id);
  if (!Number.isInteger(caseId) || caseId <= 0) throw new AppError('NOT_FOUND');
  return inlinePdf(await answerLetterBytes(ctx, { caseId }));
});
