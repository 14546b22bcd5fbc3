import { NotFoundView } from '../_components/not-found-view';
import { statusPageMetadata } from '../_components/status-metadata';

/** notFound() in a staff page (an unknown radicado, person, problem…): shown under the staff header. */
export function generateMetadata() {
  return statusPageMetadata('notFound');
}

export default function StaffNotFound() {
  return <NotFoundView home="cases" />;
}
