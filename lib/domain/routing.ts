import type { AssignmentMode, CaseType, Channel, Priority } from './enums';

/** One routing rule as the matcher needs it: unset conditions match anything. */
export interface RoutingRule {
  id: number;
  name: string;
  typeCode: CaseType | null;
  channel: Channel | null;
  categoryId: number | null;
  priority: Priority | null;
  keywords: readonly string[] | null;
  teamId: number;
}

export interface RoutableCase {
  typeCode: CaseType;
  channel: Channel;
  categoryId: number | null;
  priority: Priority;
  subject: string;
  description: string;
}

/** Lower case, no accents, words separated by single spaces: "Facturación" → "facturacion". */
export function foldText(text: string): string {
  return text
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();
}

/** Keywords repeat on every filing: each is folded once (bounded, so it cannot grow without end). */
const foldedKeywords = new Map<string, string>();
function foldKeyword(keyword: string): string {
  let folded = foldedKeywords.get(keyword);
  if (folded === undefined) {
    if (foldedKeywords.size >= 10_000) foldedKeywords.clear();
    folded = foldText(keyword);
    foldedKeywords.set(keyword, folded);
  }
  return folded;
}

/** A keyword matches where a word of the text starts with it ("cobro" finds "cobros"). */
function mentions(foldedText: string, keywords: readonly string[]): boolean {
  return keywords.some((keyword) => {
    const folded = foldKeyword(keyword);
    return folded !== '' && foldedText.includes(` ${folded}`);
  });
}

/** The first rule, in order, whose every set condition holds; null sends the case to the default team. */
export function matchRule<R extends RoutingRule>(rules: readonly R[], c: RoutableCase): R | null {
  let text: string | undefined;
  for (const rule of rules) {
    if (rule.typeCode !== null && rule.typeCode !== c.typeCode) continue;
    if (rule.channel !== null && rule.channel !== c.channel) continue;
    if (rule.categoryId !== null && rule.categoryId !== c.categoryId) continue;
    if (rule.priority !== null && rule.priority !== c.priority) continue;
    if (rule.keywords && rule.keywords.length > 0) {
      text ??= ` ${foldText(`${c.subject} ${c.description}`)}`;
      if (!mentions(text, rule.keywords)) continue;
    }
    return rule;
  }
  return null;
}

export interface Candidate {
  id: number;
  openCases: number;
}

/**
 * Who in the team gets a new case: nobody under manual assignment (it waits in the team's queue);
 * the next available agent after the last one under round robin; the one with fewest open cases
 * under least-open, ties broken in round-robin order so equals take turns. Candidates are the
 * team's active, available agents; none means the team's queue.
 */
export function pickAssignee(
  mode: AssignmentMode,
  candidates: readonly Candidate[],
  lastAssignedId: number | null,
): number | null {
  if (mode === 'manual' || candidates.length === 0) return null;
  const ordered = [...candidates].sort((a, b) => a.id - b.id);
  const next = lastAssignedId === null ? -1 : ordered.findIndex((c) => c.id > lastAssignedId);
  const start = next === -1 ? 0 : next;
  const turn = [...ordered.slice(start), ...ordered.slice(0, start)];
  if (mode === 'round_robin') return turn[0]!.id;
  let best = turn[0]!;
  for (const candidate of turn) if (candidate.openCases < best.openCases) best = candidate;
  return best.id;
}
