import fs from 'node:fs';
import path from 'node:path';
import SQLite from 'better-sqlite3';
import pg from 'pg';
import {
  Kysely,
  Migrator,
  PostgresAdapter,
  PostgresDialect,
  SqliteDialect,
  sql,
  type Migration,
} from 'kysely';
import type { Database } from './schema.ts';
import type { DatabaseKind } from '../config.ts';
import * as m0001 from './migrations/0001_foundation.ts';
import * as m0002 from './migrations/0002_strategy.ts';
import * as m0003 from './migrations/0003_performance.ts';
import * as m0004 from './migrations/0004_delivery.ts';
import * as m0005 from './migrations/0005_imports_and_revisions.ts';
import * as m0006 from './migrations/0006_lighter_import_staging.ts';
import * as m0007 from './migrations/0007_target_statuses.ts';
import * as m0008 from './migrations/0008_meetings.ts';
import * as m0009 from './migrations/0009_accountability.ts';
import * as m0010 from './migrations/0010_consultations.ts';
import * as m0011 from './migrations/0011_engagement.ts';
import * as m0012 from './migrations/0012_target_summaries.ts';
import * as m0013 from './migrations/0013_narrow_import_staging.ts';

// PostgreSQL returns bigint counts as strings; our counts fit in a JS number.
pg.types.setTypeParser(20, (value) => Number.parseInt(value, 10));

/** Versioned migrations, applied in name order; never edit one that has shipped. */
export const migrations: Record<string, Migration> = {
  '0001_foundation': m0001,
  '0002_strategy': m0002,
  '0003_performance': m0003,
  '0004_delivery': m0004,
  '0005_imports_and_revisions': m0005,
  '0006_lighter_import_staging': m0006,
  '0007_target_statuses': m0007,
  '0008_meetings': m0008,
  '0009_accountability': m0009,
  '0010_consultations': m0010,
  '0011_engagement': m0011,
  '0012_target_summaries': m0012,
  '0013_narrow_import_staging': m0013,
};

export interface DatabaseHandle {
  db: Kysely<Database>;
  kind: DatabaseKind;
  close(): Promise<void>;
}

export interface DatabaseOptions {
  kind: DatabaseKind;
  url: string;
  sqliteFile?: string;
  /** PostgreSQL schema to work in (tests use a fresh one each). */
  schema?: string;
}

export function openDatabase(options: DatabaseOptions): DatabaseHandle {
  if (options.kind === 'postgres') {
    const pool = new pg.Pool({
      connectionString: options.url,
      max: 10,
      connectionTimeoutMillis: 5000,
      ...(options.schema ? { options: `-c search_path=${options.schema}` } : {}),
    });
    const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
    return { db, kind: 'postgres', close: () => db.destroy() };
  }
  const file = options.sqliteFile ?? ':memory:';
  if (file !== ':memory:') fs.mkdirSync(path.dirname(path.resolve(file)), { recursive: true });
  const sqlite = new SQLite(file);
  sqlite.pragma('journal_mode = WAL');
  // With WAL, NORMAL never corrupts the database and spares a disk flush on every commit.
  sqlite.pragma('synchronous = NORMAL');
  // 64 MiB of page cache (the default is 2 MiB): big imports and indexes stay in memory.
  sqlite.pragma('cache_size = -65536');
  sqlite.pragma('foreign_keys = ON');
  sqlite.pragma('busy_timeout = 5000');
  // SQLite's own lower() knows only ASCII; PostgreSQL's knows every letter. Make them agree,
  // so "Église" matches "église" in searches and duplicate checks on both.
  sqlite.function('lower', { deterministic: true }, (value: unknown) =>
    typeof value === 'string' ? value.toLowerCase() : value,
  );
  const db = new Kysely<Database>({
    dialect: new SqliteDialect({
      database: { prepare: reusingStatements(sqlite), close: () => sqlite.close() },
    }),
  });
  sqliteHandles.set(db, sqlite);
  return { db, kind: 'sqlite', close: () => db.destroy() };
}

/**
 * Preparing a statement costs more than running a small one, and pages run the same
 * statements again and again: keep the most recently used few hundred. Safe because
 * Kysely runs one statement at a time on the embedded database's single connection.
 */
function reusingStatements(sqlite: SQLite.Database, keep = 500) {
  const statements = new Map<string, SQLite.Statement>();
  return (text: string): SQLite.Statement => {
    let statement = statements.get(text);
    if (statement) {
      statements.delete(text);
    } else {
      statement = sqlite.prepare(text);
      if (statements.size >= keep) statements.delete(statements.keys().next().value!);
    }
    statements.set(text, statement);
    return statement;
  };
}

const sqliteHandles = new WeakMap<Kysely<Database>, SQLite.Database>();

/**
 * The embedded database's own handle, for bulk loading only: one prepared statement run
 * a thousand times is many times faster than building a statement per batch. Use it only
 * inside `db.connection().execute(...)`, which holds the one connection, so no other
 * query (or another request's transaction) can interleave.
 */
export function sqliteHandle(db: Kysely<Database>): SQLite.Database | undefined {
  return sqliteHandles.get(db);
}

export async function migrateToLatest(db: Kysely<Database>, schema?: string): Promise<void> {
  const migrator = new Migrator({
    db,
    provider: { getMigrations: async () => migrations },
    // Kysely looks for its own tables across all schemas; name ours so another schema's never counts.
    ...(schema ? { migrationTableSchema: schema } : {}),
  });
  const { error, results } = await migrator.migrateToLatest();
  const failed = results?.find((result) => result.status === 'Error');
  if (error || failed) {
    throw new Error(`Database migration ${failed?.migrationName ?? ''} failed: ${String(error)}`);
  }
}

/** For the few places where the two databases need different SQL. */
export function isPostgres(db: Kysely<unknown> | Kysely<Database>): boolean {
  return db.getExecutor().adapter instanceof PostgresAdapter;
}

export async function databaseIsReachable(db: Kysely<Database>): Promise<boolean> {
  try {
    await sql`select 1`.execute(db);
    return true;
  } catch {
    return false;
  }
}

/** "Contains", ignoring case, the same on SQLite and PostgreSQL; % and _ typed by a person are literal. */
export function lowerLike(column: string, term: string) {
  // Both sides are lower-cased by the database itself, so each agrees with itself on every letter.
  const escaped = term.replace(/[\\%_]/g, (c) => `\\${c}`);
  return sql<boolean>`lower(${sql.ref(column)}) like lower(${'%' + escaped + '%'}) escape '\\'`;
}
