import { AppError } from '@/lib/server/core/errors';
import { route } from '@/lib/server/core/route';
import { answerLetterBytes } from '@/lib/server/letters/answer-letter-file';

/**
 * The case's answer letter opened in the browser, to print it for postal delivery (staff in scope;
 * petitioners download it through the portal's file route).
 */
export const GET = route({ access: 'staff' }, async (ctx, _input, { params }) => {
  const caseId = Number(params.id);
  if (!Number.isInteger(caseId) || caseId <= 0) throw new AppError('NOT_FOUND');
  const letter = await answerLetterBytes(ctx, { caseId });
  return new Response(new Uint8Array(letter.bytes), {
    headers: {
      'Content-Type': 'application/pdf',
      'Content-Disposition': `inline; filename*=UTF-8''${encodeURIComponent(letter.name)}`,
      'Cache-Control': 'private, no-store',
      'X-Content-Type-Options': 'nosniff',
    },
  });
});
