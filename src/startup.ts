import fs from 'node:fs';
import path from 'node:path';
import crypto from 'node:crypto';
import type { Config } from './config.ts';
import { migrateToLatest, openDatabase, type DatabaseHandle } from './db/database.ts';
import { modules } from './modules/index.ts';

/** Migrates, and on a database with no place yet loads the demo place when asked to. */
export async function prepareDatabase(
  config: Config,
  options: { schema?: string } = {},
): Promise<{ database: DatabaseHandle; loadedDemo: boolean }> {
  const database = openDatabase({ ...config.database, schema: options.schema });
  await migrateToLatest(database.db, database.kind === 'postgres' ? options.schema : undefined);
  for (const module of modules) await module.onStart?.(database.db);
  let loadedDemo = false;
  if (config.seed === 'demo') {
    const placeSet = await database.db
      .selectFrom('settings')
      .select('value')
      .where('key', '=', 'place_area_id')
      .executeTakeFirst();
    const users = await database.db.selectFrom('users').select('id').limit(1).execute();
    if (!placeSet && users.length === 0) {
      for (const module of modules) await module.loadDemo?.(database.db);
      loadedDemo = true;
    }
  }
  return { database, loadedDemo };
}

/**
 * The secret that signs session cookies: SESSION_SECRET when set; otherwise one
 * generated once and kept in data/ so sessions survive a restart on one machine.
 */
export function sessionSecretFor(config: Config): string {
  if (config.sessionSecret) return config.sessionSecret;
  if (config.production) {
    throw new Error(
      'Configuration error: SESSION_SECRET must be set in production (at least 32 characters).',
    );
  }
  const file = path.resolve('data/.session-secret');
  if (fs.existsSync(file)) return fs.readFileSync(file, 'utf8').trim();
  fs.mkdirSync(path.dirname(file), { recursive: true });
  const secret = crypto.randomBytes(32).toString('hex');
  fs.writeFileSync(file, secret, { mode: 0o600 });
  return secret;
}
