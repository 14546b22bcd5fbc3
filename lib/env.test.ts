import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { EnvError, EnvSchema, env } from './env';

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
    expect(parsed.BACKUP_INTERVAL_HOURS).toBeUndefined();
    expect(parsed.BACKUP_KEEP).toBe(7);
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

  it('documents every variable it reads in .env.example', () => {
    const example = fs.readFileSync(path.join(import.meta.dirname, '..', '.env.example'), 'utf8');
    const documented = new Set([...example.matchAll(/^#?\s*([A-Z_]+)=/gm)].map((m) => m[1]));
    expect(Object.keys(EnvSchema.shape).filter((key) => !documented.has(key))).toEqual([]);
  });
});
