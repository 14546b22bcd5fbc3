import { NotFoundView } from '../_components/not-found-view';
import { statusPageMetadata } from '../_components/status-metadata';

/** notFound() in a portal page: shown under the portal header. Unknown URLs get app/not-found.tsx. */
export function generateMetadata() {
  return statusPageMetadata('notFound');
}

export default function PortalNotFound() {
  return <NotFoundView home="root" />;
}
