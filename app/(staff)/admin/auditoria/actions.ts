'use server';

import { z } from 'zod';
import { staffAction } from '@/lib/server/core/action';
import { requireAdmin } from '@/lib/server/admin/access';
import { verifyAuditChain } from '@/lib/server/admin/audit-verify';

/** Walks the whole chain (admins only; the use case checks the role again). */
export async function verifyChain() {
  return staffAction({ roles: ['admin'], schema: z.object({}) }, async (_input, actor) => {
    await requireAdmin();
    return verifyAuditChain(actor);
  })({});
}
