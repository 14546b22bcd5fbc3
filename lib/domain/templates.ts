/**
 * Reply templates (DOMAIN.md §6): `{{placeholders}}` the server fills from the case, and a
 * `{{linea_personal}}` slot the agent must replace with something of their own. Nothing with a
 * `{{…}}` left in it may be sent, and a reply sent as the rendered template unchanged is canned: it
 * is stored as such and counts against interaction quality.
 */

/** What the server knows how to fill (lib/server/template-values). */
export const TEMPLATE_PLACEHOLDERS = [
  'nombre',
  'radicado',
  'fecha_vencimiento',
  'fecha_radicacion',
  'tipo',
  'asunto',
  'agente',
  'entidad',
] as const;
export type Placeholder = (typeof TEMPLATE_PLACEHOLDERS)[number];

/** The slot for the agent's personal line: never filled by the server, always by a person. */
export const PERSONAL_LINE_SLOT = 'linea_personal';

/** Names a template body may use: the fillable placeholders plus the personal-line slot. */
export const TEMPLATE_SLOTS: readonly string[] = [...TEMPLATE_PLACEHOLDERS, PERSONAL_LINE_SLOT];

/**
 * `{{ name }}` with optional spaces inside the braces. The name is whatever is between the braces,
 * trimmed (even nothing), so a mistyped `{{Nombre}}` or an empty `{{ }}` is still found and
 * reported instead of reaching a petitioner.
 */
const PLACEHOLDER = /\{\{\s*([^{}]*?)\s*\}\}/g;

function isPlaceholder(name: string): name is Placeholder {
  return (TEMPLATE_PLACEHOLDERS as readonly string[]).includes(name);
}

/** The distinct placeholder names in `text`, in order of first appearance. */
export function findPlaceholders(text: string): string[] {
  return [...new Set(Array.from(text.matchAll(PLACEHOLDER), (m) => m[1] ?? ''))];
}

/** Names in a template body that no one will fill: what an admin must fix before saving it. */
export function unknownPlaceholders(templateBody: string): string[] {
  return findPlaceholders(templateBody).filter((name) => !TEMPLATE_SLOTS.includes(name));
}

/**
 * Fills the placeholders that have a value; every other `{{…}}` (a missing value, the personal-line
 * slot, an unknown name) is left exactly as written. Values are inserted once, never re-scanned, and
 * runs of braces in a value collapse to one, so a case's own text (a subject typed by the petitioner)
 * can never bring in a placeholder that would then block the reply.
 */
export function renderTemplate(body: string, values: Partial<Record<Placeholder, string>>): string {
  return body.replace(PLACEHOLDER, (token, name: string) => {
    const value = isPlaceholder(name) ? values[name] : undefined;
    return value === undefined ? token : value.replace(/\{+/g, '{').replace(/\}+/g, '}');
  });
}

/** Every `{{…}}` still in a text about to be sent, the personal-line slot included. */
export function unfilledPlaceholders(text: string): string[] {
  return findPlaceholders(text);
}

/**
 * The words of a text as compared for cannedness: placeholders removed (an unreplaced or deleted
 * slot adds nothing personal), accents, case, punctuation and spacing ignored, so fixing a comma or a
 * capital letter does not make a reply personal.
 */
function wordsOf(text: string): string[] {
  return (
    text
      .replace(PLACEHOLDER, ' ')
      .normalize('NFD')
      .replace(/\p{M}/gu, '')
      .toLowerCase()
      .match(/[\p{L}\p{N}]+/gu) ?? []
  );
}

/**
 * True when the reply is the rendered template with nothing changed but spacing, case, accents or
 * punctuation. Threshold: adding, removing or changing one word or more makes it not canned; the
 * personal line is one such change, and replacing the slot with nothing is not.
 */
export function isCannedReply(sentText: string, renderedTemplate: string): boolean {
  const sent = wordsOf(sentText);
  const template = wordsOf(renderedTemplate);
  return sent.length === template.length && sent.every((word, i) => word === template[i]);
}
