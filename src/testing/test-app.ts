import crypto from 'node:crypto';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import { loadConfig } from '../config.ts';
import { buildApp } from '../app.ts';
import { prepareDatabase } from '../startup.ts';
import type { DatabaseHandle } from '../db/database.ts';

/**
 * A whole app over a fresh database for one test file: an in-memory SQLite
 * database, or, when DATABASE_URL points at PostgreSQL, a new schema in it that
 * is created here and dropped afterwards (so each run starts clean).
 */
export async function createTestApp(
  options: {
    demo?: boolean;
    env?: Record<string, string>;
    /** Routes to add before the app starts (the benchmark's bare "hello" route). */
    configure?: (app: FastifyInstance) => void;
  } = {},
) {
  const url = process.env.DATABASE_URL;
  const postgres = url?.startsWith('postgres') ?? false;
  const schema = postgres ? `test_${crypto.randomBytes(6).toString('hex')}` : undefined;
  if (schema) await withPgClient(url!, (client) => client.query(`create schema ${schema}`));
  const config = loadConfig({
    DATABASE_URL: postgres ? url : 'sqlite::memory:',
    SEED: options.demo === false ? 'none' : 'demo',
    SESSION_SECRET: 'test-secret-that-is-at-least-32-characters',
    SIGN_IN_ATTEMPTS_PER_10_MINUTES: '1000',
    // Each test app writes its mail to a folder of its own, never into data/outbox.
    MAIL_OUTBOX: path.join(os.tmpdir(), `placeshaper-outbox-${crypto.randomBytes(6).toString('hex')}`),
    ...options.env,
  });
  const { database } = await prepareDatabase(config, { schema });
  const app = await buildApp({ config, database, sessionSecret: config.sessionSecret! });
  options.configure?.(app);
  await app.ready();
  return {
    app,
    database,
    async close() {
      await app.close();
      await database.close();
      if (schema) await withPgClient(url!, (client) => client.query(`drop schema ${schema} cascade`));
    },
  };
}

async function withPgClient<T>(url: string, work: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

export type TestApp = Awaited<ReturnType<typeof createTestApp>>;
export type { DatabaseHandle };

/** A browser-like visitor: keeps its cookies and the CSRF token of the last page it saw. */
export class Visitor {
  private cookies = new Map<string, string>();
  private csrf = '';
  constructor(
    private readonly app: FastifyInstance,
    /** The address the visitor's requests come from (per-address rate limits); 127.0.0.1 by default. */
    private readonly options: { remoteAddress?: string } = {},
  ) {}

  async get(url: string): Promise<LightMyRequestResponse> {
    const response = await this.app.inject({
      method: 'GET',
      url,
      headers: this.headers(),
      remoteAddress: this.options.remoteAddress,
    });
    this.remember(response);
    return response;
  }

  /** Submits a form as a browser would, with the page's CSRF token unless one is given. */
  async post(
    url: string,
    form: Record<string, string | string[]> = {},
    options: { csrf?: string | null } = {},
  ) {
    const body = new URLSearchParams();
    const token = options.csrf === undefined ? this.csrf : options.csrf;
    if (token) body.append('_csrf', token);
    for (const [key, value] of Object.entries(form)) for (const v of [value].flat()) body.append(key, v);
    const response = await this.app.inject({
      method: 'POST',
      url,
      headers: { ...this.headers(), 'content-type': 'application/x-www-form-urlencoded' },
      payload: body.toString(),
      remoteAddress: this.options.remoteAddress,
    });
    this.remember(response);
    return response;
  }

  async postMultipart(
    url: string,
    fields: Record<string, string>,
    file: { name: string; filename: string; content: string | Buffer; contentType?: string },
  ) {
    const boundary = '----placeshaper' + crypto.randomBytes(8).toString('hex');
    const parts = [
      ...Object.entries({ _csrf: this.csrf, ...fields }).map(([k, v]) =>
        Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${k}"\r\n\r\n${v}\r\n`),
      ),
      Buffer.from(
        `--${boundary}\r\nContent-Disposition: form-data; name="${file.name}"; filename="${file.filename}"\r\nContent-Type: ${file.contentType ?? 'text/csv'}\r\n\r\n`,
      ),
      typeof file.content === 'string' ? Buffer.from(file.content) : file.content,
      Buffer.from(`\r\n--${boundary}--\r\n`),
    ];
    const response = await this.app.inject({
      method: 'POST',
      url,
      headers: { ...this.headers(), 'content-type': `multipart/form-data; boundary=${boundary}` },
      payload: Buffer.concat(parts),
    });
    this.remember(response);
    return response;
  }

  async signIn(email: string, password: string) {
    await this.get('/sign-in');
    const response = await this.post('/sign-in', { email, password });
    if (response.statusCode !== 303) throw new Error(`Sign-in failed for ${email}: ${response.statusCode}`);
    await this.get('/manage');
    return response;
  }

  private headers() {
    return this.cookies.size ? { cookie: [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; ') } : {};
  }

  private remember(response: LightMyRequestResponse) {
    for (const cookie of response.cookies as { name: string; value: string }[])
      this.cookies.set(cookie.name, cookie.value);
    const match = /name="_csrf" value="([^"]+)"/.exec(response.body);
    if (match) this.csrf = match[1]!;
  }
}
