'use client';

import type { ErrorInfo } from 'next/error';
import { ErrorView } from '../_components/error-view';

/** A staff page that failed: the error shows under the staff header, whose links still work. */
export default function StaffError({ error, retry }: ErrorInfo) {
  return <ErrorView error={error} retry={retry} home="cases" landmark="section" />;
}
