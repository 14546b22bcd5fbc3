'use server';

import { getTranslations } from '@/lib/i18n/server';
import type { FormBody } from '@/app/_components/use-form-action';
import {
  createApiKeyForChannel,
  createChannel,
  revokeApiKey,
  setChannelActive,
} from '@/lib/server/admin/api-keys-admin';
import {
  removeChannelWebhook,
  rotateChannelWebhookSecret,
  setChannelWebhook,
} from '@/lib/server/admin/channel-webhooks';
import { action } from '@/lib/server/core/action';
import { AdminFormSchema } from '@/lib/validation/admin-form';
import type { Reveal } from '../catalogos/reveal';

/** Channels and API keys: admins only. */
const config = {
  access: 'admin',
  schema: AdminFormSchema,
  messages: ['adminCatalog.errors'],
  revalidate: '/admin/canales',
} as const;

const create = action(config, async (ctx, input) => {
  await createChannel(ctx, input);
});
const toggle = action(config, (ctx, input) => setChannelActive(ctx, input));
const revoke = action(config, (ctx, input) => revokeApiKey(ctx, input));

/** The new key (and secret) travel back in this one answer only: nothing stores them in clear. */
const createKey = action(config, async (ctx, input): Promise<Reveal> => {
  const created = await createApiKeyForChannel(ctx, input);
  const t = await getTranslations('adminCatalog.channels');
  const reveal = [{ label: t('newKey'), value: created.key }];
  if (created.signingSecret) reveal.push({ label: t('newSecret'), value: created.signingSecret });
  return { reveal };
});

/** A channel's webhook secret travels back once too: on the first URL and on each rotation. */
async function revealSecret(secret: string | null): Promise<Reveal | undefined> {
  if (!secret) return undefined;
  const t = await getTranslations('adminCatalog.channels');
  return { reveal: [{ label: t('webhookSecret'), value: secret }] };
}
const setWebhook = action(config, async (ctx, input) =>
  revealSecret((await setChannelWebhook(ctx, input)).secret),
);
const rotateWebhook = action(config, async (ctx, input) =>
  revealSecret((await rotateChannelWebhookSecret(ctx, input)).secret),
);
const removeWebhook = action(config, (ctx, input) => removeChannelWebhook(ctx, input));

export async function createChannelAction(form: FormBody) {
  return create(form);
}
export async function toggleChannelAction(form: FormBody) {
  return toggle(form);
}
export async function revokeKeyAction(form: FormBody) {
  return revoke(form);
}
export async function createKeyAction(form: FormBody) {
  return createKey(form);
}
export async function setWebhookAction(form: FormBody) {
  return setWebhook(form);
}
export async function rotateWebhookAction(form: FormBody) {
  return rotateWebhook(form);
}
export async function removeWebhookAction(form: FormBody) {
  return removeWebhook(form);
}
