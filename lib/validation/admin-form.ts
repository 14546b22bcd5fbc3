import { z } from 'zod';

/**
 * An admin form's fields as sent, for the action wrapper: each admin verb parses its own input with
 * its schema (admin-people, admin-config, admin-catalog, admin-records), so the form is parsed once,
 * by the verb, and the wrapper only checks that it is an object of fields.
 */
export const AdminFormSchema = z.record(z.string(), z.unknown());
export type AdminForm = z.infer<typeof AdminFormSchema>;

/** Form fields arrive as text; an empty choice (a blank select) means "none". */
export function withoutEmpty(fields: AdminForm): AdminForm {
  return Object.fromEntries(Object.entries(fields).filter(([, v]) => v !== ''));
}
