/** The health endpoint's report (issue 19 §4): each mailbox's state, nothing a stranger may not see. */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Conn } from '@/db/client';
import { mailboxes } from '@/db/tables';
import { SYSTEM_ACTOR } from '../core/actor';
import { makeCtx } from '../core/context';
import { sealSecret } from '../intake/keys';
import { openTestDb } from '../testing/test-db';
import { healthReport } from './health';

let db: Conn;
let cleanup: () => Promise<void>;
beforeEach(async () => ({ db, cleanup } = await openTestDb()));
afterEach(() => cleanup());

const NOW = new Date('2026-12-07T12:00:00Z');
const box = async (name: string, extra: Partial<typeof mailboxes.$inferInsert>) =>
  await db.insert(mailboxes).values({
    name,
    host: 'imap.example.co',
    port: 993,
    username: `${name}@entidad.gov.co`,
    secretSealed: sealSecret('clave-secreta'),
    ...extra,
  });

describe('the health report', () => {
  it('gives each mailbox its state and is degraded while one fails', async () => {
    await box('leido', { lastSuccessAt: NOW, backlog: 3 });
    await box('nuevo', {});
    await box('apagado', { isActive: false });
    await box('roto', { lastSuccessAt: NOW, failingSince: NOW, lastError: 'auth|clave-secreta?' });
    const report = await healthReport(makeCtx(db, SYSTEM_ACTOR, NOW), '203.0.113.5');
    expect(report).toMatchObject({ status: 'degraded', database: 'ok' });
    expect(report.mailboxes.map((m) => m.status)).toEqual(['ok', 'waiting', 'inactive', 'failing']);
    expect(report.mailboxes[0]).toMatchObject({ backlog: 3, lastSuccessAt: NOW.toISOString() });
    const text = JSON.stringify(report);
    for (const hidden of ['leido', 'entidad.gov.co', 'imap.example.co', 'clave', 'auth']) {
      expect(text).not.toContain(hidden);
    }
  });

  it('is ok with every mailbox read, and slows down an address that loops on it', async () => {
    await box('leido', { lastSuccessAt: NOW });
    const ctx = makeCtx(db, SYSTEM_ACTOR, NOW);
    expect((await healthReport(ctx, '203.0.113.9')).status).toBe('ok');
    for (let i = 1; i < 120; i++) await healthReport(ctx, '203.0.113.9');
    await expect(healthReport(ctx, '203.0.113.9')).rejects.toMatchObject({ code: 'RATE_LIMITED' });
    expect((await healthReport(ctx, '203.0.113.10')).status).toBe('ok');
  });
});
