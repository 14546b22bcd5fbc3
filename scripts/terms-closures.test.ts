import { expect, it } from 'vitest';
import { closureDays } from '@/db/tables';
import { runScript, scriptInstallation } from '@/lib/server/testing/run-script';

/** `npm run terms` on an installation's database, on either engine (terms.test.ts: without one). */
const site = scriptInstallation('terms-db');

it("uses the organisation's closure days when the database exists", async () => {
  await site.db.insert(closureDays).values({ date: '2026-04-07', reason: 'Día cívico' });
  const out = runScript(
    'terms',
    ['--from', '2026-03-13T16:30:00-05:00', '--days', '15'],
    site.env(),
  );
  // 2026-04-08 without the closure day (terms.test.ts).
  expect(out).toMatchObject({ status: 0, stdout: '2026-04-09\n' });
});
