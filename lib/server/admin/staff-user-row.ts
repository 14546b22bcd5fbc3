import 'server-only';
import { first } from '@/db/rows';
import { eq } from 'drizzle-orm';
import type { Conn } from '@/db/client';
import { staffUsers } from '@/db/tables';
import { AppError } from '../core/errors';

/** The stored staff row a people verb changes, or NOT_FOUND. */
export async function loadStaffUser(db: Conn, userId: number) {
  const user = await first(db.select().from(staffUsers).where(eq(staffUsers.id, userId)));
  if (!user) throw new AppError('NOT_FOUND', 'no such staff member');
  return user;
}
