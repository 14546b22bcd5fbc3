import { route } from '@/lib/server/core/route';
import { noticeLetterPdf } from '@/lib/server/letters/notice-letter';
import { inlinePdf } from '@/lib/server/letters/pdf-response';

/** A notice owed by post, as the letter to print (staff in the case's scope). */
export const GET = route({ access: 'staff' }, async (ctx, _input, { params }) =>
  inlinePdf(await noticeLetterPdf(ctx, { caseId: params.id, outboxId: params.outboxId })),
);
