import { randomInt } from 'node:crypto';
import { createProcess } from '@/lib/server/admin/create-process';
import {
  getOrganizationProfile,
  updateOrganizationProfile,
} from '@/lib/server/admin/organization-profile';
import {
  answerPetitionGroup,
  groupAnalogousPetitions,
} from '@/lib/server/analogous/petition-groups';
import { applyCaseAction } from '@/lib/server/cases/apply-case-action';
import { createCase } from '@/lib/server/cases/create-case';
import { createProblem } from '@/lib/server/causes/create-problem';
import { SYSTEM_ACTOR, type Actor } from '@/lib/server/core/actor';
import { makeCtx } from '@/lib/server/core/context';
import type { AreaVerbs } from './types';

const petition = (word: string, i: number) => ({
  typeCode: 'P',
  channel: 'web',
  subject: `Cierre del puente peatonal ${word} ${i + 1}`,
  description: `Pido explicación del cierre del puente peatonal de la calle 80 (${word}).`,
  hasConsent: true,
  customer: {
    documentType: 'CC',
    documentNumber: `64${randomInt(100_000, 999_999)}${i}`,
    fullName: `Vecina ${i + 1} del puente`,
    email: `vecina${i + 1}.${word}@example.co`,
  },
});

/** Server verbs the page tour needs (see ../verbs.ts). */
export const verbs: AreaVerbs = {
  /**
   * One of every record a page shows on its own (a process, a problem, a published joint answer,
   * a case answered by `agent`), so the tour reaches every page whatever ran before it.
   * `{ supervisor: {id, teamId}, agent: {id, teamId} }` → the ids of what it made.
   */
  'tour-dataset': async (args, db) => {
    const supervisor: Actor = { role: 'supervisor', ...args.supervisor };
    const agent: Actor = { role: 'agent', ...args.agent };
    const word = Array.from({ length: 8 }, () => String.fromCharCode(97 + randomInt(26))).join('');
    const process = await createProcess(makeCtx(db, SYSTEM_ACTOR), {
      name: `Mantenimiento de vías ${word}`,
      rootCauses: ['Obra sin aviso', 'Señalización ausente'],
    });
    const problem = await createProblem(makeCtx(db, supervisor), {
      title: 'Obras sin aviso a los vecinos',
      description: 'Las obras empiezan sin aviso y generan quejas repetidas.',
      processId: String(process.id),
    });
    const filed = [];
    for (let i = 0; i < 11; i++) {
      filed.push(await createCase(makeCtx(db, SYSTEM_ACTOR), petition(word, i)));
    }
    const group = await groupAnalogousPetitions(makeCtx(db, supervisor), {
      matter: `Cierre del puente peatonal de la calle 80 (${word})`,
      caseId: filed.map((c) => c.id),
    });
    await answerPetitionGroup(makeCtx(db, supervisor), {
      groupId: group.id,
      body: 'El puente se cerró por reparación estructural; reabrirá el 15 de diciembre.',
      decision: 'concede',
    });
    const answered = await createCase(makeCtx(db, SYSTEM_ACTOR), {
      ...petition(word, 11),
      typeCode: 'R',
      subject: `Cobro de valorización ${word}`,
    });
    for (const input of [
      { action: 'take' },
      { action: 'answer', body: 'Revisamos el cobro y lo retiramos.', decision: 'concede' },
    ]) {
      await applyCaseAction(makeCtx(db, agent), { caseId: answered.id, ...input });
    }
    return {
      processId: process.id,
      problemId: problem.id,
      groupId: group.id,
      answered,
    };
  },
  /**
   * Shows or hides the public transparency page (`{ publish, admin: {id, teamId} }`), as the
   * admin saving the profile would; other specs expect it hidden.
   */
  'tour-transparency': async (args, db) => {
    const admin = makeCtx(db, { role: 'admin', ...args.admin });
    const { logoPath: _logo, ...profile } = await getOrganizationProfile(admin);
    return await updateOrganizationProfile(admin, {
      ...profile,
      taxId: profile.taxId ?? '',
      publishTransparency: Boolean(args.publish),
    });
  },
};
