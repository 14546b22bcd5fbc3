/** Seeds for demos and benchmarks: `npm run db:seed` (scripts/seed.ts) and `npm start`. */
import { count } from 'drizzle-orm';
import type { Db } from '@/db/client';
import { staffUsers } from '@/db/schema';
import { seedDemo, type DemoSummary } from './demo';

export { DEMO_ACCOUNTS, DEMO_PASSWORD } from './catalog';
export { seedDemo, type DemoSummary } from './demo';
export { seedScale, type ScaleSummary } from './scale';

/**
 * Loads the demo into a database that has no staff yet (a fresh install); returns what it loaded,
 * or null when the database already had users and was left alone.
 */
export async function ensureDemoData(db: Db, now: Date): Promise<DemoSummary | null> {
  const staff = db.select({ n: count() }).from(staffUsers).get()?.n ?? 0;
  if (staff > 0) return null;
  return seedDemo(db, { now });
}
