'use server';

import { getTranslations } from 'next-intl/server';
import {
  createApiKeyForChannel,
  createChannel,
  revokeApiKey,
  setChannelActive,
} from '@/lib/server/admin/api-keys-admin';
import {
  formObject,
  runCatalogAction,
  type CatalogFormState,
} from '@/lib/server/admin/catalog-action';

/** Channels and API keys (admins only: runCatalogAction calls requireAdmin first). */
const PATH = '/admin/canales';

export async function createChannelAction(_: CatalogFormState, form: FormData) {
  return runCatalogAction(PATH, (db, actor) => {
    createChannel(db, actor, formObject(form));
  });
}
export async function toggleChannelAction(_: CatalogFormState, form: FormData) {
  return runCatalogAction(PATH, (db, actor) => {
    setChannelActive(db, actor, formObject(form));
  });
}
export async function revokeKeyAction(_: CatalogFormState, form: FormData) {
  return runCatalogAction(PATH, (db, actor) => {
    revokeApiKey(db, actor, formObject(form));
  });
}

/** The new key (and secret) travel back in this one answer only: nothing stores them in clear. */
export async function createKeyAction(_: CatalogFormState, form: FormData) {
  const t = await getTranslations('adminCatalog.channels');
  return runCatalogAction(PATH, (db, actor) => {
    const created = createApiKeyForChannel(db, actor, formObject(form));
    const reveal = [{ label: t('newKey'), value: created.key }];
    if (created.signingSecret) reveal.push({ label: t('newSecret'), value: created.signingSecret });
    return reveal;
  });
}
