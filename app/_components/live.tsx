'use client';

import { useRouter } from 'next/navigation';
import { useEffect, useRef } from 'react';

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

/** Re-renders the case page when its case changes elsewhere (another person, the petitioner, a job). */
export function LiveCase({ caseId }: { caseId: number }) {
  const router = useRouter();
  useLive('cases', (data) => {
    if (caseIdsOf(data).includes(caseId)) router.refresh();
  });
  return null;
}
