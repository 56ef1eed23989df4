/**
 * npm run bench (second part): the dashboard and the data import at scale. Generates a
 * place with 200 targets × 40 quarters × 30 areas, then prints:
 * - server time per /dashboard render, uncached and cached (median, p95), as the server
 *   times a request (Fastify's elapsedTime: arrival to the response's last byte sent);
 * - requests/s for /dashboard under 20 concurrent connections beside a bare "hello"
 *   route served by the same process in the same run (the ratio is the figure);
 * - the import rate of a generated 1,000,000-row Fingertips file, and peak memory
 *   during it, beside a 250,000-row file (memory should not grow with the file).
 * Figures, not a test.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createRequire } from 'node:module';
import type { AddressInfo } from 'node:net';
import { performance } from 'node:perf_hooks';
import { sql } from 'kysely';
import { createTestApp } from '../src/testing/test-app.ts';
import { quarterPeriod } from '../src/domain/periods.ts';
import { nowIso } from '../src/platform/time.ts';
import type { Actor } from '../src/domain/permissions.ts';
import { refreshTargetStatuses } from '../src/modules/performance/target-statuses.ts';

const require = createRequire(import.meta.url);
const targetsCount = 200;
const quarters = 40;
const areasCount = Number(process.env.BENCH_AREAS ?? 30);

function summary(times: number[]) {
  const sorted = [...times].sort((a, b) => a - b);
  const at = (q: number) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))]!;
  return `median ${at(0.5).toFixed(1)} ms, p95 ${at(0.95).toFixed(1)} ms`;
}

// A database file, as a real deployment has, so its pages are not counted as the process's memory.
const databaseFile = path.join(os.tmpdir(), `placeshaper-bench-${process.pid}.db`);
// Server time of each /dashboard request, as the server logs it: from the request's arrival
// to the last byte handed to the network. A request marked "uncached" first empties the page cache.
const serverTimes: number[] = [];
const t = await createTestApp({
  demo: false,
  env: { DATABASE_URL: `sqlite:${databaseFile}` },
  configure: (app) => {
    app.get('/hello', { config: { access: 'public', page: false } }, async () => 'hello');
    app.addHook('onRequest', async (request) => {
      if (request.headers['x-bench-uncached']) app.publicCache.clear();
    });
    app.addHook('onResponse', async (request, reply) => {
      if (request.url === '/dashboard') serverTimes.push(reply.elapsedTime);
    });
  },
});
const db = t.database.db;
const now = nowIso();
const stamp = { created_at: now, updated_at: now };
const started = performance.now();

// A place, 29 wards, a partnership and a named partner.
const { id: placeId } = await db
  .insertInto('areas')
  .values({
    name: 'Benchborough',
    slug: 'benchborough',
    gss_code: 'E06000900',
    kind: 'unitary',
    parent_id: null,
    population: 250000,
    ...stamp,
  })
  .returning('id')
  .executeTakeFirstOrThrow();
await db
  .insertInto('settings')
  .values({ key: 'place_area_id', value: String(placeId) })
  .execute();
const areaIds = [placeId];
for (let w = 1; w < areasCount; w++) {
  const { id } = await db
    .insertInto('areas')
    .values({
      name: `Ward ${w}`,
      slug: `ward-${w}`,
      gss_code: `E0590${String(w).padStart(4, '0')}`,
      kind: 'ward',
      parent_id: placeId,
      population: 8000,
      ...stamp,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  areaIds.push(id);
}
const { id: partnershipId } = await db
  .insertInto('partnerships')
  .values({
    name: 'Bench Partnership Board',
    slug: 'bench-board',
    short_name: null,
    parent_id: null,
    statutory: 0,
    theme: null,
    terms_of_reference: null,
    status: 'active',
    established_on: null,
    status_changed_on: null,
    merged_into_id: null,
    area_id: placeId,
    ...stamp,
  })
  .returning('id')
  .executeTakeFirstOrThrow();
const { id: councilId } = await db
  .insertInto('organisations')
  .values({
    name: 'Benchborough Council',
    slug: 'benchborough-council',
    sector: 'public',
    type: 'council',
    named_partner: 1,
    area_id: placeId,
    website: null,
    description: null,
    ...stamp,
  })
  .returning('id')
  .executeTakeFirstOrThrow();
const { id: agreementId } = await db
  .insertInto('agreements')
  .values({
    name: 'Bench agreement',
    slug: 'bench-agreement',
    partnership_id: partnershipId,
    first_year: 2023,
    last_year: 2026,
    status: 'signed_off',
    signed_off_on: '2023-04-01',
    ...stamp,
  })
  .returning('id')
  .executeTakeFirstOrThrow();
const { id: userId } = await db
  .insertInto('users')
  .values({
    email: 'bench@example.org',
    display_name: 'Bench',
    password_hash: 'x',
    person_id: null,
    disabled: 0,
    last_signed_in_at: null,
    ...stamp,
  })
  .returning('id')
  .executeTakeFirstOrThrow();

const periods = Array.from({ length: quarters }, (_, i) =>
  quarterPeriod(2017 + Math.floor(i / 4), ((i % 4) + 1) as 1 | 2 | 3 | 4),
);
const blocks = ['children-young-people', 'safer-stronger', 'healthier-older-people', 'economic-development'];
const points: Record<string, unknown>[] = [];
const flush = async (force = false) => {
  if (points.length >= 2000 || (force && points.length)) {
    for (let i = 0; i < points.length; i += 500)
      await db
        .insertInto('data_points')
        .values(points.slice(i, i + 500) as never)
        .execute();
    points.length = 0;
  }
};
for (let n = 0; n < targetsCount; n++) {
  const { id: indicatorId } = await db
    .insertInto('indicators')
    .values({
      code: String(90000 + n),
      title: `Bench indicator ${n}`,
      definition: null,
      unit: '%',
      polarity: n % 2 ? 'higher' : 'lower',
      frequency: 'quarter',
      source: 'Bench',
      area_kinds: '["unitary","ward"]',
      ...stamp,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  const { id: targetId } = await db
    .insertInto('targets')
    .values({
      agreement_id: agreementId,
      indicator_id: indicatorId,
      block: blocks[n % 4]!,
      priority_id: null,
      partnership_id: partnershipId,
      area_id: placeId,
      baseline_value: 50,
      baseline_period: '2022/23',
      lead_organisation_id: councilId,
      reward_bearing: n % 3 === 0 ? 1 : 0,
      sign_off_status: 'signed_off',
      notes: null,
      ...stamp,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  for (let y = 2023; y <= 2026; y++)
    await db
      .insertInto('target_years')
      .values({ target_id: targetId, year: y, value: 50 + (n % 2 ? 1 : -1) * (y - 2022) })
      .execute();
  for (const areaId of areaIds)
    for (const [q, period] of periods.entries()) {
      points.push({
        indicator_id: indicatorId,
        area_id: areaId,
        period: period.code,
        period_kind: 'quarter',
        period_start: period.start,
        period_end: period.end,
        value: 50 + ((q * 7 + n + areaId) % 11) - 5,
        lower_ci: null,
        upper_ci: null,
        numerator: null,
        denominator: null,
        provisional: 0,
        note: null,
        source: 'Bench',
        import_id: null,
        recorded_by: null,
        ...stamp,
      });
    }
  await flush();
}
await flush(true);
await db
  .insertInto('audit_entries')
  .values({
    occurred_at: now,
    actor_user_id: null,
    actor_name: 'Bench',
    entity_type: 'bench',
    entity_id: 0,
    action: 'created',
    summary: 'Generated',
    before_json: null,
    after_json: null,
  })
  .execute();
// As the import does once its figures are in: each target's status worked out and saved.
await refreshTargetStatuses(db, 'all');
const count = await sql<{ n: number }>`select count(*) as n from data_points`.execute(db);
console.log(
  `Generated ${targetsCount} targets × ${quarters} quarters × ${areasCount} areas = ${Number(count.rows[0]!.n).toLocaleString('en-GB')} figures in ${((performance.now() - started) / 1000).toFixed(1)} s (${t.database.kind})`,
);

// Render times: one request after another over a kept-alive connection, timed by the server.
await t.app.listen({ port: 0, host: '127.0.0.1' });
const { port } = t.app.server.address() as AddressInfo;
/**
 * Requests one after another over one kept-alive connection, from a process of their own so
 * the client's work is not counted in the server's time or its garbage.
 */
async function sequentialRequests(
  url: string,
  count: number,
  headers: Record<string, string>,
): Promise<void> {
  const client = `
    const http = require('node:http');
    const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
    const [port, url, count, headers] = [${port}, ${JSON.stringify(url)}, ${count}, ${JSON.stringify(headers)}];
    (async () => {
      for (let i = 0; i < count; i++)
        await new Promise((resolve, reject) =>
          http.get({ host: '127.0.0.1', port, path: url, agent, headers }, (response) => {
            if (response.statusCode !== 200) reject(new Error(url + ' answered ' + response.statusCode));
            response.resume();
            response.on('end', resolve);
          }).on('error', reject));
      agent.destroy();
    })().catch((error) => { console.error(error.message); process.exit(1); });`;
  const { spawn } = await import('node:child_process');
  await new Promise<void>((resolve, reject) =>
    spawn(process.execPath, ['-e', client], { stdio: 'inherit' }).on('close', (code) =>
      code === 0 ? resolve() : reject(new Error(`the request client ended with ${code}`)),
    ),
  );
}
const importOnly = Boolean(process.env.BENCH_IMPORT_ONLY);
const rounds = Number(process.env.BENCH_ROUNDS ?? 300);
const renderRuns = [
  ['uncached', { 'x-bench-uncached': '1' }],
  ['cached', {}],
] as const;
for (const [label, headers] of importOnly ? [] : renderRuns) {
  // Ten requests first, so the code is compiled and the database's pages are read in, as on a running server.
  await sequentialRequests('/dashboard', 10, headers);
  serverTimes.length = 0;
  await sequentialRequests('/dashboard', rounds, headers);
  console.log(`/dashboard server time, ${label.padEnd(8)}: ${summary(serverTimes)} over ${rounds} requests`);
}
const page = await t.app.inject('/dashboard');
console.log(
  `/dashboard page size: ${(page.body.length / 1024).toFixed(0)} KiB (first page of ${targetsCount} targets)`,
);

// Requests per second under 20 connections, hello and dashboard, same process, same run.
const autocannon = path.join(path.dirname(require.resolve('autocannon/package.json')), 'autocannon.js');
const seconds = Number(process.env.BENCH_SECONDS ?? 8);
async function requestsPerSecond(url: string): Promise<number> {
  // Run in its own process so the load generator does not share the server's event loop.
  const { spawn } = await import('node:child_process');
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [
      autocannon,
      '-c',
      '20',
      '-d',
      String(seconds),
      // As every browser does: the cache keeps pages gzipped for those who ask.
      '-H',
      'accept-encoding=gzip',
      '-j',
      `http://127.0.0.1:${port}${url}`,
    ]);
    let out = '';
    child.stdout.on('data', (chunk: Buffer) => (out += chunk.toString()));
    child.on('error', reject);
    child.on('close', () => {
      const result = JSON.parse(out) as { requests: { average: number }; non2xx: number; errors: number };
      if (result.non2xx || result.errors)
        reject(new Error(`${url}: ${result.non2xx} non-2xx, ${result.errors} errors`));
      resolve(result.requests.average);
    });
  });
}
if (process.env.BENCH_RENDER_ONLY) {
  await t.close();
  for (const suffix of ['', '-wal', '-shm']) fs.rmSync(databaseFile + suffix, { force: true });
  process.exit(0);
}
const hello = importOnly ? 0 : await requestsPerSecond('/hello');
const dashboard = importOnly ? 0 : await requestsPerSecond('/dashboard');
if (!importOnly)
  console.log(
    `Requests/s with 20 connections: hello ${Math.round(hello).toLocaleString('en-GB')}, /dashboard (cached) ${Math.round(dashboard).toLocaleString('en-GB')}: ${((dashboard / hello) * 100).toFixed(0)}% of hello`,
  );
await t.app.close();

// The import: a generated Fingertips file, checked then imported, memory sampled throughout.
const actor: Actor = { userId, name: 'Bench', grants: [{ role: 'site_admin' }] };
const header =
  'Indicator ID,Indicator Name,Parent Code,Parent Name,Area Code,Area Name,Area Type,Sex,Age,Category Type,Category,Time period,Value,Lower CI 95.0 limit,Upper CI 95.0 limit,Lower CI 99.8 limit,Upper CI 99.8 limit,Count,Denominator,Value note,Recent Trend,Compared to England value or percentiles,Compared to percentiles,Time period Sortable,New data,Compared to goal,Time period range\n';
const gss = areaIds.map((_, i) => (i === 0 ? 'E06000900' : `E0590${String(i).padStart(4, '0')}`));
function generate(rows: number, file: string) {
  const fd = fs.openSync(file, 'w');
  fs.writeSync(fd, header);
  let chunk = '';
  // Quarters from 2027 on are new to the database, so every row is a new value.
  for (let i = 0; i < rows; i++) {
    const indicator = 90000 + (i % targetsCount);
    const area = gss[Math.floor(i / targetsCount) % areasCount]!;
    const q = Math.floor(i / (targetsCount * areasCount));
    const year = 2027 + Math.floor(q / 4);
    chunk += `${indicator},"Bench indicator, persons",E12000004,Region,${area},Area ${area},Ward,Persons,All ages,,,${year} Q${(q % 4) + 1},${(i % 1000) / 10},1.1,2.2,,,${i % 100},1000,,,,,${year}0000,,,1q\n`;
    if (chunk.length > 1 << 20) {
      fs.writeSync(fd, chunk);
      chunk = '';
    }
  }
  fs.writeSync(fd, chunk);
  fs.closeSync(fd);
}
const importSizes = (process.env.BENCH_IMPORT_ROWS ?? '250000,1000000').split(',').map(Number);
for (const rows of importSizes) {
  const file = path.join(os.tmpdir(), `placeshaper-bench-${rows}.csv`);
  generate(rows, file);
  const size = fs.statSync(file).size;
  global.gc?.();
  let peak = 0;
  const base = process.memoryUsage().rss;
  const sampler = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 50);
  const start = performance.now();
  const { id } = await t.app.services.dataImports.begin(actor, {
    kind: 'uploaded-file',
    filename: path.basename(file),
    path: file,
    sha256: `bench-${rows}-${Date.now()}`,
    size,
    sentName: path.basename(file),
  });
  await t.app.services.dataImports.finished(id);
  const checked = performance.now();
  const report = await t.app.services.dataImports.report(actor, id);
  if (report.import.status !== 'checked')
    throw new Error(`Import check ended ${report.import.status}: ${JSON.stringify(report.summary)}`);
  const result = await t.app.services.dataImports.confirm(actor, id, {});
  const end = performance.now();
  clearInterval(sampler);
  peak = Math.max(peak, process.memoryUsage().rss);
  const secs = (end - start) / 1000;
  console.log(
    `Import ${rows.toLocaleString('en-GB')} rows (${(size / 1024 / 1024).toFixed(0)} MB): ${Math.round(rows / secs).toLocaleString('en-GB')} rows/s overall ` +
      `(check ${((checked - start) / 1000).toFixed(1)} s, import ${((end - checked) / 1000).toFixed(1)} s); ${result.added.toLocaleString('en-GB')} new values; ` +
      `peak memory ${Math.round(peak / 1024 / 1024)} MB (${Math.round((peak - base) / 1024 / 1024)} MB above the start)`,
  );
  fs.rmSync(report.import.stored_path, { force: true });
}
await t.close();
for (const suffix of ['', '-wal', '-shm']) fs.rmSync(databaseFile + suffix, { force: true });
