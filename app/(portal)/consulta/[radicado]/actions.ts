'use server';

import { applyCaseAction } from '@/lib/server/cases/apply-case-action';
import { customerAction } from '@/lib/server/portal/customer-action';
import { localDateTimeToInstant } from '@/lib/server/portal/customer-case';
import { getOrganization } from '@/lib/server/core/organization';
import { rateCase } from '@/lib/server/portal/rate-case';
import { checkUploads, filesFromFormData, storeUploads } from '@/lib/server/cases/uploads';
import { getDb } from '@/db/client';
import { requestCtx } from '@/lib/server/core/context';

const text = (form: FormData, name: string) => {
  const value = form.get(name);
  return typeof value === 'string' ? value : undefined;
};

const provideInfoAction = customerAction(async (form, { caseId, actor }) => {
  const checked = await checkUploads(await filesFromFormData(form));
  const { stored, discard } = storeUploads(checked);
  try {
    const applied = await applyCaseAction(
      requestCtx(actor),
      { caseId, action: 'provide_info', body: text(form, 'body') },
      { attachments: stored },
    );
    return applied.to;
  } catch (error) {
    discard();
    throw error;
  }
});

const rateAction = customerAction((form, { caseId, actor }) => {
  rateCase(
    caseId,
    {
      result: text(form, 'result'),
      courtesy: text(form, 'courtesy'),
      clarity: text(form, 'clarity'),
      comment: text(form, 'comment'),
    },
    actor,
  );
  return true;
});

const disagreeAction = customerAction(
  async (form, { caseId, actor }) =>
    (
      await applyCaseAction(requestCtx(actor), {
        caseId,
        action: 'disagree',
        reason: text(form, 'reason'),
      })
    ).to,
);

const callbackAction = customerAction(async (form, { caseId, actor }) => {
  const org = getOrganization(getDb());
  const preferred = text(form, 'preferredAt') ?? '';
  const note = [text(form, 'phone'), text(form, 'note')].filter(Boolean).join(' · ');
  const applied = await applyCaseAction(requestCtx(actor), {
    caseId,
    action: 'request_callback',
    preferredAt: preferred ? localDateTimeToInstant(preferred, org.timeZone) : '',
    body: note || undefined,
  });
  return applied.to;
});

export async function provideInfo(radicado: string, form: FormData) {
  return provideInfoAction(radicado, form);
}
export async function rateAnswer(radicado: string, form: FormData) {
  return rateAction(radicado, form);
}
export async function disagree(radicado: string, form: FormData) {
  return disagreeAction(radicado, form);
}
export async function requestCallback(radicado: string, form: FormData) {
  return callbackAction(radicado, form);
}
