import { SYSTEM_ACTOR } from '@/lib/server/core/actor';
import { applyCaseAction } from '@/lib/server/cases/apply-case-action';
import { createCase } from '@/lib/server/cases/create-case';
import { buildReportDataset } from '@/lib/server/testing/report-dataset';
import { seedFixture, validFiling } from '@/lib/server/testing/fixtures';
import type { AreaVerbs } from './types';
import { makeCtx } from '@/lib/server/core/context';

/** Server verbs the reports specs need (see ../verbs.ts). */
export const verbs: AreaVerbs = {
  /**
   * The integration test's March 2026 (lib/server/reports/report-dataset.fixture.ts): two teams,
   * their agents, a supervisor, processes and the cases. Once per e2e database.
   */
  'seed-report-dataset': async (_args, db) => {
    const fx = await seedFixture(db);
    return {
      teamId: fx.teamId,
      otherTeamId: fx.otherTeamId,
      ...(await buildReportDataset(db, fx)),
    };
  },
  /**
   * Files `subjects.length` cases of `typeCode` and has `agent` take each one (into their team), in
   * one process: a queue longer than a page without a verb call per case.
   */
  'file-taken-cases': async (args, db) => {
    const agent = {
      role: 'agent' as const,
      id: args.agent.id as number,
      teamId: args.agent.teamId,
    };
    // One after another, as before: the radicados come out in the order of the subjects.
    const radicados: string[] = [];
    for (const [i, subject] of (args.subjects as string[]).entries()) {
      const filing = validFiling({
        typeCode: args.typeCode ?? 'R',
        subject,
        customer: { ...validFiling().customer!, documentNumber: `${args.documentPrefix}${i}` },
      });
      const created = await createCase(makeCtx(db, SYSTEM_ACTOR), filing);
      await applyCaseAction(makeCtx(db, agent), { caseId: created.id, action: 'take' });
      radicados.push(created.radicado);
    }
    return radicados;
  },
};
