import { downloadResponse, openAttachment } from '@/lib/server/cases/attachment-file';
import { route } from '@/lib/server/core/route';

/** A file of a case, for staff whose scope includes the case. */
export const GET = route({ access: 'staff' }, async (ctx, _input, { params }) =>
  downloadResponse(
    await openAttachment(ctx, { caseId: params.id, attachmentId: params.attachmentId }),
  ),
);
