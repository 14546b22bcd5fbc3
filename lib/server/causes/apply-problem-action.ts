import 'server-only';
import { ProblemActionSchema } from '@/lib/validation/problem';
import type { Ctx } from '../core/context';
import { requireRole } from '../core/guard';
import { parseInput } from '../core/parse';
import { linkCauseComplaints } from './link-cause-complaints';
import { linkProblemCase, unlinkProblemCase } from './link-problem-case';
import { setProblemStatus } from './set-problem-status';
import { updateProblem } from './update-problem';

/**
 * One change to one problem, `{ problemId, action, … }` (the route's single entry point). Each
 * use case checks the role and parses the rest of the input itself.
 */
export async function applyProblemAction(ctx: Ctx, input: unknown) {
  requireRole(ctx.actor, 'supervision');
  const { action } = parseInput(ProblemActionSchema, input);
  switch (action) {
    case 'update':
      return updateProblem(ctx, input);
    case 'set_status':
      return setProblemStatus(ctx, input);
    case 'link':
      return linkProblemCase(ctx, input);
    case 'unlink':
      return unlinkProblemCase(ctx, input);
    case 'link_cause':
      return linkCauseComplaints(ctx, input);
  }
}
