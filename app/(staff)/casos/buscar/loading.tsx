import { LoadingStatus } from '../../../_components/loading-status';

/** A search over every case can take a moment: the form and a status show at once. */
export default function Loading() {
  return <LoadingStatus />;
}
