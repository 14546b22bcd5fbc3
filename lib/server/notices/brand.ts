import 'server-only';
import type { Organization } from '../core/organization';
import { appUrl } from '../portal/portal-access';
import type { MailBrand } from './layout';

/** The organisation as its e-mails present it; the logo by its public address, when one is set. */
export function mailBrand(org: Organization): MailBrand {
  return {
    name: org.name,
    taxId: org.taxId?.trim() ? org.taxId.trim() : null,
    logoUrl: org.logoPath ? `${appUrl()}/api/organizacion/logo` : null,
  };
}
