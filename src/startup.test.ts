import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import crypto from 'node:crypto';
import pg from 'pg';
import { loadConfig } from './config.ts';
import { migrations as allMigrations } from './db/database.ts';
import { prepareDatabase } from './startup.ts';

async function counts(db: Awaited<ReturnType<typeof prepareDatabase>>['database']['db']) {
  const tables = [
    'areas',
    'organisations',
    'people',
    'partnerships',
    'memberships',
    'users',
    'audit_entries',
  ] as const;
  const result: Record<string, number> = {};
  for (const table of tables) result[table] = (await db.selectFrom(table).select('id').execute()).length;
  return result;
}

describe('starting up', () => {
  it('migrates and loads the demo once: starting twice changes nothing', async () => {
    const postgresUrl = process.env.DATABASE_URL?.startsWith('postgres')
      ? process.env.DATABASE_URL
      : undefined;
    const schema = `test_${crypto.randomBytes(6).toString('hex')}`;
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'placeshaper-'));
    const client = postgresUrl ? new pg.Client({ connectionString: postgresUrl }) : undefined;
    if (client) {
      await client.connect();
      await client.query(`create schema ${schema}`);
    }
    const config = loadConfig({ DATABASE_URL: postgresUrl ?? `sqlite:${path.join(dir, 'db.sqlite')}` });
    try {
      const first = await prepareDatabase(config, { schema });
      assert.equal(first.loadedDemo, true);
      const before = await counts(first.database.db);
      await first.database.close();

      const second = await prepareDatabase(config, { schema });
      assert.equal(second.loadedDemo, false);
      assert.deepEqual(await counts(second.database.db), before);
      const migrations = await second.database.db
        .selectFrom((postgresUrl ? `${schema}.kysely_migration` : 'kysely_migration') as never)
        .selectAll()
        .execute();
      assert.equal(migrations.length, Object.keys(allMigrations).length);
      await second.database.close();
    } finally {
      if (client) {
        await client.query(`drop schema ${schema} cascade`);
        await client.end();
      }
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it('loads no demo data when asked not to', async () => {
    const config = loadConfig({ DATABASE_URL: 'sqlite::memory:', SEED: 'none' });
    const { database, loadedDemo } = await prepareDatabase(config);
    assert.equal(loadedDemo, false);
    assert.deepEqual(await counts(database.db), {
      areas: 0,
      organisations: 0,
      people: 0,
      partnerships: 0,
      memberships: 0,
      users: 0,
      audit_entries: 0,
    });
    await database.close();
  });
});
