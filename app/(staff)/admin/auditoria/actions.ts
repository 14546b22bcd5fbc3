'use server';

import { z } from 'zod';
import { verifyAuditChain } from '@/lib/server/admin/audit-verify';
import { action } from '@/lib/server/core/action';

const verify = action({ access: 'admin', schema: z.object({}) }, (ctx) => verifyAuditChain(ctx));

/** Walks the whole chain (admins only; the verb checks the role again). */
export async function verifyChain() {
  return verify({});
}
