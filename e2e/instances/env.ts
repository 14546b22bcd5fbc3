import path from 'node:path';

/**
 * The two-instance journey (issue 18): two app servers on one PostgreSQL, each with its own port,
 * sharing the database, the upload folder and the SMTP server the petitioner's mail arrives in.
 */
const BASE = Number(process.env.E2E_INSTANCES_PORT ?? 3300);
export const PORTS = {
  first: BASE,
  second: BASE + 1,
  /** The backing services' control server (backing.ts). */
  backing: BASE + 2,
  smtp: BASE + 3,
  postgres: BASE + 4,
} as const;

export const PG_PASSWORD = 'ventanilla-test';
export const DATABASE_URL = `postgres://postgres:${PG_PASSWORD}@127.0.0.1:${PORTS.postgres}/ventanilla`;
export const BACKING_URL = `http://127.0.0.1:${PORTS.backing}`;
export const SECRET = 'e2e-instances-secret-not-for-production-0123456789';
const FOLDER = path.join(process.cwd(), '.e2e-instances');

/** What both instances share: the database, the files, the mail server, the secret. */
export const SHARED_ENV = {
  DATABASE_URL,
  NEXTAUTH_SECRET: SECRET,
  NEXT_TELEMETRY_DISABLED: '1',
  BCRYPT_COST: '4',
  TRUSTED_PROXIES: '127.0.0.1,::1',
  UPLOAD_DIR: path.join(FOLDER, 'uploads'),
  LOGO_DIR: path.join(FOLDER, 'branding'),
  SMTP_URL: `smtp://127.0.0.1:${PORTS.smtp}`,
  // Both senders poll the outbox twice a second: a message two of them could both take is taken
  // at the same moment often enough to show.
  MAIL_SEND_INTERVAL_MS: '500',
  JOBS: 'off',
  MAILBOXES: 'off',
} as const;

/** One instance's environment; both announce the first one's address, as behind one public URL. */
export const instanceEnv = (port: number) => ({
  ...SHARED_ENV,
  PORT: String(port),
  NEXTAUTH_URL: `http://localhost:${PORTS.first}`,
});

export const FILES_FOLDER = FOLDER;
