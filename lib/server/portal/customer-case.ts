import 'server-only';

/**
 * @deprecated transitional: the form coercion lives in lib/validation/portal.ts; this re-export
 * stays until the staff case page imports it from there.
 */
export { localDateTimeToInstant } from '@/lib/validation/portal';
