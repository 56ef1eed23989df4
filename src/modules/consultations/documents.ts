import { Document, HeadingLevel, Packer, Paragraph, TextRun } from 'docx';
import PDFDocument from 'pdfkit';

/**
 * The documents people print and send: the collective response and each organisation's
 * own response. One model, three renderings (the HTML page, Word and PDF), so the three
 * always say the same words.
 */

export type DocumentPart =
  /** A small heading inside a question: "Our view", "Statements we could not endorse". */
  | { kind: 'heading'; text: string }
  /** A statement, or a view: the words themselves, with an optional note under them. */
  | { kind: 'statement'; text: string; note?: string }
  /** A line about the question: "No collective response." */
  | { kind: 'plain'; text: string };

export interface DocumentQuestion {
  /** "Question 12" */
  label: string;
  text: string;
  parts: DocumentPart[];
}

export interface DocumentSection {
  title: string | null;
  questions: DocumentQuestion[];
}

export interface ResponseDocument {
  title: string;
  /** Short lines under the title: who issued it, when it closes, whether it is final. */
  lines: string[];
  intro: string[];
  sections: DocumentSection[];
  closing: string[];
  /** For the file's properties. */
  author: string;
  subject: string;
}

/** Paragraphs of a text as typed: blank lines separate them, single line breaks stay inside. */
export function paragraphsOf(text: string): string[] {
  return text
    .split(/\n\s*\n/)
    .map((p) => p.trim())
    .filter((p) => p !== '');
}

/** The document as a Word file (.docx). */
export async function responseDocx(model: ResponseDocument): Promise<Buffer> {
  const children: Paragraph[] = [];
  const text = (value: string, options: { italics?: boolean; bold?: boolean; heading?: never } = {}) => {
    for (const paragraph of paragraphsOf(value)) {
      const lines = paragraph.split('\n');
      children.push(
        new Paragraph({
          children: lines.map(
            (line, index) => new TextRun({ text: line, break: index > 0 ? 1 : 0, ...options }),
          ),
        }),
      );
    }
  };
  const heading = (value: string, level: (typeof HeadingLevel)[keyof typeof HeadingLevel]) =>
    children.push(new Paragraph({ text: value, heading: level }));

  heading(model.title, HeadingLevel.TITLE);
  for (const line of model.lines) text(line, { italics: true });
  for (const paragraph of model.intro) text(paragraph);
  for (const section of model.sections) {
    if (section.title) heading(section.title, HeadingLevel.HEADING_1);
    for (const question of section.questions) {
      heading(question.label, HeadingLevel.HEADING_2);
      text(question.text, { italics: true });
      for (const part of question.parts) {
        if (part.kind === 'heading') heading(part.text, HeadingLevel.HEADING_3);
        else if (part.kind === 'plain') text(part.text, { italics: true });
        else {
          text(part.text);
          if (part.note) text(part.note, { italics: true });
        }
      }
    }
  }
  for (const paragraph of model.closing) text(paragraph, { italics: true });

  const document = new Document({
    title: model.title,
    subject: model.subject,
    creator: model.author,
    description: model.lines.join(' '),
    styles: { default: { document: { run: { font: 'Arial', size: 24 } } } },
    sections: [{ children }],
  });
  return Packer.toBuffer(document);
}

// The PDF's built-in fonts know Windows-1252's characters only; anything else would print as
// stray marks, so it is shown as a question mark instead (the Word file keeps every character).
const windows1252Extras = '€‚ƒ„…†‡ˆ‰Š‹ŒŽ‘’“”•–—˜™š›œžŸ';
function printable(text: string): string {
  return [...text]
    .map((c) => {
      const code = c.codePointAt(0)!;
      if (c === '\n' || c === '\t') return c;
      if ((code >= 0x20 && code <= 0x7e) || (code >= 0xa0 && code <= 0xff)) return c;
      return windows1252Extras.includes(c) ? c : '?';
    })
    .join('');
}

/** The document as a PDF (A4, with a title and language for assistive technology). */
export function responsePdf(model: ResponseDocument): Promise<Buffer> {
  const doc = new PDFDocument({
    size: 'A4',
    margin: 56,
    info: { Title: model.title, Author: model.author, Subject: model.subject },
    lang: 'en-GB',
    displayTitle: true,
  });
  const chunks: Buffer[] = [];
  doc.on('data', (chunk: Buffer) => chunks.push(chunk));
  const done = new Promise<Buffer>((resolve) => doc.on('end', () => resolve(Buffer.concat(chunks))));
  const write = (value: string, font: string, size: number, options: PDFKit.Mixins.TextOptions = {}) => {
    for (const paragraph of paragraphsOf(value))
      doc
        .font(font)
        .fontSize(size)
        .text(printable(paragraph), { paragraphGap: 4, ...options });
  };
  const heading = (value: string, size: number) =>
    doc.moveDown(0.6).font('Helvetica-Bold').fontSize(size).text(printable(value)).moveDown(0.3);

  heading(model.title, 18);
  for (const line of model.lines) write(line, 'Helvetica-Oblique', 10);
  doc.moveDown(0.5);
  for (const paragraph of model.intro) write(paragraph, 'Helvetica', 11);
  for (const section of model.sections) {
    if (section.title) heading(section.title, 15);
    for (const question of section.questions) {
      heading(question.label, 12);
      write(question.text, 'Helvetica-Oblique', 10);
      for (const part of question.parts) {
        if (part.kind === 'heading') {
          doc.moveDown(0.2);
          write(part.text, 'Helvetica-Bold', 11);
        } else if (part.kind === 'plain') write(part.text, 'Helvetica-Oblique', 11);
        else {
          write(part.text, 'Helvetica', 11, { indent: 0 });
          if (part.note) write(part.note, 'Helvetica-Oblique', 10);
        }
      }
    }
  }
  doc.moveDown();
  for (const paragraph of model.closing) write(paragraph, 'Helvetica-Oblique', 9);
  doc.end();
  return done;
}
