import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { ConfigError, loadConfig } from './config.ts';

describe('configuration', () => {
  it('defaults to an SQLite file under data/ on port 3000 with the demo', () => {
    const config = loadConfig({});
    assert.equal(config.port, 3000);
    assert.deepEqual(config.database, {
      kind: 'sqlite',
      url: 'sqlite:data/placeshaper.db',
      sqliteFile: 'data/placeshaper.db',
    });
    assert.equal(config.seed, 'demo');
  });

  it('uses PostgreSQL when DATABASE_URL says so', () => {
    assert.equal(loadConfig({ DATABASE_URL: 'postgres://u@h:5432/db' }).database.kind, 'postgres');
    assert.equal(loadConfig({ DATABASE_URL: 'postgresql://u@h/db' }).database.kind, 'postgres');
  });

  it('sends mail over SMTP_URL when set, and to the outbox folder otherwise', () => {
    assert.deepEqual(loadConfig({}).mail, {
      smtpUrl: undefined,
      from: 'Placeshaper <placeshaper@localhost>',
      outboxDirectory: 'data/outbox',
    });
    const config = loadConfig({
      SMTP_URL: 'smtps://partnership:secret@mail.kelmsfield.gov.uk:465',
      MAIL_FROM: 'Kelmsfield Partnership <partnership@kelmsfield.gov.uk>',
    });
    assert.equal(config.mail.smtpUrl, 'smtps://partnership:secret@mail.kelmsfield.gov.uk:465');
    assert.equal(config.mail.from, 'Kelmsfield Partnership <partnership@kelmsfield.gov.uk>');
  });

  it('never repeats a secret in its error message', () => {
    assert.throws(
      () => loadConfig({ SMTP_URL: 'http://user:hunter2@mail.example' }),
      (error: Error) => error instanceof ConfigError && !error.message.includes('hunter2'),
    );
    assert.throws(
      () => loadConfig({ SESSION_SECRET: 'hunter2' }),
      (error: Error) => error instanceof ConfigError && !error.message.includes('hunter2'),
    );
  });

  it('starts without the demo with --no-demo or SEED=none', () => {
    assert.equal(loadConfig({}, ['--no-demo']).seed, 'none');
    assert.equal(loadConfig({ SEED: 'none' }).seed, 'none');
  });

  it('names the variable and the problem in one line', () => {
    const cases: [Record<string, string>, RegExp][] = [
      [
        { PORT: 'abc' },
        /^Configuration error: PORT must be a whole number between 1 and 65535 \(got "abc"\)\.$/,
      ],
      [{ PORT: '70000' }, /^Configuration error: PORT /],
      [{ DATABASE_URL: 'mysql://x' }, /^Configuration error: DATABASE_URL must start with postgres:\/\//],
      [
        { SESSION_SECRET: 'short' },
        /^Configuration error: SESSION_SECRET must be at least 32 characters long/,
      ],
      [{ SEED: 'lots' }, /^Configuration error: SEED must be "demo" or "none"/],
      [
        { SMTP_URL: 'mail.example.gov.uk' },
        /^Configuration error: SMTP_URL must be the address of a mail server, like smtp:\/\/user:password@mail\.example\.gov\.uk:587\.$/,
      ],
    ];
    for (const [env, message] of cases) {
      assert.throws(
        () => loadConfig(env),
        (error: Error) =>
          error instanceof ConfigError && message.test(error.message) && !error.message.includes('\n'),
      );
    }
  });

  it('stops the server with a non-zero exit and one clear line on a bad value', () => {
    for (const [name, value] of [
      ['PORT', 'abc'],
      ['DATABASE_URL', 'mysql://x'],
    ]) {
      const result = spawnSync(process.execPath, ['--import', 'tsx', 'src/server.ts'], {
        env: {
          ...process.env,
          [name!]: value,
          DATABASE_URL: name === 'DATABASE_URL' ? value : 'sqlite::memory:',
        },
        encoding: 'utf8',
        timeout: 30000,
      });
      assert.equal(result.status, 1, `${name}=${value}`);
      assert.equal(result.stderr.trim().split('\n').length, 1, result.stderr);
      assert.match(result.stderr, new RegExp(`^Configuration error: ${name} `));
    }
  });
});
