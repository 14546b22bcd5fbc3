'use client';

import type { ErrorInfo } from 'next/error';
import { ErrorView } from './_components/error-view';

/**
 * Catches what the area boundaries do not: a failing area layout. It renders inside the root
 * layout, so it brings its own main landmark.
 */
export default function RootError({ error, retry }: ErrorInfo) {
  return <ErrorView error={error} retry={retry} home="root" landmark="main" />;
}
