import 'server-only';
import PDFDocument from 'pdfkit';
import type { AnswerLetter } from './letter-model';

export type { AnswerLetter } from './letter-model';

/** A logo as stored by the admin (PNG or JPEG, checked by content when it was uploaded). */
export interface LetterLogo {
  bytes: Buffer;
}

const MARGIN = 72;
const FONT = 'Helvetica';
const BOLD = 'Helvetica-Bold';
const INK = '#1f2933';
const MUTED = '#52606d';

/**
 * Renders the answer letter as PDF bytes (US Letter, the standard Helvetica fonts: nothing is
 * downloaded or embedded). The same letter, date included, always gives the same bytes: the
 * document's dates are the letter's own instant, never the clock's.
 */
export function renderAnswerLetter(
  letter: AnswerLetter,
  options: { now: Date; logo?: LetterLogo | null },
): Promise<Uint8Array> {
  const doc = new PDFDocument({
    size: 'LETTER',
    margins: { top: MARGIN, bottom: MARGIN, left: MARGIN, right: MARGIN },
    lang: letter.locale === 'es' ? 'es-CO' : 'en-US',
    displayTitle: true,
    info: {
      Title: `${letter.title} · ${letter.reference[0]?.value ?? ''}`,
      Author: letter.org.name,
      Subject: letter.subject.value,
      Creator: 'Ventanilla',
      Producer: 'Ventanilla',
      CreationDate: options.now,
      ModDate: options.now,
    },
  });
  const chunks: Buffer[] = [];
  const done = new Promise<Uint8Array>((resolve, reject) => {
    doc.on('data', (chunk: Buffer) => chunks.push(chunk));
    doc.on('end', () => resolve(new Uint8Array(Buffer.concat(chunks))));
    doc.on('error', reject);
  });
  try {
    draw(doc, letter, options.logo ?? null);
    doc.end();
  } catch (error) {
    doc.end();
    return Promise.reject(error instanceof Error ? error : new Error(String(error)));
  }
  return done;
}

function draw(doc: PDFKit.PDFDocument, letter: AnswerLetter, logo: LetterLogo | null): void {
  const width = doc.page.width - MARGIN * 2;
  doc.fillColor(INK);
  // Header: the logo when set, then the organisation's name and tax id, and a rule.
  if (logo) {
    doc.image(logo.bytes, MARGIN, MARGIN - 24, { fit: [140, 56] });
    doc.y = MARGIN + 40;
  }
  doc.font(BOLD).fontSize(15).text(letter.org.name, MARGIN, doc.y, { width });
  doc.font(FONT).fontSize(10).fillColor(MUTED);
  for (const line of letter.org.lines) doc.text(line, { width });
  doc.moveDown(0.4);
  doc
    .moveTo(MARGIN, doc.y)
    .lineTo(MARGIN + width, doc.y)
    .lineWidth(0.8)
    .strokeColor('#9aa5b1')
    .stroke();
  doc.moveDown(1.2).fillColor(INK).fontSize(11);

  doc.font(FONT).text(letter.date, { width });
  doc.moveDown(0.6);
  for (const line of letter.reference) labelled(doc, line.label, line.value, width);
  doc.moveDown(1);

  doc.font(FONT).text(letter.recipient.heading, { width });
  letter.recipient.lines.forEach((line, i) => {
    doc.font(i === 0 ? BOLD : FONT).text(line, { width });
  });
  doc.moveDown(1);

  labelled(doc, letter.subject.label, letter.subject.value, width);
  if (letter.decision) labelled(doc, letter.decision.label, letter.decision.value, width);
  doc.moveDown(1);

  doc.font(FONT).text(letter.greeting, { width });
  doc.moveDown(0.6);
  for (const paragraph of letter.paragraphs) {
    doc.text(paragraph, { width, align: 'justify', lineGap: 2 });
    doc.moveDown(0.7);
  }
  doc.moveDown(0.5).text(letter.closing, { width });
  doc.moveDown(2.5);
  doc.font(BOLD).text(letter.signer.name, { width });
  if (letter.signer.role) doc.font(FONT).text(letter.signer.role, { width });
  doc.text(letter.org.name, { width });

  if (letter.recourse) {
    doc.moveDown(1.5);
    doc.font(BOLD).fontSize(9.5).fillColor(MUTED).text(letter.recourse.title, { width });
    doc.font(FONT).text(letter.recourse.text, { width, align: 'justify', lineGap: 1 });
  }
}

function labelled(doc: PDFKit.PDFDocument, label: string, value: string, width: number): void {
  doc.font(BOLD).text(`${label}: `, { width, continued: true });
  doc.font(FONT).text(value);
}
