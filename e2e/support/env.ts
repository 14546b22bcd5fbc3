import path from 'node:path';

const PORT = Number(process.env.E2E_PORT ?? 3100);
/** The verb server's port (verbs.ts), on the loopback interface only. */
export const E2E_VERB_PORT = PORT + 1;

/** The e2e server's environment: its own database file and a fixed secret known to the fixtures. */
export const E2E_ENV = {
  PORT: String(PORT),
  DATABASE_PATH: path.join(process.cwd(), '.e2e', 'e2e.db'),
  NEXTAUTH_SECRET: 'e2e-only-secret-not-for-production-0123456789',
  NEXTAUTH_URL: `http://localhost:${PORT}`,
  NEXT_TELEMETRY_DISABLED: '1',
  BCRYPT_COST: '4',
  // The test runner stands where a reverse proxy would: specs play several clients by sending
  // X-Forwarded-For, which the server believes only from these (issue 13 §1).
  TRUSTED_PROXIES: '127.0.0.1,::1',
  // Scheduled jobs run on the real clock; specs stay deterministic without them (jobs have their
  // own tests with a moved clock). The outbox sender stays on and writes .eml files.
  JOBS: 'off',
  // No mailbox worker either: the mailbox spec passes over its Dovecot mailbox with a verb.
  MAILBOXES: 'off',
  MAIL_SEND_INTERVAL_MS: '1000',
} as const;
