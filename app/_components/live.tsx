'use client';

import { useTranslations } from 'next-intl';
import Link from 'next/link';
import { useRouter } from 'next/navigation';
import { useEffect, useRef, useState } from 'react';

type Handler = (data: unknown) => void;

/** One EventSource per tab, shared by every component that listens (issue 14 §4). */
let source: EventSource | null = null;
const handlers = new Map<string, Set<Handler>>();

function connect() {
  if (source) return;
  source = new EventSource('/api/eventos');
  for (const name of ['bell', 'cases', 'presence']) {
    source.addEventListener(name, (event) => {
      const data: unknown = JSON.parse((event as MessageEvent<string>).data);
      handlers.get(name)?.forEach((handle) => handle(data));
    });
  }
}

function disconnectIfIdle() {
  if ([...handlers.values()].every((set) => set.size === 0)) {
    source?.close();
    source = null;
  }
}

/** Calls `handler` with each `event` the server pushes while the component is mounted. */
export function useLive(event: 'bell' | 'cases' | 'presence', handler: Handler): void {
  const latest = useRef(handler);
  useEffect(() => {
    latest.current = handler;
  });
  useEffect(() => {
    const forward: Handler = (data) => latest.current(data);
    let set = handlers.get(event);
    if (!set) handlers.set(event, (set = new Set()));
    set.add(forward);
    connect();
    return () => {
      set.delete(forward);
      disconnectIfIdle();
    };
  }, [event]);
}

const caseIdsOf = (data: unknown): number[] =>
  Array.isArray((data as { caseIds?: unknown }).caseIds)
    ? ((data as { caseIds: unknown[] }).caseIds.filter((id) => typeof id === 'number') as number[])
    : [];

/** The bell in the top bar: its unread count follows the server without a reload. */
export function LiveBell({ initialUnread }: { initialUnread: number }) {
  const t = useTranslations('notifications');
  const [count, setCount] = useState({ from: initialUnread, unread: initialUnread });
  // A fresh count from the server (a refresh after "mark all read") wins over the pushed one.
  if (count.from !== initialUnread) setCount({ from: initialUnread, unread: initialUnread });
  const { unread } = count;
  const setUnread = (n: number) => setCount((c) => ({ ...c, unread: n }));
  useLive('bell', (data) => {
    const count = (data as { unread?: unknown }).unread;
    if (typeof count === 'number') setUnread(count);
  });
  return (
    <Link href="/avisos" className="bell" aria-label={t('bellUnread', { count: unread })}>
      <svg aria-hidden="true" width="18" height="18" viewBox="0 0 24 24" fill="currentColor">
        <path d="M12 22a2.5 2.5 0 0 0 2.45-2h-4.9A2.5 2.5 0 0 0 12 22Zm7-6V11a7 7 0 0 0-5-6.71V3.5a2 2 0 0 0-4 0v.79A7 7 0 0 0 5 11v5l-2 2v1h18v-1Z" />
      </svg>
      <span>{t('bell')}</span>
      {unread > 0 ? (
        <span className="bell-count" data-testid="bell-count">
          {unread}
        </span>
      ) : null}
    </Link>
  );
}

/** Re-renders the case page when its case changes elsewhere (another person, the petitioner, a job). */
export function LiveCase({ caseId }: { caseId: number }) {
  const router = useRouter();
  useLive('cases', (data) => {
    if (caseIdsOf(data).includes(caseId)) router.refresh();
  });
  return null;
}
