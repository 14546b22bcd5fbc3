import 'server-only';
import { databaseOf } from '@/db/client';
import { repeatUntilDone } from '@/db/merge-in-worker';
import { searchIndexSegments, searchMergeStep } from '@/db/sql/search';
import type { Ctx } from '../core/context';

/**
 * From this many segments on, an index is merged into one. Every word a search looks up seeks
 * once per segment (db/sql/search.ts searchMergeStep): a day of filings leaves a few dozen.
 */
export const MERGE_FROM_SEGMENTS = 8;
/** Leaf pages written per step (a step commits; the server's filings go between steps). */
const PAGES_PER_STEP = 64;

/**
 * Merges the search index and its vocabulary, each into one segment, when they are in
 * `fromSegments` or more, in a thread of its own (db/merge-in-worker.ts): a filing meanwhile adds
 * a segment, merged in too. Returns the segments left.
 */
export async function mergeSearchIndex(
  ctx: Ctx,
  fromSegments: number = MERGE_FROM_SEGMENTS,
): Promise<{ index: number; terms: number }> {
  const db = databaseOf(ctx.db);
  const before = searchIndexSegments(db);
  const steps = [
    ...(before.index >= fromSegments ? [searchMergeStep('case_search', PAGES_PER_STEP)] : []),
    ...(before.terms >= fromSegments ? [searchMergeStep('case_search_terms', PAGES_PER_STEP)] : []),
  ];
  if (steps.length > 0) await repeatUntilDone(db, steps);
  return searchIndexSegments(db);
}
