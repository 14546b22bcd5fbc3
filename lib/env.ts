import { z } from 'zod';
import { isAddressOrBlock } from './net/address-list';

const flag = (fallback: boolean) =>
  z
    .enum(['on', 'off', 'true', 'false', '1', '0'])
    .optional()
    .transform((v) => (v === undefined ? fallback : v === 'on' || v === 'true' || v === '1'));
const optionalText = z
  .string()
  .optional()
  .transform((v) => (v && v.trim() !== '' ? v.trim() : undefined));
const port = z.coerce.number().int().min(1).max(65_535);
/** A comma-separated list of addresses and CIDR blocks; empty means none. */
const addressBlocks = z
  .string()
  .optional()
  .transform((v) =>
    (v ?? '')
      .split(',')
      .map((entry) => entry.trim())
      .filter(Boolean),
  )
  .refine((entries) => entries.every(isAddressOrBlock), {
    message: 'expected addresses or CIDR blocks separated by commas (10.0.0.0/8, ::1)',
  });

/** A `postgres://` (or `postgresql://`) URL with a host: DATABASE_URL and db:copy's --to. */
export function isPostgresUrl(text: string): boolean {
  if (!URL.canParse(text)) return false;
  const url = new URL(text);
  return (url.protocol === 'postgres:' || url.protocol === 'postgresql:') && url.hostname !== '';
}

/** A whole number of at least 0 (a limit of 0 is no limit where the variable says so). */
const count = z.coerce.number().int().min(0);

/** The inbound SMTP variables that only make sense together (README "Inbound mail"). */
function checkInboundSmtp(
  config: {
    INBOUND_SMTP_TLS_KEY?: string;
    INBOUND_SMTP_TLS_CERT?: string;
    INBOUND_SMTP_REQUIRE_TLS: boolean;
    INBOUND_SMTP_USER?: string;
    INBOUND_SMTP_PASSWORD?: string;
    INBOUND_SMTP_INSECURE_AUTH: boolean;
  },
  context: z.RefinementCtx,
) {
  const problem = (key: string, message: string) =>
    context.addIssue({ code: 'custom', path: [key], message });
  const tls = Boolean(config.INBOUND_SMTP_TLS_KEY) || Boolean(config.INBOUND_SMTP_TLS_CERT);
  if (config.INBOUND_SMTP_TLS_KEY && !config.INBOUND_SMTP_TLS_CERT) {
    problem('INBOUND_SMTP_TLS_CERT', 'required with INBOUND_SMTP_TLS_KEY');
  }
  if (config.INBOUND_SMTP_TLS_CERT && !config.INBOUND_SMTP_TLS_KEY) {
    problem('INBOUND_SMTP_TLS_KEY', 'required with INBOUND_SMTP_TLS_CERT');
  }
  if (config.INBOUND_SMTP_REQUIRE_TLS && !tls) {
    problem('INBOUND_SMTP_REQUIRE_TLS', 'needs INBOUND_SMTP_TLS_KEY and INBOUND_SMTP_TLS_CERT');
  }
  if (config.INBOUND_SMTP_USER && !config.INBOUND_SMTP_PASSWORD) {
    problem('INBOUND_SMTP_PASSWORD', 'required with INBOUND_SMTP_USER');
  }
  if (config.INBOUND_SMTP_PASSWORD && !config.INBOUND_SMTP_USER) {
    problem('INBOUND_SMTP_USER', 'required with INBOUND_SMTP_PASSWORD');
  }
  if (config.INBOUND_SMTP_USER && !tls && !config.INBOUND_SMTP_INSECURE_AUTH) {
    problem(
      'INBOUND_SMTP_USER',
      'AUTH goes only over STARTTLS: set INBOUND_SMTP_TLS_KEY and INBOUND_SMTP_TLS_CERT (or INBOUND_SMTP_INSECURE_AUTH=on)',
    );
  }
}

/**
 * Every variable the app reads, validated once (README "Configuration" and .env.example document
 * each). A wrong value stops the start with a message that names it, instead of a 500 later.
 */
export const EnvSchema = z.object({
  NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
  PORT: port.default(3000),
  NEXTAUTH_URL: optionalText.pipe(z.url().optional()),
  NEXTAUTH_SECRET: optionalText,
  /** Reverse proxies whose X-Forwarded-For is believed (README "Behind a proxy"); none by default. */
  TRUSTED_PROXIES: addressBlocks,
  DATABASE_PATH: optionalText,
  /** A PostgreSQL database instead of the SQLite file (README "Scaling out"); unset keeps SQLite. */
  DATABASE_URL: optionalText.refine((v) => v === undefined || isPostgresUrl(v), {
    message:
      'expected postgres://user:password@host:5432/database (leave it unset to use the SQLite file)',
  }),
  /** Connections each instance keeps open to DATABASE_URL's PostgreSQL, at most. */
  DATABASE_POOL_SIZE: z.coerce.number().int().min(1).max(200).default(20),
  SEED_DEMO: flag(true),
  BCRYPT_COST: z.coerce.number().int().min(4).max(15).default(11),
  ORG_TIME_ZONE: z.string().default('America/Bogota'),
  SMTP_URL: optionalText,
  MAIL_FROM: z.string().default('Ventanilla <no-reply@ventanilla.local>'),
  MAIL_DIR: optionalText,
  MAIL_SENDER: flag(true),
  MAIL_SEND_INTERVAL_MS: z.coerce.number().int().min(100).default(10_000),
  /** Case files ride in a notice as attachments up to this total; beyond it they are links. */
  MAIL_ATTACHMENTS_MAX_BYTES: z.coerce
    .number()
    .int()
    .min(0)
    .default(10 * 1024 * 1024),
  INBOUND_SMTP_PORT: z.preprocess((v) => (v === '' ? undefined : v), port.optional()),
  INBOUND_SMTP_HOST: z.string().default('0.0.0.0'),
  /** Inbound mail limits and protections (README "Inbound mail"); the defaults are safe. */
  INBOUND_SMTP_MAX_BYTES: count.default(70 * 1024 * 1024),
  INBOUND_SMTP_MAX_RECIPIENTS: count.min(1).default(10),
  INBOUND_SMTP_SENDER_LIMIT: count.default(20),
  INBOUND_SMTP_ADDRESS_LIMIT: count.default(60),
  INBOUND_SMTP_LIMIT_WINDOW_SECONDS: count.min(1).default(3600),
  INBOUND_SMTP_RELAYS: addressBlocks,
  INBOUND_SMTP_TLS_KEY: optionalText,
  INBOUND_SMTP_TLS_CERT: optionalText,
  INBOUND_SMTP_REQUIRE_TLS: flag(false),
  INBOUND_SMTP_USER: optionalText,
  INBOUND_SMTP_PASSWORD: optionalText,
  INBOUND_SMTP_INSECURE_AUTH: flag(false),
  JOBS: flag(true),
  /** The mailbox worker (issue 19): every active mailbox is pulled; off, none is. */
  MAILBOXES: flag(true),
  /** A mailbox is passed over at least this often even when its server announces nothing. */
  MAILBOX_POLL_SECONDS: z.coerce.number().int().min(5).max(3600).default(60),
  /** An agent away longer than this many hours gets their open cases back to the team's queue. */
  AWAY_RETURN_HOURS: z.coerce
    .number()
    .positive()
    .max(24 * 31)
    .default(24),
  /** Local hour (organisation's time zone) of the staff's daily e-mail digest (issue 14 §3). */
  DIGEST_HOUR: z.coerce.number().int().min(0).max(23).default(7),
  /**
   * Worker threads with read-only connections for the heavy reads (supervisor views, reports,
   * exports): 0 runs them on the request thread. Their nice value (0–19) yields the CPU to the
   * request thread when both want it, so a report never slows the agents' queues.
   */
  READ_WORKERS: z.coerce.number().int().min(0).max(16).default(2),
  READ_WORKER_NICE: z.coerce.number().int().min(0).max(19).default(10),
  UPLOAD_DIR: optionalText,
  LOGO_DIR: optionalText,
  /** Backups (README "Backups", docs/operations.md): where, how often (unset: no schedule), how many. */
  BACKUP_DIR: optionalText,
  BACKUP_INTERVAL_HOURS: z.preprocess(
    (v) => (typeof v === 'string' && v.trim() === '' ? undefined : v),
    z.coerce
      .number()
      .positive()
      .max(24 * 31)
      .optional(),
  ),
  BACKUP_KEEP: z.coerce.number().int().min(1).max(1000).default(7),
});
export type Env = z.infer<typeof EnvSchema>;

let cached: { snapshot: string; env: Env } | undefined;

/** Thrown at start (and by `env()`) when a variable is wrong; the message lists each one. */
export class EnvError extends Error {}

/** Reads an environment: each variable by itself, then those that only make sense together. */
export function parseEnv(source: NodeJS.ProcessEnv | Record<string, string>): Env {
  const result = EnvSchema.superRefine(checkInboundSmtp).safeParse(source);
  if (result.success) return result.data;
  const lines = result.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`);
  throw new EnvError(`Invalid environment variables (see .env.example):\n${lines.join('\n')}`);
}

/**
 * A process started in production (the server) keeps its first reading: its environment does not
 * change under it, and reading every variable again cost a page a quarter of a millisecond.
 */
const STARTED_IN_PRODUCTION = process.env.NODE_ENV === 'production';

/**
 * The validated environment, read once. Tests that point a variable elsewhere (an upload folder)
 * change `process.env` and are seen: the cache is keyed on the variables this schema reads.
 */
export function env(): Env {
  if (cached && STARTED_IN_PRODUCTION) return cached.env;
  const snapshot = Object.keys(EnvSchema.shape)
    .map((k) => process.env[k] ?? '')
    .join('\u0000');
  if (!cached || cached.snapshot !== snapshot) {
    cached = { snapshot, env: parseEnv(process.env) };
  }
  return cached.env;
}
