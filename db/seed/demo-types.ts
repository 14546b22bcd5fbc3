/** The demo's plan types, shared by the history and its outcomes (neither imports the other). */
import type { ReceiptRule } from '@/lib/domain/legal-term';
import type { CaseType, ResultAnswer } from '@/lib/domain/enums';
import type { CaseFilingInput } from '@/lib/validation/case-filing';
import type { DemoClock } from './demo-clock';
import type { Random } from './random';
import type { SeedCatalog, SeedProcess, SeedStaff } from './read-catalog';
import type { CaseText } from './texts';

export type Fate =
  | 'radicada'
  | 'working'
  | 'info_pending'
  | 'answered'
  | 'transfer'
  | 'withdraw'
  | 'tacit'
  | 'merge'
  | 'felicitacion';

export type ActorRef =
  { kind: 'staff'; staff: SeedStaff } | { kind: 'customer' } | { kind: 'system' };

export interface Scores {
  courtesy: number;
  clarity: number;
  empathy: number | null;
}

export interface RatingPlan {
  agentId: number;
  result: ResultAnswer | null;
  quality: (Scores & { comment: string | null }) | null;
  review:
    | (Scores & {
        reviewerId: number;
        greeting: number;
        accuracy: number;
        personalTouch: number;
        comment: string;
      })
    | null;
}

export type StepBody =
  | { kind: 'create'; filing: CaseFilingInput }
  | { kind: 'action'; input: Record<string, unknown> }
  | { kind: 'merge'; target: CasePlan }
  | { kind: 'add_promise'; chain: number; input: Record<string, unknown> }
  | { kind: 'promise'; chain: number; input: Record<string, unknown> }
  | { kind: 'rate'; rating: RatingPlan }
  /** The first answer reaches the petitioner: its e-mail sent, its letter posted, or read online. */
  | { kind: 'deliver' };

export interface DemoStep {
  at: Date;
  actor: ActorRef;
  body: StepBody;
}

export interface CasePlan {
  index: number;
  typeCode: CaseType;
  fate: Fate;
  receivedAt: Date;
  text: CaseText;
  processName: string | undefined;
  filing: CaseFilingInput;
  steps: DemoStep[];
  /** Filled in while the plan is replayed. */
  caseId: number | null;
  radicado: string | null;
  promiseIds: Map<number, number>;
}

export interface HistoryArgs {
  index: number;
  rnd: Random;
  clock: DemoClock;
  receiptRule: ReceiptRule;
  catalog: SeedCatalog;
  draft: { receivedAt: Date; typeCode: CaseType };
  filing: CaseFilingInput;
  fate: Fate;
  agent: SeedStaff;
  teamId: number;
  process: SeedProcess | undefined;
  text: CaseText;
  processName: string | undefined;
  isIdentified: boolean;
  isStaffChannel: boolean;
  termDays: number | null;
  mergeTarget: CasePlan | undefined;
}
