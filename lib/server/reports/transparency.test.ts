/**
 * The public transparency page's figures (Ley 1712): published only when the admin says so, for a
 * semester (the last closed one by default), the report's own figures without anything personal.
 */
import { describe, expect, it } from 'vitest';
import { VISITOR } from '../core/actor';
import { makeCtx } from '../core/context';
import { updateOrganizationProfile } from '../admin/organization-profile';
import { captureAppError, bogota } from '../testing/fixtures';
import { buildReportDataset } from '../testing/report-dataset';
import { freshDbPerTest } from '../testing/fresh-db';
import { buildPqrsReport } from './pqrs-report';
import { transparencyReport } from './transparency';

const fresh = freshDbPerTest((db, fx) => buildReportDataset(db, fx));

const DECEMBER = bogota('2026-12-06T10:00:00');
const visit = (input: unknown, now = DECEMBER) =>
  transparencyReport(makeCtx(fresh.db, VISITOR, now), input);
/** The admin ticks "publish" on the organisation's profile, as the form sends it. */
const publish = () =>
  updateOrganizationProfile(makeCtx(fresh.db, fresh.fx.admin, DECEMBER), {
    name: 'Acueducto de Villa Clara',
    radicadoPrefix: 'PQRS',
    privacyPolicyText: '',
    privacyPolicyVersion: '1',
    publishTransparency: 'on',
  });

describe('the transparency page', () => {
  it('does not exist until the admin publishes it', async () => {
    expect((await captureAppError(() => visit({}))).code).toBe('NOT_FOUND');
    await publish();
    await expect(visit({})).resolves.toMatchObject({ semester: '2026-1' });
  });

  it('shows the last closed semester by default: the report’s figures, nothing personal', async () => {
    await publish();
    const page = await visit({});
    expect(page).toMatchObject({
      semester: '2026-1',
      from: '2026-01-01',
      to: '2026-06-30',
      semesters: ['2026-2', '2026-1', '2025-2', '2025-1', '2024-2', '2024-1'],
    });
    const full = await buildPqrsReport(
      fresh.db,
      { from: '2026-01-01', to: '2026-06-30', by: 'team' },
      'America/Bogota',
      DECEMBER,
    );
    const shown = ['received', 'answered', 'onTime', 'late', 'averageBusinessDays', 'transferred'];
    const pick = (f: typeof full.total) =>
      Object.fromEntries(shown.map((k) => [k, f[k as keyof typeof f]]));
    // The hand-built March 2026 (lib/server/testing/report-dataset.ts) is in it.
    expect(page.total).toMatchObject({ onTime: 4, late: 1, transferred: 2 });
    expect(page.total.received).toBeGreaterThanOrEqual(13);
    expect(page.total).toEqual(pick(full.total));
    expect(page.byType).toEqual(full.byType.map((t) => ({ typeCode: t.typeCode, ...pick(t) })));
    expect(page.received).toEqual(full.received);
    // Counts and labels only: no causes, problems, names or texts travel to the public page.
    expect(Object.keys(page).sort()).toEqual([
      'byType',
      'channels',
      'from',
      'organization',
      'received',
      'semester',
      'semesters',
      'to',
      'total',
    ]);
  });

  it('gives the current semester up to today, and refuses one to come or a malformed one', async () => {
    await publish();
    await expect(visit({ semester: '2026-2' })).resolves.toMatchObject({
      from: '2026-07-01',
      to: '2026-12-06',
      total: expect.objectContaining({ received: expect.any(Number) }),
    });
    expect((await captureAppError(() => visit({ semester: '2027-1' }))).code).toBe('NOT_FOUND');
    const bad = await captureAppError(() => visit({ semester: '2026-3' }));
    expect(bad).toMatchObject({ code: 'VALIDATION', fieldErrors: { semester: ['semester'] } });
  });
});
