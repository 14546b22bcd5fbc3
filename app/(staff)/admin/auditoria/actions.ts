'use server';

import { z } from 'zod';
import { startVerification, verificationView } from '@/lib/server/admin/chain-verification';
import { action } from '@/lib/server/core/action';

const start = action({ access: 'admin', schema: z.object({}) }, async (ctx) => {
  const { run, alreadyRunning } = await startVerification(ctx);
  return { run: verificationView(run), alreadyRunning };
});

/**
 * Starts a verification of the whole chain in the background (admins only; the verb checks the
 * role again), or answers with the one already running. The page polls its progress.
 */
export async function startChainVerification() {
  return start({});
}
