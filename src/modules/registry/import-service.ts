import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema.ts';
import { can, type Actor } from '../../domain/permissions.ts';
import { organisationTypeNames, organisationTypes, sectorNames, sectors } from '../../domain/vocabulary.ts';
import { ForbiddenError, NotFoundError, ValidationError } from '../../platform/errors.ts';
import { fieldErrorsFrom, withoutControlCharacters } from '../../platform/forms.ts';
import { CsvReadError, readCsv } from '../../platform/csv.ts';
import { nowIso } from '../../platform/time.ts';
import { organisationForm, personForm } from './forms.ts';
import { insertOrganisation, insertPerson } from './records.ts';

export const importKinds = ['organisations', 'people'] as const;
export type ImportKind = (typeof importKinds)[number];

export const importColumns: Record<ImportKind, { required: string[]; optional: string[] }> = {
  organisations: {
    required: ['name', 'sector', 'type'],
    optional: ['named partner', 'area', 'website', 'description'],
  },
  people: {
    required: ['name'],
    optional: ['email', 'organisation', 'position', 'ward', 'councillor role', 'party'],
  },
};

export interface RowProblem {
  row: number;
  name: string;
  problems: string[];
}

export interface ImportCheck {
  rowCount: number;
  problems: RowProblem[];
  fileProblem?: string;
}

/** Accept the code ("voluntary_community") or the words ("Voluntary and community"). */
function lookup<T extends string>(value: string, codes: readonly T[], names: Record<T, string>): string {
  const v = value.trim().toLowerCase();
  const found = codes.find((code) => code === v.replace(/[\s-]+/g, '_') || names[code].toLowerCase() === v);
  return found ?? value;
}

const yes = (value: string | undefined) =>
  ['yes', 'y', 'true', '1'].includes((value ?? '').trim().toLowerCase());

type Db = Kysely<Database>;

/** CSV import of organisations and people: a dry run that reports every bad row, then all-or-nothing. */
export function createImportServices(db: Db) {
  async function prepare(kind: ImportKind, text: string) {
    const { header, rows } = readCsv(text);
    const missing = importColumns[kind].required.filter((column) => !header.includes(column));
    if (missing.length) {
      throw new CsvReadError(
        `The file is missing the column${missing.length > 1 ? 's' : ''} ${missing.map((m) => `"${m}"`).join(', ')}. The first row must name the columns.`,
      );
    }
    if (rows.length === 0) throw new CsvReadError('The file has a header row but no rows of data.');
    if (rows.length > 5000)
      throw new CsvReadError('The file has more than 5,000 rows. Split it into smaller files.');
    const [areas, organisations, people] = await Promise.all([
      db.selectFrom('areas').select(['id', 'name', 'gss_code', 'kind']).execute(),
      db.selectFrom('organisations').select(['id', 'name']).execute(),
      db.selectFrom('people').select(['id', 'email']).execute(),
    ]);
    const areaFor = (value: string) =>
      areas.find(
        (a) =>
          a.gss_code === value.trim().toUpperCase() || a.name.toLowerCase() === value.trim().toLowerCase(),
      );
    const orgNames = new Map(organisations.map((o) => [o.name.toLowerCase(), o.id]));
    const emails = new Set(people.map((p) => p.email).filter(Boolean));
    const seenInFile = new Set<string>();
    const problems: RowProblem[] = [];
    const records: Record<string, unknown>[] = [];

    rows.forEach((row, index) => {
      const rowNumber = index + 2; // the header is row 1, as a spreadsheet counts
      const rowProblems: string[] = [];
      let input: Record<string, unknown>;
      if (kind === 'organisations') {
        const area = row.area ? areaFor(row.area) : undefined;
        if (row.area && !area) rowProblems.push(`Area "${row.area}" is not a known area name or GSS code`);
        input = {
          name: row.name,
          sector: lookup(row.sector ?? '', sectors, sectorNames),
          type: lookup(row.type ?? '', organisationTypes, organisationTypeNames),
          namedPartner: yes(row['named partner']) ? 'yes' : '',
          areaId: area ? String(area.id) : '',
          website: row.website,
          description: row.description,
        };
        const parsed = organisationForm.safeParse(input);
        if (!parsed.success) rowProblems.push(...Object.values(fieldErrorsFrom(parsed.error)));
        const key = (row.name ?? '').toLowerCase();
        if (key && orgNames.has(key)) rowProblems.push(`There is already an organisation called ${row.name}`);
        if (key && seenInFile.has(key)) rowProblems.push(`${row.name} appears more than once in the file`);
        seenInFile.add(key);
        if (parsed.success) records.push(parsed.data);
      } else {
        const ward = row.ward ? areaFor(row.ward) : undefined;
        if (row.ward && (!ward || ward.kind !== 'ward'))
          rowProblems.push(`Ward "${row.ward}" is not a known ward name or GSS code`);
        if (!row.ward && (row['councillor role'] || row.party)) {
          rowProblems.push(
            'Councillor role and party are only for councillors: give the ward they represent, or leave both blank',
          );
        }
        const organisationId = row.organisation ? orgNames.get(row.organisation.toLowerCase()) : undefined;
        if (row.organisation && !organisationId)
          rowProblems.push(
            `Organisation "${row.organisation}" is not in the registry: import or add it first`,
          );
        input = {
          name: row.name,
          email: row.email,
          organisationId: organisationId ? String(organisationId) : '',
          position: row.position,
          councillor: row.ward ? 'yes' : '',
          wardId: ward ? String(ward.id) : '',
          councillorRole: (row['councillor role'] ?? '').toLowerCase(),
          party: row.party,
        };
        const parsed = personForm.safeParse(input);
        if (!parsed.success) {
          const errors = fieldErrorsFrom(parsed.error);
          // Problems with the ward or organisation are already reported in the file's own words.
          if (row.ward) delete errors.wardId;
          if (row.organisation) delete errors.organisationId;
          rowProblems.push(...Object.values(errors));
        }
        const email = (row.email ?? '').toLowerCase();
        if (email && emails.has(email))
          rowProblems.push(`Someone in the registry already has the email address ${row.email}`);
        if (email && seenInFile.has(email))
          rowProblems.push(`The email address ${row.email} appears more than once in the file`);
        if (email) seenInFile.add(email);
        if (parsed.success) records.push(parsed.data);
      }
      if (rowProblems.length)
        problems.push({ row: rowNumber, name: row.name || '(no name)', problems: [...new Set(rowProblems)] });
    });
    return { rowCount: rows.length, problems, records };
  }

  /** Dry run: checks every row, saves nothing but the file for confirmation if it is clean. */
  async function check(
    actor: Actor | null,
    kind: ImportKind,
    filename: string,
    text: string,
  ): Promise<ImportCheck & { batchId?: number }> {
    if (!can(actor, 'registry:import')) throw new ForbiddenError();
    // Invisible control characters mean nothing in a CSV file (and PostgreSQL refuses NUL).
    text = withoutControlCharacters(text);
    if (!text.trim()) throw new ValidationError({ file: 'The selected file is empty' });
    let prepared;
    try {
      prepared = await prepare(kind, text);
    } catch (error) {
      if (error instanceof CsvReadError) throw new ValidationError({ file: error.message });
      throw error;
    }
    if (prepared.problems.length) return { rowCount: prepared.rowCount, problems: prepared.problems };
    const { id } = await db
      .insertInto('import_batches')
      .values({
        kind,
        filename,
        content: text,
        row_count: prepared.rowCount,
        status: 'checked',
        created_by: actor!.userId,
        created_at: nowIso(),
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    return { rowCount: prepared.rowCount, problems: [], batchId: id };
  }

  async function batch(actor: Actor | null, id: number) {
    if (!can(actor, 'registry:import')) throw new ForbiddenError();
    const found = await db.selectFrom('import_batches').selectAll().where('id', '=', id).executeTakeFirst();
    if (!found) throw new NotFoundError('import');
    return found;
  }

  /** Imports a checked file in one transaction: every row or none. */
  async function commit(actor: Actor | null, id: number): Promise<{ imported: number; kind: ImportKind }> {
    const found = await batch(actor, id);
    const kind = found.kind as ImportKind;
    if (found.status === 'imported')
      throw new ValidationError({
        form: `This file was already imported on ${found.committed_at?.slice(0, 10)}. Nothing was imported again.`,
      });
    const prepared = await prepare(kind, found.content);
    if (prepared.problems.length) {
      throw new ValidationError({
        form: 'The registry has changed since the file was checked and some rows no longer fit. Upload the file again to see why.',
      });
    }
    await db.transaction().execute(async (trx) => {
      const now = nowIso();
      // Claim the file first: a second click (or a second person) finds it already taken.
      const claimed = await trx
        .updateTable('import_batches')
        .set({ status: 'imported', committed_at: now })
        .where('id', '=', id)
        .where('status', '=', 'checked')
        .executeTakeFirst();
      if (Number(claimed.numUpdatedRows) !== 1) {
        throw new ValidationError({
          form: 'This file has already been imported. Nothing was imported again.',
        });
      }
      const how = (name: string) => ({
        action: 'imported' as const,
        summary: `Imported ${name} from ${found.filename}`,
      });
      for (const record of prepared.records) {
        if (kind === 'organisations') {
          const form = record as ReturnType<typeof organisationForm.parse>;
          await insertOrganisation(trx, actor, form, how(form.name));
        } else {
          const form = record as ReturnType<typeof personForm.parse>;
          await insertPerson(trx, actor, form, how(form.name));
        }
      }
    });
    return { imported: prepared.records.length, kind };
  }

  return { check, batch, commit };
}
