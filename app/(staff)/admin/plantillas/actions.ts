'use server';

import {
  formObject,
  runCatalogAction,
  type CatalogFormState,
} from '@/lib/server/admin/catalog-action';
import {
  createTemplate,
  setTemplateActive,
  updateTemplate,
} from '@/lib/server/admin/templates-admin';

/** Template changes (admins only: runCatalogAction calls requireAdmin first). */
const PATH = '/admin/plantillas';

export async function createTemplateAction(_: CatalogFormState, form: FormData) {
  return runCatalogAction(PATH, (db, actor) => {
    createTemplate(db, actor, formObject(form));
  });
}
export async function updateTemplateAction(_: CatalogFormState, form: FormData) {
  return runCatalogAction(PATH, (db, actor) => {
    updateTemplate(db, actor, formObject(form));
  });
}
export async function toggleTemplateAction(_: CatalogFormState, form: FormData) {
  return runCatalogAction(PATH, (db, actor) => {
    setTemplateActive(db, actor, formObject(form));
  });
}
