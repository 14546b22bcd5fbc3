'use server';

import type { FormBody } from '@/app/_components/use-form-action';
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
import type { Ctx } from '@/lib/server/core/context';
import { action } from '@/lib/server/core/action';
import { AdminFormSchema } from '@/lib/validation/admin-form';

/** Catalogue changes: admins only; a duplicate name is worded by `adminCatalog.errors`. */
function catalogAction(verb: (ctx: Ctx, input: unknown) => Promise<unknown>) {
  return action(
    {
      access: 'admin',
      schema: AdminFormSchema,
      messages: ['adminCatalog.errors'],
      revalidate: '/admin/catalogos',
    },
    async (ctx, input) => {
      await verb(ctx, input);
    },
  );
}

const createCategoryRun = catalogAction(createCategory);
const renameCategoryRun = catalogAction(renameCategory);
const toggleCategoryRun = catalogAction(setCategoryActive);
const createProcessRun = catalogAction(createProcessWithOwner);
const updateProcessRun = catalogAction(updateProcess);
const toggleProcessRun = catalogAction(setProcessActive);
const createRootCauseRun = catalogAction(createRootCause);
const renameRootCauseRun = catalogAction(renameRootCause);
const toggleRootCauseRun = catalogAction(setRootCauseActive);

export async function createCategoryAction(form: FormBody) {
  return createCategoryRun(form);
}
export async function renameCategoryAction(form: FormBody) {
  return renameCategoryRun(form);
}
export async function toggleCategoryAction(form: FormBody) {
  return toggleCategoryRun(form);
}
export async function createProcessAction(form: FormBody) {
  return createProcessRun(form);
}
export async function updateProcessAction(form: FormBody) {
  return updateProcessRun(form);
}
export async function toggleProcessAction(form: FormBody) {
  return toggleProcessRun(form);
}
export async function createRootCauseAction(form: FormBody) {
  return createRootCauseRun(form);
}
export async function renameRootCauseAction(form: FormBody) {
  return renameRootCauseRun(form);
}
export async function toggleRootCauseAction(form: FormBody) {
  return toggleRootCauseRun(form);
}
