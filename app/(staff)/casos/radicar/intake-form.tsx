'use client';

import { DocumentTypeSelect } from '../../../_components/document-type-select';
import Link from 'next/link';
import { useTranslations } from '@/lib/i18n/client';
import { useRouter } from 'next/navigation';
import { useRef, useState } from 'react';
import { FileField } from '@/app/_components/file-field';
import { useFormAction } from '@/app/_components/use-form-action';
import type { PublicCaseType } from '@/lib/server/cases/list-case-types';
import { TextField } from '../../../_components/text-field';
import { addAsRepeatContact, lookupCustomer, radicarVerbal } from './actions';

/** The server's filing schema, loaded on the first press of "Radicar". */
const loadIntakeCheck = () =>
  Promise.all([
    import('@/lib/validation/case-filing'),
    import('@/lib/validation/verbal-filing'),
  ]).then(([filing, verbal]) => ({
    schema: filing.CaseFilingSchema,
    shape: verbal.verbalFilingInput,
  }));

type Found = Extract<Awaited<ReturnType<typeof lookupCustomer>>, { ok: true }>['data'];
const CHANNELS = ['phone', 'walk_in', 'postal'] as const;

export function IntakeForm({ types }: { types: PublicCaseType[] }) {
  const t = useTranslations('intake');
  const tFile = useTranslations('portal.file');
  const tTypes = useTranslations('types');
  const tChannels = useTranslations('channels');
  const tCase = useTranslations('staffCase');
  const tRecord = useTranslations('petitioners');
  const router = useRouter();
  const formRef = useRef<HTMLFormElement>(null);
  const [found, setFound] = useState<Found | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const [isAnonymous, setAnonymous] = useState(false);
  const [lookedUpNumber, setLookedUpNumber] = useState('');
  // Three submissions share the form's error display: the one sent last speaks.
  const [last, setLast] = useState<'search' | 'file' | 'repeat'>('search');
  const search = useFormAction(lookupCustomer, { onSuccess: setFound });
  const file = useFormAction(radicarVerbal, {
    check: loadIntakeCheck,
    extra: { isAnonymous: String(isAnonymous) },
    onSuccess: (data) => router.push(`/casos/${data.radicado}/constancia`),
  });
  const repeat = useFormAction(addAsRepeatContact, {
    onSuccess: (radicado) => setNotice(t('repeatAdded', { radicado })),
  });
  const sent = { search, file, repeat }[last];
  const failure = sent.result && !sent.result.ok ? sent.result : null;
  const errors = sent.errors;

  if (notice) {
    return (
      <p role="status" className="alert alert-ok">
        {notice}
      </p>
    );
  }
  const customer = found?.customer;
  return (
    <div className="intake">
      <form
        onSubmit={(e) => {
          setLast('search');
          setLookedUpNumber(String(new FormData(e.currentTarget).get('documentNumber') ?? ''));
          search.onSubmit(e);
        }}
        className="form compact"
        aria-labelledby="lookup-title"
      >
        <h2 id="lookup-title">{t('lookupTitle')}</h2>
        <div className="field-grid">
          <DocumentTypeSelect id="lookup-type" name="documentType" />
          <TextField
            id="lookup-number"
            name="documentNumber"
            label={tFile('documentNumber')}
            errors={errors.documentNumber}
          />
        </div>
        <button type="submit" className="button" disabled={search.isPending}>
          {t('lookup')}
        </button>
      </form>
      {found && (
        <div role="status" className="alert alert-info">
          <p>{customer ? t('found', { name: customer.fullName }) : t('notFound')}</p>
          {customer && (
            <p>
              <Link href={`/peticionarios/${customer.id}`}>{tRecord('openRecord')}</Link>
            </p>
          )}
        </div>
      )}

      <form
        ref={formRef}
        onSubmit={(e) => {
          setLast('file');
          file.onSubmit(e);
        }}
        noValidate
        className="form"
        aria-labelledby="form-title"
        key={customer?.id ?? 'new'}
      >
        <h2 id="form-title">{t('formTitle')}</h2>
        {failure && (
          <p role="alert" className="alert alert-error">
            {failure.message}
          </p>
        )}
        <div className="field-grid">
          <div className="field">
            <label htmlFor="channel">{t('channel')}</label>
            <select id="channel" name="channel" defaultValue="phone">
              {CHANNELS.map((c) => (
                <option key={c} value={c}>
                  {tChannels(c)}
                </option>
              ))}
            </select>
          </div>
          <div className="field">
            <label htmlFor="typeCode">{tFile('typeLegend')}</label>
            <select
              id="typeCode"
              name="typeCode"
              defaultValue=""
              aria-invalid={errors.typeCode ? true : undefined}
            >
              <option value="">{tCase('fields.choose')}</option>
              {types.map((type) => (
                <option key={type.code} value={type.code}>
                  {tTypes(type.code)}
                </option>
              ))}
            </select>
            {errors.typeCode && <p className="field-error">{errors.typeCode[0]}</p>}
          </div>
          <div className="field">
            <label htmlFor="priority">{t('priority')}</label>
            <select id="priority" name="priority" defaultValue="normal">
              <option value="normal">{tCase('options.priority.normal')}</option>
              <option value="preferente">{tCase('options.priority.preferente')}</option>
            </select>
          </div>
          <TextField
            name="priorityReason"
            label={t('priorityReason')}
            errors={errors.priorityReason}
          />
        </div>
        <TextField name="subject" label={tFile('subject')} errors={errors.subject} />
        <div className="field">
          <label htmlFor="description">{tFile('description')}</label>
          <textarea
            id="description"
            name="description"
            rows={5}
            aria-invalid={errors.description ? true : undefined}
          />
          {errors.description && <p className="field-error">{errors.description[0]}</p>}
        </div>
        <label className="check">
          <input
            type="checkbox"
            checked={isAnonymous}
            onChange={(e) => setAnonymous(e.target.checked)}
          />
          <span>{tFile('anonymous')}</span>
        </label>
        {errors.isAnonymous && <p className="field-error">{errors.isAnonymous[0]}</p>}
        {!isAnonymous && (
          <div className="field-grid">
            <DocumentTypeSelect id="customer.documentType" name="customer.documentType" />
            <TextField
              name="customer.documentNumber"
              label={tFile('documentNumber')}
              defaultValue={found ? lookedUpNumber : undefined}
              errors={errors['customer.documentNumber']}
            />
            <TextField
              name="customer.fullName"
              label={tFile('fullName')}
              defaultValue={customer?.fullName}
              errors={errors['customer.fullName']}
            />
            <TextField
              name="customer.email"
              type="email"
              label={tFile('email')}
              defaultValue={customer?.email ?? undefined}
              errors={errors['customer.email']}
            />
            <TextField
              name="customer.phone"
              type="tel"
              label={tFile('phone')}
              defaultValue={customer?.phone ?? undefined}
              errors={errors['customer.phone']}
            />
            <div className="field">
              <label htmlFor="responseMedium">{t('responseMedium')}</label>
              <select id="responseMedium" name="responseMedium" defaultValue="email">
                <option value="email">{t('responseMedia.email')}</option>
                <option value="postal">{t('responseMedia.postal')}</option>
              </select>
            </div>
            <TextField
              name="responseAddress"
              label={t('responseAddress')}
              defaultValue={customer?.address ?? undefined}
              errors={errors.responseAddress}
            />
          </div>
        )}
        <FileField
          id="intake-attachments"
          label={t('attachments')}
          hint={t('attachmentsHint')}
          errors={errors.attachments}
        />
        {!isAnonymous && (
          <label className="check">
            <input type="checkbox" name="hasConsent" />
            <span>{t('consent')}</span>
          </label>
        )}
        {errors.hasConsent && <p className="field-error">{errors.hasConsent[0]}</p>}
        <label className="check">
          <input type="checkbox" name="assignToMe" defaultChecked />
          <span>{t('assignToMe')}</span>
        </label>

        {found && found.openCases.length > 0 && (
          <section className="alert alert-info" aria-labelledby="open-cases-title">
            <h3 id="open-cases-title">{t('openCasesTitle')}</h3>
            <p>{t('openCasesHint')}</p>
            <ul className="plain-list">
              {found.openCases.map((c) => (
                <li key={c.id}>
                  <span className="mono">{c.radicado}</span> · {tTypes(c.typeCode)} · {c.subject}{' '}
                  <button
                    type="button"
                    className="button"
                    disabled={repeat.isPending}
                    onClick={() => {
                      if (!formRef.current) return;
                      const body = new FormData(formRef.current);
                      body.set('caseId', String(c.id));
                      setLast('repeat');
                      repeat.submit(body);
                    }}
                  >
                    {t('addRepeat', { radicado: c.radicado })}
                  </button>
                </li>
              ))}
            </ul>
          </section>
        )}
        <button type="submit" className="button button-primary" disabled={file.isPending}>
          {t('submit')}
        </button>
      </form>
    </div>
  );
}
