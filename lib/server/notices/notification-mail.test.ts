import type { Conn } from '@/db/client';
/**
 * Alerts by e-mail as each person prefers (issue 14 §3): at once (one mail, in the transaction of
 * the alert), in the daily digest (one mail a day listing them), or never. Delivered through a
 * real SMTP server where the words and links matter.
 */
import { and, eq, inArray } from 'drizzle-orm';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { inTransaction } from '@/db/client';
import { notifications, outbox, staffUsers, teams } from '@/db/tables';
import { LOCALES } from '@/lib/domain/enums';
import { NOTIFICATION_KINDS, type NotificationMode } from '@/lib/domain/notification-kinds';
import { SYSTEM_ACTOR } from '../core/actor';
import { makeCtx } from '../core/context';
import { applyCaseAction } from '../cases/apply-case-action';
import { sendDailyDigests } from '../jobs/daily-digest';
import { JOBS } from '../jobs';
import { runDueJobs } from '../jobs/job-runner';
import { sendDeadlineAlerts } from '../jobs/deadline-alerts';
import { addCustomerMessage } from '../portal/customer-message';
import { saveRoutingRules } from '../routing/save-routing-rules';
import { bogota, fileCase, seedFixture, type Fixture } from '../testing/fixtures';
import { startTestSmtp } from '../testing/smtp';
import { openTestDb } from '../testing/test-db';
import { alertMail, digestMail } from './alert-mail';
import { saveNotificationPreferences } from './notification-preferences';
import { ringBell } from './ring-bell';
import { deliverDueMail } from './sender';
import { smtpTransport } from './transport';

let db: Conn;
let cleanup: () => Promise<void>;
let fx: Fixture;
beforeEach(async () => {
  ({ db, cleanup } = await openTestDb());
  fx = await seedFixture(db);
  await db.update(teams).set({ supervisorId: fx.supervisor.id }).where(eq(teams.id, fx.teamId));
  await saveRoutingRules(makeCtx(db, fx.admin, bogota('2026-03-01T08:00:00')), {
    defaultTeamId: fx.teamId,
    rules: [],
  });
});
afterEach(() => cleanup());

/** Monday 16 March 2026, mid-morning in Bogotá; the digest goes at 7:00 the next day. */
const AT = bogota('2026-03-16T10:00:00');
const NEXT_MORNING = bogota('2026-03-17T07:05:00');

const choose = (who: Fixture['agent'], prefs: Record<string, NotificationMode>, now = AT) =>
  saveNotificationPreferences(makeCtx(db, who, now), prefs);
const mailsTo = async (email: string) =>
  await db.select().from(outbox).where(eq(outbox.toAddress, email)).orderBy(outbox.id);
const alertMailsTo = async (email: string) =>
  (await mailsTo(email)).filter((m) => m.kind.startsWith('alert_') && m.kind !== 'alert_digest');
const digestsTo = async (email: string) =>
  (await mailsTo(email)).filter((m) => m.kind === 'alert_digest');
const AGENT = 'agente@example.co';
/** What deadline and promise kinds say beyond the case; the others ignore it. */
const DETAILS = { dueDate: '08/04/2026', promise: 'Llamarle', dueTime: '10:00' };
const SUPERVISOR = 'supervisora@example.co';

describe('each kind by e-mail as the person chose', () => {
  it.each(NOTIFICATION_KINDS)(
    '%s: immediate → one mail, digest → in the digest, off → none',
    async (kind) => {
      const { id: caseId } = await fileCase(db, {}, bogota('2026-03-13T16:30:00'));
      /** Chooses `mode` for the kind at `now`, then an alert of that kind comes. */
      const ringAs = async (mode: NotificationMode, now: Date) => {
        await choose(fx.agent, { [kind]: mode }, now);
        return await inTransaction(
          db,
          async (tx) =>
            await ringBell(tx, {
              userId: fx.agent.id,
              caseId,
              kind,
              dedupeKey: `${kind}.${mode}`,
              details: () => DETAILS,
              now,
            }),
        );
      };
      const before = (await alertMailsTo(AGENT)).length;

      expect(await ringAs('immediate', AT)).toBe(true);
      const mails = (await alertMailsTo(AGENT)).slice(before);
      expect(mails.map((m) => m.kind)).toEqual([`alert_${kind}`]);
      expect(mails[0]!.subject).toContain('PQRS-2026-');
      expect(await ringAs('off', bogota('2026-03-16T11:00:00'))).toBe(true);
      expect(await ringAs('digest', bogota('2026-03-16T12:00:00'))).toBe(true);
      expect((await alertMailsTo(AGENT)).slice(before)).toHaveLength(1);

      expect(await sendDailyDigests(makeCtx(db, SYSTEM_ACTOR, NEXT_MORNING), 7)).toBe(1);
      const [digest] = await digestsTo(AGENT);
      // The digest alert is in it (its line reads as the immediate mail's subject); the one that
      // came while the kind was off is not.
      const keys = await db
        .select({ key: notifications.dedupeKey, mailedAt: notifications.mailedAt })
        .from(notifications)
        .where(
          inArray(
            notifications.dedupeKey,
            ['immediate', 'off', 'digest'].map((m) => `${kind}.${m}`),
          ),
        );
      expect(Object.fromEntries(keys.map((k) => [k.key, k.mailedAt]))).toEqual({
        [`${kind}.immediate`]: AT,
        [`${kind}.off`]: null,
        [`${kind}.digest`]: NEXT_MORNING,
      });
      expect(digest!.bodyText).toContain(mails[0]!.subject);
      expect(await digestsTo(AGENT)).toHaveLength(1);
    },
  );
});

describe('the daily digest', () => {
  it('sends one mail per person at the digest hour listing each unread alert with its link, once', async () => {
    const smtp = await startTestSmtp();
    const transport = smtpTransport(smtp.url);
    try {
      // Three cases reach the team's queue (team_queue, a digest kind by default) …
      const filed = [];
      for (const hour of ['09', '10', '11']) {
        filed.push(await fileCase(db, {}, bogota(`2026-03-16T${hour}:00:00`)));
      }
      // … and the petitioner of the first writes while nobody holds it (the supervisor hears).
      await addCustomerMessage(makeCtx(db, SYSTEM_ACTOR, AT), {
        caseId: filed[0]!.id,
        body: 'Les escribo de nuevo.',
        channel: 'email',
      });
      // Both kinds are digest kinds by default: nothing went at once.
      expect([...(await alertMailsTo(AGENT)), ...(await alertMailsTo(SUPERVISOR))]).toEqual([]);
      // Before 7:00 nothing goes; at 7:05 one digest each; again at 7:20 and 9:00, nothing.
      const run = (at: Date) => sendDailyDigests(makeCtx(db, SYSTEM_ACTOR, at), 7);
      expect(await run(bogota('2026-03-17T06:55:00'))).toBe(0);
      expect(await run(NEXT_MORNING)).toBe(2);
      expect(await run(bogota('2026-03-17T07:20:00'))).toBe(0);
      // A new alert after the digest waits for tomorrow's.
      await fileCase(db, {}, bogota('2026-03-17T08:00:00'));
      expect(await run(bogota('2026-03-17T09:00:00'))).toBe(0);
      expect(await digestsTo(AGENT)).toHaveLength(1);
      expect(await digestsTo(SUPERVISOR)).toHaveLength(1);
      expect(await run(bogota('2026-03-18T07:00:00'))).toBe(1);

      await deliverDueMail({ db, transport, now: bogota('2026-03-18T07:01:00') });
      const toAgent = smtp.received.filter((m) => m.to && JSON.stringify(m.to).includes(AGENT));
      expect(toAgent.map((m) => m.subject)).toEqual([
        'Resumen diario: 3 avisos',
        'Resumen diario: 1 aviso',
      ]);
      const first = toAgent[0]!;
      for (const c of filed) {
        expect(first.text).toContain(`Nuevo en la bandeja de su equipo: ${c.radicado}`);
        expect(first.html).toContain(`/casos/${c.radicado}"`);
      }
      const toSupervisor = smtp.received.find((m) => JSON.stringify(m.to).includes(SUPERVISOR))!;
      expect(toSupervisor.text).toContain(`El peticionario escribió: ${filed[0]!.radicado}`);
    } finally {
      transport.close();
      await smtp.close();
    }
  });

  it('leaves out what the person read, what went at once, and anyone inactive', async () => {
    await fileCase(db, {}, bogota('2026-03-16T09:00:00'));
    await fileCase(db, {}, bogota('2026-03-16T09:30:00'));
    const [firstAlert] = await db.select().from(notifications);
    await db.update(notifications).set({ readAt: AT }).where(eq(notifications.id, firstAlert!.id));
    expect(await sendDailyDigests(makeCtx(db, SYSTEM_ACTOR, NEXT_MORNING), 7)).toBe(1);
    expect((await digestsTo(AGENT))[0]!.subject).toBe('Resumen diario: 1 aviso');

    await fileCase(db, {}, bogota('2026-03-17T09:00:00'));
    await db.update(staffUsers).set({ isActive: false }).where(eq(staffUsers.id, fx.agent.id));
    expect(
      await sendDailyDigests(makeCtx(db, SYSTEM_ACTOR, bogota('2026-03-18T07:00:00')), 7),
    ).toBe(0);
  });
});

describe('alerts that existed before preferences now follow them', () => {
  it('deadline alerts mail each person as they chose, never the off ones', async () => {
    const { id } = await fileCase(db, {}, bogota('2026-03-13T16:30:00'));
    await applyCaseAction(makeCtx(db, fx.agent, AT), { caseId: id, action: 'take' });
    await choose(fx.supervisor, { at_risk: 'off', overdue: 'digest' });
    const sys = (now: Date) => makeCtx(db, SYSTEM_ACTOR, now);
    await sendDeadlineAlerts(sys(bogota('2026-04-06T09:00:00')));
    await sendDeadlineAlerts(sys(bogota('2026-04-09T08:00:00')));
    expect((await alertMailsTo(AGENT)).map((m) => m.kind)).toEqual([
      'alert_at_risk',
      'alert_overdue',
    ]);
    // The escalation keeps its default (at once); at_risk is off, overdue waits for the digest.
    expect((await alertMailsTo(SUPERVISOR)).map((m) => m.kind)).toEqual(['alert_escalation']);
    expect(await sendDailyDigests(sys(bogota('2026-04-10T07:00:00')), 7)).toBe(1);
    expect((await digestsTo(SUPERVISOR))[0]!.bodyText).toContain('Vencido: PQRS-2026-');
  });

  it('mails the assignee at once and never the person who caused the alert', async () => {
    const { id } = await fileCase(db, {}, bogota('2026-03-13T16:30:00'));
    await applyCaseAction(makeCtx(db, fx.supervisor, AT), {
      caseId: id,
      action: 'assign',
      assigneeId: fx.supervisor.id,
    });
    expect(await alertMailsTo(SUPERVISOR)).toEqual([]);
    await applyCaseAction(makeCtx(db, fx.supervisor, AT), {
      caseId: id,
      action: 'assign',
      assigneeId: fx.agent.id,
    });
    const [mail] = await alertMailsTo(AGENT);
    expect(mail).toMatchObject({ kind: 'alert_assigned_to_me' });
    expect(mail!.subject).toMatch(/^Asignado a usted: PQRS-2026-\d+$/);
    expect(mail!.bodyHtml).toContain(`/casos/PQRS-2026-`);
    expect(await alertMailsTo(SUPERVISOR)).toEqual([]);
    expect(
      await db
        .select()
        .from(notifications)
        .where(
          and(eq(notifications.userId, fx.supervisor.id), eq(notifications.kind, 'assigned_to_me')),
        ),
    ).toEqual([]);

    // It arrives: through a real SMTP server, to the agent and no one else.
    const smtp = await startTestSmtp();
    const transport = smtpTransport(smtp.url);
    try {
      await deliverDueMail({ db, transport, now: AT });
      const arrived = smtp.received.filter((m) => /^Asignado a usted: /.test(m.subject ?? ''));
      expect(arrived.map((m) => JSON.stringify(m.to))).toEqual([expect.stringContaining(AGENT)]);
      expect(arrived[0]!.html).toContain('/casos/PQRS-2026-');
    } finally {
      transport.close();
      await smtp.close();
    }
  });
});

describe('the words of every alert mail', () => {
  const VARS = { radicado: 'PQRS-2026-000042', subject: 'Cobro doble', ...DETAILS };
  it.each(LOCALES)('renders every kind and the digest in %s, with the case link', (locale) => {
    for (const kind of NOTIFICATION_KINDS) {
      const mail = alertMail(locale, kind, VARS);
      expect(mail.subject).toContain('PQRS-2026-000042');
      expect(mail.text).toContain('Cobro doble');
      expect(mail.html).toContain('/casos/PQRS-2026-000042');
    }
    const digest = digestMail(
      locale,
      NOTIFICATION_KINDS.map((kind) => ({ kind, vars: VARS })),
    );
    expect(digest.subject).toMatch(new RegExp(`\\b${NOTIFICATION_KINDS.length}\\b`));
    expect(digest.html.match(/\/casos\/PQRS-2026-000042"/g)).toHaveLength(
      NOTIFICATION_KINDS.length,
    );
  });
});

describe('the digest as a scheduled job', () => {
  it('runs under the job lease: two instances, one digest a day', async () => {
    await fileCase(db, {}, bogota('2026-03-16T09:00:00'));
    const digestJob = JOBS.filter((j) => j.name === 'notifications.digest');
    expect(digestJob).toHaveLength(1);
    expect(await runDueJobs(db, NEXT_MORNING, 'instancia-a', digestJob)).toEqual([
      'notifications.digest',
    ]);
    expect(await runDueJobs(db, NEXT_MORNING, 'instancia-b', digestJob)).toEqual([]);
    // The next tick (the lease holder's) finds today's digest already sent.
    const later = bogota('2026-03-17T07:25:00');
    expect(await runDueJobs(db, later, 'instancia-a', digestJob)).toEqual(['notifications.digest']);
    expect(await digestsTo(AGENT)).toHaveLength(1);
  });
});
