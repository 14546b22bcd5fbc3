'use client';

import { useTranslations } from '@/lib/i18n/client';
import { useCallback, useEffect, useRef, useState } from 'react';
import { useLive } from '@/app/_components/live';

interface Present {
  userId: number;
  name: string;
  isWriting: boolean;
}

const HEARTBEAT_MS = 10_000;
/** Writing stops counting this long after the last keystroke. */
const WRITING_IDLE_MS = 8_000;

/**
 * Who else has this case open, and who is writing a reply right now (issue 14 §4): the page says
 * it is here every 10 s and when its person starts or stops writing, and hears of others over the
 * live channel.
 */
export function CasePresence({ caseId }: { caseId: number }) {
  const t = useTranslations('staffCase');
  const [others, setOthers] = useState<Present[]>([]);
  const writing = useRef(false);
  const idle = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  const url = `/api/casos/${caseId}/presencia`;

  const report = useCallback(
    async (extra: Record<string, boolean> = {}) => {
      const res = await fetch(url, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify({ isWriting: writing.current, ...extra }),
      }).catch(() => null);
      if (res?.ok) setOthers((await res.json()) as Present[]);
    },
    [url],
  );

  useEffect(() => {
    void report();
    const beat = setInterval(() => void report(), HEARTBEAT_MS);
    const onInput = (event: Event) => {
      if (!(event.target instanceof HTMLTextAreaElement)) return;
      clearTimeout(idle.current);
      idle.current = setTimeout(() => {
        writing.current = false;
        void report();
      }, WRITING_IDLE_MS);
      if (!writing.current) {
        writing.current = true;
        void report();
      }
    };
    const leave = () => {
      const body = new Blob([JSON.stringify({ isLeaving: true })], { type: 'application/json' });
      navigator.sendBeacon(url, body);
    };
    document.addEventListener('input', onInput);
    window.addEventListener('pagehide', leave);
    return () => {
      clearInterval(beat);
      clearTimeout(idle.current);
      document.removeEventListener('input', onInput);
      window.removeEventListener('pagehide', leave);
      leave();
    };
  }, [report, url]);

  useLive('presence', (data) => {
    if ((data as { caseId?: unknown }).caseId === caseId) void report();
  });

  const writers = others.filter((o) => o.isWriting);
  return (
    <div className="case-presence" aria-live="polite" data-testid="case-presence">
      {others.length > 0 && (
        <p className="muted">
          {t('presenceViewing', { names: others.map((o) => o.name).join(', ') })}
        </p>
      )}
      {writers.map((o) => (
        <p key={o.userId} className="alert alert-info">
          {t('presenceWriting', { name: o.name })}
        </p>
      ))}
    </div>
  );
}
