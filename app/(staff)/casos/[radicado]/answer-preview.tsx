'use client';

import { useTranslations } from '@/lib/i18n/client';
import { useRef, useState, type FormEvent } from 'react';
import type { FormResult, Send } from '@/app/_components/use-form-action';
import type { AnswerLetter } from '@/lib/server/letters/letter-model';

export type PreviewSend = Send<AnswerLetter>;

/** The letter as the petitioner will read it: the same text the PDF is drawn from. */
export function LetterSheet({ letter }: { letter: AnswerLetter }) {
  return (
    <article className="letter-sheet" lang={letter.locale} data-testid="answer-preview">
      <header className="letter-head">
        {letter.org.hasLogo && (
          // eslint-disable-next-line @next/next/no-img-element -- the checked logo, served as is
          <img src="/api/organizacion/logo" alt="" className="letter-logo" />
        )}
        <p className="letter-org">{letter.org.name}</p>
        {letter.org.lines.map((line) => (
          <p key={line} className="muted small">
            {line}
          </p>
        ))}
      </header>
      <p>{letter.date}</p>
      <p>
        {letter.reference.map((line) => (
          <span key={line.label} className="letter-line">
            <strong>{line.label}:</strong> {line.value}
          </span>
        ))}
      </p>
      <p>
        <span className="letter-line">{letter.recipient.heading}</span>
        {letter.recipient.lines.map((line, i) => (
          <span key={line} className="letter-line">
            {i === 0 ? <strong>{line}</strong> : line}
          </span>
        ))}
      </p>
      <p>
        {[letter.subject, letter.decision]
          .flatMap((line) => (line ? [line] : []))
          .map((line) => (
            <span key={line.label} className="letter-line">
              <strong>{line.label}:</strong> {line.value}
            </span>
          ))}
      </p>
      <p>{letter.greeting}</p>
      {letter.paragraphs.map((paragraph, i) => (
        <p key={i} className="prewrap">
          {paragraph}
        </p>
      ))}
      <p>{letter.closing}</p>
      <p className="letter-signer">
        <strong className="letter-line">{letter.signer.name}</strong>
        {letter.signer.role && <span className="letter-line">{letter.signer.role}</span>}
        <span className="letter-line">{letter.org.name}</span>
      </p>
      {letter.recourse && (
        <aside className="letter-recourse small">
          <strong>{letter.recourse.title}</strong>
          <p>{letter.recourse.text}</p>
        </aside>
      )}
    </article>
  );
}

/**
 * The answer's two steps: the agent writes, previews the letter (nothing is saved), then confirms
 * or goes back to edit. The form only submits from the preview step.
 */
export function useAnswerPreview(send: PreviewSend | undefined) {
  const [letter, setLetter] = useState<AnswerLetter | null>(null);
  const [result, setResult] = useState<FormResult<AnswerLetter> | null>(null);
  const [isPending, setPending] = useState(false);
  const inFlight = useRef(false);
  const open = async (form: HTMLFormElement | null) => {
    if (!send || !form || inFlight.current) return;
    inFlight.current = true;
    setPending(true);
    try {
      // Only what the letter shows: files chosen for the answer are not uploaded to preview it.
      const fields = new FormData(form);
      const outcome = await send({ decision: fields.get('decision'), body: fields.get('body') });
      setResult(outcome);
      setLetter(outcome.ok ? outcome.data : null);
    } finally {
      inFlight.current = false;
      setPending(false);
    }
  };
  return {
    letter,
    isPending,
    result,
    errors: result && !result.ok ? (result.fieldErrors ?? {}) : {},
    open,
    /** Submitting without a letter on screen previews instead (Enter in a field included). */
    guard: (event: FormEvent<HTMLFormElement>): boolean => {
      if (letter) return true;
      event.preventDefault();
      void open(event.currentTarget);
      return false;
    },
    edit: () => setLetter(null),
    clear: () => {
      setLetter(null);
      setResult(null);
    },
  };
}

export function AnswerPreviewControls({
  preview,
  isSending,
}: {
  preview: ReturnType<typeof useAnswerPreview>;
  isSending: boolean;
}) {
  const t = useTranslations('answerLetter');
  if (!preview.letter) {
    return (
      <button
        type="button"
        className="button button-primary"
        disabled={preview.isPending}
        onClick={(e) => void preview.open(e.currentTarget.form)}
      >
        {t('preview')}
      </button>
    );
  }
  return (
    <section className="letter-preview" aria-labelledby="answer-preview-title">
      <h3 id="answer-preview-title">{t('previewTitle')}</h3>
      <p className="hint">{t('previewHint')}</p>
      <LetterSheet letter={preview.letter} />
      <div className="button-row">
        <button type="submit" className="button button-primary" disabled={isSending}>
          {t('confirm')}
        </button>
        <button type="button" className="button" onClick={preview.edit} disabled={isSending}>
          {t('edit')}
        </button>
      </div>
    </section>
  );
}
