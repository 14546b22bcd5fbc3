import 'server-only';
import { getDb } from '@/db/client';
import { organization } from '@/db/schema';
import { OrganizationProfileSchema } from '@/lib/validation/admin-people';
import type { Actor } from '../core/actor';
import { appendEvent } from '../core/audit';
import type { UseCaseOptions } from '../cases/create-case';
import { AppError } from '../core/errors';
import { getOrganization } from '../core/organization';
import { parseInput } from '../core/parse';
import { assertAdmin } from './people';

const PROFILE_FIELDS = [
  'name',
  'taxId',
  'radicadoPrefix',
  'privacyPolicyText',
  'privacyPolicyVersion',
] as const;
type ProfileField = (typeof PROFILE_FIELDS)[number];

export interface OrganizationProfile {
  name: string;
  taxId: string | null;
  radicadoPrefix: string;
  privacyPolicyText: string;
  privacyPolicyVersion: string;
  logoPath?: string | null;
}

export function getOrganizationProfile(
  actor: Actor,
  options: UseCaseOptions = {},
): OrganizationProfile {
  assertAdmin(actor);
  const org = getOrganization(options.db ?? getDb());
  return {
    name: org.name,
    taxId: org.taxId,
    radicadoPrefix: org.radicadoPrefix,
    privacyPolicyText: org.privacyPolicyText,
    privacyPolicyVersion: org.privacyPolicyVersion,
    logoPath: org.logoPath,
  };
}

/**
 * Saves the organisation profile. A changed privacy policy text needs a new version string (consent
 * records keep the version each customer accepted); a new radicado prefix applies to new radicados.
 */
export function updateOrganizationProfile(
  input: unknown,
  actor: Actor,
  options: UseCaseOptions = {},
) {
  assertAdmin(actor);
  const db = options.db ?? getDb();
  const now = options.now ?? new Date();
  const data = parseInput(OrganizationProfileSchema, input);
  const next: OrganizationProfile = { ...data, taxId: data.taxId ?? null };
  return db.transaction(
    (tx) => {
      const current = getOrganization(tx);
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
      const values = { ...next, updatedAt: now };
      tx.insert(organization)
        .values({ ...current, ...values, id: 1 })
        .onConflictDoUpdate({ target: organization.id, set: values })
        .run();
      appendEvent(tx, {
        caseId: null,
        action: 'organization_updated',
        actorRole: actor.role,
        actorId: actor.id,
        visibility: 'internal',
        data: {
          before: Object.fromEntries(changed.map((f) => [f, current[f]])),
          after: Object.fromEntries(changed.map((f) => [f, next[f]])),
        },
        createdAt: now,
      });
      return { changed };
    },
    { behavior: 'immediate' },
  );
}
