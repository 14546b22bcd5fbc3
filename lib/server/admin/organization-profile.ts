import 'server-only';
import { organization } from '@/db/tables';
import { OrganizationProfileSchema } from '@/lib/validation/admin-people';
import { withTransaction, type Ctx } from '../core/context';
import { AppError } from '../core/errors';
import { requireRole } from '../core/guard';
import { getOrganization } from '../core/organization';
import { parseInput } from '../core/parse';
import { appendAdminEvent } from './admin-event';

const PROFILE_FIELDS = [
  'name',
  'taxId',
  'radicadoPrefix',
  'privacyPolicyText',
  'privacyPolicyVersion',
  'publishTransparency',
] as const;
type ProfileField = (typeof PROFILE_FIELDS)[number];

export interface OrganizationProfile {
  name: string;
  taxId: string | null;
  radicadoPrefix: string;
  privacyPolicyText: string;
  privacyPolicyVersion: string;
  publishTransparency: boolean;
  logoPath?: string | null;
}

export async function getOrganizationProfile(ctx: Ctx): Promise<OrganizationProfile> {
  requireRole(ctx.actor, 'admin');
  const org = await getOrganization(ctx.db);
  return {
    name: org.name,
    taxId: org.taxId,
    radicadoPrefix: org.radicadoPrefix,
    privacyPolicyText: org.privacyPolicyText,
    privacyPolicyVersion: org.privacyPolicyVersion,
    publishTransparency: org.publishTransparency,
    logoPath: org.logoPath,
  };
}

/**
 * Saves the organisation profile. A changed privacy policy text needs a new version string (consent
 * records keep the version each customer accepted); a new radicado prefix applies to new radicados.
 */
export async function updateOrganizationProfile(ctx: Ctx, input: unknown) {
  requireRole(ctx.actor, 'admin');
  const data = parseInput(OrganizationProfileSchema, input);
  const next: OrganizationProfile = { ...data, taxId: data.taxId ?? null };
  return withTransaction(ctx, async (tx) => {
    const current = await getOrganization(tx.db);
    if (
      next.privacyPolicyText !== current.privacyPolicyText &&
      next.privacyPolicyVersion === current.privacyPolicyVersion
    ) {
      throw new AppError('VALIDATION', 'policy text changed without a new version', {
        fieldErrors: { privacyPolicyVersion: ['policyVersionUnchanged'] },
      });
    }
    const changed = PROFILE_FIELDS.filter((f) => next[f] !== current[f]);
    if (changed.length === 0) return { changed: [] as ProfileField[] };
    const values = { ...next, updatedAt: tx.now };
    await tx.db
      .insert(organization)
      .values({ ...current, ...values, id: 1 })
      .onConflictDoUpdate({ target: organization.id, set: values });
    await appendAdminEvent(tx, 'organization_updated', {
      before: Object.fromEntries(changed.map((f) => [f, current[f]])),
      after: Object.fromEntries(changed.map((f) => [f, next[f]])),
    });
    return { changed };
  });
}
