/**
 * Plans the demo: who files what, when, and each case's history as timed steps. Pure given
 * (now, seed, catalog, calendar): the executor (demo.ts) replays the steps through the real use cases.
 */
import { addCalendarDays, countBusinessDays, type BusinessCalendar } from '@/lib/domain/calendar';
import type { CaseType, Channel } from '@/lib/domain/enums';
import { computeLegalTerm, deadlineStatus, type ReceiptRule } from '@/lib/domain/legal-term';
import type { CaseFilingInput } from '@/lib/validation/case-filing';
import { matchRule, type RoutingRule } from '@/lib/domain/routing';
import { ROUTING_RULES } from './catalog';
import { DemoClock } from './demo-clock';
import { planHistory, type CasePlan, type Fate } from './demo-history';
import { customerAt, type SeedCustomer } from './people';
import { createRandom, type Random } from './random';
import { agentsOf, type SeedCatalog, type SeedStaff } from './read-catalog';
import { COMPLAINT_TEXTS, fillText, OTHER_TEXTS, type CaseText } from './texts';

export const DEMO_DAYS = 90;

export const TYPE_WEIGHTS: Record<CaseType, number> = {
  P: 24,
  R: 27,
  Q: 14,
  PD: 10,
  C: 6,
  S: 6,
  D: 4,
  F: 9,
};
const CHANNEL_WEIGHTS: Partial<Record<Channel, number>> = {
  web: 42,
  email: 20,
  phone: 14,
  walk_in: 9,
  whatsapp: 6,
  chat: 5,
  postal: 3,
  api: 1,
};
/** Facturación draws clearly more reclamos than any other process (the root-cause view shows it). */
export const PROCESS_WEIGHTS: Record<'R' | 'Q', Record<string, number>> = {
  R: {
    Facturación: 34,
    'Lectura de medidores': 12,
    'Reparaciones y mantenimiento': 14,
    Instalación: 9,
    'Entrega y domicilios': 7,
    Cobranza: 10,
    'Punto de atención': 4,
    'Atención telefónica': 6,
  },
  Q: {
    'Punto de atención': 28,
    'Atención telefónica': 22,
    Facturación: 16,
    Cobranza: 12,
    'Reparaciones y mantenimiento': 8,
    Instalación: 6,
    'Entrega y domicilios': 4,
    'Lectura de medidores': 4,
  },
};
export const ANONYMOUS_SHARE: Partial<Record<CaseType, number>> = { D: 0.6, Q: 0.06, S: 0.2 };
const STAFF_CHANNELS: readonly Channel[] = ['phone', 'walk_in', 'postal'];
const PRIORITY_REASONS = [
  'Adulto mayor de 80 años',
  'Persona con discapacidad',
  'Mujer en estado de embarazo',
  'Menor de edad en el hogar sin servicio',
];

/** One filing before its history is planned. */
export interface Draft {
  index: number;
  receivedAt: Date;
  typeCode: CaseType;
  channel: Channel;
  text: CaseText;
  processName: string | undefined;
}

function drawText(rnd: Random, typeCode: CaseType): { text: CaseText; processName?: string } {
  if (typeCode === 'Q' || typeCode === 'R') {
    const processName = rnd.weighted(PROCESS_WEIGHTS[typeCode]);
    const texts = COMPLAINT_TEXTS[processName]?.[typeCode] ?? [];
    const fallback = COMPLAINT_TEXTS['Facturación']!.R;
    const text = rnd.pick(texts.length > 0 ? texts : fallback);
    return { text, processName: texts.length > 0 ? processName : 'Facturación' };
  }
  const text = rnd.pick(OTHER_TEXTS[typeCode]);
  return { text, processName: text.process };
}

function drawDrafts(rnd: Random, clock: DemoClock, count: number): Draft[] {
  const days = Array.from({ length: DEMO_DAYS }, (_, i) => addCalendarDays(clock.today, -i));
  const drafts: Draft[] = [];
  for (let index = 0; index < count; index++) {
    const date = rnd.weightedItem(days, (d) => (clock.businessDay(d, 0) === d ? 1 : 0.25));
    const typeCode = rnd.weighted(TYPE_WEIGHTS);
    let channel = rnd.weighted(CHANNEL_WEIGHTS as Record<Channel, number>);
    const isOffice = clock.businessDay(date, 0) === date;
    if (!isOffice && STAFF_CHANNELS.includes(channel)) channel = 'web';
    const [from, to] = STAFF_CHANNELS.includes(channel)
      ? [8 * 60, 17 * 60]
      : [6 * 60, 22 * 60 + 59];
    let receivedAt = clock.at(date, rnd.int(from, to));
    if (receivedAt.getTime() >= clock.now.getTime() - 30 * 60_000) {
      // Later today than now: the same time yesterday, by a channel open at all hours.
      receivedAt = new Date(receivedAt.getTime() - 86_400_000);
      if (receivedAt.getTime() >= clock.now.getTime() - 30 * 60_000) {
        receivedAt = new Date(clock.now.getTime() - 86_400_000 - 3_600_000);
      }
      channel = 'web';
    }
    const { text, processName } = drawText(rnd, typeCode);
    drafts.push({ index, receivedAt, typeCode, channel, text, processName });
  }
  return drafts.sort(
    (a, b) => a.receivedAt.getTime() - b.receivedAt.getTime() || a.index - b.index,
  );
}

interface Filer {
  customerIndex: number | null;
  customer: SeedCustomer | null;
}

/** The deadline situation of a draft at `now` if nobody had answered it. */
function situation(
  draft: Draft,
  termDays: number | null,
  clock: DemoClock,
  receiptRule: ReceiptRule,
) {
  const cal = clock.cal;
  const age = countBusinessDays(clock.dateOf(draft.receivedAt), clock.today, cal);
  if (termDays === null) return { age, status: 'none' as const, overdueBy: 0, termDays: 0 };
  const term = computeLegalTerm({ receivedAt: draft.receivedAt, termDays, receiptRule }, cal);
  if (term.status !== 'running') throw new Error('Unreachable: no pauses yet');
  const { status, businessDaysLeft } = deadlineStatus(term.dueAt, clock.now, cal);
  return { age, status, overdueBy: -businessDaysLeft, termDays };
}

function chooseFate(rnd: Random, draft: Draft, s: ReturnType<typeof situation>): Fate {
  if (draft.typeCode === 'F') return s.age <= 1 && rnd.chance(0.7) ? 'radicada' : 'felicitacion';
  const r = rnd.next();
  if (r < 0.025 && s.age >= 2) return 'transfer';
  if (r < 0.045 && s.age >= 2) return 'withdraw';
  if (r < 0.06 && s.age >= 3) return 'tacit';
  const pOpen =
    s.status === 'overdue'
      ? s.overdueBy <= 10
        ? 0.04
        : 0.008
      : s.status === 'at_risk'
        ? 0.35
        : Math.min(0.97, Math.max(0.15, 1 - (0.8 * s.age) / s.termDays));
  if (!rnd.chance(pOpen)) return 'answered';
  if (rnd.chance(s.age <= 1 ? 0.55 : 0.05)) return 'radicada';
  if (s.status === 'on_track' && s.age <= 8 && rnd.chance(0.12)) return 'info_pending';
  return 'working';
}

export interface DemoPlan {
  plans: CasePlan[];
  distinctCustomers: number;
}

/** The demo's routing rules as the matcher sees them; a rule's id is its index in ROUTING_RULES. */
const DEMO_RULES: RoutingRule[] = ROUTING_RULES.map((rule, id) => ({
  id,
  name: rule.name,
  typeCode: null,
  channel: null,
  categoryId: null,
  priority: null,
  keywords: rule.keywords,
  teamId: id,
}));

export function planDemo(args: {
  now: Date;
  cases: number;
  seed: number;
  catalog: SeedCatalog;
  cal: BusinessCalendar;
  receiptRule: ReceiptRule;
  termDaysOf: (typeCode: CaseType, at: Date) => number | null;
}): DemoPlan {
  const rnd = createRandom(args.seed);
  const clock = new DemoClock(args.cal, args.now, rnd.fork(1));
  const drafts = drawDrafts(rnd, clock, args.cases);
  const { catalog } = args;
  const atencion = catalog.teamIdByKey.atencion ?? catalog.teamIds[0]!;

  // One open case at risk and one overdue, whatever the draw: the deadline board is never empty.
  const forced = new Map<number, Fate>();
  const situations = drafts.map((d) =>
    situation(d, args.termDaysOf(d.typeCode, d.receivedAt), clock, args.receiptRule),
  );
  const firstWith = (test: (s: (typeof situations)[number]) => boolean) =>
    drafts.findIndex((d, i) => d.typeCode !== 'F' && test(situations[i]!));
  const atRisk = firstWith((s) => s.status === 'at_risk');
  const overdue = firstWith((s) => s.status === 'overdue' && s.overdueBy >= 1 && s.overdueBy <= 5);
  if (atRisk >= 0) forced.set(atRisk, 'working');
  if (overdue >= 0) forced.set(overdue, 'working');

  const used: number[] = [];
  const lastPlanOf = new Map<number, CasePlan>();
  let nextCustomer = 0;
  let duplicates = 0;
  const plans: CasePlan[] = [];
  drafts.forEach((draft, i) => {
    const s = situations[i]!;
    const isAnonymous = rnd.chance(ANONYMOUS_SHARE[draft.typeCode] ?? 0);
    let filer: Filer = { customerIndex: null, customer: null };
    if (!isAnonymous) {
      const isRepeat = used.length > 0 && rnd.chance(0.38);
      const customerIndex = isRepeat ? rnd.pick(used) : nextCustomer++;
      if (!isRepeat) used.push(customerIndex);
      filer = { customerIndex, customer: customerAt(customerIndex) };
    }
    let fate = forced.get(i) ?? chooseFate(rnd, draft, s);
    // A customer who writes again about a case still in progress files a duplicate: merged.
    const previous = filer.customerIndex === null ? undefined : lastPlanOf.get(filer.customerIndex);
    let mergeTarget: CasePlan | undefined;
    if (
      previous &&
      !forced.has(i) &&
      ['working', 'answered', 'radicada', 'info_pending'].includes(previous.fate) &&
      ['P', 'Q', 'R'].includes(previous.typeCode) &&
      draft.receivedAt.getTime() - previous.receivedAt.getTime() < 15 * 86_400_000 &&
      duplicates < args.cases * 0.03 &&
      rnd.chance(0.5)
    ) {
      fate = 'merge';
      mergeTarget = previous;
      duplicates++;
    }
    const typeCode = mergeTarget?.typeCode ?? draft.typeCode;
    const text = mergeTarget ? mergeTarget.text : draft.text;
    const processName = mergeTarget ? mergeTarget.processName : draft.processName;
    const process = processName ? catalog.processByName.get(processName) : undefined;
    const subject = mergeTarget
      ? `Reitero: ${mergeTarget.filing.subject}`
      : fillText(text.subject, rnd);
    const description = mergeTarget
      ? `Escribo de nuevo porque no he tenido respuesta. ${mergeTarget.filing.description}`
      : fillText(text.description, rnd);
    // The team the routing rules will give the case when it is filed (issue 14).
    const routed = matchRule(DEMO_RULES, {
      typeCode,
      channel: draft.channel,
      categoryId: null,
      priority: 'normal',
      subject: subject.slice(0, 200),
      description,
    });
    const teamId = routed
      ? (catalog.teamIdByKey[ROUTING_RULES[routed.id]!.team] ?? atencion)
      : atencion;
    const team = agentsOf(catalog, teamId);
    const agent: SeedStaff = rnd.chance(0.55) ? team[0]! : (team[1] ?? team[0]!);
    const customer = filer.customer;
    const isPostal = customer !== null && (!customer.email || rnd.chance(0.05));
    const isPriority = rnd.chance(0.06);
    const filing: CaseFilingInput = {
      typeCode,
      channel: draft.channel,
      subject: subject.slice(0, 200),
      description,
      isAnonymous,
      hasConsent: !isAnonymous,
      responseMedium: isPostal ? 'postal' : 'email',
      priority: isPriority ? 'preferente' : 'normal',
      locale: 'es',
      ...(isPriority ? { priorityReason: rnd.pick(PRIORITY_REASONS) } : {}),
      ...(customer
        ? {
            customer: {
              documentType: customer.documentType,
              documentNumber: customer.documentNumber,
              fullName: customer.fullName,
              email: customer.email,
              phone: customer.phone,
              address: customer.address,
            },
          }
        : {}),
    };
    const plan = planHistory({
      rnd,
      clock,
      receiptRule: args.receiptRule,
      catalog,
      draft: { ...draft, typeCode },
      filing,
      fate,
      agent,
      teamId,
      process,
      text,
      processName,
      isIdentified: customer !== null,
      isStaffChannel: STAFF_CHANNELS.includes(draft.channel),
      termDays: args.termDaysOf(typeCode, draft.receivedAt),
      mergeTarget,
      index: plans.length,
    });
    plans.push(plan);
    if (filer.customerIndex !== null) lastPlanOf.set(filer.customerIndex, plan);
  });
  return { plans, distinctCustomers: used.length };
}
