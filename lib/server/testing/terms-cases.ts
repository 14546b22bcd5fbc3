import type { Conn } from '@/db/client';
import type { Actor } from '../core/actor';
import { makeCtx } from '../core/context';
import { applyCaseAction } from '../cases/apply-case-action';
import { bogota, fileCase, type Fixture } from './fixtures';

/** Monday 16 March 2026, 10:00 Bogotá: when the terms tests act unless they say otherwise. */
export const MONDAY = bogota('2026-03-16T10:00:00');

/**
 * The cases the legal-clock tests act on (apply-case-action.*.test.ts), over a fresh database per
 * test (freshDbPerTest): `act` applies one action, `caseInProgress` files a Reclamo on Friday
 * 13 March 2026 16:30 (due 8 April for 15 days) and has the agent take it on Monday.
 */
export function termsCases(fresh: { readonly db: Conn; readonly fx: Fixture }) {
  const act = async (caseId: number, input: unknown, actor: Actor, now = MONDAY) =>
    await applyCaseAction(makeCtx(fresh.db, actor, now), { caseId, ...(input as object) });
  const caseInProgress = async (
    overrides: Parameters<typeof fileCase>[1] = {},
    documentNumber = '1020304050',
  ): Promise<number> => {
    const { id } = await fileCase(
      fresh.db,
      {
        customer: {
          documentType: 'CC',
          documentNumber,
          fullName: 'Ana María Pérez',
          email: 'ana@example.co',
        },
        ...overrides,
      },
      bogota('2026-03-13T16:30:00'),
    );
    await act(id, { action: 'take' }, fresh.fx.agent);
    return id;
  };
  return { act, caseInProgress };
}
