import { PostgresAdapter, type Kysely, type CreateTableBuilder } from 'kysely';

/** Identity column that works on SQLite and PostgreSQL alike. */
function withId<T extends string>(table: CreateTableBuilder<T, never>, postgres: boolean) {
  return postgres
    ? table.addColumn('id', 'serial', (c) => c.primaryKey())
    : table.addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement());
}

function withTimestampsAndVersion<T extends string>(table: CreateTableBuilder<T, never>) {
  return table
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull());
}

// Migrations stay self-contained (they must not change when the app's code does).
export function isPostgres(db: Kysely<unknown>): boolean {
  return db.getExecutor().adapter instanceof PostgresAdapter;
}

export async function up(db: Kysely<unknown>): Promise<void> {
  const pg = isPostgres(db);

  await db.schema
    .createTable('settings')
    .addColumn('key', 'text', (c) => c.primaryKey())
    .addColumn('value', 'text', (c) => c.notNull())
    .execute();

  await withTimestampsAndVersion(
    withId(db.schema.createTable('areas'), pg)
      .addColumn('name', 'text', (c) => c.notNull())
      .addColumn('slug', 'text', (c) => c.notNull().unique())
      .addColumn('gss_code', 'text', (c) => c.unique())
      .addColumn('kind', 'text', (c) => c.notNull())
      .addColumn('parent_id', 'integer', (c) => c.references('areas.id'))
      .addColumn('population', 'integer'),
  ).execute();

  await withTimestampsAndVersion(
    withId(db.schema.createTable('organisations'), pg)
      .addColumn('name', 'text', (c) => c.notNull())
      .addColumn('slug', 'text', (c) => c.notNull().unique())
      .addColumn('sector', 'text', (c) => c.notNull())
      .addColumn('type', 'text', (c) => c.notNull())
      .addColumn('named_partner', 'integer', (c) => c.notNull().defaultTo(0))
      .addColumn('area_id', 'integer', (c) => c.references('areas.id'))
      .addColumn('website', 'text')
      .addColumn('description', 'text'),
  ).execute();
  await db.schema.createIndex('organisations_name').on('organisations').column('name').execute();

  await withTimestampsAndVersion(
    withId(db.schema.createTable('people'), pg)
      .addColumn('name', 'text', (c) => c.notNull())
      .addColumn('slug', 'text', (c) => c.notNull().unique())
      .addColumn('email', 'text')
      .addColumn('councillor', 'integer', (c) => c.notNull().defaultTo(0))
      .addColumn('ward_id', 'integer', (c) => c.references('areas.id'))
      .addColumn('councillor_role', 'text')
      .addColumn('party', 'text'),
  ).execute();
  await db.schema.createIndex('people_name').on('people').column('name').execute();

  await withId(db.schema.createTable('affiliations'), pg)
    .addColumn('person_id', 'integer', (c) => c.notNull().references('people.id'))
    .addColumn('organisation_id', 'integer', (c) => c.notNull().references('organisations.id'))
    .addColumn('position', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('affiliations_person').on('affiliations').column('person_id').execute();
  await db.schema
    .createIndex('affiliations_organisation')
    .on('affiliations')
    .column('organisation_id')
    .execute();

  await withTimestampsAndVersion(
    withId(db.schema.createTable('partnerships'), pg)
      .addColumn('name', 'text', (c) => c.notNull())
      .addColumn('slug', 'text', (c) => c.notNull().unique())
      .addColumn('short_name', 'text')
      .addColumn('parent_id', 'integer', (c) => c.references('partnerships.id'))
      .addColumn('statutory', 'integer', (c) => c.notNull().defaultTo(0))
      .addColumn('theme', 'text')
      .addColumn('terms_of_reference', 'text')
      .addColumn('status', 'text', (c) => c.notNull().defaultTo('active'))
      .addColumn('established_on', 'text')
      .addColumn('status_changed_on', 'text')
      .addColumn('merged_into_id', 'integer', (c) => c.references('partnerships.id'))
      .addColumn('area_id', 'integer', (c) => c.references('areas.id')),
  ).execute();
  await db.schema.createIndex('partnerships_parent').on('partnerships').column('parent_id').execute();

  await withTimestampsAndVersion(
    withId(db.schema.createTable('memberships'), pg)
      .addColumn('partnership_id', 'integer', (c) => c.notNull().references('partnerships.id'))
      .addColumn('person_id', 'integer', (c) => c.notNull().references('people.id'))
      .addColumn('role', 'text', (c) => c.notNull())
      .addColumn('organisation_id', 'integer', (c) => c.references('organisations.id'))
      .addColumn('sector', 'text', (c) => c.notNull())
      .addColumn('starts_on', 'text', (c) => c.notNull())
      .addColumn('ends_on', 'text'),
  ).execute();
  await db.schema.createIndex('memberships_partnership').on('memberships').column('partnership_id').execute();
  await db.schema.createIndex('memberships_person').on('memberships').column('person_id').execute();
  await db.schema
    .createIndex('memberships_organisation')
    .on('memberships')
    .column('organisation_id')
    .execute();

  await withTimestampsAndVersion(
    withId(db.schema.createTable('users'), pg)
      .addColumn('email', 'text', (c) => c.notNull().unique())
      .addColumn('display_name', 'text', (c) => c.notNull())
      .addColumn('password_hash', 'text', (c) => c.notNull())
      .addColumn('person_id', 'integer', (c) => c.references('people.id'))
      .addColumn('disabled', 'integer', (c) => c.notNull().defaultTo(0))
      .addColumn('last_signed_in_at', 'text'),
  ).execute();

  await withId(db.schema.createTable('role_grants'), pg)
    .addColumn('user_id', 'integer', (c) => c.notNull().references('users.id'))
    .addColumn('role', 'text', (c) => c.notNull())
    .addColumn('partnership_id', 'integer', (c) => c.references('partnerships.id'))
    .addColumn('organisation_id', 'integer', (c) => c.references('organisations.id'))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('role_grants_user').on('role_grants').column('user_id').execute();

  await db.schema
    .createTable('sessions')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('data', 'text', (c) => c.notNull())
    .addColumn('expires_at', 'text', (c) => c.notNull())
    .execute();

  await withId(db.schema.createTable('audit_entries'), pg)
    .addColumn('occurred_at', 'text', (c) => c.notNull())
    .addColumn('actor_user_id', 'integer')
    .addColumn('actor_name', 'text', (c) => c.notNull())
    .addColumn('entity_type', 'text', (c) => c.notNull())
    .addColumn('entity_id', 'integer', (c) => c.notNull())
    .addColumn('action', 'text', (c) => c.notNull())
    .addColumn('summary', 'text', (c) => c.notNull())
    .addColumn('before_json', 'text')
    .addColumn('after_json', 'text')
    .execute();
  await db.schema
    .createIndex('audit_entries_entity')
    .on('audit_entries')
    .columns(['entity_type', 'entity_id'])
    .execute();

  await withId(db.schema.createTable('import_batches'), pg)
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('filename', 'text', (c) => c.notNull())
    .addColumn('content', 'text', (c) => c.notNull())
    .addColumn('row_count', 'integer', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('created_by', 'integer', (c) => c.notNull().references('users.id'))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('committed_at', 'text')
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const table of [
    'import_batches',
    'audit_entries',
    'sessions',
    'role_grants',
    'users',
    'memberships',
    'partnerships',
    'affiliations',
    'people',
    'organisations',
    'areas',
    'settings',
  ]) {
    await db.schema.dropTable(table).execute();
  }
}
