import { stringify } from 'csv-stringify/sync';
import fs from 'node:fs';
import Papa from 'papaparse';
import type { FastifyReply } from 'fastify';

export interface CsvColumn<T> {
  header: string;
  value: (row: T) => string | number | boolean | null | undefined;
}

/**
 * The one CSV writer. Cells that a spreadsheet would run as a formula are prefixed
 * with an apostrophe (CSV injection), and the file starts with a byte-order mark so
 * Excel reads UTF-8 names correctly.
 */
export function toCsv<T>(columns: CsvColumn<T>[], rows: T[]): string {
  const records = rows.map((row) => columns.map((column) => neutralise(column.value(row))));
  return '\uFEFF' + stringify([columns.map((column) => column.header), ...records]);
}

function neutralise(value: string | number | boolean | null | undefined): string {
  if (value === null || value === undefined) return '';
  const text = typeof value === 'boolean' ? (value ? 'yes' : 'no') : String(value);
  return /^[=+\-@\t\r]/.test(text) && typeof value === 'string' ? `'${text}` : text;
}

export function sendCsv(reply: FastifyReply, filename: string, csv: string): FastifyReply {
  return reply
    .type('text/csv; charset=utf-8')
    .header('content-disposition', `attachment; filename="${filename}"`)
    .send(csv);
}

export class CsvReadError extends Error {}

/** The one CSV reader: header row to lower-cased keys, every value trimmed. */
export function readCsv(text: string): { header: string[]; rows: Record<string, string>[] } {
  const result = Papa.parse<string[]>(text.replace(/^\uFEFF/, ''), { delimiter: ',', skipEmptyLines: true });
  const broken = result.errors.find((e) => e.type === 'Quotes');
  if (broken)
    throw new CsvReadError(
      `The file could not be read as CSV: a quoted value is not closed (row ${(broken.row ?? 0) + 1})`,
    );
  const [headerRow, ...body] = result.data;
  if (!headerRow)
    throw new CsvReadError('The file is empty. It needs a header row and at least one row of data.');
  const header = headerRow.map((cell) => cell.trim().toLowerCase());
  const rows = body.map((cells) =>
    Object.fromEntries(header.map((key, i) => [key, (cells[i] ?? '').trim()])),
  );
  return { header, rows };
}

/**
 * The same reader for files too big to hold in memory: reads the file in chunks and
 * hands each chunk's rows (cells as in the file) to `onRows`, waiting for it before
 * reading on, so memory stays flat however long the file. Rows are numbered as a
 * spreadsheet numbers them (the header is row 1).
 */
export async function streamCsv(
  file: string,
  onRows: (rows: string[][], firstRowNumber: number) => Promise<void>,
): Promise<{ rows: number; brokenQuotesAt: number | null }> {
  let seen = 0;
  let brokenQuotesAt: number | null = null;
  let failure: unknown;
  await new Promise<void>((resolve, reject) => {
    Papa.parse<string[]>(fs.createReadStream(file, { highWaterMark: 1 << 20 }), {
      delimiter: ',',
      skipEmptyLines: true,
      chunk(results, parser) {
        const broken = results.errors.find((e) => e.type === 'Quotes');
        if (broken && brokenQuotesAt === null) brokenQuotesAt = seen + (broken.row ?? 0) + 1;
        let rows = results.data;
        if (seen === 0 && rows[0]?.[0]) rows[0][0] = rows[0][0].replace(/^\uFEFF/, '');
        const first = seen + 1;
        seen += rows.length;
        parser.pause();
        onRows(rows, first).then(
          () => parser.resume(),
          (error: unknown) => {
            failure = error;
            rows = [];
            parser.abort();
          },
        );
      },
      complete: () => (failure ? reject(failure) : resolve()),
      error: (error: Error) => reject(error),
    });
  });
  return { rows: seen, brokenQuotesAt };
}
