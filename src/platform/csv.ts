import { stringify } from 'csv-stringify/sync';
import { parse } from 'csv-parse/sync';
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
  let records: string[][];
  try {
    records = parse(text.replace(/^\uFEFF/, ''), {
      relax_column_count: true,
      skip_empty_lines: true,
      bom: true,
    });
  } catch (error) {
    throw new CsvReadError(`The file could not be read as CSV: ${(error as Error).message.split('\n')[0]}`);
  }
  const [headerRow, ...body] = records;
  if (!headerRow)
    throw new CsvReadError('The file is empty. It needs a header row and at least one row of data.');
  const header = headerRow.map((cell) => cell.trim().toLowerCase());
  const rows = body.map((cells) =>
    Object.fromEntries(header.map((key, i) => [key, (cells[i] ?? '').trim()])),
  );
  return { header, rows };
}
