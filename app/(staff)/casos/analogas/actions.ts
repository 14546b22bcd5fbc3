'use server';

import type { FormBody } from '@/app/_components/use-form-action';
import {
  answerPendingOfGroup,
  answerPetitionGroup,
  groupAnalogousPetitions,
} from '@/lib/server/analogous/petition-groups';
import { action } from '@/lib/server/core/action';
import {
  AnswerGroupSchema,
  GroupPetitionsSchema,
  PetitionGroupTarget,
} from '@/lib/validation/petition-groups';

const group = action(
  { access: 'supervision', schema: GroupPetitionsSchema, messages: ['analogous'] },
  (ctx, input) => groupAnalogousPetitions(ctx, input),
);
const answer = action(
  {
    access: 'supervision',
    schema: AnswerGroupSchema,
    messages: ['analogous'],
    revalidate: '/casos/analogas',
  },
  (ctx, input) => answerPetitionGroup(ctx, input),
);

const pending = action(
  {
    access: 'supervision',
    schema: PetitionGroupTarget,
    messages: ['analogous'],
    revalidate: '/casos/analogas',
  },
  (ctx, input) => answerPendingOfGroup(ctx, input),
);

export async function groupPetitionsAction(form: FormBody) {
  return group(form);
}
export async function answerGroupAction(form: FormBody) {
  return answer(form);
}
export async function answerPendingAction(form: FormBody) {
  return pending(form);
}
