import 'server-only';
import { ProblemActionSchema } from '@/lib/validation/problem';
import type { Actor } from '../core/actor';
import type { UseCaseOptions } from '../cases/create-case';
import { parseInput } from '../core/parse';
import { linkCauseComplaints } from './link-cause-complaints';
import { linkProblemCase, unlinkProblemCase } from './link-problem-case';
import { requireProblemManager } from './problem-parts';
import { setProblemStatus } from './set-problem-status';
import { updateProblem } from './update-problem';

/**
 * One change to one problem, named by `action` (the route's single entry point). Each use case
 * checks the role and parses the rest of the input itself.
 */
export function applyProblemAction(
  problemId: number,
  input: unknown,
  actor: Actor,
  options: UseCaseOptions = {},
) {
  requireProblemManager(actor);
  const { action } = parseInput(ProblemActionSchema, input);
  switch (action) {
    case 'update':
      return updateProblem(problemId, input, actor, options);
    case 'set_status':
      return setProblemStatus(problemId, input, actor, options);
    case 'link':
      return linkProblemCase(problemId, input, actor, options);
    case 'unlink':
      return unlinkProblemCase(problemId, input, actor, options);
    case 'link_cause':
      return linkCauseComplaints(problemId, input, actor, options);
  }
}
