import { randomInt } from 'node:crypto';
import type { Page } from '@playwright/test';
import { closeDatabase, openDb } from '@/db/client';
import { countRows, queryDb } from './support/db';
import { E2E_ENV } from './support/env';
import { createStaff, expect, expectAccessible, signInAs, snap, test } from './support/fixtures';

test.use({
  extraHTTPHeaders: { 'X-Forwarded-For': `10.43.${randomInt(256)}.${randomInt(1, 255)}` },
});

/** Writes to the e2e server's database as another instance of the app would. */
function writeDb(sql: string, ...params: unknown[]): number {
  const db = openDb(E2E_ENV.DATABASE_PATH, { migrate: false });
  try {
    return Number(db.$client.prepare(sql).run(...params).lastInsertRowid);
  } finally {
    closeDatabase(db);
  }
}

async function view(page: Page, locale: 'es' | 'en', width: number) {
  await page
    .context()
    .addCookies([{ name: 'NEXT_LOCALE', value: locale, url: E2E_ENV.NEXTAUTH_URL }]);
  await page.setViewportSize({ width, height: 900 });
  await page.goto('/admin/auditoria');
}

const SIZES = [
  ['es', 1366],
  ['es', 360],
  ['en', 1366],
  ['en', 360],
] as const;

test('an admin follows a verification in progress, starts one and sees the chain pass', async ({
  page,
}) => {
  const admin = createStaff({ role: 'admin', name: 'Amparo Salcedo' });
  await signInAs(page, admin);

  // A long run of another instance, far along: the page shows its progress and keeps polling.
  const now = Date.now();
  const runId = writeDb(
    `INSERT INTO audit_verifications (started_by, started_at, status, checked, total)
     VALUES (?, ?, 'running', 96000, 240000)`,
    admin.id,
    now - 30_000,
  );
  writeDb(
    `INSERT INTO job_leases (name, holder, expires_at) VALUES ('audit.verify', 'otra-instancia:1:abc', ?)
     ON CONFLICT(name) DO UPDATE SET holder = excluded.holder, expires_at = excluded.expires_at`,
    now + 10 * 60_000,
  );
  for (const [locale, width] of SIZES) {
    await view(page, locale, width);
    const progress = page.getByTestId('chain-progress');
    await expect(progress).toContainText(
      locale === 'es' ? '96.000 de 240.000' : '96,000 of 240,000',
    );
    await expect(progress.getByRole('progressbar')).toHaveAttribute('value', '96000');
    // One run at a time: the button waits for the running one.
    await expect(page.locator('#verify-title ~ button')).toBeDisabled();
    await expectAccessible(page);
    await snap(page, `audit-verify-running-${locale}-${width}`);
  }

  // The poll sees it finish, without a reload.
  await view(page, 'es', 1366);
  await expect(page.getByTestId('chain-progress')).toBeVisible();
  writeDb(
    `UPDATE audit_verifications SET status = 'passed', checked = total, finished_at = ? WHERE id = ?`,
    Date.now(),
    runId,
  );
  await expect(page.getByTestId('chain-intact')).toContainText('240.000 eventos', {
    timeout: 5_000,
  });

  // A real run of the whole chain, started here.
  const events = countRows('case_events');
  await page.getByRole('button', { name: 'Verificar ahora' }).click();
  await expect(page.getByTestId('chain-intact')).toContainText(
    `Cadena íntegra: ${events.toLocaleString('es-CO')} evento${events === 1 ? '' : 's'} verificado`,
  );
  const [latest] = queryDb<{ status: string; checked: number; total: number; started_by: number }>(
    'SELECT status, checked, total, started_by FROM audit_verifications ORDER BY id DESC LIMIT 1',
  );
  expect(latest).toEqual({
    status: 'passed',
    checked: events,
    total: events,
    started_by: admin.id,
  });

  for (const [locale, width] of SIZES) {
    await view(page, locale, width);
    await expect(page.getByTestId('chain-intact')).toContainText(
      locale === 'es' ? 'Cadena íntegra' : 'Chain intact',
    );
    await expectAccessible(page);
    await snap(page, `audit-verify-passed-${locale}-${width}`);
  }
});

test('agents and supervisors cannot read or start a verification', async ({ page }) => {
  for (const role of ['agent', 'supervisor'] as const) {
    const who = createStaff({ role, teamName: 'Verificación' });
    await page.context().clearCookies();
    await signInAs(page, who);
    expect((await page.request.get('/api/admin/auditoria/verificacion')).status()).toBe(403);
  }
});
