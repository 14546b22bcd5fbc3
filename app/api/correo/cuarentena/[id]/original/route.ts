import { downloadResponse } from '@/lib/server/cases/attachment-file';
import { route } from '@/lib/server/core/route';
import { quarantinedOriginal } from '@/lib/server/intake/mail-quarantine';
import { ORIGINAL_NAME } from '@/lib/server/intake/mail-original';

/** A quarantined e-mail as it arrived (.eml, a download never rendered), for supervisors. */
export const GET = route({ access: 'supervision' }, async (ctx, _input, { params }) => {
  const bytes = await quarantinedOriginal(ctx, { id: params.id });
  return downloadResponse({ name: ORIGINAL_NAME, mimeType: 'message/rfc822', bytes });
});
