import 'server-only';
import { getTranslations } from '@/lib/i18n/server';
import { revalidatePath } from 'next/cache';
import type { z } from 'zod';
import { currentStaff } from '../auth/session';
import type { Actor } from './actor';
import { requestCtx, type Ctx } from './context';
import { AppError } from './errors';
import { describeFailure, type ActionFailure, type Translate } from './failure';
import { requireRole, type Access } from './guard';
import { parseInput } from './parse';

export type { ActionFailure };
export type ActionResult<T> = { ok: true; data: T } | ActionFailure;

/**
 * Who may call, when it is not a signed-in staff role: the petitioner's signed cookie
 * (portal/petitioner-access.ts) resolves the actor from the input and may refuse or rate-limit.
 */
export interface ActorSource {
  actorFor(input: Record<string, unknown>): Promise<Actor>;
}

export interface EntryConfig<S extends z.ZodType> {
  /** A staff role set (`'staff'`, `'supervision'`, `'admin'` or a list) or another source. */
  access: Access | ActorSource;
  schema: S;
  /** Message areas whose `validation` keys win over the shared ones (e.g. `adminPeople.validation`). */
  messages?: readonly string[];
}

/** The staff member signed in with one of the roles, or 401/403 (used by actions and routes). */
export async function resolveActor(
  access: Access | ActorSource,
  input: Record<string, unknown>,
): Promise<Actor> {
  if (typeof access === 'object' && 'actorFor' in access) return access.actorFor(input);
  const staff = await currentStaff();
  if (!staff) throw new AppError('UNAUTHENTICATED', 'sign in');
  requireRole(staff, access);
  return staff;
}

/** Any error as a translated failure in the request's language (the one mapping, failure.ts). */
export async function failureOf(
  error: unknown,
  messages?: readonly string[],
): Promise<ActionFailure> {
  const t = (await getTranslations()) as unknown as Translate;
  return describeFailure(error, t, messages);
}

/**
 * A form's fields as one object: text as text, a repeated name as a list, chosen files as a list
 * of `File` (an empty file input sends an unnamed empty entry, which means "no file").
 */
export function formInput(form: FormData): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [key, value] of form.entries()) {
    if (typeof value !== 'string') {
      if (value.size === 0 && value.name === '') continue;
      out[key] = [...((out[key] as File[] | undefined) ?? []), value];
    } else if (key in out) {
      const prior = out[key];
      out[key] = Array.isArray(prior) ? [...prior, value] : [prior, value];
    } else out[key] = value;
  }
  return out;
}

/**
 * The one wrapper for server actions (STYLE.md rule 4): who is asking → zod → the handler with a
 * context built once → `{ ok, data }`; every expected failure comes back as translated data, never a
 * thrown 500. `revalidate` re-renders a path after a success. `bound` carries what the page bound
 * to the action (`actOnCase.bind(null, caseId)`): it wins over a field of the same name.
 */
export function action<S extends z.ZodType, T>(
  config: EntryConfig<S> & { revalidate?: string },
  handler: (ctx: Ctx, input: z.infer<S>) => T | Promise<T>,
) {
  return async (
    raw: FormData | Record<string, unknown>,
    bound: Record<string, unknown> = {},
  ): Promise<ActionResult<Awaited<T>>> => {
    try {
      const fields = { ...(raw instanceof FormData ? formInput(raw) : raw), ...bound };
      const actor = await resolveActor(config.access, fields);
      const input = parseInput(config.schema, fields);
      const data = await handler(requestCtx(actor), input);
      if (config.revalidate) revalidatePath(config.revalidate);
      return { ok: true, data };
    } catch (error) {
      return failureOf(error, config.messages);
    }
  };
}
