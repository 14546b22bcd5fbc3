import 'server-only';
import type { PersonalFields } from '@/db/sql/personal-data';

export const ANONYMISED_NAME = 'Titular anonimizado';
/** What replaces the person's name, document or e-mail inside a case's own subject/description. */
export const REDACTED = '[dato personal retirado]';

/**
 * The values to take out of texts that mention the person: name, document, e-mail, phone and
 * address, longest first (a name is replaced whole before a shorter value inside it); values under
 * 3 characters are left, they would blank unrelated words.
 */
export function personalValues(row: PersonalFields): string[] {
  return [row.full_name, row.document_number, row.email, row.phone, row.address]
    .filter((v): v is string => typeof v === 'string' && v.trim().length >= 3)
    .sort((a, b) => b.length - a.length);
}

const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/**
 * A text with every personal value replaced by REDACTED, in any letter case (the database scrub
 * matches exactly; the files we regenerate get the stricter reading, "ZACARÍAS" is a name too).
 */
export function redactText(text: string, personal: readonly string[]): string {
  if (personal.length === 0) return text;
  const pattern = new RegExp(personal.map(escape).join('|'), 'giu');
  return text.replace(pattern, REDACTED);
}
