import os from 'node:os';
import path from 'node:path';
import { defineConfig } from 'vitest/config';

/**
 * The integration tests that run on PostgreSQL as well as SQLite (issue 18): files written with
 * engine-neutral statements and `openTestDb()`. docs/postgres.md says how a file joins.
 */
export const ON_BOTH_ENGINES = [
  'lib/server/admin/anonymised-files.test.ts',
  'lib/server/admin/api-keys-admin.test.ts',
  'lib/server/admin/audit-records.test.ts',
  'lib/server/admin/chain-verification.test.ts',
  'lib/server/admin/create-staff-user.test.ts',
  'lib/server/admin/people.test.ts',
  'lib/server/admin/personal-data.test.ts',
  'lib/server/analogous/petition-groups.test.ts',
  'lib/server/auth/revocation.test.ts',
  'lib/server/auth/verify-credentials.test.ts',
  'lib/server/cases/answer-figures.test.ts',
  'lib/server/cases/apply-promise-action.test.ts',
  'lib/server/cases/case-id.test.ts',
  'lib/server/cases/create-case.test.ts',
  'lib/server/cases/export-cases.test.ts',
  'lib/server/cases/get-case.test.ts',
  'lib/server/cases/handle-time.test.ts',
  'lib/server/cases/list-cases.test.ts',
  'lib/server/cases/log-interaction.test.ts',
  'lib/server/cases/queue-views.test.ts',
  'lib/server/cases/record-postal-delivery.test.ts',
  'lib/server/cases/repeat-contact.test.ts',
  'lib/server/cases/search-cases.test.ts',
  'lib/server/cases/service-level.test.ts',
  'lib/server/cases/staff-scope.test.ts',
  'lib/server/cases/submission-replay.test.ts',
  'lib/server/cases/templates.test.ts',
  'lib/server/cases/unknown-options.test.ts',
  'lib/server/causes/problem-effect.test.ts',
  'lib/server/causes/problems.test.ts',
  'lib/server/causes/root-cause-figures.test.ts',
  'lib/server/core/audit.test.ts',
  'lib/server/core/context.test.ts',
  'lib/server/core/csv.test.ts',
  'lib/server/core/group-commit.test.ts',
  'lib/server/core/prepared.test.ts',
  'lib/server/core/rate-limit.test.ts',
  'lib/server/core/route.test.ts',
  'lib/server/intake/api.test.ts',
  'lib/server/intake/import-cases.test.ts',
  'lib/server/intake/import-file.test.ts',
  'lib/server/intake/mail-limits.test.ts',
  'lib/server/intake/mail-quarantine.test.ts',
  'lib/server/jobs/jobs.test.ts',
  'lib/server/jobs/lease.test.ts',
  'lib/server/jobs/promise-alerts.test.ts',
  'lib/server/letters/answer-letter.test.ts',
  'lib/server/letters/notice-letter.test.ts',
  'lib/server/mailboxes/health.test.ts',
  'lib/server/mailboxes/mailbox-admin.test.ts',
  'lib/server/mailboxes/mailbox-oauth.test.ts',
  'lib/server/notices/case-notices.test.ts',
  'lib/server/notices/live-pg.test.ts',
  'lib/server/notices/notification-preferences.test.ts',
  'lib/server/notices/outbox.test.ts',
  'lib/server/notices/senders-at-once.test.ts',
  'lib/server/notices/staff-alerts.test.ts',
  'lib/server/petitioners/petitioners.test.ts',
  'lib/server/portal/customer-case-options.test.ts',
  'lib/server/portal/customer-message.test.ts',
  'lib/server/portal/lookup-case.test.ts',
  'lib/server/portal/public-routes.fuzz.test.ts',
  'lib/server/portal/rate-case.test.ts',
  'lib/server/reports/extreme-dates.test.ts',
  'lib/server/reports/pqrs-report.test.ts',
  'lib/server/reports/transparency.test.ts',
  'lib/server/routing/return-to-queue.test.ts',
  'lib/server/supervision/board-reassign.test.ts',
  'lib/server/supervision/board.test.ts',
  'lib/server/supervision/drill-down.test.ts',
  'lib/server/supervision/quality-process-effort.test.ts',
  'lib/server/supervision/quality-quadrant.test.ts',
  'lib/server/supervision/quality-result.test.ts',
  'lib/server/supervision/quality-review.test.ts',
];

export default defineConfig({
  resolve: {
    alias: {
      '@': path.resolve(import.meta.dirname),
      // Server modules guard against client bundling; under test they run in plain Node.
      'server-only': path.resolve(import.meta.dirname, 'lib/server/testing/server-only-stub.ts'),
    },
  },
  test: {
    environment: 'node',
    pool: 'forks',
    // At least two forks: the PostgreSQL tests spend much of their time waiting on the server, so
    // two on a 2-core machine took 430 s where vitest's default (one per core but one) took 693.
    maxWorkers: Math.max(2, os.availableParallelism() - 1),
    testTimeout: 30_000,
    // Some files build a month of cases in beforeAll; on PostgreSQL beside another fork that can
    // pass vitest's 10 s default.
    hookTimeout: 60_000,
    projects: [
      {
        extends: true,
        test: {
          name: 'sqlite',
          include: ['lib/**/*.test.ts', 'db/**/*.test.ts', 'scripts/**/*.test.ts'],
          // A DATABASE_URL in the developer's shell must not turn these onto PostgreSQL.
          env: { BCRYPT_COST: '4', DATABASE_URL: '' },
        },
      },
      {
        extends: true,
        test: {
          name: 'postgres',
          include: ON_BOTH_ENGINES,
          env: { BCRYPT_COST: '4' },
          globalSetup: ['lib/server/testing/pg-global-setup.ts'],
          setupFiles: ['lib/server/testing/pg-setup.ts'],
        },
      },
    ],
  },
});
