import fs from 'node:fs';
import path from 'node:path';
import JSZip from 'jszip';
import type { UploadedFile } from '../../platform/uploads.ts';

/** Papers are documents people open and print: PDF, Word and Excel, nothing that runs. */
export const paperKinds = {
  pdf: { extension: '.pdf', contentType: 'application/pdf', name: 'PDF' },
  docx: {
    extension: '.docx',
    contentType: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
    name: 'Word document',
  },
  xlsx: {
    extension: '.xlsx',
    contentType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    name: 'Excel workbook',
  },
} as const;
export type PaperKind = keyof typeof paperKinds;

/** Large enough for a board pack with pictures; past it, a paper should be split or compressed. */
export const largestPaper = 20 * 1024 * 1024;

/** Where papers are kept: one file per content, named by its SHA-256, so the same file twice is kept once. */
export const papersDirectory = path.resolve('data/papers');

const kindByExtension = new Map<string, PaperKind>(
  Object.entries(paperKinds).map(([kind, k]) => [k.extension, kind as PaperKind]),
);

/** The first bytes of a file: enough to tell a PDF, a zip (Word, Excel) or a program apart. */
function firstBytes(file: string, count: number): Buffer {
  const fd = fs.openSync(file, 'r');
  try {
    const buffer = Buffer.alloc(count);
    const read = fs.readSync(fd, buffer, 0, count, 0);
    return buffer.subarray(0, read);
  } finally {
    fs.closeSync(fd);
  }
}

const isProgram = (head: Buffer) =>
  head.subarray(0, 2).toString('latin1') === 'MZ' ||
  head.subarray(0, 4).equals(Buffer.from([0x7f, 0x45, 0x4c, 0x46])) ||
  head.subarray(0, 2).toString('latin1') === '#!';

/** The Office Open XML part that makes a zip a Word document or an Excel workbook. */
const mainPart: Record<'docx' | 'xlsx', string> = { docx: 'word/document.xml', xlsx: 'xl/workbook.xml' };

/**
 * What kind of paper an upload is, or why it cannot be one, in words for the person
 * uploading it. The file's name, its extension and its content must all agree: a
 * program renamed report.pdf is refused, and so is a Word file with macros.
 */
export async function checkPaperFile(file: UploadedFile): Promise<{ kind: PaperKind } | { problem: string }> {
  const refuse = (problem: string) => ({ problem });
  if (file.tooLarge) return refuse(`The file must be smaller than ${largestPaper / 1024 / 1024} MB`);
  if (file.size === 0) return refuse('The selected file is empty');
  if (/[\\/]/.test(file.sentName) || file.sentName.includes('..') || file.sentName.startsWith('.'))
    return refuse('The file name must be just a name, like agenda-item-4.pdf, without a folder path');
  const kind = kindByExtension.get(path.extname(file.sentName).toLowerCase());
  if (!kind) return refuse('The file must be a PDF, a Word document (.docx) or an Excel workbook (.xlsx)');
  const head = firstBytes(file.path, 8);
  if (isProgram(head))
    return refuse('The file is a program, not a document: only PDF, Word and Excel files can be papers');
  const notWhatItSays = refuse(`The file is called ${file.filename} but is not a ${paperKinds[kind].name}`);
  if (kind === 'pdf') return head.subarray(0, 5).toString('latin1') === '%PDF-' ? { kind } : notWhatItSays;
  if (head.subarray(0, 4).toString('latin1') !== 'PK\u0003\u0004') return notWhatItSays;
  try {
    const zip = await JSZip.loadAsync(fs.readFileSync(file.path));
    const types = await zip.file('[Content_Types].xml')?.async('string');
    if (!types || !zip.file(mainPart[kind])) return notWhatItSays;
    if (/macroEnabled/i.test(types) || zip.file(/vbaProject\.bin$/i).length > 0)
      return refuse(
        'The file contains macros: save it without macros (as .docx or .xlsx) and upload it again',
      );
    return { kind };
  } catch {
    return notWhatItSays;
  }
}

/** Keeps an accepted paper under its hash; a file already kept is not written twice. */
export function keepPaper(file: UploadedFile): void {
  fs.mkdirSync(papersDirectory, { recursive: true });
  const kept = path.join(papersDirectory, file.sha256);
  if (fs.existsSync(kept)) fs.rmSync(file.path, { force: true });
  else fs.renameSync(file.path, kept);
}

export const paperPath = (sha256: string) => path.join(papersDirectory, sha256);
