'use client';

import { useMutation } from '@tanstack/react-query';
import { useTranslations } from '@/lib/i18n/client';
import { useRouter } from 'next/navigation';
import { useEffect, useRef, useState, type FormEvent } from 'react';
import type { z } from 'zod';
import { collectFieldErrors, translateFieldErrors } from '@/lib/validation/issues';
import { postForm, withoutEmptyFiles } from './post-form';

/** What every form submission comes back as: the server action wrapper's result, or a route's. */
export type FormResult<T> =
  | { ok: true; data: T }
  | {
      ok: false;
      code: string;
      message: string;
      fieldErrors?: Record<string, string[]>;
      retryAfterSeconds?: number;
    };

export type FormBody = FormData | Record<string, unknown>;
/** A schema the browser runs before sending; `shape` turns the form's fields into its input. */
export interface FormCheck {
  schema: z.ZodType;
  shape?: (fields: Record<string, unknown>) => unknown;
}
export type Send<T> = (body: FormBody) => Promise<FormResult<T>>;

/** A route handler as a `Send`: the JSON or multipart body goes to `url` (post-form.ts). */
export function postTo<T>(url: string | ((body: FormBody) => string)): Send<T> {
  return async (body) => {
    const result = await postForm<T>(typeof url === 'string' ? url : url(body), body);
    return result.ok ? { ok: true, data: result.data } : result;
  };
}

function withExtra(body: FormBody, extra: Record<string, unknown> | undefined): FormBody {
  if (!extra) return body;
  if (!(body instanceof FormData)) return { ...extra, ...body };
  for (const [key, value] of Object.entries(extra)) {
    if (!body.has(key)) body.append(key, String(value));
  }
  return body;
}

/**
 * The one client hook for forms (one React Query mutation pattern): it sends the form — to a server
 * action or, through `postTo`, a route handler — keeps the outcome and its field errors for the form
 * to show, and after a success resets the form if asked and re-renders the server page.
 */
export function useFormAction<T>(
  send: Send<T>,
  options: {
    extra?: Record<string, unknown>;
    resetOnSuccess?: boolean;
    /** Called after a success instead of refreshing the page (navigate, update local state). */
    onSuccess?: (data: T) => void;
    /** Send the form's text fields as an object instead of the FormData (JSON routes). */
    asObject?: boolean;
    /**
     * The server's own schema, run in the browser first (issue 17 §3): every field error at once,
     * in the server's words, without a round trip; the server still checks what it receives.
     * Loaded on the first submission (`() => import(…)`), so the page's first load carries none
     * of it; if it cannot be loaded, the server's check is the one.
     */
    check?: () => Promise<FormCheck>;
  } = {},
) {
  const router = useRouter();
  const t = useTranslations('errors');
  const tValidation = useTranslations('validation');
  const [result, setResult] = useState<FormResult<T> | null>(null);
  // Set at once, before React re-renders: a second click in the same instant sees it.
  const inFlight = useRef(false);
  // The form whose errors have just come back: it takes the focus once they are on screen.
  const focusPending = useRef<HTMLFormElement | null>(null);
  useEffect(() => {
    const form = focusPending.current;
    focusPending.current = null;
    if (form && result && !result.ok) focusFirstError(form);
  }, [result]);
  const mutation = useMutation({
    mutationFn: ({ body }: { body: FormBody; form?: HTMLFormElement }) =>
      send(withExtra(body, options.extra)),
    onSuccess: (outcome, { form }) => {
      // Once the errors are on screen (the effect above runs after React commits them), the
      // first field to fix takes the focus (issue 17 §3).
      if (!outcome.ok) focusPending.current = form ?? null;
      setResult(outcome);
      if (!outcome.ok) return;
      if (options.resetOnSuccess) form?.reset();
      if (options.onSuccess) options.onSuccess(outcome.data);
      else router.refresh();
    },
    // No answer (offline, or the request timed out): say so; the form keeps what was typed.
    onError: () => setResult({ ok: false, code: 'NETWORK', message: t('NETWORK') }),
    onSettled: () => {
      inFlight.current = false;
    },
  });

  /** The browser's check: false (and the errors on screen) when the body would be refused. */
  const passes = ({ schema, shape }: FormCheck, body: FormBody, form?: HTMLFormElement) => {
    const sent = withExtra(body, options.extra);
    const fields = sent instanceof FormData ? textFields(sent) : sent;
    const parsed = schema.safeParse(shape ? shape(fields) : fields);
    if (parsed.success) return true;
    focusPending.current = form ?? null;
    const fieldErrors = translateFieldErrors(collectFieldErrors(parsed.error), (key, params) =>
      tValidation.has(key) ? tValidation(key, params) : tValidation('invalid'),
    );
    setResult({ ok: false, code: 'VALIDATION', message: t('VALIDATION'), fieldErrors });
    return false;
  };

  /** Checks (when the form has a check), then sends; one submission at a time. */
  const checkAndSend = async (body: FormBody, form?: HTMLFormElement) => {
    // A second click while the first submission is on its way sends nothing twice.
    if (inFlight.current) return;
    inFlight.current = true;
    if (options.check) {
      const check = await options.check().catch(() => null);
      if (check && !passes(check, body, form)) {
        inFlight.current = false;
        return;
      }
    }
    mutation.mutate({ body, form });
  };

  const onSubmit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const form = event.currentTarget;
    const data = withoutEmptyFiles(new FormData(form));
    void checkAndSend(options.asObject ? textFields(data) : data, form);
  };

  return {
    onSubmit,
    /** Sends a body built by hand; `form`, when given, gets the focus on its first error. */
    submit: (body: FormBody, form?: HTMLFormElement) => void checkAndSend(body, form),
    result,
    errors: result && !result.ok ? (result.fieldErrors ?? {}) : ({} as Record<string, string[]>),
    isPending: mutation.isPending,
    reset: () => setResult(null),
  };
}

const textFields = (data: FormData): Record<string, unknown> =>
  Object.fromEntries([...data.entries()].filter(([, v]) => typeof v === 'string'));

/** The first field marked invalid, else the form's error message, takes the focus. */
function focusFirstError(form: HTMLFormElement) {
  const target =
    form.querySelector<HTMLElement>('[aria-invalid="true"]') ??
    form.querySelector<HTMLElement>('.alert-error');
  target?.focus();
}

/** The outcome line under a form: the error message (role=alert) or a short confirmation. */
export function FormOutcome({
  result,
  success,
}: {
  result: FormResult<unknown> | null;
  success?: string;
}) {
  if (!result) return null;
  if (!result.ok) {
    return result.message ? (
      <p role="alert" className="alert alert-error" tabIndex={-1}>
        {result.message}
      </p>
    ) : null;
  }
  return success ? (
    <p role="status" className="alert alert-ok">
      {success}
    </p>
  ) : null;
}

/**
 * A fresh name for one press of a send button (case-action.ts `submissionId`): the server applies
 * a submission once however often it arrives. getRandomValues works on plain-http intranet hosts too.
 */
export function newSubmissionId(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  return Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
}
