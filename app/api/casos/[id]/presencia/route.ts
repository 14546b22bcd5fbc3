import { casePresence } from '@/lib/server/cases/presence';
import { route } from '@/lib/server/core/route';

/** "I have this case open (and am writing)": answers with who else has it open now. */
export const POST = route({ access: 'staff' }, (ctx, input, { params }) =>
  casePresence(ctx, { ...input, caseId: params.id }),
);
