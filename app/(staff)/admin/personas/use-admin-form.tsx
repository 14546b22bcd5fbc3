'use client';

import { useRouter } from 'next/navigation';
import { useState, useTransition, type FormEvent } from 'react';

type Result<T> =
  | { ok: true; data: T }
  | { ok: false; code: string; message: string; fieldErrors?: Record<string, string[]> };

/** Runs an admin server action with a form's text fields; field errors and the outcome as state. */
export function useAdminForm<T>(
  action: (fields: Record<string, string>) => Promise<Result<T>>,
  options: { extra?: Record<string, string>; resetOnSuccess?: boolean } = {},
) {
  const router = useRouter();
  const [result, setResult] = useState<Result<T> | null>(null);
  const [isPending, startTransition] = useTransition();

  const send = (fields: Record<string, string>, form?: HTMLFormElement) =>
    startTransition(async () => {
      const outcome = await action({ ...fields, ...options.extra });
      setResult(outcome);
      if (outcome.ok) {
        if (options.resetOnSuccess) form?.reset();
        router.refresh();
      }
    });

  const onSubmit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const form = event.currentTarget;
    const fields: Record<string, string> = {};
    for (const [key, value] of new FormData(form).entries()) {
      if (typeof value === 'string') fields[key] = value;
    }
    send(fields, form);
  };

  const errors = result && !result.ok ? (result.fieldErrors ?? {}) : {};
  return { onSubmit, send, result, isPending, errors };
}

/** The outcome line under a form: the error message (role=alert) or a short confirmation. */
export function Outcome({ result, success }: { result: Result<unknown> | null; success?: string }) {
  if (!result) return null;
  if (!result.ok) {
    return (
      <p role="alert" className="alert alert-error">
        {result.message}
      </p>
    );
  }
  return success ? (
    <p role="status" className="alert alert-ok">
      {success}
    </p>
  ) : null;
}
