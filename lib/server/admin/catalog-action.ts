import 'server-only';
import { getTranslations } from 'next-intl/server';
import { revalidatePath } from 'next/cache';
import { getDb, type Db } from '@/db/client';
import { toFailure } from '../core/action';
import type { StaffActor } from '../auth/session';
import { isAppError } from '../core/errors';
import { requireAdmin } from './access';

/** What a catalogue form shows after submitting: an error, a notice, or values shown once. */
export type CatalogFormState =
  | { ok: true; message: string; reveal?: { label: string; value: string }[] }
  | { ok: false; message: string; fieldErrors?: Record<string, string[]> }
  | null;

type Reveal = { label: string; value: string }[];

/** FormData → plain object (checkboxes arrive as "on"; absent ones are simply missing). */
export function formObject(form: FormData): Record<string, string> {
  return Object.fromEntries(
    Array.from(form.entries()).filter((e): e is [string, string] => typeof e[1] === 'string'),
  );
}

/**
 * Runs one admin change: admins only (403 for anyone else), then the use case, then the page is
 * re-rendered. Failures come back translated; an unknown placeholder is named in the message.
 */
export async function runCatalogAction(
  path: string,
  change: (db: Db, actor: StaffActor) => Reveal | void,
): Promise<CatalogFormState> {
  try {
    const actor = await requireAdmin();
    const reveal = change(getDb(), actor) ?? undefined;
    revalidatePath(path);
    const t = await getTranslations('adminCatalog');
    return { ok: true, message: t(reveal ? 'notices.shownOnce' : 'notices.saved'), reveal };
  } catch (error) {
    const failure = await toFailure(error);
    const unknown = isAppError(error) ? error.detail?.unknownPlaceholders : undefined;
    if (Array.isArray(unknown) && unknown.length > 0) {
      const t = await getTranslations('adminCatalog.errors');
      const message = t('unknownPlaceholder', { placeholder: `{{${String(unknown[0])}}}` });
      return { ok: false, message, fieldErrors: { body: [message] } };
    }
    if (isAppError(error) && error.fieldErrors?.name?.includes('duplicate')) {
      const t = await getTranslations('adminCatalog.errors');
      return { ok: false, message: failure.message, fieldErrors: { name: [t('duplicateName')] } };
    }
    return { ok: false, message: failure.message, fieldErrors: failure.fieldErrors };
  }
}
