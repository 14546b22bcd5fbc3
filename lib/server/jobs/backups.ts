import 'server-only';
import { env } from '@/lib/env';
import { backupRoot, createBackup, pruneBackups } from '../admin/backup';
import type { Ctx } from '../core/context';

/**
 * The scheduled backup (BACKUP_INTERVAL_HOURS): one backup per tick, taken by the one instance
 * that holds the tick's lease (job-runner.ts), then only the newest BACKUP_KEEP are kept.
 */
export async function scheduledBackup(
  ctx: Ctx,
  options: { root?: string; keep?: number } = {},
): Promise<{ dir: string; removed: string[] }> {
  const root = options.root ?? backupRoot();
  const { dir } = await createBackup({ root, now: ctx.now });
  const removed = pruneBackups(root, options.keep ?? env().BACKUP_KEEP);
  return { dir, removed };
}
