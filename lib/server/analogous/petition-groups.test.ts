/**
 * Analogous petitions (issue 16 §7, Ley 1755 art. 22): more than ten petitions on one matter are
 * grouped, answered once, the answer published on the portal and delivered to each petitioner as
 * their own case's answer, each with its own delivery.
 */
import { describe, expect, it } from 'vitest';
import { caseEvents } from '@/db/tables';
import { first } from '@/db/rows';
import { and, eq } from 'drizzle-orm';
import { VISITOR } from '../core/actor';
import { makeCtx } from '../core/context';
import { applyCaseAction } from '../cases/apply-case-action';
import { deliverDueMail } from '../notices/sender';
import { smtpTransport } from '../notices/transport';
import { freshDbPerTest } from '../testing/fresh-db';
import { bogota, captureAppError, caseRow, customerActor, fileCase } from '../testing/fixtures';
import { startTestSmtp } from '../testing/smtp';
import { noteAnswerShown } from '../portal/answer-shown';
import { publishedAnswer, publishedAnswers } from './group-lists';
import {
  answerPendingOfGroup,
  answerPetitionGroup,
  groupAnalogousPetitions,
} from './petition-groups';

const fresh = freshDbPerTest();
const FILED = bogota('2026-03-16T09:00:00');
const GROUPED = bogota('2026-03-17T10:00:00');
const ANSWERED = bogota('2026-03-18T10:00:00');
const MATTER = 'Corte de agua en el barrio Las Flores del 10 de marzo';
const ANSWER =
  'El corte se debió a la reparación del tubo madre; el servicio se restableció y no se cobrará ese consumo.';

/** `n` petitions on the same matter, each from its own petitioner. */
async function petitions(n: number): Promise<number[]> {
  const ids: number[] = [];
  for (let i = 0; i < n; i++) {
    const { id } = await fileCase(
      fresh.db,
      {
        typeCode: 'P',
        subject: `Corte de agua Las Flores ${i + 1}`,
        customer: {
          documentType: 'CC',
          documentNumber: `10${String(i).padStart(6, '0')}`,
          fullName: `Vecina Número ${i + 1}`,
          email: `vecina${i + 1}@example.co`,
        },
      },
      FILED,
    );
    ids.push(id);
  }
  return ids;
}

const supervisor = (at = GROUPED) => makeCtx(fresh.db, fresh.fx.supervisor, at);
const group = (ids: number[], actor = supervisor()) =>
  groupAnalogousPetitions(actor, { matter: MATTER, caseId: ids.map(String) });
const answer = (groupId: number, at = ANSWERED) =>
  answerPetitionGroup(supervisor(at), { groupId, body: ANSWER, decision: 'informa' });

describe('grouping analogous petitions', () => {
  it('groups eleven, each case told on its timeline', async () => {
    const ids = await petitions(11);
    const { id } = await group(ids);
    for (const caseId of ids) {
      expect((await caseRow(fresh.db, caseId)).petitionGroupId).toBe(id);
      const event = await first(
        fresh.db
          .select()
          .from(caseEvents)
          .where(and(eq(caseEvents.caseId, caseId), eq(caseEvents.action, 'grouped_analogous'))),
      );
      expect(event).toMatchObject({ visibility: 'public', body: MATTER });
    }
  });

  it('refuses ten (art. 22 asks for more than ten), and a case already grouped or answered', async () => {
    const ids = await petitions(12);
    const ten = await captureAppError(() => group(ids.slice(0, 10)));
    expect(ten.fieldErrors).toEqual({ caseId: ['tooFewAnalogous'] });

    const ctx = makeCtx(fresh.db, fresh.fx.agent, FILED);
    await applyCaseAction(ctx, { caseId: ids[0]!, action: 'take' });
    await applyCaseAction(ctx, {
      caseId: ids[0]!,
      action: 'answer',
      body: 'Respuesta individual.',
      decision: 'informa',
    });
    const answered = await captureAppError(() => group(ids.slice(0, 11)));
    expect(answered.fieldErrors).toEqual({ caseId: ['notGroupable'] });
    expect(answered.detail).toEqual({ caseIds: [ids[0]] });
    expect((await caseRow(fresh.db, ids[1]!)).petitionGroupId).toBeNull();
  });

  it('is for supervisors and admins', async () => {
    const ids = await petitions(11);
    const byAgent = await captureAppError(() =>
      group(ids, makeCtx(fresh.db, fresh.fx.agent, GROUPED)),
    );
    expect(byAgent.code).toBe('FORBIDDEN');
  });
});

describe('answering the group once', () => {
  it('answers every case with the one text, each delivered on its own, and publishes it', async () => {
    const ids = await petitions(11);
    const { id } = await group(ids);
    const { outcomes } = await answer(id);
    expect(outcomes.every((o) => o.ok)).toBe(true);
    for (const caseId of ids) {
      expect(await caseRow(fresh.db, caseId)).toMatchObject({
        state: 'respondida',
        decision: 'informa',
      });
    }

    const smtp = await startTestSmtp();
    const transport = smtpTransport(smtp.url);
    try {
      const firstRun = bogota('2026-03-18T10:05:00');
      await deliverDueMail({ db: fresh.db, transport, now: firstRun, batch: 100 });
      const answers = smtp.received.filter((m) => m.text?.includes(ANSWER));
      expect(answers).toHaveLength(11);
      expect(answers[0]!.text).toContain('respuesta conjunta a 11 peticiones análogas');
      expect(answers[0]!.text).toContain(`/respuestas/${id}`);
      const recipients = answers.map((m) => (m.to && 'text' in m.to ? m.to.text : ''));
      expect(new Set(recipients).size).toBe(11);
    } finally {
      transport.close();
      await smtp.close();
    }
    for (const caseId of ids) {
      expect(await caseRow(fresh.db, caseId)).toMatchObject({
        answerDeliveredVia: 'email',
        answeredOnTime: true,
      });
    }

    const visitor = makeCtx(fresh.db, VISITOR, ANSWERED);
    expect(await publishedAnswers(visitor)).toEqual([
      expect.objectContaining({ id, matter: MATTER, count: 11 }),
    ]);
    const page = await publishedAnswer(visitor, { groupId: id });
    expect(page.body).toBe(ANSWER);
    expect(JSON.stringify(page)).not.toContain('Vecina');
  });

  it('keeps each case’s own delivery: one read on the portal, one mailed later', async () => {
    const ids = await petitions(11);
    const { id } = await group(ids);
    await answer(id);
    const readAt = bogota('2026-03-18T11:00:00');
    await noteAnswerShown(makeCtx(fresh.db, customerActor(ids[3]!), readAt));
    expect(await caseRow(fresh.db, ids[3]!)).toMatchObject({
      answerDeliveredAt: readAt,
      answerDeliveredVia: 'portal',
    });
    expect((await caseRow(fresh.db, ids[4]!)).answerDeliveredAt).toBeNull();
  });

  it('writes the answer once; a case waiting on its petitioner gets it once answerable', async () => {
    const ids = await petitions(11);
    const { id } = await group(ids);
    const agent = makeCtx(fresh.db, fresh.fx.agent, FILED);
    const waiting = ids[5]!;
    await applyCaseAction(agent, { caseId: waiting, action: 'take' });
    await applyCaseAction(agent, {
      caseId: waiting,
      action: 'request_info',
      body: 'Su dirección.',
    });
    const first = await answer(id);
    expect(first.outcomes.find((o) => o.caseId === waiting)).toMatchObject({
      ok: false,
      reason: 'requiere_informacion',
    });
    await applyCaseAction(makeCtx(fresh.db, customerActor(waiting), ANSWERED), {
      caseId: waiting,
      action: 'provide_info',
      body: 'Calle 5 # 4-3.',
    });
    const rewrite = await captureAppError(() =>
      answerPetitionGroup(supervisor(bogota('2026-03-19T09:00:00')), {
        groupId: id,
        body: 'Otro texto que no reemplaza la respuesta publicada.',
        decision: 'niega',
      }),
    );
    expect(rewrite.detail).toEqual({ guard: 'group_already_answered' });
    const again = await answerPendingOfGroup(supervisor(bogota('2026-03-19T09:00:00')), {
      groupId: id,
    });
    expect(again.outcomes.find((o) => o.caseId === waiting)).toMatchObject({ ok: true });
    expect(await caseRow(fresh.db, waiting)).toMatchObject({
      state: 'respondida',
      decision: 'informa',
    });
    const page = await publishedAnswer(makeCtx(fresh.db, VISITOR, ANSWERED), { groupId: id });
    expect(page.body).toBe(ANSWER);
  });

  it('publishes nothing before the answer', async () => {
    const ids = await petitions(11);
    const { id } = await group(ids);
    const visitor = makeCtx(fresh.db, VISITOR, ANSWERED);
    expect(await publishedAnswers(visitor)).toEqual([]);
    expect((await captureAppError(() => publishedAnswer(visitor, { groupId: id }))).code).toBe(
      'NOT_FOUND',
    );
  });
});
