import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { createTestApp, Visitor, type TestApp } from '../../testing/test-app.ts';
import { demoPassword } from '../registry/demo-place.ts';
import { readHeader } from './data-import.ts';

const fingertipsHeader =
  'Indicator ID,Indicator Name,Parent Code,Parent Name,Area Code,Area Name,Area Type,Sex,Age,Category Type,Category,Time period,Value,Lower CI 95.0 limit,Upper CI 95.0 limit,Lower CI 99.8 limit,Upper CI 99.8 limit,Count,Denominator,Value note,Recent Trend,Compared to England value or percentiles,Compared to percentiles,Time period Sortable,New data,Compared to goal,Time period range';

function fingertipsRow(fields: {
  id?: string;
  area?: string;
  sex?: string;
  category?: string;
  period?: string;
  value?: string;
  note?: string;
}) {
  return [
    fields.id ?? '90366',
    '"Life expectancy at birth, persons"',
    'E12000004',
    'Midshires',
    fields.area ?? 'E05099901',
    'Kelmsfield Town',
    'Ward',
    fields.sex ?? 'Persons',
    'All ages',
    fields.category ?? '',
    fields.category ? 'Most deprived decile' : '',
    fields.period ?? '2021 - 23',
    fields.value ?? '79.1',
    '78.2',
    '80.0',
    '',
    '',
    '1200',
    '15000',
    fields.note ?? '',
    'Could not be calculated',
    'Similar',
    'Not compared',
    '20210000',
    '',
    '',
    '1y',
  ].join(',');
}

/** The value beside a key in a GOV.UK summary list. */
function summaryValue(body: string, key: string): string | undefined {
  return new RegExp(`${key}\\s*</dt>\\s*<dd class="govuk-summary-list__value">\\s*([^<]*?)\\s*</dd>`).exec(
    body,
  )?.[1];
}

describe('importing figures from a file', () => {
  let t: TestApp;
  let admin: Visitor;
  before(async () => {
    t = await createTestApp();
    admin = new Visitor(t.app);
    await admin.signIn('admin@kelmsfield.example', demoPassword);
    await admin.get('/indicators/new');
    const created = await admin.post('/indicators/new', {
      code: '90366',
      title: 'Life expectancy at birth',
      polarity: 'higher',
      frequency: 'year',
      reportedForWards: 'yes',
    });
    assert.equal(created.statusCode, 303);
  });
  after(async () => t.close());

  const db = () => t.database.db;

  /** Uploads a file, waits for its check, and returns the report page. */
  async function upload(content: string, filename = 'figures.csv') {
    await admin.get('/data/import');
    const response = await admin.postMultipart('/data/import', {}, { name: 'file', filename, content });
    if (response.statusCode !== 303) return { response, id: 0, report: response };
    const id = Number(String(response.headers.location).split('/').pop());
    await t.app.services.dataImports.finished(id);
    return { response, id, report: await admin.get(`/data/imports/${id}`) };
  }
  const valuesOf = async () =>
    db()
      .selectFrom('data_points')
      .innerJoin('indicators', 'indicators.id', 'data_points.indicator_id')
      .select(['data_points.period', 'data_points.value', 'data_points.note', 'data_points.area_id'])
      .where('indicators.code', '=', '90366')
      .orderBy('data_points.period')
      .execute();

  it('checks a Fingertips download with every awkward row, reports each, and imports only on confirmation', async () => {
    const rows = [
      fingertipsHeader,
      fingertipsRow({ period: '2021', value: '79.1' }),
      fingertipsRow({ period: '2022', value: '*', note: 'Value suppressed for disclosure control' }),
      fingertipsRow({ period: '2023', value: '', note: 'Data not available' }),
      fingertipsRow({ period: '2022', sex: 'Male', value: '77.0' }),
      fingertipsRow({ period: '2022', category: 'Deprivation deciles', value: '74.0' }),
      fingertipsRow({ period: '2022', area: 'E06000001', value: '80.0' }),
      fingertipsRow({ period: '2020', area: 'E05099902', value: '81.5' }),
      fingertipsRow({ period: '2020', area: 'E05099902', value: '81.6' }),
      fingertipsRow({ period: '2016 - 18', value: '78.0' }),
      fingertipsRow({ period: '2019', value: 'high' }),
      fingertipsRow({ id: '12345', period: '2019', value: '1' }),
    ];
    // A byte-order mark and Windows line endings, as spreadsheets save them.
    const { id, report } = await upload('\uFEFF' + rows.join('\r\n') + '\r\n');
    assert.equal(report.statusCode, 200);
    assert.match(report.body, /Fingertips \(public health data download\)/);
    assert.equal((await valuesOf()).length, 0, 'a check saves no figure');
    const body = report.body;
    assert.equal(summaryValue(body, 'Rows in the file'), '11');
    assert.equal(summaryValue(body, 'Rows that can be imported'), '3');
    assert.equal(summaryValue(body, 'Rows rejected'), '8');
    assert.match(body, /A breakdown by sex \(Male\): only figures for persons are imported/);
    assert.match(body, /A breakdown by Deprivation deciles/);
    assert.match(body, /Area code “E06000001” is not an area of this place/);
    assert.match(body, /The same indicator, area and period appear more than once in the file/);
    assert.match(body, /Periods that cover more than one year, like 2016 - 18, cannot be used/);
    assert.match(body, /Value “high” is not a number/);
    assert.match(body, /Indicator “12345” is not in the catalogue: add it first/);

    const rejected = await admin.get(`/data/imports/${id}/rejected.csv`);
    assert.equal(rejected.headers['content-type'], 'text/csv; charset=utf-8');
    assert.equal(rejected.body.trim().split('\n').length, 1 + 8, 'every rejected row, with the header');

    const refused = await admin.post(`/data/imports/${id}/confirm`, {});
    assert.equal(refused.statusCode, 400);
    assert.match(refused.body, /Confirm that the 8 rejected rows should be left out/);
    assert.equal((await valuesOf()).length, 0);

    const confirmed = await admin.post(`/data/imports/${id}/confirm`, { leaveOutRejected: 'yes' });
    assert.equal(confirmed.statusCode, 303);
    const values = await valuesOf();
    assert.deepEqual(
      values.map((v) => [v.period, v.value, v.note]),
      [
        ['2021', 79.1, null],
        ['2022', null, 'Value suppressed for disclosure control'],
        ['2023', null, 'Data not available'],
      ],
    );
    const audit = await db()
      .selectFrom('audit_entries')
      .select('summary')
      .where('entity_type', '=', 'data_import')
      .execute();
    assert.match(audit.at(-1)!.summary, /3 new values, 0 changed/);

    const twice = await admin.post(`/data/imports/${id}/confirm`, { leaveOutRejected: 'yes' });
    assert.equal(twice.statusCode, 400);
    assert.match(twice.body, /already been imported/);
  });

  it('changes nothing when the same file is imported again, and keeps the value a changed figure replaces', async () => {
    const file = [fingertipsHeader, fingertipsRow({ period: '2021', value: '79.1' })].join('\n');
    const again = await upload(file);
    assert.equal(summaryValue(again.report.body, 'Already as in the file'), '1');
    assert.equal(summaryValue(again.report.body, 'New values'), '0');
    assert.equal((await admin.post(`/data/imports/${again.id}/confirm`, {})).statusCode, 303);
    assert.equal((await valuesOf()).length, 3);

    const simple = 'indicator code,area code,period,value,provisional\n90366,E05099901,2021,79.4,yes\n';
    const changed = await upload(simple, 'simple.csv');
    assert.match(changed.report.body, /Values that would change/);
    assert.match(
      changed.report.body,
      /79\.1<\/td>\s*<td class="govuk-table__cell govuk-table__cell--numeric">79\.4/,
    );
    assert.equal((await admin.post(`/data/imports/${changed.id}/confirm`, {})).statusCode, 303);
    const point = await db()
      .selectFrom('data_points')
      .innerJoin('indicators', 'indicators.id', 'data_points.indicator_id')
      .select(['data_points.id', 'data_points.value', 'data_points.provisional'])
      .where('indicators.code', '=', '90366')
      .where('data_points.period', '=', '2021')
      .executeTakeFirstOrThrow();
    assert.deepEqual([point.value, point.provisional], [79.4, 1]);
    const revisions = await db()
      .selectFrom('data_point_revisions')
      .selectAll()
      .where('data_point_id', '=', point.id)
      .execute();
    assert.deepEqual(
      revisions.map((r) => r.value),
      [79.1],
    );
  });

  it('keeps a second checked file waiting while the first is imported, then imports it whole', async () => {
    const first = await upload(
      [fingertipsHeader, fingertipsRow({ period: '2030', value: '80.1' })].join('\n'),
      'first.csv',
    );
    const second = await upload(
      [
        fingertipsHeader,
        fingertipsRow({ period: '2031', value: '80.2' }),
        fingertipsRow({ period: '2032', value: '80.3' }),
      ].join('\n'),
      'second.csv',
    );
    assert.equal(summaryValue(second.report.body, 'New values'), '2');
    assert.equal((await admin.post(`/data/imports/${first.id}/confirm`, {})).statusCode, 303);
    const stillWaiting = await admin.get(`/data/imports/${second.id}`);
    assert.equal(summaryValue(stillWaiting.body, 'New values'), '2');
    assert.equal((await admin.post(`/data/imports/${second.id}/confirm`, {})).statusCode, 303);
    const periods = (await valuesOf()).filter((v) => v.period >= '2030');
    assert.deepEqual(
      periods.map((v) => [v.period, v.value]),
      [
        ['2030', 80.1],
        ['2031', 80.2],
        ['2032', 80.3],
      ],
    );
  });

  it('moves the dashboard when imported figures put an off-track target on track', async () => {
    type Listed = {
      id: number;
      indicator: { code: string };
      area: string;
      latest: { period: string } | null;
      targets: { value: number }[];
      status: { code: string };
    };
    const listed = async () =>
      ((await t.app.inject('/api/v1/targets')).json() as { targets: Listed[] }).targets;
    const onTrackShown = async () =>
      Number(/(\d+) on track<\/strong>/.exec((await t.app.inject('/dashboard')).body)![1]);
    const offTrack = (await listed()).find((x) => x.status.code === 'off_track' && x.latest)!;
    const { gss_code: areaCode } = await db()
      .selectFrom('areas')
      .select('gss_code')
      .where('name', '=', offTrack.area)
      .executeTakeFirstOrThrow();
    const before = await onTrackShown();
    const final = offTrack.targets.at(-1)!.value;
    const file = `indicator code,area code,period,value\n${offTrack.indicator.code},${areaCode},${offTrack.latest!.period},${final}\n`;
    const checked = await upload(file, 'better.csv');
    assert.equal(summaryValue(checked.report.body, 'Values that would change'), '1');
    assert.equal((await admin.post(`/data/imports/${checked.id}/confirm`, {})).statusCode, 303);
    assert.equal((await listed()).find((x) => x.id === offTrack.id)!.status.code, 'on_track');
    assert.equal(await onTrackShown(), before + 1, 'the dashboard counts the target as on track');
  });

  it('explains a file with the wrong columns, broken quotes, no rows, or nothing in it, and imports nothing', async () => {
    const before = (await valuesOf()).length;
    const wrong = await upload('name,amount\nAnn,3\n');
    assert.match(wrong.report.body, /This file is missing “indicator code”, “area code”, “period”/);
    const quotes = await upload(
      `${fingertipsHeader}\n${fingertipsRow({ period: '2024' }).replace('"Life', 'Life')}\n90366,"broken,E,x\n`,
    );
    assert.match(quotes.report.body, /a quoted value is not closed/);
    const headerOnly = await upload(`${fingertipsHeader}\n`);
    assert.match(headerOnly.report.body, /no rows of figures/);
    const empty = await upload('');
    assert.equal(empty.response.statusCode, 400);
    assert.match(empty.response.body, /The selected file is empty/);
    assert.equal((await valuesOf()).length, before);
    const staged = await db()
      .selectFrom('data_import_rows')
      .select('import_id')
      .where('import_id', 'in', [wrong.id, quotes.id, headerOnly.id])
      .execute();
    assert.equal(staged.length, 0, 'nothing is left waiting from files that could not be read');
  });

  it('reads a 50 MB file as it streams and reports it without importing anything', async () => {
    const row = fingertipsRow({ area: 'E09000001', period: '2024', value: '80.2' }) + '\n';
    const count = Math.ceil((50 * 1024 * 1024) / row.length);
    const { report, id } = await upload(fingertipsHeader + '\n' + row.repeat(count), 'big.csv');
    assert.equal(report.statusCode, 200);
    assert.equal(summaryValue(report.body, 'Rows in the file'), count.toLocaleString('en-GB'));
    assert.match(report.body, /Area code “E09000001” is not an area of this place/);
    assert.match(report.body, /No row of this file can be imported/);
    assert.equal(
      (await admin.post(`/data/imports/${id}/confirm`, { leaveOutRejected: 'yes' })).statusCode,
      400,
    );
  });

  it('knows the two layouts by their header row', () => {
    assert.equal((readHeader(fingertipsHeader.split(',')) as { layout: string }).layout, 'fingertips');
    assert.equal(
      (readHeader(['Indicator code', 'Area code', 'Period', 'Value']) as { layout: string }).layout,
      'simple',
    );
    assert.match(readHeader(['Indicator ID', 'Area Code']) as string, /missing “time period”, “value”/);
  });

  it('is for those who import data only', async () => {
    const member = new Visitor(t.app);
    await member.signIn('lesley.rutherford@kelmsfield-chamber.example', demoPassword);
    assert.equal((await member.get('/data/import')).statusCode, 403);
  });
});
