'use server';

import type { FormBody } from '@/app/_components/use-form-action';
import { action } from '@/lib/server/core/action';
import { saveRoutingRules } from '@/lib/server/routing/save-routing-rules';
import { setAvailability } from '@/lib/server/routing/set-availability';
import { setTeamAssignment } from '@/lib/server/routing/set-team-assignment';
import { AdminFormSchema } from '@/lib/validation/admin-form';

/** Routing rules, team modes and availability: admins here; field messages from `routing.validation`. */
const config = {
  access: 'admin',
  schema: AdminFormSchema,
  messages: ['routing.validation'],
  revalidate: '/admin/enrutamiento',
} as const;

const save = action(config, (ctx, input) => saveRoutingRules(ctx, input));
const mode = action(config, (ctx, input) => setTeamAssignment(ctx, input));
const availability = action(config, (ctx, input) => setAvailability(ctx, input));

export async function saveRoutingAction(form: FormBody) {
  return save(form);
}
export async function setTeamModeAction(form: FormBody) {
  return mode(form);
}
export async function setAvailabilityAction(form: FormBody) {
  return availability(form);
}
