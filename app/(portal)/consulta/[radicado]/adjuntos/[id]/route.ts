import { downloadResponse, openAttachment } from '@/lib/server/cases/attachment-file';
import { route } from '@/lib/server/core/route';
import { petitionerReader } from '@/lib/server/portal/petitioner-access';

/** A public file of the petitioner's own case (their session cookie travels under this path). */
export const GET = route({ access: petitionerReader }, async (ctx, _input, { params }) =>
  downloadResponse(await openAttachment(ctx, { attachmentId: params.id })),
);
