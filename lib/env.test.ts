import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { EnvError, EnvSchema, env, parseEnv } from './env';

describe('the validated environment', () => {
  it('gives the documented defaults when nothing is set', () => {
    const parsed = EnvSchema.parse({});
    expect(parsed).toMatchObject({
      PORT: 3000,
      SEED_DEMO: true,
      BCRYPT_COST: 11,
      ORG_TIME_ZONE: 'America/Bogota',
      MAIL_SENDER: true,
      JOBS: true,
      MAIL_SEND_INTERVAL_MS: 10_000,
      MAIL_ATTACHMENTS_MAX_BYTES: 10 * 1024 * 1024,
    });
    expect(parsed.SMTP_URL).toBeUndefined();
    expect(parsed.INBOUND_SMTP_PORT).toBeUndefined();
    expect(parsed).toMatchObject({
      INBOUND_SMTP_MAX_BYTES: 70 * 1024 * 1024,
      INBOUND_SMTP_MAX_RECIPIENTS: 10,
      INBOUND_SMTP_SENDER_LIMIT: 20,
      INBOUND_SMTP_ADDRESS_LIMIT: 60,
      INBOUND_SMTP_LIMIT_WINDOW_SECONDS: 3600,
      INBOUND_SMTP_RELAYS: [],
      INBOUND_SMTP_REQUIRE_TLS: false,
      INBOUND_SMTP_INSECURE_AUTH: false,
    });
    expect(parsed.BACKUP_INTERVAL_HOURS).toBeUndefined();
    expect(parsed.BACKUP_KEEP).toBe(7);
    expect(parsed.AWAY_RETURN_HOURS).toBe(24);
    expect(parsed.DIGEST_HOUR).toBe(7);
    expect(parsed).toMatchObject({ READ_WORKERS: 2, READ_WORKER_NICE: 10 });
    expect(parsed.INBOUND_SMTP_TLS_KEY).toBeUndefined();
    expect(parsed.INBOUND_SMTP_USER).toBeUndefined();
  });

  it.each([
    [{ INBOUND_SMTP_RELAYS: '10.0.0.0/33' }, 'INBOUND_SMTP_RELAYS'],
    [{ INBOUND_SMTP_SENDER_LIMIT: '-1' }, 'INBOUND_SMTP_SENDER_LIMIT'],
    [{ INBOUND_SMTP_MAX_RECIPIENTS: '0' }, 'INBOUND_SMTP_MAX_RECIPIENTS'],
    [{ INBOUND_SMTP_TLS_KEY: '/etc/smtp/key.pem' }, 'INBOUND_SMTP_TLS_CERT'],
    [{ INBOUND_SMTP_REQUIRE_TLS: 'on' }, 'INBOUND_SMTP_REQUIRE_TLS'],
    [{ INBOUND_SMTP_USER: 'relay', INBOUND_SMTP_INSECURE_AUTH: 'on' }, 'INBOUND_SMTP_PASSWORD'],
    // AUTH in clear text only when asked for by name.
    [{ INBOUND_SMTP_USER: 'relay', INBOUND_SMTP_PASSWORD: 'secreto' }, 'INBOUND_SMTP_USER'],
  ])('refuses inbound SMTP settings that do not hold together: %o', (source, named) => {
    let error: unknown;
    try {
      parseEnv(source);
    } catch (thrown) {
      error = thrown;
    }
    expect(error).toBeInstanceOf(EnvError);
    const lines = [...(error as Error).message.matchAll(/^ {2}(\w+): /gm)].map((m) => m[1]);
    expect(lines).toEqual([named]);
  });

  it('takes AUTH without TLS when INBOUND_SMTP_INSECURE_AUTH says so', () => {
    const parsed = parseEnv({
      INBOUND_SMTP_USER: 'relay',
      INBOUND_SMTP_PASSWORD: 'secreto',
      INBOUND_SMTP_INSECURE_AUTH: 'on',
    });
    expect(parsed).toMatchObject({ INBOUND_SMTP_USER: 'relay', INBOUND_SMTP_INSECURE_AUTH: true });
  });

  it('reads the backup schedule and refuses a nonsensical one', () => {
    expect(EnvSchema.parse({ BACKUP_INTERVAL_HOURS: '6', BACKUP_KEEP: '14' })).toMatchObject({
      BACKUP_INTERVAL_HOURS: 6,
      BACKUP_KEEP: 14,
    });
    expect(EnvSchema.parse({ BACKUP_INTERVAL_HOURS: '' }).BACKUP_INTERVAL_HOURS).toBeUndefined();
    expect(EnvSchema.safeParse({ BACKUP_INTERVAL_HOURS: '0' }).success).toBe(false);
    expect(EnvSchema.safeParse({ BACKUP_KEEP: '0' }).success).toBe(false);
  });

  it('reads the digest hour and refuses one that is no hour of the day', () => {
    expect(EnvSchema.parse({ DIGEST_HOUR: '18' }).DIGEST_HOUR).toBe(18);
    expect(EnvSchema.safeParse({ DIGEST_HOUR: '24' }).success).toBe(false);
    expect(EnvSchema.safeParse({ DIGEST_HOUR: '7.5' }).success).toBe(false);
  });

  it('reads on/off flags and numbers as a person writes them', () => {
    const parsed = EnvSchema.parse({
      JOBS: 'off',
      SEED_DEMO: 'false',
      PORT: '8080',
      SMTP_URL: ' ',
    });
    expect(parsed).toMatchObject({ JOBS: false, SEED_DEMO: false, PORT: 8080 });
    expect(parsed.SMTP_URL).toBeUndefined();
  });

  it('stops with a message that names every wrong variable', () => {
    const saved = { PORT: process.env.PORT, JOBS: process.env.JOBS };
    process.env.PORT = 'abc';
    process.env.JOBS = 'maybe';
    try {
      expect(() => env()).toThrow(EnvError);
      expect(() => env()).toThrow(/PORT[\s\S]*JOBS|JOBS[\s\S]*PORT/);
    } finally {
      for (const [key, value] of Object.entries(saved)) {
        if (value === undefined) delete process.env[key];
        else process.env[key] = value;
      }
    }
    expect(env().PORT).toBeGreaterThan(0);
  });

  it('sees a changed variable in tests, but a process started in production keeps its first reading', async () => {
    const before = env().PORT;
    vi.stubEnv('PORT', String(before + 1));
    try {
      expect(env().PORT).toBe(before + 1);
      vi.stubEnv('NODE_ENV', 'production');
      vi.resetModules();
      const server = await import('./env');
      expect(server.env().PORT).toBe(before + 1);
      vi.stubEnv('PORT', String(before + 2));
      expect(server.env().PORT).toBe(before + 1);
    } finally {
      vi.unstubAllEnvs();
    }
    expect(env().PORT).toBe(before);
  });

  it('documents every variable it reads in .env.example', () => {
    const example = fs.readFileSync(path.join(import.meta.dirname, '..', '.env.example'), 'utf8');
    const documented = new Set([...example.matchAll(/^#?\s*([A-Z_]+)=/gm)].map((m) => m[1]));
    expect(Object.keys(EnvSchema.shape).filter((key) => !documented.has(key))).toEqual([]);
  });
});
