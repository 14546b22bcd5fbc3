/**
 * How a demo case ends: the decision, the answer text (sometimes a filled-in template) and the
 * customer's ratings, result and process kept apart.
 */
import type { CaseType, Decision, ResultAnswer } from '@/lib/domain/enums';
import * as T from './action-texts';
import type { HistoryArgs, RatingPlan } from './demo-types';
import type { Random } from './random';
import { supervisorOf } from './read-catalog';

function formatDate(date: string): string {
  return `${date.slice(8, 10)}/${date.slice(5, 7)}/${date.slice(0, 4)}`;
}

export function chooseDecision(rnd: Random, typeCode: CaseType): Decision {
  if (typeCode === 'C' || typeCode === 'S' || typeCode === 'D') return 'informa';
  if (typeCode === 'PD') return rnd.weighted({ concede: 85, informa: 10, niega: 5 });
  return rnd.weighted({ concede: 40, concede_parcial: 20, niega: 20, informa: 20 });
}

/** The answer body: a seeded text, or a template filled in (sometimes without a personal line). */
export function answerFields(a: HistoryArgs, rnd: Random, decision: Decision, dueDate: string) {
  const name =
    a.draft.typeCode === 'R' && decision === 'concede'
      ? 'Respuesta a reclamo: se concede'
      : a.draft.typeCode === 'R' && decision === 'niega'
        ? 'Respuesta a reclamo: se niega'
        : a.draft.typeCode === 'P'
          ? 'Respuesta a petición'
          : null;
  const template = name ? a.catalog.templates.find((t) => t.name === name) : undefined;
  if (template && rnd.chance(0.45)) {
    const personal = rnd.chance(0.7)
      ? 'Quedamos atentos a cualquier inquietud; puede escribirnos respondiendo este mensaje.\n\n'
      : '';
    const body = template.body
      .replaceAll('{{nombre}}', '{nombre}')
      .replaceAll('{{radicado}}', '{radicado}')
      .replaceAll('{{fecha_vencimiento}}', formatDate(dueDate))
      .replace('{{linea_personal}}\n\n', personal);
    return { body, decision, templateId: template.id };
  }
  return { body: rnd.pick(T.ANSWERS[decision]), decision };
}

function score(rnd: Random, mean: number): number {
  return Math.min(5, Math.max(1, Math.round(mean + (rnd.next() + rnd.next() - 1) * 1.6)));
}

/**
 * Result and process rated apart. Facturación leaves customers dissatisfied well above 10 %; one
 * agent is curt whatever the deadline, so "on time but badly treated" and "late but well treated"
 * both show up in the quadrant.
 */
export function planRating(
  a: HistoryArgs,
  rnd: Random,
  decision: Decision,
  isLate: boolean,
): RatingPlan {
  const isComplaint = a.draft.typeCode === 'Q' || a.draft.typeCode === 'R';
  let pNo = a.processName === 'Facturación' && isComplaint ? 0.3 : isComplaint ? 0.04 : 0.03;
  if (isLate) pNo += 0.05;
  if (decision === 'niega') pNo += 0.12;
  const r = rnd.next();
  const result: ResultAnswer = r < pNo ? 'no' : r < pNo + 0.2 ? 'partly' : 'yes';
  const isCurt = a.catalog.agents.indexOf(a.agent) === 2;
  const courtesy = score(rnd, isCurt ? 2.3 : 4.4);
  const quality = rnd.chance(0.85)
    ? {
        courtesy,
        clarity: score(rnd, isCurt ? 3.3 : 4.1),
        empathy: rnd.chance(0.5) ? score(rnd, isCurt ? 2.3 : 4.2) : null,
        comment:
          isLate && courtesy >= 4 && rnd.chance(0.4)
            ? T.CUSTOMER_COMMENTS[0]!
            : !isLate && courtesy <= 2 && rnd.chance(0.4)
              ? T.CUSTOMER_COMMENTS[1]!
              : rnd.chance(0.1)
                ? rnd.pick(T.CUSTOMER_COMMENTS.slice(2))
                : null,
      }
    : null;
  const review = rnd.chance(0.12)
    ? {
        reviewerId: supervisorOf(a.catalog, a.teamId).id,
        courtesy: score(rnd, isCurt ? 2.6 : 4.2),
        clarity: score(rnd, 3.9),
        empathy: score(rnd, isCurt ? 2.5 : 4),
        greeting: score(rnd, 4.3),
        accuracy: score(rnd, 4),
        personalTouch: score(rnd, 3.2),
        comment: rnd.pick(T.REVIEW_COMMENTS),
      }
    : null;
  return { agentId: a.agent.id, result: rnd.chance(0.92) ? result : null, quality, review };
}
