import { applyCaseAction } from '@/lib/server/cases/apply-case-action';
import { createCase } from '@/lib/server/cases/create-case';
import { rateCase } from '@/lib/server/portal/rate-case';
import { deliverAnswer } from '@/lib/server/testing/deliveries';
import type { AreaVerbs } from './types';
import { makeCtx } from '@/lib/server/core/context';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

/** Server verbs the quality specs need (see ../verbs.ts). */
export const verbs: AreaVerbs = {
  /**
   * A Reclamo filed 28 days ago (inside the default 30-day period), taken by `agent` and answered
   * and mailed two hours ago — after its 15-business-day term, whatever the holidays — then rated 5/5 by the
   * petitioner: "late but well treated".
   */
  'quality-late-well-case': async (args, db) => {
    const now = Date.now();
    const agent = { role: 'agent' as const, id: args.agent.id, teamId: args.agent.teamId };
    const filed = await createCase(
      makeCtx(db, { role: 'system', id: null }, new Date(now - 28 * DAY)),
      {
        typeCode: 'R',
        channel: 'web',
        subject: args.subject ?? 'Cobro de un servicio que no contraté',
        description: 'En la factura aparece un servicio de televisión que nunca solicité.',
        hasConsent: true,
        customer: {
          documentType: 'CC',
          documentNumber: args.documentNumber,
          fullName: 'Marta Salazar',
          email: 'marta@example.co',
        },
      },
    );
    await applyCaseAction(makeCtx(db, agent, new Date(now - 28 * DAY + HOUR)), {
      caseId: filed.id,
      action: 'take',
    });
    await applyCaseAction(makeCtx(db, agent, new Date(now - 2 * HOUR)), {
      caseId: filed.id,
      action: 'answer',
      body: 'Retiramos el cobro del servicio de televisión y le devolvemos lo pagado.',
      decision: 'concede',
      handleMinutes: 30,
    });
    // Mailed as it was written (the legal result is the delivery's: late, here).
    await deliverAnswer(db, filed.id, new Date(now - 2 * HOUR));
    const petitioner = { role: 'customer', id: null, caseId: filed.id } as const;
    await rateCase(makeCtx(db, petitioner, new Date(now - HOUR)), {
      caseId: filed.id,
      result: 'yes',
      courtesy: 5,
      clarity: 5,
    });
    return { id: filed.id, radicado: filed.radicado };
  },
};
