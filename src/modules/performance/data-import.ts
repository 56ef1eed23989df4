import fs from 'node:fs';
import path from 'node:path';
import { CompiledQuery, type Kysely } from 'kysely';
import type { Database } from '../../db/schema.ts';
import { isPostgres, sqliteHandle } from '../../db/database.ts';
import type { Actor } from '../../domain/permissions.ts';
import { parsePeriod, periodProblem, type Period } from '../../domain/periods.ts';
import { NotFoundError, ValidationError } from '../../platform/errors.ts';
import { readDecimal, withoutControlCharacters } from '../../platform/forms.ts';
import { authorise } from '../../platform/service-rules.ts';
import { recordAudit } from '../../platform/audit.ts';
import { streamCsv } from '../../platform/csv.ts';
import { nowIso } from '../../platform/time.ts';
import type { UploadedFile } from '../../platform/uploads.ts';
import { refreshTargetStatuses } from './target-statuses.ts';

/**
 * Importing indicator figures from a CSV file: the public health Fingertips download, or
 * a simple layout (indicator code, area code, period, value). A file is first checked
 * (a dry run): every row is read as it streams from disk, good rows go to a staging
 * table and rejected rows are kept with the reason. Nothing reaches the figures until a
 * person confirms; then the whole file goes in one transaction (all or nothing), values
 * that change keep their earlier version, and a file imported again changes nothing.
 */

export const layouts = {
  fingertips: {
    name: 'Fingertips (public health data download)',
    required: ['indicator id', 'area code', 'time period', 'value'],
  },
  simple: {
    name: 'Simple (indicator code, area code, period, value)',
    required: ['indicator code', 'area code', 'period', 'value'],
  },
} as const;
export type Layout = keyof typeof layouts;

/** Cells that mean "no value" in published statistics. */
const noValueMarks = new Set(['', '*', 'x', '..', '.', ':', '-', '–', 'n/a', 'na', 'c', 'z', 'null']);

/** Rows written to the staging table per statement: 12 columns each, inside both databases' limits on parameters. */
const batchSize = 2000;

const stagedColumns = [
  'import_id',
  'row_number',
  'indicator_id',
  'area_id',
  'period',
  'value',
  'lower_ci',
  'upper_ci',
  'numerator',
  'denominator',
  'provisional',
  'note',
] as const;

type StagedRow = unknown[];

interface Columns {
  layout: Layout;
  indicator: number;
  area: number;
  period: number;
  value: number;
  lower: number;
  upper: number;
  count: number;
  denominator: number;
  note: number;
  sex: number;
  categoryType: number;
  provisional: number;
}

/** Which layout a header row is, and where its columns are; or what is missing, in words. */
export function readHeader(cells: string[]): Columns | string {
  const header = cells.map((c) => c.trim().toLowerCase());
  const at = (name: string) => header.indexOf(name);
  for (const layout of ['fingertips', 'simple'] as const) {
    if (layouts[layout].required.every((name) => header.includes(name))) {
      const fingertips = layout === 'fingertips';
      return {
        layout,
        indicator: at(fingertips ? 'indicator id' : 'indicator code'),
        area: at('area code'),
        period: at(fingertips ? 'time period' : 'period'),
        value: at('value'),
        lower: at(fingertips ? 'lower ci 95.0 limit' : 'lower ci'),
        upper: at(fingertips ? 'upper ci 95.0 limit' : 'upper ci'),
        count: at(fingertips ? 'count' : 'numerator'),
        denominator: at('denominator'),
        note: at(fingertips ? 'value note' : 'note'),
        sex: at('sex'),
        categoryType: at('category type'),
        provisional: at('provisional'),
      };
    }
  }
  const closest = header.includes('indicator id') ? 'fingertips' : 'simple';
  const missing = layouts[closest].required.filter((name) => !header.includes(name));
  return `The first row must name the columns. This file is missing ${missing.map((m) => `“${m}”`).join(', ')}. Use the Fingertips download as it comes, or the simple layout: ${layouts.simple.required.join(', ')}.`;
}

export interface Lookups {
  indicators: Map<string, number>;
  areas: Map<string, { id: number; name: string }>;
  /** Filled in as rows are read: each period the file has figures for, by its code. */
  periodsSeen: Map<string, Period>;
}

/** A cell of a row, trimmed; blank where the file has no such column. */
function cellOf(cells: string[], index: number): string {
  return index >= 0 ? (cells[index] ?? '').trim() : '';
}

const yesWords = new Set(['yes', 'y', 'true', '1', 'provisional']);
const wholePopulationSexes = new Set(['', 'persons', 'all']);

/** An optional number (a confidence limit, a count): null when blank or marked as no value; a problem when not a number. */
function optionalNumber(text: string, label: string, problems: string[]): number | null {
  if (noValueMarks.has(text.toLowerCase())) return null;
  const n = readDecimal(text);
  if (n === null) problems.push(`${label} “${text.slice(0, 30)}” is not a number`);
  return n;
}

/**
 * One row of the file: a staged value, or why it cannot be imported. Runs a million times
 * for a big file, so it makes no functions of its own per row.
 */
export function readRow(
  cells: string[],
  columns: Columns,
  lookups: Lookups,
  rowNumber: number,
  importId: number,
): StagedRow | string {
  const categoryType = cellOf(cells, columns.categoryType);
  if (categoryType !== '')
    return `A breakdown by ${categoryType}: only figures for the whole population are imported`;
  const sex = cellOf(cells, columns.sex);
  if (!wholePopulationSexes.has(sex.toLowerCase()))
    return `A breakdown by sex (${sex}): only figures for persons are imported`;
  const problems: string[] = [];
  const code = cellOf(cells, columns.indicator);
  const indicatorId = lookups.indicators.get(code);
  if (!code) problems.push('The indicator is blank');
  else if (indicatorId === undefined)
    problems.push(`Indicator “${code}” is not in the catalogue: add it first`);
  const areaCode = cellOf(cells, columns.area).toUpperCase();
  const area = lookups.areas.get(areaCode);
  if (!areaCode) problems.push('The area code is blank');
  else if (!area) problems.push(`Area code “${areaCode}” is not an area of this place`);
  const periodText = cellOf(cells, columns.period);
  const period = cachedPeriod(periodText);
  if (!period) problems.push(periodProblem(periodText) ?? 'The period cannot be read');
  const valueText = cellOf(cells, columns.value);
  const noValue = noValueMarks.has(valueText.toLowerCase());
  const value = noValue ? null : readDecimal(valueText);
  if (!noValue && value === null) problems.push(`Value “${valueText.slice(0, 30)}” is not a number`);
  const lower = optionalNumber(cellOf(cells, columns.lower), 'The lower confidence limit', problems);
  const upper = optionalNumber(cellOf(cells, columns.upper), 'The upper confidence limit', problems);
  const count = optionalNumber(cellOf(cells, columns.count), 'The count', problems);
  const denominator = optionalNumber(cellOf(cells, columns.denominator), 'The denominator', problems);
  if (problems.length) return problems.join('; ');
  const givenNote = withoutControlCharacters(cellOf(cells, columns.note)).slice(0, 500);
  const note =
    givenNote || (value === null ? (valueText ? `No value (${valueText})` : 'No value given') : null);
  const provisional = yesWords.has(cellOf(cells, columns.provisional).toLowerCase());
  if (!lookups.periodsSeen.has(period!.code)) lookups.periodsSeen.set(period!.code, period!);
  return [
    importId,
    rowNumber,
    indicatorId,
    area!.id,
    period!.code,
    value,
    lower,
    upper,
    count,
    denominator,
    provisional ? 1 : 0,
    note,
  ];
}

const periods = new Map<string, Period | null>();

/** A file has a few dozen periods over a million rows: each is read once. */
function cachedPeriod(text: string): Period | null {
  let period = periods.get(text);
  if (period === undefined) {
    period = parsePeriod(text);
    if (periods.size > 10_000) periods.clear();
    periods.set(text, period);
  }
  return period;
}

export const importsDirectory = path.resolve('data/imports');

export function createDataImportServices(db: Kysely<Database>) {
  const pg = isPostgres(db);
  const differs = pg ? 'is distinct from' : 'is not';
  const compared = ['value', 'lower_ci', 'upper_ci', 'numerator', 'denominator', 'provisional', 'note'];
  const differ = (before: string, after: string) =>
    `(${compared.map((c) => `${before}.${c} ${differs} ${after}.${c}`).join(' or ')})`;
  const changedWhere = differ('d', 's');
  const sameKey = 'd.indicator_id = s.indicator_id and d.area_id = s.area_id and d.period = s.period';
  /** Checks running in this process, so callers (and tests) can wait for one. */
  const running = new Map<number, Promise<void>>();

  /** SQLite: rows go in this many at a time per statement, so the per-statement cost is paid a fraction as often. */
  const rowsPerStatement = 50;
  // The statement text for a batch is built once per size: the rows change, the SQL does not.
  const insertTexts = new Map<string, string>();
  function insertText(table: string, columns: readonly string[], rows: number): string {
    const key = `${table}:${rows}`;
    let text = insertTexts.get(key);
    // Only the full-batch texts are kept; a last, shorter batch is built once and let go.
    if (!text) {
      let n = 0;
      const tuple = () => `(${columns.map(() => (pg ? `$${++n}` : '?')).join(', ')})`;
      text = `insert into ${table} (${columns.join(', ')}) values ${Array.from({ length: rows }, tuple).join(', ')}`;
      if (rows === batchSize || rows === 1 || rows === rowsPerStatement) insertTexts.set(key, text);
    }
    return text;
  }
  const raw = sqliteHandle(db);
  const prepared = new Map<string, ReturnType<NonNullable<typeof raw>['prepare']>>();
  async function insertRows(table: string, columns: readonly string[], rows: unknown[][]) {
    if (rows.length === 0) return;
    if (raw) {
      const statementFor = (count: number) => {
        const key = `${table}:${count}`;
        let statement = prepared.get(key);
        if (!statement) prepared.set(key, (statement = raw.prepare(insertText(table, columns, count))));
        return statement;
      };
      // Holding the one connection, so nothing else runs in between.
      await db.connection().execute(async () => {
        raw.transaction((all: unknown[][]) => {
          const whole = all.length - (all.length % rowsPerStatement);
          const many = whole ? statementFor(rowsPerStatement) : null;
          for (let i = 0; i < whole; i += rowsPerStatement)
            many!.run(all.slice(i, i + rowsPerStatement).flat());
          const one = whole < all.length ? statementFor(1) : null;
          for (let i = whole; i < all.length; i++) one!.run(all[i]);
        })(rows);
      });
      return;
    }
    await db.executeQuery(CompiledQuery.raw(insertText(table, columns, rows.length), rows.flat()));
  }
  const run = (text: string, parameters: unknown[] = []) =>
    db.executeQuery(CompiledQuery.raw(pg ? numbered(text) : text, parameters));

  async function lookups(): Promise<Lookups> {
    const [indicators, areas] = await Promise.all([
      db.selectFrom('indicators').select(['id', 'code']).execute(),
      db.selectFrom('areas').select(['id', 'name', 'gss_code']).where('gss_code', 'is not', null).execute(),
    ]);
    return {
      indicators: new Map(indicators.map((i) => [i.code, i.id])),
      areas: new Map(areas.map((a) => [a.gss_code!, { id: a.id, name: a.name }])),
      periodsSeen: new Map(),
    };
  }

  /** Keeps an uploaded file and starts checking it; the check runs on while the person watches its progress. */
  async function begin(actor: Actor | null, upload: UploadedFile): Promise<{ id: number }> {
    authorise(actor, 'data:import');
    if (upload.size === 0) {
      fs.rmSync(upload.path, { force: true });
      throw new ValidationError({ file: 'The selected file is empty' });
    }
    fs.mkdirSync(importsDirectory, { recursive: true });
    const stored = path.join(importsDirectory, `${upload.sha256}.csv`);
    fs.renameSync(upload.path, stored);
    const { id } = await db
      .insertInto('data_imports')
      .values({
        filename: upload.filename,
        stored_path: stored,
        sha256: upload.sha256,
        layout: 'unknown',
        status: 'checking',
        created_by: actor.userId,
        created_at: nowIso(),
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    const job = check(id, stored).catch(async (error: unknown) => {
      await db
        .updateTable('data_imports')
        .set({
          status: 'failed',
          finished_at: nowIso(),
          report_json: JSON.stringify({ fileProblem: describe(error) }),
        })
        .where('id', '=', id)
        .execute();
    });
    running.set(id, job);
    void job.finally(() => running.delete(id));
    return { id };
  }

  async function check(id: number, file: string): Promise<void> {
    const maps = await lookups();
    let columns: Columns | null = null;
    let fileProblem: string | null = null;
    let accepted = 0;
    let rejected = 0;
    const staged: StagedRow[] = [];
    const rejects: unknown[][] = [];
    // Full batches as the file streams; the remainder at the end (so one statement text serves nearly every batch).
    const flush = async (force: boolean) => {
      while (staged.length >= batchSize)
        await insertRows('data_import_rows', stagedColumns, staged.splice(0, batchSize));
      if (force && staged.length) await insertRows('data_import_rows', stagedColumns, staged.splice(0));
      const rejectColumns = ['import_id', 'row_number', 'reason', 'excerpt'];
      while (rejects.length >= batchSize)
        await insertRows('data_import_rejects', rejectColumns, rejects.splice(0, batchSize));
      if (force && rejects.length) await insertRows('data_import_rejects', rejectColumns, rejects.splice(0));
    };
    const { rows, brokenQuotesAt } = await streamCsv(file, async (chunk, firstRow) => {
      if (fileProblem) return;
      for (let i = 0; i < chunk.length; i++) {
        const cells = chunk[i]!;
        const rowNumber = firstRow + i;
        if (!columns) {
          const header = readHeader(cells);
          if (typeof header === 'string') {
            fileProblem = header;
            return;
          }
          columns = header;
          continue;
        }
        const result = readRow(cells, columns, maps, rowNumber, id);
        if (typeof result === 'string') {
          rejected += 1;
          rejects.push([id, rowNumber, result, cells.slice(0, 6).join(', ').slice(0, 200)]);
        } else {
          accepted += 1;
          staged.push(result);
        }
      }
      await flush(false);
      await db
        .updateTable('data_imports')
        .set({ rows_done: firstRow + chunk.length - 2 })
        .where('id', '=', id)
        .execute();
    });
    await flush(true);
    await insertRows(
      'data_import_periods',
      ['import_id', 'period', 'period_kind', 'period_start', 'period_end'],
      [...maps.periodsSeen.values()].map((p) => [id, p.code, p.kind, p.start, p.end]),
    );
    if (!fileProblem && brokenQuotesAt !== null)
      fileProblem = `The file could not be read as CSV: a quoted value is not closed (row ${brokenQuotesAt}). Nothing was imported.`;
    if (!fileProblem && rows <= 1)
      fileProblem = 'The file has no rows of figures, only a header row or nothing at all.';
    if (fileProblem) {
      await clearStaged(db, id);
      await db.deleteFrom('data_import_rejects').where('import_id', '=', id).execute();
      await db
        .updateTable('data_imports')
        .set({ status: 'rejected', finished_at: nowIso(), report_json: JSON.stringify({ fileProblem }) })
        .where('id', '=', id)
        .execute();
      return;
    }

    // The same indicator, area and period twice in one file: which is right cannot be known, so neither goes in.
    // Found with one grouped pass over the staging index; most files have none, and then nothing more is done.
    const duplicateKeys = `(select indicator_id, area_id, period from data_import_rows where import_id = ?
      group by indicator_id, area_id, period having count(*) > 1) k`;
    const onKey = 'k.indicator_id = s.indicator_id and k.area_id = s.area_id and k.period = s.period';
    const anyDuplicate = await run(`select 1 as found from ${duplicateKeys} limit 1`, [id]);
    let duplicates = 0;
    if (anyDuplicate.rows.length) {
      const dupes = await run(
        `insert into data_import_rejects (import_id, row_number, reason, excerpt)
         select s.import_id, s.row_number, 'The same indicator, area and period appear more than once in the file: only one value each can be imported',
           i.code || ', ' || a.gss_code || ', ' || s.period
         from data_import_rows s join ${duplicateKeys} on ${onKey}
           join indicators i on i.id = s.indicator_id join areas a on a.id = s.area_id
         where s.import_id = ?`,
        [id, id],
      );
      duplicates = Number(dupes.numAffectedRows ?? 0);
      await run(
        `delete from data_import_rows where import_id = ? and row_number in
           (select s.row_number from data_import_rows s join ${duplicateKeys} on ${onKey} where s.import_id = ?)`,
        [id, id, id],
      );
    }
    const counts = await run(
      `select count(*) as staged,
         sum(case when d.id is null then 1 else 0 end) as new_rows,
         sum(case when d.id is not null and ${changedWhere} then 1 else 0 end) as changed
       from data_import_rows s left join data_points d on ${sameKey}
       where s.import_id = ?`,
      [id],
    );
    const c = counts.rows[0] as { staged: number; new_rows: number | null; changed: number | null };
    const ready = Number(c.staged);
    const newRows = Number(c.new_rows ?? 0);
    const changed = Number(c.changed ?? 0);
    await db
      .updateTable('data_imports')
      .set({
        layout: (columns as Columns | null)?.layout ?? 'unknown',
        status: ready > 0 ? 'checked' : 'rejected',
        rows_total: rows - 1,
        rows_done: rows - 1,
        rows_accepted: ready,
        rows_rejected: rejected + duplicates,
        rows_unchanged: ready - newRows - changed,
        finished_at: nowIso(),
        report_json: JSON.stringify({ newRows, changed, accepted }),
      })
      .where('id', '=', id)
      .execute();
  }

  async function finished(id: number): Promise<void> {
    await running.get(id);
  }

  async function find(actor: Actor | null, id: number) {
    authorise(actor, 'data:import');
    const found = await db.selectFrom('data_imports').selectAll().where('id', '=', id).executeTakeFirst();
    if (!found) throw new NotFoundError('import');
    return found;
  }

  /** The report of a check: counts, the reasons rows were rejected, the first rejected rows and the values that would change. */
  async function report(actor: Actor | null, id: number) {
    const found = await find(actor, id);
    const summary = found.report_json ? (JSON.parse(found.report_json) as Record<string, unknown>) : {};
    // The check counted the values that would change; when it found none, they are not looked for again.
    const mayChange = found.status === 'checked' && Number(summary.changed ?? 0) > 0;
    const [reasons, firstRejects, changes] = await Promise.all([
      run(
        `select reason, count(*) as rows, min(row_number) as first_row from data_import_rejects where import_id = ?
         group by reason order by count(*) desc, min(row_number) limit 20`,
        [id],
      ),
      db
        .selectFrom('data_import_rejects')
        .selectAll()
        .where('import_id', '=', id)
        .orderBy('row_number')
        .limit(100)
        .execute(),
      mayChange
        ? run(
            `select s.row_number, i.code, a.name as area, s.period, d.value as before, s.value as after
         from data_import_rows s join data_points d on ${sameKey} join indicators i on i.id = s.indicator_id join areas a on a.id = s.area_id
         where s.import_id = ? and ${changedWhere} order by s.row_number limit 50`,
            [id],
          )
        : { rows: [] },
    ]);
    return {
      import: found,
      summary: summary as { newRows?: number; changed?: number; fileProblem?: string },
      reasons: reasons.rows as { reason: string; rows: number; first_row: number }[],
      rejects: firstRejects,
      changes: changes.rows as {
        row_number: number;
        code: string;
        area: string;
        period: string;
        before: number | null;
        after: number | null;
      }[],
    };
  }

  /** Every rejected row with its reason, for a spreadsheet. */
  async function rejectedRows(actor: Actor | null, id: number) {
    await find(actor, id);
    return db
      .selectFrom('data_import_rejects')
      .selectAll()
      .where('import_id', '=', id)
      .orderBy('row_number')
      .execute();
  }

  /** Imports a checked file in one transaction. With rejected rows, only when the person has said to leave them out. */
  async function confirm(actor: Actor | null, id: number, input: Record<string, unknown>) {
    const found = await find(actor, id);
    if (found.status === 'imported')
      throw new ValidationError({ form: 'This file has already been imported. Nothing was imported again.' });
    if (found.status !== 'checked')
      throw new ValidationError({ form: 'This file cannot be imported: check it again by uploading it.' });
    if (found.rows_rejected > 0 && input.leaveOutRejected !== 'yes')
      throw new ValidationError({
        leaveOutRejected: `Confirm that the ${found.rows_rejected.toLocaleString('en-GB')} rejected rows should be left out, or correct the file and upload it again`,
      });
    const now = nowIso();
    const source = `Imported from ${found.filename}`;
    return db.transaction().execute(async (trx) => {
      const inTrx = (text: string, parameters: unknown[] = []) =>
        trx.executeQuery(CompiledQuery.raw(pg ? numbered(text) : text, parameters));
      const claimed = await trx
        .updateTable('data_imports')
        .set({ status: 'importing' })
        .where('id', '=', id)
        .where('status', '=', 'checked')
        .executeTakeFirst();
      if (Number(claimed.numUpdatedRows) !== 1)
        throw new ValidationError({
          form: 'This file has already been imported. Nothing was imported again.',
        });
      // The values about to be replaced are kept first; then one statement adds the new
      // values and changes those that differ (unchanged ones are left as they are).
      const revisions = await inTrx(
        `insert into data_point_revisions (data_point_id, value, lower_ci, upper_ci, numerator, denominator, provisional, note, source,
           import_id, recorded_by, replaced_at, replaced_by_import_id, replaced_by_user_id)
         select d.id, d.value, d.lower_ci, d.upper_ci, d.numerator, d.denominator, d.provisional, d.note, d.source, d.import_id, d.recorded_by, ?, ?, ?
         from data_points d join data_import_rows s on ${sameKey} where s.import_id = ? and ${changedWhere}`,
        [now, id, actor!.userId, id],
      );
      const merged = await inTrx(
        `insert into data_points (indicator_id, area_id, period, period_kind, period_start, period_end, value, lower_ci, upper_ci,
           numerator, denominator, provisional, note, source, import_id, recorded_by, version, created_at, updated_at)
         select s.indicator_id, s.area_id, s.period, p.period_kind, p.period_start, p.period_end, s.value, s.lower_ci, s.upper_ci,
           s.numerator, s.denominator, s.provisional, s.note, ?, ?, null, 1, ?, ?
         from data_import_rows s join data_import_periods p on p.import_id = s.import_id and p.period = s.period
         where s.import_id = ?
         on conflict (indicator_id, area_id, period) do update set value = excluded.value, lower_ci = excluded.lower_ci,
           upper_ci = excluded.upper_ci, numerator = excluded.numerator, denominator = excluded.denominator,
           provisional = excluded.provisional, note = excluded.note, source = excluded.source, import_id = excluded.import_id,
           recorded_by = null, version = data_points.version + 1, updated_at = excluded.updated_at
         where ${differ('data_points', 'excluded')}`,
        [source, id, now, now, id],
      );
      const changed = Number(revisions.numAffectedRows ?? 0);
      const added = Number(merged.numAffectedRows ?? 0) - changed;
      const touched = await trx
        .selectFrom('data_import_rows')
        .select('indicator_id')
        .distinct()
        .where('import_id', '=', id)
        .execute();
      await refreshTargetStatuses(trx, { indicatorIds: touched.map((t) => t.indicator_id) });
      await clearStaged(trx, id);
      await trx
        .updateTable('data_imports')
        .set({ status: 'imported', finished_at: now, rows_unchanged: found.rows_accepted - changed - added })
        .where('id', '=', id)
        .execute();
      await recordAudit(trx, actor, {
        entityType: 'data_import',
        entityId: id,
        action: 'imported',
        summary: `Imported ${found.filename}: ${added.toLocaleString('en-GB')} new values, ${changed.toLocaleString('en-GB')} changed, ${(found.rows_accepted - changed - added).toLocaleString('en-GB')} unchanged`,
      });
      return { added, changed, unchanged: found.rows_accepted - changed - added };
    });
  }

  /**
   * Lets go of an import's staged rows. When no other import has rows waiting, the whole
   * table is emptied, which SQLite does by letting go of its pages rather than row by row.
   */
  async function clearStaged(executor: Kysely<Database>, id: number) {
    await executor.deleteFrom('data_import_periods').where('import_id', '=', id).execute();
    const others = await executor
      .selectFrom('data_import_rows')
      .select('import_id')
      .where('import_id', '<>', id)
      .limit(1)
      .execute();
    if (others.length) await executor.deleteFrom('data_import_rows').where('import_id', '=', id).execute();
    else await executor.deleteFrom('data_import_rows').execute();
  }

  async function recent(actor: Actor | null) {
    authorise(actor, 'data:import');
    return db.selectFrom('data_imports').selectAll().orderBy('id', 'desc').limit(20).execute();
  }

  /** At start: checks and imports cut off by a restart are marked as failed, never left "running". */
  async function markInterrupted() {
    await db
      .updateTable('data_imports')
      .set({
        status: 'failed',
        report_json: JSON.stringify({
          fileProblem: 'The check was interrupted when the server restarted. Upload the file again.',
        }),
      })
      .where('status', 'in', ['checking', 'importing'])
      .execute();
    for (const table of ['data_import_rows', 'data_import_periods'] as const)
      await db
        .deleteFrom(table)
        .where('import_id', 'in', (eb) =>
          eb.selectFrom('data_imports').select('id').where('status', '=', 'failed'),
        )
        .execute();
  }

  return { begin, finished, report, rejectedRows, confirm, recent, markInterrupted, find };
}

/** PostgreSQL numbers its parameters ($1, $2…); the statements here are written with ?. */
function numbered(text: string): string {
  let n = 0;
  return text.replace(/\?/g, () => `$${++n}`);
}

function describe(error: unknown): string {
  return error instanceof Error
    ? `The file could not be checked: ${error.message.split('\n')[0]}`
    : 'The file could not be checked.';
}

export type DataImportServices = ReturnType<typeof createDataImportServices>;
