'use client';

import { useTranslations } from '@/lib/i18n/client';
import Link from 'next/link';
import { useState } from 'react';
import { useLive } from './live';

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
    // Named by what it shows, then what the number means (WCAG 2.5.3, label in name).
    <Link href="/avisos" className="bell">
      <svg aria-hidden="true" width="18" height="18" viewBox="0 0 24 24" fill="currentColor">
        <path d="M12 22a2.5 2.5 0 0 0 2.45-2h-4.9A2.5 2.5 0 0 0 12 22Zm7-6V11a7 7 0 0 0-5-6.71V3.5a2 2 0 0 0-4 0v.79A7 7 0 0 0 5 11v5l-2 2v1h18v-1Z" />
      </svg>
      <span>{t('bell')}</span>{' '}
      {unread > 0 ? (
        <span className="bell-count" data-testid="bell-count">
          {unread}
        </span>
      ) : null}
      <span className="visually-hidden"> {t('bellUnread', { count: unread })}</span>
    </Link>
  );
}
