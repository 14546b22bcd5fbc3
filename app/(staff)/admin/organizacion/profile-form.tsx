'use client';

import { useTranslations } from '@/lib/i18n/client';
import { TextField } from '@/app/_components/text-field';
import { FormOutcome, useFormAction } from '@/app/_components/use-form-action';
import type { OrganizationProfile } from '@/lib/server/admin/organization-profile';
import { saveOrganizationAction } from './actions';

export function ProfileForm({ profile }: { profile: OrganizationProfile }) {
  const t = useTranslations('adminPeople.organization');
  const form = useFormAction(saveOrganizationAction);
  const policyErrors = form.errors.privacyPolicyText;
  return (
    <form onSubmit={form.onSubmit} noValidate className="people-form org-form">
      <TextField
        name="name"
        id="org-name"
        label={t('name')}
        defaultValue={profile.name}
        errors={form.errors.name}
      />
      <TextField
        name="taxId"
        id="org-tax-id"
        label={t('taxId')}
        defaultValue={profile.taxId ?? ''}
        placeholder="900123456-7"
        aria-describedby="org-tax-id-hint"
        errors={form.errors.taxId}
      />
      <p id="org-tax-id-hint" className="muted">
        {t('taxIdHint')}
      </p>
      <TextField
        name="radicadoPrefix"
        id="org-prefix"
        label={t('radicadoPrefix')}
        defaultValue={profile.radicadoPrefix}
        aria-describedby="org-prefix-hint"
        errors={form.errors.radicadoPrefix}
      />
      <p id="org-prefix-hint" className="alert alert-info">
        {t('prefixWarning')}
      </p>
      <div className="field org-policy">
        <label htmlFor="org-policy">{t('policyText')}</label>
        <textarea
          id="org-policy"
          name="privacyPolicyText"
          rows={8}
          defaultValue={profile.privacyPolicyText}
          aria-invalid={policyErrors?.length ? true : undefined}
          aria-describedby={policyErrors?.length ? 'org-policy-error' : undefined}
        />
        {policyErrors?.length ? (
          <p id="org-policy-error" className="field-error">
            {policyErrors[0]}
          </p>
        ) : null}
      </div>
      <TextField
        name="privacyPolicyVersion"
        id="org-policy-version"
        label={t('policyVersion')}
        defaultValue={profile.privacyPolicyVersion}
        aria-describedby="org-policy-version-hint"
        errors={form.errors.privacyPolicyVersion}
      />
      <p id="org-policy-version-hint" className="muted">
        {t('policyVersionHint', { version: profile.privacyPolicyVersion })}
      </p>
      <div className="field field-check">
        <label htmlFor="org-transparency" className="check">
          <input
            type="checkbox"
            id="org-transparency"
            name="publishTransparency"
            defaultChecked={profile.publishTransparency}
            aria-describedby="org-transparency-hint"
          />{' '}
          {t('publishTransparency')}
        </label>
        <p id="org-transparency-hint" className="muted">
          {t('publishTransparencyHint')}
        </p>
      </div>
      <button type="submit" className="button button-primary" disabled={form.isPending}>
        {t('save')}
      </button>
      <FormOutcome result={form.result} success={t('saved')} />
    </form>
  );
}
