import { NextIntlClientProvider } from 'next-intl';
import { getMessages } from 'next-intl/server';
import type { ReactNode } from 'react';
import { CLIENT_NAMESPACES, pickMessages } from '@/lib/i18n/client-namespaces';

export { CLIENT_NAMESPACES };

/** A provider for `children` with only the namespaces named (all of them when none are). */
export async function ClientMessages({
  namespaces,
  children,
}: {
  namespaces?: readonly string[];
  children: ReactNode;
}) {
  if (!namespaces) return <NextIntlClientProvider>{children}</NextIntlClientProvider>;
  const messages = pickMessages(await getMessages(), namespaces);
  return <NextIntlClientProvider messages={messages}>{children}</NextIntlClientProvider>;
}

/**
 * A route segment's layout giving its pages one part's client messages (`export default
 * messagesLayout('board')` in the segment's layout.tsx). The part's set replaces the staff shell's
 * below it (lib/i18n/client-namespaces.ts).
 */
export function messagesLayout(part: keyof typeof CLIENT_NAMESPACES) {
  return function PartMessages({ children }: { children: ReactNode }) {
    return <ClientMessages namespaces={CLIENT_NAMESPACES[part]}>{children}</ClientMessages>;
  };
}
