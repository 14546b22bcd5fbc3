import 'server-only';
import type { Locale } from '@/lib/domain/enums';

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
  | { kind: 'link'; intro: string; label: string; url: string };

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
      return `${block.intro}\n${block.url}`;
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
        `<p><a href="${escapeHtml(block.url)}">${escapeHtml(block.label)}</a></p>`
      );
  }
}

/**
 * One structure, two renderings: the plain-text part says everything the HTML part says, so a mail
 * client that shows only text loses nothing.
 */
export function renderMail(locale: Locale, blocks: readonly MailBlock[]): RenderedMail {
  const text = `${blocks.map(textOf).join('\n\n')}\n`;
  const body = blocks.map(htmlOf).join('\n');
  const html =
    `<!doctype html>\n<html lang="${locale}"><head><meta charset="utf-8"></head>` +
    `<body style="font-family:Arial,Helvetica,sans-serif;line-height:1.5;color:#1a1a1a">\n` +
    `${body}\n</body></html>\n`;
  return { text, html };
}
