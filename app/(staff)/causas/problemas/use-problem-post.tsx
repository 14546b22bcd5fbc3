'use client';

import { useMutation } from '@tanstack/react-query';
import { useRouter } from 'next/navigation';
import { useState, type FormEvent } from 'react';
import { postForm, type FormFailure } from '../../../_components/post-form';

export type PostResult<T> = { ok: true; data: T } | FormFailure;

/** The JSON a form sends: its text fields as typed (the server's schemas decide what they mean). */
export function formFields(form: HTMLFormElement): Record<string, string> {
  return Object.fromEntries(
    [...new FormData(form).entries()].filter(
      (entry): entry is [string, string] => typeof entry[1] === 'string',
    ),
  );
}

/**
 * Posts a problem form to its route handler, keeps the outcome for the form to show (translated
 * field errors included) and refreshes the server-rendered page after a success.
 */
export function useProblemPost<T = unknown>(
  url: string | ((body: Record<string, unknown>) => string),
  options: { extra?: Record<string, unknown>; onDone?: (data: T) => void } = {},
) {
  const router = useRouter();
  const [result, setResult] = useState<PostResult<T> | null>(null);
  const mutation = useMutation({
    mutationFn: (body: Record<string, unknown>) =>
      postForm<T>(typeof url === 'string' ? url : url(body), body),
    onSuccess: (r) => {
      setResult(r.ok ? { ok: true, data: r.data } : r);
      if (!r.ok) return;
      if (options.onDone) options.onDone(r.data);
      else router.refresh();
    },
  });
  return {
    result,
    errors: result && !result.ok ? result.fieldErrors : ({} as Record<string, string[]>),
    isPending: mutation.isPending,
    send: (body: Record<string, unknown>) => mutation.mutate({ ...options.extra, ...body }),
    onSubmit: (e: FormEvent<HTMLFormElement>) => {
      e.preventDefault();
      mutation.mutate({ ...options.extra, ...formFields(e.currentTarget) });
    },
  };
}

/** The outcome line under a form: an alert on failure, a polite status on success. */
export function FormOutcome({
  result,
  success,
}: {
  result: PostResult<unknown> | null;
  success?: string;
}) {
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
