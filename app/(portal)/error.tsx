'use client';

import type { ErrorInfo } from 'next/error';
import { ErrorView } from '../_components/error-view';

/** A portal page that failed: the error shows under the portal header, whose links still work. */
export default function PortalError({ error, retry }: ErrorInfo) {
  return <ErrorView error={error} retry={retry} home="root" landmark="section" />;
}
