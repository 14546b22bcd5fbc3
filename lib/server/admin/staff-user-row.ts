import 'server-only';
import { eq } from 'drizzle-orm';
import type { Conn } from '@/db/client';
import { staffUsers } from '@/db/schema';
import { AppError } from '../core/errors';

/** The stored staff row a people verb changes, or NOT_FOUND. */
export async function loadStaffUser(db: Conn, userId: number) {
  const user = await db.select().from(staffUsers).where(eq(staffUsers.id, userId)).get();
  if (!user) throw new AppError('NOT_FOUND', 'no such staff member');
  return user;
}
