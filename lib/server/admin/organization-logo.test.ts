import { eq } from 'drizzle-orm';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { Conn } from '@/db/client';
import { caseEvents } from '@/db/tables';
import { getOrganization } from '../core/organization';
import { captureAppError, seedFixture, type Fixture } from '../testing/fixtures';
import { openTestDb } from '../testing/test-db';
import { LOGO_MAX_BYTES, readOrganizationLogo, setOrganizationLogo } from './organization-logo';
import { makeCtx } from '../core/context';

/** A 1×1 PNG. */
const PNG = Uint8Array.from(
  Buffer.from(
    'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAQAAAC1HAwCAAAAC0lEQVR42mNkYAAAAAYAAjCB0C8AAAAASUVORK5CYII=',
    'base64',
  ),
);
const SVG = new TextEncoder().encode(
  '<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>',
);

let db: Conn;
let cleanup: () => Promise<void>;
let fx: Fixture;
let dir: string;
beforeEach(async () => {
  ({ db, cleanup } = await openTestDb());
  fx = await seedFixture(db);
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ventanilla-logo-'));
  vi.stubEnv('LOGO_DIR', dir);
});
afterEach(async () => {
  vi.unstubAllEnvs();
  fs.rmSync(dir, { recursive: true, force: true });
  await cleanup();
});

const refusal = async (promise: Promise<unknown>) => {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  return await captureAppError(() => {
    throw error;
  });
};

describe('organisation logo', () => {
  it('stores a PNG outside the web root, replaces the previous one and audits the change', async () => {
    const first = await setOrganizationLogo(makeCtx(db, fx.admin), { bytes: PNG });
    const second = await setOrganizationLogo(makeCtx(db, fx.admin), { bytes: PNG });
    expect((await getOrganization(db)).logoPath).toBe(second.logoPath);
    expect(fs.readdirSync(dir)).toEqual([second.logoPath]);
    expect(fs.existsSync(path.join(dir, first.logoPath))).toBe(false);
    expect(await readOrganizationLogo(makeCtx(db, fx.admin))).toMatchObject({ mime: 'image/png' });
    const events = await db
      .select()
      .from(caseEvents)
      .where(eq(caseEvents.action, 'organization_updated'))
      .orderBy(caseEvents.id);
    expect(events.map((e) => e.data)).toEqual([
      { before: { logoPath: null }, after: { logoPath: first.logoPath } },
      { before: { logoPath: first.logoPath }, after: { logoPath: second.logoPath } },
    ]);
  });

  it('refuses SVG, text named .png, an empty file and one over 1 MB, by content', async () => {
    expect(
      (await refusal(setOrganizationLogo(makeCtx(db, fx.admin), { bytes: SVG }))).fieldErrors,
    ).toEqual({
      logo: ['logoType'],
    });
    const fakePng = new TextEncoder().encode('not really a png');
    expect(
      (await refusal(setOrganizationLogo(makeCtx(db, fx.admin), { bytes: fakePng }))).fieldErrors,
    ).toEqual({
      logo: ['logoType'],
    });
    expect(
      (await refusal(setOrganizationLogo(makeCtx(db, fx.admin), { bytes: new Uint8Array() })))
        .fieldErrors,
    ).toEqual({ logo: ['fileEmpty'] });
    const big = new Uint8Array(LOGO_MAX_BYTES + 1);
    big.set(PNG);
    expect(
      (await refusal(setOrganizationLogo(makeCtx(db, fx.admin), { bytes: big }))).fieldErrors,
    ).toEqual({
      logo: ['logoTooLarge'],
    });
    expect(fs.readdirSync(dir)).toEqual([]);
    expect((await getOrganization(db)).logoPath).toBeNull();
  });

  it('refuses agents and supervisors', async () => {
    for (const actor of [fx.agent, fx.supervisor]) {
      expect((await refusal(setOrganizationLogo(makeCtx(db, actor), { bytes: PNG }))).code).toBe(
        'FORBIDDEN',
      );
    }
  });
});
