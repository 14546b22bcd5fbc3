'use server';

import {
  createCategory,
  createProcessWithOwner,
  createRootCause,
  renameCategory,
  renameRootCause,
  setCategoryActive,
  setProcessActive,
  setRootCauseActive,
  updateProcess,
} from '@/lib/server/admin/catalogues';
import {
  formObject,
  runCatalogAction,
  type CatalogFormState,
} from '@/lib/server/admin/catalog-action';

/** Catalogue changes (admins only: runCatalogAction calls requireAdmin first). */
const PATH = '/admin/catalogos';

type UseCase = (
  db: Parameters<typeof createCategory>[0],
  actor: Parameters<typeof createCategory>[1],
  input: unknown,
) => unknown;

function run(useCase: UseCase, form: FormData): Promise<CatalogFormState> {
  return runCatalogAction(PATH, (db, actor) => {
    useCase(db, actor, formObject(form));
  });
}

export async function createCategoryAction(_: CatalogFormState, form: FormData) {
  return run(createCategory, form);
}
export async function renameCategoryAction(_: CatalogFormState, form: FormData) {
  return run(renameCategory, form);
}
export async function toggleCategoryAction(_: CatalogFormState, form: FormData) {
  return run(setCategoryActive, form);
}
export async function createProcessAction(_: CatalogFormState, form: FormData) {
  return run(createProcessWithOwner, form);
}
export async function updateProcessAction(_: CatalogFormState, form: FormData) {
  return run(updateProcess, form);
}
export async function toggleProcessAction(_: CatalogFormState, form: FormData) {
  return run(setProcessActive, form);
}
export async function createRootCauseAction(_: CatalogFormState, form: FormData) {
  return run(createRootCause, form);
}
export async function renameRootCauseAction(_: CatalogFormState, form: FormData) {
  return run(renameRootCause, form);
}
export async function toggleRootCauseAction(_: CatalogFormState, form: FormData) {
  return run(setRootCauseActive, form);
}
