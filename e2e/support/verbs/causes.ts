import { SYSTEM_ACTOR, type Actor } from '@/lib/server/core/actor';
import { applyCaseAction } from '@/lib/server/cases/apply-case-action';
import { createCase } from '@/lib/server/cases/create-case';
import { createProcess } from '@/lib/server/admin/create-process';
import { rateCase } from '@/lib/server/portal/rate-case';
import type { AreaVerbs } from './types';
import { makeCtx } from '@/lib/server/core/context';

const DAY_MS = 86_400_000;

async function complaint(
  db: Parameters<AreaVerbs[string]>[1],
  subject: string,
  n: number,
  now: Date,
) {
  return await createCase(makeCtx(db, SYSTEM_ACTOR, now), {
    typeCode: n % 2 ? 'Q' : 'R',
    channel: 'phone',
    subject,
    description: 'El cliente reporta que la lectura del medidor no corresponde a su consumo real.',
    hasConsent: true,
    customer: {
      documentType: 'CC',
      documentNumber: `77${Date.now() % 1_000_000}${n}`,
      fullName: 'Ramiro Quintero',
      email: 'ramiro@example.co',
    },
  });
}

/** Server verbs the causes specs need (see ../verbs.ts). */
export const verbs: AreaVerbs = {
  /**
   * A process whose customers are clearly dissatisfied: `rated` complaints answered and rated in
   * the last days, `dissatisfied` of them "no" (flagged above 10 %), plus `open` complaints still
   * being worked. `{ name, agent: {id, teamId}, rated?, dissatisfied?, open? }`.
   */
  'causes-flagged-process': async (args, db) => {
    const agent: Actor = { role: 'agent', id: args.agent.id, teamId: args.agent.teamId ?? null };
    const process = await createProcess(makeCtx(db, SYSTEM_ACTOR), {
      name: args.name,
      rootCauses: ['Lectura estimada', 'Medidor averiado'],
    });
    const rootCauseId = process.rootCauseIds[0]!;
    const start = Date.now() - 6 * DAY_MS;
    const at = (n: number, hours: number) => new Date(start + n * 3_600_000 + hours * DAY_MS);
    const rated: string[] = [];
    const open: string[] = [];
    const total = (args.rated ?? 5) + (args.open ?? 2);
    for (let n = 0; n < total; n++) {
      const filed = await complaint(db, `Lectura errada ${args.name} ${n + 1}`, n, at(n, 0));
      const act = async (input: unknown, days: number) =>
        await applyCaseAction(makeCtx(db, agent, at(n, days)), {
          caseId: filed.id,
          ...(input as object),
        });
      await act({ action: 'take' }, 1);
      await act({ action: 'reclassify', processId: process.id, rootCauseId }, 1);
      if (n >= (args.rated ?? 5)) {
        open.push(filed.radicado);
        continue;
      }
      await act(
        { action: 'answer', body: 'Se corrigió la lectura y se reliquidó.', decision: 'concede' },
        2,
      );
      const result = n < (args.dissatisfied ?? 2) ? 'no' : 'yes';
      await rateCase(makeCtx(db, { role: 'customer', id: null, caseId: filed.id }, at(n, 3)), {
        caseId: filed.id,
        result,
        courtesy: 4,
        clarity: 4,
      });
      rated.push(filed.radicado);
    }
    return { processId: process.id, rootCauseId, rated, open };
  },
};
