'use client';

import { useTranslations } from '@/lib/i18n/client';
import { useRouter } from 'next/navigation';
import { useEffect, useState, type ReactNode } from 'react';
import { useFormAction, type Send } from '@/app/_components/use-form-action';
import type { CaseAction } from '@/lib/domain/case-machine';
import { MAX_HANDLE_MINUTES } from '@/lib/validation/case-action';

/** The pieces every action form of the case page shares: its submit hook, timer and field. */

/** Field errors reported on ids are shown next to the radicado the user typed. */
const FIELD_ALIASES: Record<string, string> = {
  targetCaseId: 'targetRadicado',
  relatedCaseId: 'relatedRadicado',
};

/** What the agent sends carries the time they spent on it (handle time, see /calidad). */
export const TIMED_ACTIONS: readonly CaseAction[] = [
  'reply',
  'answer',
  'request_info',
  'log_interaction',
];

/**
 * Whole minutes since the page was opened (or since the last timed action was sent), ticking
 * while the page is open: the default of "Tiempo dedicado", which the agent can correct.
 */
export function useElapsedMinutes(): { minutes: number; restart: () => void } {
  const [startedAt, setStartedAt] = useState(() => Date.now());
  const [now, setNow] = useState(startedAt);
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), 15_000);
    return () => clearInterval(timer);
  }, []);
  return {
    minutes: Math.min(MAX_HANDLE_MINUTES, Math.round(Math.max(0, now - startedAt) / 60_000)),
    restart: () => {
      const at = Date.now();
      setStartedAt(at);
      setNow(at);
    },
  };
}

/** The form hook, with field errors on ids shown next to the radicado the user typed. */
export function useSubmit(submit: Send<unknown>, onDone?: () => void) {
  const router = useRouter();
  // A sent message leaves an empty composer behind, ready for the next one.
  const form = useFormAction(submit, {
    resetOnSuccess: true,
    onSuccess: () => {
      onDone?.();
      router.refresh();
    },
  });
  const errors: Record<string, string[]> = {};
  for (const [k, v] of Object.entries(form.errors)) errors[FIELD_ALIASES[k] ?? k] = v;
  return { ...form, errors };
}

export function Field({
  id,
  label,
  errors,
  children,
}: {
  id: string;
  label: string;
  errors?: string[];
  children: ReactNode;
}) {
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      {children}
      {errors?.length ? (
        <p id={`${id}-error`} className="field-error">
          {errors[0]}
        </p>
      ) : null}
    </div>
  );
}

/** "Tiempo dedicado": whole minutes, following the timer until the agent corrects it. */
export function HandleMinutesField({
  id,
  errors,
  value,
  onChange,
}: {
  id: string;
  errors?: string[];
  value: string;
  onChange: (value: string) => void;
}) {
  const t = useTranslations('quality.handleTime');
  return (
    <Field id={id} label={t('label')} errors={errors}>
      <input
        id={id}
        name="handleMinutes"
        type="number"
        inputMode="numeric"
        min={0}
        max={MAX_HANDLE_MINUTES}
        step={1}
        value={value}
        onChange={(e) => onChange(e.target.value)}
        aria-invalid={errors ? true : undefined}
        aria-describedby={[`${id}-hint`, errors ? `${id}-error` : null].filter(Boolean).join(' ')}
      />
      <p id={`${id}-hint`} className="hint">
        {t('hint', { max: MAX_HANDLE_MINUTES })}
      </p>
    </Field>
  );
}
