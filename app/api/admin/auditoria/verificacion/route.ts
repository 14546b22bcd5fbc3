import { latestVerification, verificationView } from '@/lib/server/admin/chain-verification';
import { route } from '@/lib/server/core/route';

/** The latest chain verification and its progress, polled by /admin/auditoria (admins only). */
export const GET = route({ access: 'admin' }, async (ctx) => {
  const run = await latestVerification(ctx);
  return { run: run ? verificationView(run) : null };
});
