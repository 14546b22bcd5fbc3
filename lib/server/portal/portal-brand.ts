import 'server-only';
import type { Organization } from '../core/organization';

export interface PageBrand {
  name: string;
  /** The NIT, when the organisation entered one. */
  taxId: string | null;
  /** The logo by its same-site address, versioned by the profile's last change; null: none set. */
  logoSrc: string | null;
}

/** The organisation as its pages present it (portal header and footer, constancia). */
export function pageBrand(org: Organization): PageBrand {
  const version = org.updatedAt ? `?v=${org.updatedAt.getTime()}` : '';
  return {
    name: org.name,
    taxId: org.taxId?.trim() ? org.taxId.trim() : null,
    logoSrc: org.logoPath ? `/api/organizacion/logo${version}` : null,
  };
}
