'use client';

import { DocumentTypeSelect } from '../../_components/document-type-select';
import { useLocale } from 'next-intl';
import { useFormatter, useTranslations } from '@/lib/i18n/client';
import { useRouter } from 'next/navigation';
import { useRef, useState, type FormEvent } from 'react';
import type { PublicCaseType } from '@/lib/server/cases/list-case-types';
import { FileField } from '../../_components/file-field';
import { TextField } from '../../_components/text-field';
import {
  FormOutcome,
  newSubmissionId,
  postTo,
  useFormAction,
} from '../../_components/use-form-action';

type Limits = { subject: { min: number; max: number }; description: { min: number; max: number } };
type FilingResponse =
  | { code: 'OPEN_CASE_EXISTS'; radicadoTail: string; receivedAt: string }
  | { code: 'ADDED_TO_CASE'; radicadoTail: string }
  | { radicado: string; constanciaUrl: string };

const sendFiling = postTo<FilingResponse>('/api/portal/radicar');
/** The server's schema, loaded on the first press of "Radicar". */
const loadFilingCheck = () =>
  import('@/lib/validation/case-filing').then((m) => ({
    schema: m.CaseFilingSchema,
    shape: m.portalFilingFromForm,
  }));

export function FilingForm({
  types,
  policyVersion,
  policyText,
  limits,
}: {
  types: PublicCaseType[];
  policyVersion: string;
  policyText: string;
  limits: Limits;
}) {
  const t = useTranslations('portal.file');
  const tTypes = useTranslations('types');
  const tHelp = useTranslations('portal.typeHelp');
  const format = useFormatter();
  const locale = useLocale();
  const router = useRouter();
  const formRef = useRef<HTMLFormElement>(null);
  const [typeCode, setTypeCode] = useState<string>('');
  const [isAnonymous, setAnonymous] = useState(false);
  const [descriptionLength, setDescriptionLength] = useState(0);
  const [openCase, setOpenCase] = useState<{ tail: string; receivedAt: string } | null>(null);
  const [addedTail, setAddedTail] = useState<string | null>(null);
  // One press of "Radicar", sent again if its answer is lost: the server files it once.
  const [submissionId] = useState(newSubmissionId);

  const selected = types.find((type) => type.code === typeCode);
  const canBeAnonymous = selected?.allowsAnonymous ?? false;
  const anonymous = isAnonymous && canBeAnonymous;

  const filing = useFormAction(sendFiling, {
    check: loadFilingCheck,
    onSuccess: (data) => {
      if ('radicado' in data) router.push(data.constanciaUrl);
      else if (data.code === 'OPEN_CASE_EXISTS')
        setOpenCase({ tail: data.radicadoTail, receivedAt: data.receivedAt });
      else setAddedTail(data.radicadoTail);
    },
  });
  const { errors, result } = filing;

  function submit(onOpenCase?: 'add' | 'new') {
    if (!formRef.current) return;
    const body = new FormData(formRef.current);
    body.set('isAnonymous', String(anonymous));
    body.set('hasConsent', String(body.get('consent') === 'on'));
    body.set('locale', locale);
    if (onOpenCase) body.set('onOpenCase', onOpenCase);
    filing.submit(body, formRef.current);
  }

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    setOpenCase(null);
    submit();
  }

  if (addedTail) {
    return (
      <p role="status" className="alert alert-ok">
        {t('addedToCase', { tail: addedTail })}
      </p>
    );
  }

  return (
    <form
      ref={formRef}
      onSubmit={onSubmit}
      noValidate
      className="form"
      encType="multipart/form-data"
    >
      <FormOutcome
        result={
          result && !result.ok && result.code === 'VALIDATION'
            ? { ...result, message: t('errorSummary') }
            : result
        }
      />
      <fieldset
        className="fieldset"
        aria-describedby={errors.typeCode ? 'typeCode-error' : undefined}
      >
        <legend>{t('typeLegend')}</legend>
        <div className="choice-grid">
          {types.map((type) => (
            <label key={type.code} className="choice">
              <input
                type="radio"
                name="typeCode"
                value={type.code}
                checked={typeCode === type.code}
                onChange={() => setTypeCode(type.code)}
              />
              <span>
                <span className="choice-title">{tTypes(type.code)}</span>
                <span className="choice-hint">{tHelp(type.code)}</span>
              </span>
            </label>
          ))}
        </div>
        {errors.typeCode && (
          <p id="typeCode-error" className="field-error">
            {errors.typeCode[0]}
          </p>
        )}
      </fieldset>

      <TextField
        name="subject"
        label={t('subject')}
        maxLength={limits.subject.max}
        errors={errors.subject}
        aria-describedby="subject-hint"
      />
      <p id="subject-hint" className="hint">
        {t('subjectHint')}
      </p>
      <div className="field">
        <label htmlFor="description">{t('description')}</label>
        <textarea
          id="description"
          name="description"
          rows={7}
          maxLength={limits.description.max}
          onChange={(e) => setDescriptionLength(e.target.value.length)}
          aria-invalid={errors.description ? true : undefined}
          aria-describedby={`description-hint description-counter${errors.description ? ' description-error' : ''}`}
        />
        <p id="description-hint" className="hint">
          {t('descriptionHint')}
        </p>
        <p id="description-counter" className="hint counter">
          {t('counter', { count: descriptionLength, max: limits.description.max })}
        </p>
        {errors.description && (
          <p id="description-error" className="field-error">
            {errors.description[0]}
          </p>
        )}
      </div>

      <fieldset className="fieldset">
        <legend>{t('identityLegend')}</legend>
        {canBeAnonymous ? (
          <label className="check">
            <input
              type="checkbox"
              checked={isAnonymous}
              onChange={(e) => setAnonymous(e.target.checked)}
            />
            <span>
              {t('anonymous')}
              <span className="choice-hint">{t('anonymousHint')}</span>
            </span>
          </label>
        ) : (
          selected && <p className="hint">{t('anonymousNotAllowed')}</p>
        )}
        {errors.isAnonymous && <p className="field-error">{errors.isAnonymous[0]}</p>}
        {!anonymous && (
          <div className="field-grid">
            <DocumentTypeSelect id="customer.documentType" name="customer.documentType" />
            <TextField
              name="customer.documentNumber"
              label={t('documentNumber')}
              autoComplete="off"
              inputMode="text"
              errors={errors['customer.documentNumber']}
            />
            <TextField
              name="customer.fullName"
              label={t('fullName')}
              autoComplete="name"
              errors={errors['customer.fullName']}
            />
            <TextField
              name="customer.email"
              type="email"
              label={t('email')}
              autoComplete="email"
              errors={errors['customer.email']}
            />
            <TextField
              name="customer.phone"
              type="tel"
              label={t('phone')}
              autoComplete="tel"
              errors={errors['customer.phone']}
            />
          </div>
        )}
      </fieldset>

      <fieldset className="fieldset">
        <legend>{t('attachmentsLegend')}</legend>
        <FileField
          id="attachments"
          label={t('attachments')}
          hint={t('attachmentsHint')}
          errors={errors.attachments}
        />
      </fieldset>

      {!anonymous && (
        <div className="field">
          <label className="check">
            <input
              type="checkbox"
              name="consent"
              aria-invalid={errors.hasConsent ? true : undefined}
              aria-describedby={errors.hasConsent ? 'consent-error' : undefined}
            />
            <span>{t('consent', { version: policyVersion })}</span>
          </label>
          {policyText && (
            <details className="policy">
              <summary>{t('policyLink')}</summary>
              <p>{policyText}</p>
            </details>
          )}
          {errors.hasConsent && (
            <p id="consent-error" className="field-error">
              {errors.hasConsent[0]}
            </p>
          )}
        </div>
      )}

      <div className="honeypot" aria-hidden="true">
        <label htmlFor="website">{t('honeypot')}</label>
        <input id="website" name="website" type="text" tabIndex={-1} autoComplete="off" />
        <input type="hidden" name="submissionId" value={submissionId} />
      </div>

      {openCase && (
        <div role="alert" className="alert alert-info">
          <p>
            {t('openCase', {
              tail: openCase.tail,
              date: format.dateTime(new Date(openCase.receivedAt), 'dayLong'),
            })}
          </p>
          <div className="button-row">
            <button type="button" className="button button-primary" onClick={() => submit('add')}>
              {t('addToOpenCase')}
            </button>
            <button type="button" className="button" onClick={() => submit('new')}>
              {t('fileNew')}
            </button>
          </div>
        </div>
      )}

      <button type="submit" className="button button-primary" disabled={filing.isPending}>
        {filing.isPending ? t('submitting') : t('submit')}
      </button>
    </form>
  );
}
