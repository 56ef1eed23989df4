import { ConfigError, loadConfig } from './config.ts';
import { buildApp } from './app.ts';
import { prepareDatabase, sessionSecretFor } from './startup.ts';
import { buildStylesheet } from './platform/assets.ts';
import { demoLogins } from './modules/registry/demo-loader.ts';
import { modules } from './modules/index.ts';
import { deleteExpiredSessions } from './platform/session-store.ts';

async function main() {
  let config;
  try {
    config = loadConfig(process.env, process.argv.slice(2));
  } catch (error) {
    if (error instanceof ConfigError) {
      console.error(error.message);
      process.exit(1);
    }
    throw error;
  }
  const sessionSecret = sessionSecretFor(config);
  buildStylesheet();
  const { database, loadedDemo } = await prepareDatabase(config);
  const app = await buildApp({ config, database, sessionSecret, logger: { level: config.logLevel } });
  const sweep = setInterval(
    () => void deleteExpiredSessions(database.db).catch(() => undefined),
    60 * 60 * 1000,
  );
  sweep.unref();
  // Reminders are worked out from the records, so a sweep every few minutes sends whatever has come due.
  const sendReminders = () =>
    void app.services.reminders.sweep((result) => {
      if (result instanceof Error) app.log.error(result, 'reminders could not be sent');
      else if (result.sent || result.failed)
        app.log.info(
          `reminders: ${result.sent} sent to ${app.services.reminders.destination}, ${result.failed} to try again`,
        );
    });
  const reminders = setInterval(sendReminders, 10 * 60 * 1000);
  reminders.unref();

  const shutdown = async () => {
    await app.close();
    await database.close();
    process.exit(0);
  };
  process.on('SIGINT', shutdown);
  process.on('SIGTERM', shutdown);

  await app.listen({ port: config.port, host: config.host });
  sendReminders();
  const settings = await app.services.place.siteSettings();
  console.log(`\nPlaceshaper is running at http://localhost:${config.port} (${database.kind} database)`);
  if (settings.demo) {
    const logins = demoLogins();
    console.log(
      `${loadedDemo ? 'Loaded' : 'Serving'} the demo place ${settings.placeName}. Sign in at /sign-in as any of these, password ${logins[0]?.password}:`,
    );
    const signIns = [...logins, ...modules.flatMap((m) => m.demoSignIns ?? [])];
    for (const login of signIns) console.log(`  ${login.email.padEnd(46)} ${login.roles}`);
  } else if (await app.services.place.needsSetup()) {
    console.log(
      `No place set up yet: open http://localhost:${config.port}/setup to name the place and create the first administrator.`,
    );
  }
}

main().catch((error: Error) => {
  console.error(`Placeshaper could not start: ${error.message}`);
  process.exit(1);
});
