/**
 * Creates a site administrator on the configured database, for a real deployment:
 *   npm run create-admin -- --email you@council.gov.uk --name "Your Name"
 * The password is read from the ADMIN_PASSWORD environment variable.
 */
import { parseArgs } from 'node:util';
import { loadConfig } from '../src/config.ts';
import { migrateToLatest, openDatabase } from '../src/db/database.ts';
import { createServices } from '../src/services.ts';
import { ValidationError } from '../src/platform/errors.ts';

const { values } = parseArgs({ options: { email: { type: 'string' }, name: { type: 'string' } } });
const password = process.env.ADMIN_PASSWORD ?? '';
const config = loadConfig(process.env);
const database = openDatabase(config.database);
try {
  await migrateToLatest(database.db);
  const services = createServices(database.db, config);
  const id = await services.accounts.createUser(
    null,
    { displayName: values.name, email: values.email, password, confirmPassword: password },
    [{ role: 'site_admin' }],
  );
  console.log(`Created administrator ${values.email} (account ${id}).`);
} catch (error) {
  if (error instanceof ValidationError) {
    for (const [field, message] of Object.entries(error.fieldErrors))
      console.error(
        `${{ password: 'ADMIN_PASSWORD', displayName: '--name', email: '--email' }[field] ?? field}: ${message}`,
      );
    process.exitCode = 1;
  } else throw error;
} finally {
  await database.close();
}
