/**
 * The legal regimes a PQRS office may work under (DOMAIN.md §3, "other regimes"): which types it
 * receives, their terms in business days, how far a prórroga may go, whether a type may be filed
 * anonymously, how long the petitioner has to complete an incomplete request, and whether silence
 * at expiry counts as a favourable answer. An organisation picks one; its types, terms and
 * extensions become term versions from that moment (cases already filed keep theirs), and it may
 * then activate further types or change any term like any other.
 */
import { DEFAULT_ANONYMOUS_TYPES, type CaseType } from './enums';
import { PD_DELIVERY_PROMISE } from './pd-silence';

export const REGIMES = ['general', 'habeas_data', 'public_utilities'] as const;
export type Regime = (typeof REGIMES)[number];

export interface RegimeType {
  /** Business days to answer; null: no legal term (a Felicitación). */
  termDays: number | null;
  /** Business days a prórroga may add at most; null: as many as the term (the 2N cap). */
  extensionDays: number | null;
  allowsAnonymous: boolean;
}

export interface RegimeRules {
  /** The law that sets it, as cited to the petitioner and in reports. */
  law: string;
  /** The types it receives; the others are deactivated when the regime is chosen. */
  types: Partial<Record<CaseType, RegimeType>>;
  /** Business days after radication within which missing information may be asked for. */
  infoRequestWindowDays: number;
  /** Calendar months the petitioner has to send it before the case ends as withdrawn. */
  withdrawalMonths: number;
  /**
   * Types whose unanswered expiry counts as a favourable answer (silencio administrativo
   * positivo), flagged at expiry; its effects must be recognised within `silenceRecognitionHours`.
   */
  positiveSilenceTypes: readonly CaseType[];
  silenceRecognitionHours: number;
}

const general = (termDays: number | null, code: CaseType): RegimeType => ({
  termDays,
  extensionDays: null,
  allowsAnonymous: DEFAULT_ANONYMOUS_TYPES.includes(code),
});

export const REGIME_RULES: Record<Regime, RegimeRules> = {
  // Ley 1755 de 2015: arts. 14 (terms, prórroga up to the double), 17 (incomplete requests).
  general: {
    law: 'Ley 1755 de 2015',
    types: {
      P: general(15, 'P'),
      PD: general(10, 'PD'),
      C: general(30, 'C'),
      Q: general(15, 'Q'),
      R: general(15, 'R'),
      S: general(15, 'S'),
      D: general(15, 'D'),
      F: general(null, 'F'),
    },
    infoRequestWindowDays: 10,
    withdrawalMonths: 1,
    positiveSilenceTypes: [],
    silenceRecognitionHours: 0,
  },
  // Ley 1581 de 2012, arts. 14 (consultas: 10 + 5) and 15 (reclamos: 15 + 8; an incomplete claim is
  // answered within 5 days asking for what is missing, and withdrawn after 2 months without it).
  // The holder of the data must be identified: no anonymous filing.
  habeas_data: {
    law: 'Ley 1581 de 2012',
    types: {
      C: { termDays: 10, extensionDays: 5, allowsAnonymous: false },
      R: { termDays: 15, extensionDays: 8, allowsAnonymous: false },
    },
    infoRequestWindowDays: 5,
    withdrawalMonths: 2,
    positiveSilenceTypes: [],
    silenceRecognitionHours: 0,
  },
  // Ley 142 de 1994, art. 158: peticiones, quejas y recursos within 15 business days; past that the
  // request is resolved in the user's favour (silencio administrativo positivo), which the company
  // must recognise within 72 hours (Decreto 2223 de 1996). No prórroga by default (the cautious
  // reading: only evidence-gathering would justify one, which the admin may configure).
  public_utilities: {
    law: 'Ley 142 de 1994',
    types: {
      P: { termDays: 15, extensionDays: 0, allowsAnonymous: false },
      Q: { termDays: 15, extensionDays: 0, allowsAnonymous: false },
      R: { termDays: 15, extensionDays: 0, allowsAnonymous: false },
      S: general(15, 'S'),
      F: general(null, 'F'),
    },
    infoRequestWindowDays: 10,
    withdrawalMonths: 1,
    positiveSilenceTypes: ['P', 'Q', 'R'],
    silenceRecognitionHours: 72,
  },
};

/** The promise that tracks recognising a positive silence's effects (like 'pd_delivery'). */
export const SILENCE_RECOGNITION_PROMISE = 'silence_recognition';

/** The message key naming a promise the system opens itself, or null for an agent's own words. */
export function systemPromiseKey(
  description: string,
): 'pdDeliveryPromise' | 'silenceRecognitionPromise' | null {
  if (description === PD_DELIVERY_PROMISE) return 'pdDeliveryPromise';
  if (description === SILENCE_RECOGNITION_PROMISE) return 'silenceRecognitionPromise';
  return null;
}

export function regimeRules(regime: Regime): RegimeRules {
  return REGIME_RULES[regime];
}

/** The business days a prórroga may add to a term: the type's own limit, or the term itself. */
export function maxExtensionDays(termDays: number, extensionDays: number | null): number {
  return extensionDays === null ? termDays : Math.min(extensionDays, termDays);
}
