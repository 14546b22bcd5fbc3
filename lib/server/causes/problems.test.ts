/** Problem records: create, edit, status, links (with their audit events) and refusals. */
import { and, eq, isNull } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Conn } from '@/db/client';
import { one } from '@/db/rows';
import type { Actor } from '../core/actor';
import { makeCtx } from '../core/context';
import { caseEvents, problemCases, problems } from '@/db/tables';
import { buildRootCauseDataset, bogota, type RootCaseDataset } from '../testing/root-cause-dataset';
import { HTTP_STATUS } from '../core/errors';
import {
  caseRow,
  captureAppError,
  insertStaff,
  seedFixture,
  type Fixture,
} from '../testing/fixtures';
import { openTestDb } from '../testing/test-db';
import { applyProblemAction } from './apply-problem-action';
import { createProblem } from './create-problem';
import { getProblem, listProblems, problemsOfCase } from './get-problem';
import { linkCauseComplaints } from './link-cause-complaints';
import { linkProblemCase, unlinkProblemCase } from './link-problem-case';
import { setProblemStatus } from './set-problem-status';
import { updateProblem } from './update-problem';

let db: Conn;
let cleanup: () => Promise<void>;
let fx: Fixture;
let data: RootCaseDataset;
/** The context of a call by `actor`, at a local Bogotá time (or now). */
const as = (actor: Actor, local?: string) => makeCtx(db, actor, local ? bogota(local) : undefined);

beforeAll(async () => {
  ({ db, cleanup } = await openTestDb());
  fx = await seedFixture(db);
  data = await buildRootCauseDataset(db, fx);
}, 60_000);
afterAll(() => cleanup());

/** Events in the order they were written. */
const problemEvents = async (action: string) =>
  (
    await db
      .select()
      .from(caseEvents)
      .where(and(eq(caseEvents.action, action), isNull(caseEvents.caseId)))
      .orderBy(caseEvents.id)
  ).filter((e) => (e.data as { problemId?: number }).problemId !== undefined);
const caseEventsOf = async (caseId: number, action: string) =>
  await db
    .select()
    .from(caseEvents)
    .where(and(eq(caseEvents.caseId, caseId), eq(caseEvents.action, action)))
    .orderBy(caseEvents.id);
const problemRow = (id: number) => one(db.select().from(problems).where(eq(problems.id, id)));

async function newProblem(input: Record<string, unknown> = {}) {
  const { id } = await createProblem(as(fx.supervisor, '2026-04-20T10:00:00'), {
    title: 'Cobro doble en facturas de marzo',
    rootCauseId: fx.rootCauseIds[0],
    ...input,
  });
  return id;
}

describe('creating and editing a problem', () => {
  it('creates it open, takes the process from its cause, and audits it on no case', async () => {
    const before = (await problemEvents('problem_created')).length;
    const { id } = await createProblem(as(fx.supervisor, '2026-04-20T10:00:00'), {
      title: '  Cobro doble en facturas  ',
      description: 'El sistema duplica el cargo fijo.',
      rootCauseId: String(fx.rootCauseIds[0]),
      ownerId: String(fx.admin.id),
      correctiveAction: 'Corregir la regla de facturación.',
    });
    expect(await problemRow(id)).toMatchObject({
      title: 'Cobro doble en facturas',
      processId: fx.processId,
      rootCauseId: fx.rootCauseIds[0],
      ownerId: fx.admin.id,
      status: 'open',
      resolvedAt: null,
      createdById: fx.supervisor.id,
      createdAt: bogota('2026-04-20T10:00:00'),
    });
    const events = await problemEvents('problem_created');
    expect(events).toHaveLength(before + 1);
    expect(events.at(-1)).toMatchObject({
      caseId: null,
      actorRole: 'supervisor',
      actorId: fx.supervisor.id,
      visibility: 'internal',
      data: { problemId: id, title: 'Cobro doble en facturas', processId: fx.processId },
    });
  });

  it('saves edits with the changed fields in its event, and nothing when nothing changed', async () => {
    const id = await newProblem();
    const fields = {
      title: 'Cobro doble en facturas de marzo',
      processId: fx.processId,
      ownerId: fx.supervisor.id,
      correctiveAction: 'Revisar el proceso de cierre.',
    };
    const result = await updateProblem(as(fx.admin, '2026-04-21T10:00:00'), {
      ...fields,
      problemId: id,
    });
    expect(result.changed.sort()).toEqual(['correctiveAction', 'ownerId', 'rootCauseId']);
    expect(await problemRow(id)).toMatchObject({ rootCauseId: null, ownerId: fx.supervisor.id });
    const updates = (await problemEvents('problem_updated')).filter(
      (e) => (e.data as { problemId: number }).problemId === id,
    );
    expect(updates).toHaveLength(1);
    expect(updates[0]!.data).toMatchObject({
      changes: { ownerId: { from: null, to: fx.supervisor.id } },
    });
    expect(
      (await updateProblem(as(fx.admin, '2026-04-21T11:00:00'), { ...fields, problemId: id }))
        .changed,
    ).toEqual([]);
    expect(
      (await problemEvents('problem_updated')).filter(
        (e) => (e.data as { problemId: number }).problemId === id,
      ),
    ).toHaveLength(1);
  });

  it('stamps resolvedAt when resolved and clears it when reopened', async () => {
    const id = await newProblem();
    const statusEvents = async () =>
      (await problemEvents('problem_status_changed'))
        .filter((e) => (e.data as { problemId: number }).problemId === id)
        .map((e) => e.data);
    await setProblemStatus(as(fx.supervisor, '2026-04-21T09:00:00'), {
      problemId: id,
      status: 'in_progress',
    });
    expect(await problemRow(id)).toMatchObject({ status: 'in_progress', resolvedAt: null });
    await setProblemStatus(as(fx.supervisor, '2026-04-22T09:00:00'), {
      problemId: id,
      status: 'resolved',
    });
    expect(await problemRow(id)).toMatchObject({
      status: 'resolved',
      resolvedAt: bogota('2026-04-22T09:00:00'),
    });
    // The same status again changes nothing and records nothing.
    await setProblemStatus(as(fx.supervisor, '2026-04-23T09:00:00'), {
      problemId: id,
      status: 'resolved',
    });
    expect((await problemRow(id)).resolvedAt).toEqual(bogota('2026-04-22T09:00:00'));
    await setProblemStatus(as(fx.supervisor, '2026-04-24T09:00:00'), {
      problemId: id,
      status: 'open',
    });
    expect(await problemRow(id)).toMatchObject({ status: 'open', resolvedAt: null });
    expect(await statusEvents()).toEqual([
      { problemId: id, from: 'open', to: 'in_progress' },
      { problemId: id, from: 'in_progress', to: 'resolved' },
      { problemId: id, from: 'resolved', to: 'open' },
    ]);
    expect(
      (await listProblems(as(fx.supervisor), { statuses: ['open'] })).map((p) => p.id),
    ).toContain(id);
    expect(
      (await listProblems(as(fx.supervisor), { statuses: ['resolved'] })).map((p) => p.id),
    ).not.toContain(id);
  });
});

describe('linking cases', () => {
  it('links by radicado once (idempotent), with a problem_linked event on the case', async () => {
    const id = await newProblem();
    const { a1 } = data.ids;
    const radicado = (await caseRow(db, a1)).radicado;
    const before = (await caseEventsOf(a1, 'problem_linked')).length;
    const first = await linkProblemCase(as(fx.supervisor), {
      problemId: id,
      radicado: radicado.toLowerCase(),
    });
    const again = await linkProblemCase(as(fx.supervisor), { problemId: id, radicado });
    expect([first.isNew, again.isNew]).toEqual([true, false]);
    expect(await db.select().from(problemCases).where(eq(problemCases.problemId, id))).toHaveLength(
      1,
    );
    const events = await caseEventsOf(a1, 'problem_linked');
    expect(events).toHaveLength(before + 1);
    expect(events.at(-1)).toMatchObject({
      actorId: fx.supervisor.id,
      visibility: 'internal',
      data: { problemId: id, title: 'Cobro doble en facturas de marzo' },
    });
    expect((await problemsOfCase(as(fx.agent), { caseId: a1 })).map((p) => p.id)).toContain(id);

    expect(
      (await unlinkProblemCase(as(fx.supervisor), { problemId: id, caseId: a1 })).wasLinked,
    ).toBe(true);
    expect(
      (await unlinkProblemCase(as(fx.supervisor), { problemId: id, caseId: a1 })).wasLinked,
    ).toBe(false);
    expect((await caseEventsOf(a1, 'problem_unlinked')).at(-1)).toMatchObject({
      data: { problemId: id },
    });
    expect(await caseEventsOf(a1, 'problem_unlinked')).toHaveLength(1);
    expect(
      (await getProblem(as(fx.supervisor, '2026-04-20T12:00:00'), { problemId: id })).linked,
    ).toEqual([]);
  });

  it('links every complaint of the cause received in the period, skipping those linked', async () => {
    const id = await newProblem();
    const { a1, a2, a5 } = data.ids;
    await linkProblemCase(as(fx.supervisor), {
      problemId: id,
      radicado: (await caseRow(db, a1)).radicado,
    });
    const result = await linkCauseComplaints(as(fx.supervisor, '2026-04-20T11:00:00'), {
      problemId: id,
      from: '2026-03-02',
      to: '2026-04-19',
    });
    // Cobro doble: a1 (already linked), a2, a5; not the Petición nor the February Reclamo.
    expect(result).toEqual({ linked: 2, hasMore: false });
    const view = await getProblem(as(fx.supervisor, '2026-04-20T12:00:00'), { problemId: id });
    expect(view.linked.map((c) => c.id).sort((x, y) => x - y)).toEqual([a1, a2, a5]);
    expect(view.linkedCases).toBe(3);
    expect(view.effect.linkedCases).toBe(3);
    expect((await caseEventsOf(a5, 'problem_linked')).at(-1)?.data).toMatchObject({
      problemId: id,
      isBulk: true,
    });
  });

  it('goes through the single action entry point too', async () => {
    const id = await newProblem();
    const radicado = (await caseRow(db, data.ids.b1)).radicado;
    expect(
      await applyProblemAction(as(fx.admin), { problemId: id, action: 'link', radicado }),
    ).toMatchObject({
      isNew: true,
    });
    expect(
      await applyProblemAction(as(fx.admin), {
        problemId: id,
        action: 'set_status',
        status: 'in_progress',
      }),
    ).toMatchObject({ status: 'in_progress' });
  });
});

describe('refusals', () => {
  it('refuses agents (403) on every use case', async () => {
    const id = await newProblem();
    const radicado = (await caseRow(db, data.ids.a3)).radicado;
    const calls = [
      () => createProblem(as(fx.agent), { title: 'Problema de agente' }),
      () => updateProblem(as(fx.agent), { problemId: id, title: 'Otro título' }),
      () => setProblemStatus(as(fx.agent), { problemId: id, status: 'resolved' }),
      () => linkProblemCase(as(fx.agent), { problemId: id, radicado }),
      () => unlinkProblemCase(as(fx.agent), { problemId: id, caseId: data.ids.a3 }),
      () =>
        linkCauseComplaints(as(fx.agent), { problemId: id, from: '2026-03-01', to: '2026-03-31' }),
      () => applyProblemAction(as(fx.agent), { problemId: id, action: 'link', radicado }),
    ];
    for (const call of calls) {
      const error = await captureAppError(call);
      expect(error.code).toBe('FORBIDDEN');
      expect(HTTP_STATUS[error.code]).toBe(403);
    }
    expect(await caseEventsOf(data.ids.a3, 'problem_linked')).toHaveLength(0);
  });

  it('rejects bad input field by field (422)', async () => {
    const fieldsOf = async (call: () => unknown) => {
      const error = await captureAppError(call);
      expect(HTTP_STATUS[error.code]).toBe(422);
      return error.fieldErrors;
    };
    expect(
      (await fieldsOf(() => createProblem(as(fx.supervisor), { title: ' ' })))?.title?.[0],
    ).toBe('required');
    expect(await fieldsOf(() => createProblem(as(fx.supervisor), { title: 'Malo' }))).toEqual({
      title: ['tooShort'],
    });
    expect(
      await fieldsOf(() =>
        createProblem(as(fx.supervisor), {
          title: 'Causa de otro proceso',
          processId: fx.otherProcessId,
          rootCauseId: fx.rootCauseIds[0],
        }),
      ),
    ).toEqual({ rootCauseId: ['rootCauseMismatch'] });
    const gone = await insertStaff(db, {
      email: 'retirada@example.co',
      role: 'agent',
      isActive: false,
    });
    expect(
      await fieldsOf(() =>
        createProblem(as(fx.supervisor), { title: 'Dueño inactivo', ownerId: gone.id }),
      ),
    ).toEqual({ ownerId: ['invalid'] });
    const id = await newProblem();
    expect(
      await fieldsOf(() =>
        setProblemStatus(as(fx.supervisor), { problemId: id, status: 'closed' }),
      ),
    ).toEqual({
      status: ['required'],
    });
    expect(
      await fieldsOf(() => linkProblemCase(as(fx.supervisor), { problemId: id, radicado: '123' })),
    ).toEqual({
      radicado: ['radicado'],
    });
    expect(
      await fieldsOf(() =>
        linkCauseComplaints(as(fx.supervisor), {
          problemId: id,
          from: '2026-04-01',
          to: '2026-03-01',
        }),
      ),
    ).toEqual({ to: ['invalid'] });
    const loose = await newProblem({ rootCauseId: undefined });
    expect(
      await fieldsOf(() =>
        linkCauseComplaints(as(fx.supervisor), {
          problemId: loose,
          from: '2026-03-01',
          to: '2026-03-31',
        }),
      ),
    ).toEqual({ processId: ['required'] });
  });

  it('answers 404 for an unknown problem or radicado', async () => {
    const id = await newProblem();
    const radicado = (await caseRow(db, data.ids.a3)).radicado;
    for (const call of [
      () => linkProblemCase(as(fx.supervisor), { problemId: id, radicado: 'PQRS-2026-999999' }),
      () => linkProblemCase(as(fx.supervisor), { problemId: 999_999, radicado }),
      () => setProblemStatus(as(fx.supervisor), { problemId: 999_999, status: 'resolved' }),
      () => updateProblem(as(fx.supervisor), { problemId: 999_999, title: 'No existe este' }),
      () => getProblem(as(fx.supervisor), { problemId: 999_999 }),
    ]) {
      const error = await captureAppError(call);
      expect(error.code).toBe('NOT_FOUND');
      expect(HTTP_STATUS[error.code]).toBe(404);
    }
  });
});
