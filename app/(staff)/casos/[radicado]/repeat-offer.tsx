'use client';

import Link from 'next/link';
import { useTranslations } from '@/lib/i18n/client';
import { FormOutcome, useFormAction, type Send } from '@/app/_components/use-form-action';

/**
 * A new message from a petitioner with an open case, offered as a repeat contact of it: staff join
 * it there (the case merges into the open one) or keep it as a case of its own.
 */
export function RepeatOffer({
  submit,
  open,
}: {
  submit: Send<unknown>;
  open: { radicado: string; subject: string };
}) {
  const t = useTranslations('petitioners.repeat');
  const { submit: send, isPending, result } = useFormAction(submit);
  return (
    <section className="alert alert-info repeat-offer" aria-labelledby="repeat-offer-title">
      <h2 id="repeat-offer-title">{t('title')}</h2>
      <p>
        {t.rich('body', {
          radicado: () => (
            <Link href={`/casos/${open.radicado}`} className="mono">
              {open.radicado}
            </Link>
          ),
          subject: open.subject,
        })}
      </p>
      <FormOutcome result={result} />
      <div className="button-row">
        <button
          type="button"
          className="button button-primary"
          disabled={isPending}
          onClick={() => send({ decision: 'join' })}
        >
          {t('join', { radicado: open.radicado })}
        </button>
        <button
          type="button"
          className="button"
          disabled={isPending}
          onClick={() => send({ decision: 'separate' })}
        >
          {t('separate')}
        </button>
      </div>
    </section>
  );
}
