import { NextIntlClientProvider } from 'next-intl';
import { getMessages } from 'next-intl/server';
import type { ReactNode } from 'react';
import { pickMessages } from '@/lib/i18n/client-namespaces';

export { CLIENT_NAMESPACES } from '@/lib/i18n/client-namespaces';

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
