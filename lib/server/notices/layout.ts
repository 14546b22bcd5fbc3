import 'server-only';
import type { Locale } from '@/lib/domain/enums';
import { serverTranslator } from './translator';

/** Every interpolated value passes through here before it reaches HTML. */
export function escapeHtml(value: string): string {
  return value
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&#39;');
}

export type MailBlock =
  | { kind: 'title'; text: string }
  | { kind: 'heading'; text: string }
  | { kind: 'paragraph'; text: string }
  | { kind: 'facts'; rows: readonly { label: string; value: string }[] }
  | { kind: 'link'; intro: string; label: string; url: string }
  /** Items that each open a page (the daily digest): a label, a line of text, its address. */
  | { kind: 'list'; items: readonly ListItem[] };

export interface ListItem {
  label: string;
  text: string;
  url: string;
}

/** Who writes: the organisation's name, NIT and logo (an absolute URL), on every notice. */
export interface MailBrand {
  name: string;
  taxId: string | null;
  logoUrl: string | null;
}

/** The frame every notice to a petitioner shares: the brand, the case, and a closing that fits. */
export interface MailFrame {
  brand: MailBrand;
  radicado: string;
  /** Closing paragraphs under the organisation's signature line (kind-specific wording). */
  footer: readonly string[];
}

export interface RenderedMail {
  text: string;
  html: string;
}

function textOf(block: MailBlock): string {
  switch (block.kind) {
    case 'title':
    case 'heading':
      return block.text.toUpperCase();
    case 'paragraph':
      return block.text;
    case 'facts':
      return block.rows.map((r) => `${r.label}: ${r.value}`).join('\n');
    case 'link':
      return `${block.intro}\n${block.label}: ${block.url}`;
    case 'list':
      return block.items.map((i) => `- ${i.label}: ${i.text}\n  ${i.url}`).join('\n');
  }
}

const CELL = 'padding:4px 12px 4px 0;vertical-align:top';

/**
 * What a person wrote, as they wrote it: a blank line starts a new paragraph and a single line
 * break stays a line break (the text part keeps both as they are).
 */
export function paragraphsHtml(text: string): string {
  return text
    .replace(/\r\n?/g, '\n')
    .split(/\n\s*\n/)
    .map((part) => part.trim())
    .filter((part) => part !== '')
    .map((part) => `<p>${part.split('\n').map(escapeHtml).join('<br>')}</p>`)
    .join('');
}

function htmlOf(block: MailBlock): string {
  switch (block.kind) {
    case 'title':
      return `<h1 style="font-size:20px">${escapeHtml(block.text)}</h1>`;
    case 'heading':
      return `<h2 style="font-size:16px">${escapeHtml(block.text)}</h2>`;
    case 'paragraph':
      return paragraphsHtml(block.text);
    case 'facts': {
      const rows = block.rows
        .map(
          (r) =>
            `<tr><th scope="row" style="${CELL};text-align:left">${escapeHtml(r.label)}</th>` +
            `<td style="${CELL}">${escapeHtml(r.value)}</td></tr>`,
        )
        .join('');
      return `<table role="presentation" style="border-collapse:collapse">${rows}</table>`;
    }
    case 'link':
      return (
        `<p>${escapeHtml(block.intro)}</p>` +
        `<p><a href="${escapeHtml(block.url)}" style="${BUTTON}">${escapeHtml(block.label)}</a></p>`
      );
    case 'list': {
      const items = block.items
        .map(
          (i) =>
            `<li style="margin:0 0 8px"><a href="${escapeHtml(i.url)}" style="color:#0b5cad">` +
            `<strong>${escapeHtml(i.label)}</strong></a><br>${escapeHtml(i.text)}</li>`,
        )
        .join('');
      return `<ul style="padding-left:20px">${items}</ul>`;
    }
  }
}

const BUTTON =
  'display:inline-block;padding:10px 18px;background:#0b5cad;color:#ffffff;' +
  'text-decoration:none;border-radius:6px;font-weight:bold';
const MUTED = 'color:#55606e;font-size:13px;margin:2px 0';

/** The organisation's identity line: "Name · NIT 900…" (the name alone when no NIT is set). */
function identityOf(locale: Locale, brand: MailBrand): string {
  if (!brand.taxId) return brand.name;
  return `${brand.name} · ${serverTranslator(locale)('mail.layout.taxId', { taxId: brand.taxId })}`;
}

function headerHtml(locale: Locale, frame: MailFrame): string {
  const t = serverTranslator(locale);
  const { brand } = frame;
  const logo = brand.logoUrl
    ? `<img src="${escapeHtml(brand.logoUrl)}" alt="${escapeHtml(brand.name)}" height="48" ` +
      `style="display:block;height:48px;max-width:200px;margin:0 0 8px;border:0">`
    : '';
  return (
    `<tr><td style="padding:20px 24px;border-bottom:3px solid #0b5cad">${logo}` +
    `<p style="font-size:18px;font-weight:bold;margin:0">${escapeHtml(brand.name)}</p>` +
    (brand.taxId
      ? `<p style="${MUTED}">${escapeHtml(t('mail.layout.taxId', { taxId: brand.taxId }))}</p>`
      : '') +
    `<p style="${MUTED}">${escapeHtml(t('mail.layout.radicado', { radicado: frame.radicado }))}</p>` +
    `</td></tr>`
  );
}

function footerHtml(locale: Locale, frame: MailFrame): string {
  const paragraphs = [...frame.footer, identityOf(locale, frame.brand)]
    .map((p) => `<p style="margin:4px 0">${escapeHtml(p)}</p>`)
    .join('');
  return `<tr><td style="padding:16px 24px;background:#f5f6f8;color:#55606e;font-size:12px">${paragraphs}</td></tr>`;
}

function headerText(locale: Locale, frame: MailFrame): string {
  const t = serverTranslator(locale);
  const lines = [
    frame.brand.name,
    ...(frame.brand.taxId ? [t('mail.layout.taxId', { taxId: frame.brand.taxId })] : []),
    t('mail.layout.radicado', { radicado: frame.radicado }),
  ];
  return `${lines.join('\n')}\n${'='.repeat(40)}`;
}

function footerText(locale: Locale, frame: MailFrame): string {
  return `--\n${[...frame.footer, identityOf(locale, frame.brand)].join('\n')}`;
}

/**
 * One structure, two renderings: the plain-text part says everything the HTML part says, so a mail
 * client that shows only text loses nothing. With a frame (every notice to a petitioner) the body
 * sits in the organisation's letterhead: logo, name, NIT and radicado above, the closing below, in a
 * 600 px table layout mail clients render alike.
 */
export function renderMail(
  locale: Locale,
  blocks: readonly MailBlock[],
  frame?: MailFrame,
): RenderedMail {
  const bodyText = blocks.map(textOf).join('\n\n');
  const text = frame
    ? `${headerText(locale, frame)}\n\n${bodyText}\n\n${footerText(locale, frame)}\n`
    : `${bodyText}\n`;
  const body = blocks.map(htmlOf).join('\n');
  const content = frame
    ? `<table role="presentation" width="100%" cellpadding="0" cellspacing="0" ` +
      `style="background:#f5f6f8"><tr><td align="center" style="padding:24px 12px">\n` +
      `<table role="presentation" width="600" cellpadding="0" cellspacing="0" ` +
      `style="width:100%;max-width:600px;background:#ffffff;border:1px solid #d6dae0">\n` +
      `${headerHtml(locale, frame)}\n<tr><td style="padding:24px">\n${body}\n</td></tr>\n` +
      `${footerHtml(locale, frame)}\n</table>\n</td></tr></table>`
    : body;
  const html =
    `<!doctype html>\n<html lang="${locale}"><head><meta charset="utf-8"></head>` +
    `<body style="margin:0;font-family:Arial,Helvetica,sans-serif;line-height:1.5;color:#1a1a1a">\n` +
    `${content}\n</body></html>\n`;
  return { text, html };
}

/**
 * A message as plain text without any layout (a webhook's text, a printed letter's body):
 * paragraphs apart by a blank line, facts as `label: value`, line ends as `\n` (a browser form
 * sends what the agent typed with `\r\n`).
 */
export function plainTextOf(blocks: readonly MailBlock[]): string {
  return blocks
    .map((b) =>
      b.kind === 'facts'
        ? b.rows.map((r) => `${r.label}: ${r.value}`).join('\n')
        : b.kind === 'link'
          ? `${b.intro}\n${b.url}`
          : b.kind === 'list'
            ? b.items.map((i) => `- ${i.label}: ${i.text}\n  ${i.url}`).join('\n')
            : b.text,
    )
    .join('\n\n')
    .replace(/\r\n?/g, '\n');
}
