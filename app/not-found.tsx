import { NotFoundView } from './_components/not-found-view';
import { PortalShell } from './_components/portal-shell';
import { statusPageMetadata } from './_components/status-metadata';

export function generateMetadata() {
  return statusPageMetadata('notFound');
}

/** An unknown address: the 404 in the portal's frame, with the entity's name and a way home. */
export default function NotFound() {
  return (
    <PortalShell>
      <NotFoundView home="root" />
    </PortalShell>
  );
}
