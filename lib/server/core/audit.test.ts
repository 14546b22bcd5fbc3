import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Conn } from '@/db/client';
import { verifyAuditChain } from '../admin/audit-verify';
import { addCustomerMessage } from '../portal/customer-message';
import { eventsOf, fileCase, seedFixture, type Fixture } from '../testing/fixtures';
import { openTestDb } from '../testing/test-db';
import { SYSTEM_ACTOR } from './actor';
import { wellFormed } from './audit';
import { makeCtx } from './context';

let db: Conn;
let cleanup: () => Promise<void>;
let fx: Fixture;
beforeEach(async () => {
  ({ db, cleanup } = await openTestDb());
  fx = await seedFixture(db);
});
afterEach(() => cleanup());

describe('the audit chain holds whatever text a client sends (issue 13, found by the fuzz test)', () => {
  it('a message with a lone surrogate (JSON "\\ud800") is stored as hashed: the chain verifies', async () => {
    const filed = await fileCase(db);
    await addCustomerMessage(makeCtx(db, SYSTEM_ACTOR), {
      caseId: filed.id,
      body: 'Adjunto \ud800 el recibo \udc00 de marzo',
      channel: 'api',
    });
    expect(await verifyAuditChain(makeCtx(db, fx.admin))).toMatchObject({ intact: true });
    expect((await eventsOf(db, filed.id)).at(-1)?.body).toBe(
      'Adjunto \ufffd el recibo \ufffd de marzo',
    );
  });

  it('keeps well-formed text, pairs included, as it is', () => {
    expect(wellFormed('ñandú 🙂 𝕏')).toBe('ñandú 🙂 𝕏');
    expect(wellFormed('\ud83d')).toBe('\ufffd');
    expect(wellFormed('a\ude42b')).toBe('a\ufffdb');
  });
});
