import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { createTranslator } from 'use-intl/core';
import { loadMessages } from '@/lib/i18n/load-messages';
import * as auditCsv from '@/app/api/admin/auditoria/route';
import * as personalData from '@/app/api/admin/datos-personales/[customerId]/route';
import * as qualityCsv from '@/app/api/calidad/casos.csv/route';
import * as caseActions from '@/app/api/casos/[id]/acciones/route';
import * as caseFile from '@/app/api/casos/[id]/adjuntos/[attachmentId]/route';
import * as letter from '@/app/api/casos/[id]/carta/route';
import * as noticeLetter from '@/app/api/casos/[id]/cartas/[outboxId]/route';
import * as casesExport from '@/app/api/casos/export/route';
import * as casesList from '@/app/api/casos/route';
import * as causeCsv from '@/app/api/causas/casos.csv/route';
import * as problemActions from '@/app/api/causas/problemas/[id]/acciones/route';
import * as problems from '@/app/api/causas/problemas/route';
import * as mail from '@/app/api/correo/[id]/route';
import * as reportCsv from '@/app/api/informes/pqrs.csv/route';
import * as board from '@/app/api/tablero/route';
import * as reassign from '@/app/api/tablero/reasignar/route';
import * as cases from '@/app/api/v1/cases/route';
import type { StaffActor } from '../auth/session';
import { verifyAuditChain } from '../admin/audit-verify';
import { makeCtx } from './context';
import {
  apiPost,
  BASE,
  check,
  FILING,
  fire,
  openFuzzWorld,
  params,
  runs,
  stringify,
  type FuzzWorld,
} from '../testing/fuzz-harness';
import { hostileText, nearly, segment } from '../testing/fuzz-inputs';
import { halfWritten, writtenCounts } from '../testing/integrity';
import * as auditActions from '@/app/(staff)/admin/auditoria/actions';
import * as calendarActions from '@/app/(staff)/admin/calendario/actions';
import * as channelActions from '@/app/(staff)/admin/canales/actions';
import * as catalogueActions from '@/app/(staff)/admin/catalogos/actions';
import * as personalDataActions from '@/app/(staff)/admin/datos-personales/actions';
import * as organizationActions from '@/app/(staff)/admin/organizacion/actions';
import * as peopleActions from '@/app/(staff)/admin/personas/actions';
import * as templateActions from '@/app/(staff)/admin/plantillas/actions';
import * as typeActions from '@/app/(staff)/admin/tipos/actions';
import * as alertActions from '@/app/(staff)/avisos/actions';
import * as reviewActions from '@/app/(staff)/calidad/revision/[interactionId]/actions';
import * as caseFormActions from '@/app/(staff)/casos/[radicado]/actions';
import * as verbalActions from '@/app/(staff)/casos/radicar/actions';

/**
 * Issue 13, "the rest of that family": every staff route handler and server action, signed in
 * as an admin or an agent, fed fields of every shape. A route never answers 5xx; an action never
 * answers INTERNAL (the 500 of a server action) nor throws.
 */
const session = vi.hoisted(() => ({ actor: null as StaffActor | null }));
vi.mock('@/lib/server/auth/session', () => ({ currentStaff: async () => session.actor }));
vi.mock('next-intl/server', async () => {
  const messages = await loadMessages('es');
  const t = (namespace?: string) =>
    createTranslator({ locale: 'es-CO', messages, namespace: namespace as never });
  return {
    getTranslations: async (namespace?: string | { namespace?: string }) =>
      t(typeof namespace === 'string' ? namespace : namespace?.namespace),
    getLocale: async () => 'es',
  };
});
vi.mock('next/cache', () => ({ revalidatePath: () => undefined }));

interface StaffAction {
  name: string;
  call: (bound: number, body: FormData | Record<string, unknown>) => Promise<unknown>;
}

/** Every exported server action; one taking a bound id first (`actOnCase(caseId, body)`) gets one. */
const actions: StaffAction[] = Object.entries({
  auditActions,
  calendarActions,
  channelActions,
  catalogueActions,
  personalDataActions,
  organizationActions,
  peopleActions,
  templateActions,
  typeActions,
  alertActions,
  reviewActions,
  caseFormActions,
  verbalActions,
}).flatMap(([module, exports]) =>
  Object.entries(exports as Record<string, unknown>)
    .filter(
      (entry): entry is [string, (...args: unknown[]) => Promise<unknown>] =>
        typeof entry[1] === 'function',
    )
    .map(([name, fn]) => ({
      name: `${module}.${name}`,
      call: (bound, body) => (fn.length >= 2 ? fn(bound, body) : fn(body)),
    })),
);

let world: FuzzWorld;
beforeAll(async () => {
  world = await openFuzzWorld(cases.POST);
  // More cases to act on: a merge or a close ends one for the rest of the run.
  for (let n = 0; n < 8; n += 1) {
    const customer = { ...FILING.customer, documentNumber: `7000${n}` };
    const body = JSON.stringify({ ...FILING, customer });
    const filed = await cases.POST(apiPost(`${BASE}/api/v1/cases`, world.plainKeys[0]!, body));
    expect(filed.status).toBe(201);
  }
});
afterAll(() => world.close());

/** Field names the staff schemas read (lib/validation), and values of every kind for them. */
const FIELDS = [
  ...['action', 'assigneeId', 'body', 'caseId', 'caseIds', 'categoryId', 'channel', 'channelId'],
  ...['customerId', 'date', 'decision', 'description', 'documentNumber', 'documentType', 'dueAt'],
  ...['email', 'expectedVersion', 'from', 'fullName', 'id', 'interactionId', 'isActive', 'kind'],
  ...['locale', 'name', 'note', 'outcome', 'page', 'password', 'phone', 'priority', 'processId'],
  ...['q', 'quadrant', 'queue', 'radicado', 'reason', 'role', 'rootCauseId', 'sort', 'state'],
  ...['status', 'subject', 'teamId', 'templateId', 'termDays', 'timeZone', 'to', 'type'],
  ...['typeCode', 'userId', 'webhookUrl', 'agentId', 'before', 'dir', 'text', 'title', 'url'],
];
const CASE_ACTIONS = ['answer', 'assign', 'close', 'extend', 'link', 'log_interaction', 'merge'];
const MORE_ACTIONS = ['note', 'reclassify', 'reopen', 'reply', 'request_info', 'take', 'transfer'];
const value = fc.oneof(
  { weight: 3, arbitrary: hostileText },
  {
    weight: 4,
    arbitrary: fc.constantFrom(
      ...['1', '2', '3', '4', '0', '-1', '999999', '1.5', '1e400', 'true', 'false', 'on'],
      ...['2026-03-16', '0000-01-01', '9999-12-31', '2026-02-30', '2026-03-16T10:00:00Z'],
      ...['PQRS-2026-000001', 'es', 'en', 'agent', 'admin', 'R', 'Q', 'email', 'web', 'postal'],
      ...CASE_ACTIONS,
      ...MORE_ACTIONS,
    ),
  },
  { weight: 1, arbitrary: fc.integer().map(String) },
);
const soup = fc.dictionary(fc.constantFrom(...FIELDS), fc.oneof(value, fc.array(value)), {
  maxKeys: 10,
});

const ADMIN = (w: FuzzWorld): StaffActor => ({
  ...w.staff.admin,
  name: 'Admin',
  email: 'admin@example.co',
  teamName: null,
});
const AGENT = (w: FuzzWorld): StaffActor => ({
  ...w.staff.agent,
  name: 'Agente',
  email: 'agente@example.co',
  teamName: 'Facturación',
});

/** An action's answer: anything but INTERNAL (what a server action says for a server error). */
async function callAction(entry: StaffAction, bound: number, input: Record<string, unknown>) {
  const body = bound % 2 === 0 ? input : formOf(input);
  const before = await writtenCounts(world.db, world.uploads);
  const result = (await entry.call(bound, body)) as { ok?: boolean; code?: string } | undefined;
  const label = `${entry.name}(${bound}, ${stringify(input).slice(0, 300)})`;
  if (result?.ok === false)
    expect(await writtenCounts(world.db, world.uploads), label).toEqual(before);
  expect(await halfWritten(world.db, world.uploads), label).toEqual([]);
  world.sent += 1;
  const seen = world.statuses.get(entry.name) ?? {};
  const key = result?.ok === false ? result.code : 'ok';
  seen[key as never] = (seen[key as never] ?? 0) + 1;
  world.statuses.set(entry.name, seen);
  expect(result?.code, label).not.toBe('INTERNAL');
}

function formOf(input: Record<string, unknown>): FormData {
  const form = new FormData();
  for (const [key, v] of Object.entries(input)) {
    for (const item of Array.isArray(v) ? v : [v]) form.append(key, String(item));
  }
  return form;
}

/** Each case action as the case page sends it, to mutate one part at a time. */
const CASE_ACTION_BASES: Record<string, unknown>[] = [
  { action: 'take' },
  { action: 'assign', assigneeId: 1 },
  {
    action: 'reclassify',
    typeCode: 'Q',
    categoryId: 1,
    processId: 1,
    rootCauseId: 1,
    reason: 'Es una queja',
  },
  { action: 'reply', body: 'Estamos revisando su caso.', handleMinutes: 5 },
  { action: 'note', body: 'Nota interna' },
  { action: 'log_interaction', kind: 'call', direction: 'outbound', durationSeconds: 60 },
  { action: 'request_info', body: 'Envíe la factura.' },
  { action: 'extend', reason: 'Falta información', newDueDate: '2026-12-30' },
  { action: 'answer', body: 'Se le devuelve el cobro.', decision: 'concede' },
  { action: 'close', processId: 1, rootCauseId: 1 },
  { action: 'reopen', reason: 'No quedó resuelto' },
  { action: 'transfer', destination: 'Superintendencia', reason: 'No es de nuestra competencia' },
  { action: 'withdraw', reason: 'El cliente desiste' },
  { action: 'merge', targetCaseId: 2 },
  { action: 'link', relatedCaseId: 2 },
  { action: 'add_promise', description: 'Llamar al cliente', dueAt: '2026-12-01T15:00:00Z' },
  { action: 'request_callback', preferredAt: '2026-12-01T15:00:00Z' },
];

describe('fuzzing the staff entry points (issue 13, the rest of the family)', () => {
  it('POST /api/casos/{id}/acciones: near-valid case actions never give a 5xx', async () => {
    const shot = fc.tuple(
      fc.constantFrom('1', '2', '3', '4', '5', '6', '7', '8', '9', '10', '1e3'),
      fc.boolean(),
      fc
        .constantFrom(...CASE_ACTION_BASES)
        .chain(({ action, ...rest }) =>
          nearly(rest, 8).map((fields) =>
            fields !== null && typeof fields === 'object' ? { ...fields, action } : fields,
          ),
        ),
    );
    await check(shot, runs(300), async ([id, asAdmin, body]) => {
      session.actor = asAdmin ? ADMIN(world) : AGENT(world);
      await fire(world, `caseAction ${asAdmin ? 'admin' : 'agent'} ${id} ${stringify(body)}`, () =>
        caseActions.POST(
          new Request(`${BASE}/api/casos/${id}/acciones`, {
            method: 'POST',
            headers: { 'content-type': 'application/json', origin: BASE },
            body: stringify(body),
          }),
          params({ id }),
        ),
      );
    });
  });

  it('server actions never answer INTERNAL', async () => {
    const shot = fc.tuple(
      fc.nat(),
      fc.boolean(),
      fc.integer({ min: -1, max: 6 }),
      soup,
      fc.constantFrom(...CASE_ACTIONS, ...MORE_ACTIONS),
    );
    await check(shot, runs(600), async ([pick, asAdmin, bound, fields, action]) => {
      session.actor = asAdmin ? ADMIN(world) : AGENT(world);
      const entry = actions[pick % actions.length]!;
      const input =
        entry.name.includes('actOnCase') && !('action' in fields) ? { ...fields, action } : fields;
      await callAction(entry, bound, input);
    });
  });

  it('staff routes never answer 5xx', async () => {
    const GETS = {
      auditCsv: () => auditCsv.GET,
      qualityCsv: () => qualityCsv.GET,
      casesExport: () => casesExport.GET,
      casesList: () => casesList.GET,
      causeCsv: () => causeCsv.GET,
      reportCsv: () => reportCsv.GET,
      board: () => board.GET,
      caseFile: () => caseFile.GET,
      letter: () => letter.GET,
      noticeLetter: () => noticeLetter.GET,
      mail: () => mail.GET,
    };
    const POSTS = {
      personalData: () => personalData.POST,
      caseActions: () => caseActions.POST,
      problemActions: () => problemActions.POST,
      problems: () => problems.POST,
      reassign: () => reassign.POST,
    };
    const shot = fc.tuple(
      fc.constantFrom(...Object.keys(GETS), ...Object.keys(POSTS)),
      fc.boolean(),
      soup,
      fc.oneof(fc.constantFrom('1', '2', '3', '0', '-1', '1e3', 'x'), hostileText),
      fc.constantFrom('1', '2', '0', 'a'),
    );
    await check(shot, runs(600), async ([target, asAdmin, fields, id, other]) => {
      session.actor = asAdmin ? ADMIN(world) : AGENT(world);
      const pathParams = { id, customerId: id, attachmentId: other, outboxId: other };
      const query = Object.entries(fields)
        .flatMap(([k, v]) => (Array.isArray(v) ? v : [v]).map((x) => `${k}=${segment(String(x))}`))
        .join('&');
      const isGet = target in GETS;
      const request = new Request(`${BASE}/api/${target}?${isGet ? query : ''}`, {
        method: isGet ? 'GET' : 'POST',
        headers: isGet ? {} : { 'content-type': 'application/json', origin: BASE },
        ...(isGet ? {} : { body: stringify(fields) }),
      });
      const handler = (isGet ? GETS : POSTS)[target as never] as () => (
        r: Request,
        c: ReturnType<typeof params>,
      ) => Promise<Response>;
      await fire(
        world,
        `${target} ${asAdmin ? 'admin' : 'agent'} ${id}/${other} ${query.slice(0, 300)}`,
        async () => {
          const response = await handler()(request, params(pathParams));
          // A CSV is streamed: a failure while streaming is a server error too.
          await response.clone().arrayBuffer();
          return response;
        },
      );
    });
  });

  it('afterwards the audit chain still verifies', async () => {
    expect(await verifyAuditChain(makeCtx(world.db, world.staff.admin))).toMatchObject({
      intact: true,
    });
  });
});
