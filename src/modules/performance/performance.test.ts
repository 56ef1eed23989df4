import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import zlib from 'node:zlib';
import ExcelJS from 'exceljs';
import { PDFParse } from 'pdf-parse';
import { createTestApp, Visitor, type TestApp } from '../../testing/test-app.ts';
import { demoPassword } from '../registry/demo-place.ts';
import { lastCompletedQuarter } from '../../domain/periods.ts';
import { todayIso } from '../../platform/time.ts';

describe('targets, figures and the public dashboard', () => {
  let t: TestApp;
  let admin: Visitor;
  before(async () => {
    t = await createTestApp();
    admin = new Visitor(t.app);
    await admin.signIn('admin@kelmsfield.example', demoPassword);
  });
  after(async () => t.close());

  const db = () => t.database.db;
  const targetOn = async (code: string) =>
    db()
      .selectFrom('targets')
      .innerJoin('indicators', 'indicators.id', 'targets.indicator_id')
      .select(['targets.id', 'targets.indicator_id', 'targets.area_id', 'targets.version'])
      .where('indicators.code', '=', code)
      .executeTakeFirstOrThrow();
  const idOf = async (table: 'organisations' | 'areas', slug: string) =>
    (await db().selectFrom(table).select('id').where('slug', '=', slug).executeTakeFirstOrThrow()).id;
  const indicatorIdOf = async (code: string) =>
    (await db().selectFrom('indicators').select('id').where('code', '=', code).executeTakeFirstOrThrow()).id;
  const statusOf = async (targetId: number) => {
    const json = (await t.app.inject('/api/v1/targets')).json() as {
      targets: { id: number; status: { code: string; name: string } }[];
    };
    return json.targets.find((x) => x.id === targetId)!.status;
  };

  /** The dashboard counts saved statuses; the open data works each target out afresh: they must agree. */
  const assertCountsAgree = async () => {
    const page = await t.app.inject('/dashboard');
    const summary = /<p class="govuk-body" id="summary">([\s\S]*?)<\/p>/.exec(page.body)![1]!;
    const shown = (words: string) => Number(new RegExp(`(\\d+) ${words}`).exec(summary)![1]);
    const json = (await t.app.inject('/api/v1/targets')).json() as {
      targets: { status: { code: string } }[];
    };
    const live = (code: string) => json.targets.filter((x) => x.status.code === code).length;
    assert.deepEqual(
      [shown('on track'), shown('at risk'), shown('off track'), shown('with no recent data')],
      [live('on_track'), live('at_risk'), live('off_track'), live('no_data')],
      summary,
    );
  };

  describe('the demo agreement', () => {
    it('has 25+ targets across the four blocks, each with five years of quarterly figures or deliberately none', async () => {
      const targets = await db()
        .selectFrom('targets')
        .select(['id', 'block', 'indicator_id', 'area_id'])
        .execute();
      assert.ok(targets.length >= 25, `${targets.length} targets`);
      assert.equal(new Set(targets.map((x) => x.block)).size, 4);
      const counts = await Promise.all(
        targets.map(
          async (x) =>
            (
              await db()
                .selectFrom('data_points')
                .select('id')
                .where('indicator_id', '=', x.indicator_id)
                .where('area_id', '=', x.area_id)
                .execute()
            ).length,
        ),
      );
      assert.ok(counts.filter((c) => c === 20).length >= 20, 'most targets have 20 quarters');
      assert.ok(counts.includes(0), 'some targets have no data yet');
    });

    it('shows some targets on track, some at risk, some off track and some with no data', async () => {
      const json = (await t.app.inject('/api/v1/targets')).json() as {
        targets: { status: { code: string } }[];
      };
      const codes = new Set(json.targets.map((x) => x.status.code));
      assert.deepEqual([...codes].sort(), ['at_risk', 'no_data', 'off_track', 'on_track']);
    });
  });

  describe('the dashboard', () => {
    it('lists every priority with its targets, status in words, trend chart and the figures behind it', async () => {
      const page = await t.app.inject('/dashboard');
      assert.equal(page.statusCode, 200);
      assert.match(page.body, /<h1 class="govuk-heading-xl">How Kelmsfield is doing<\/h1>/);
      // Twenty targets a page: the rest of the priorities are on page 2, reached by the pagination links.
      assert.match(page.body, /<nav class="govuk-pagination"[^>]*aria-label="More targets"/);
      const second = await t.app.inject('/dashboard?page=2');
      for (const priority of [
        'Safer, stronger communities',
        'A greener, cleaner Kelmsfield',
        'Decent homes for everyone',
      ])
        assert.match(page.body + second.body, new RegExp(`<h2[^>]*>${priority}</h2>`));
      assert.equal(
        (await t.app.inject('/dashboard?page=99')).statusCode,
        200,
        'past the last page shows the last',
      );
      assert.match(page.body, /govuk-tag--green app-rag">On track</);
      assert.match(page.body, /govuk-tag--red app-rag">Off track</);
      assert.match(page.body, /govuk-tag--yellow app-rag">At risk</);
      assert.match(page.body, /govuk-tag--grey app-rag">No data</);
      assert.match(page.body, /<svg[^>]*role="img"/);
      assert.match(page.body, /Latest figures and targets/);
      assert.match(page.body, /Of 28 targets: <strong>\d+ on track/);
    });

    it('filters by block, partnership and ward', async () => {
      const block = await t.app.inject('/dashboard?block=safer-stronger');
      assert.match(block.body, /NI 16 /);
      assert.doesNotMatch(block.body, /NI 75 /);
      const partnership = await t.app.inject('/dashboard?partnership=teenage-pregnancy-partnership-board');
      assert.match(partnership.body, /Of 1 target:/);
      assert.match(partnership.body, /NI 112 /);
      const ward = await t.app.inject('/dashboard?ward=harlowen');
      assert.match(ward.body, /with the figures for Harlowen/);
      assert.match(ward.body, /NI 152 /, 'the ward’s own target');
      assert.match(ward.body, /Latest in Harlowen/, 'place targets with the ward’s figures');
      assert.doesNotMatch(ward.body, /NI 75 /, 'targets with no ward figures are left out');
      const unknown = await t.app.inject('/dashboard?block=nonsense&ward=nowhere');
      assert.equal(unknown.statusCode, 200, 'an unknown filter is ignored, not an error');
    });

    it('gives each target a page with every figure, the trajectory and the actions behind it', async () => {
      const target = await targetOn('NI 16');
      const page = await t.app.inject(`/dashboard/targets/${target.id}`);
      assert.equal(page.statusCode, 200);
      assert.match(page.body, /<h1 class="govuk-heading-l">NI 16 Serious acquisitive crime rate<\/h1>/);
      assert.match(page.body, /Every figure/);
      assert.equal(
        (
          page.body.match(
            /<tr class="govuk-table__row">\s*<td class="govuk-table__cell">\d{4}\/\d{2} Q\d/g,
          ) ?? []
        ).length,
        20,
      );
      assert.match(page.body, /Brackenshire Constabulary/);
      assert.match(page.body, /The actions behind it/);
      assert.equal((await t.app.inject('/dashboard/targets/99999')).statusCode, 404);
      assert.equal((await t.app.inject('/dashboard/targets/abc')).statusCode, 404);
    });
  });

  describe('downloads and open data', () => {
    it('offers every target as CSV, as an Excel workbook and as JSON', async () => {
      const csv = await t.app.inject('/dashboard.csv');
      assert.equal(csv.headers['content-type'], 'text/csv; charset=utf-8');
      assert.match(csv.body, /^\uFEFFtarget id,agreement,block,priority,partnership,indicator code/);
      assert.equal(csv.body.trim().split('\n').length, 29);

      const xlsx = await t.app.inject('/dashboard.xlsx');
      assert.equal(
        xlsx.headers['content-type'],
        'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
      );
      const workbook = new ExcelJS.Workbook();
      await workbook.xlsx.load(xlsx.rawPayload as unknown as ArrayBuffer);
      assert.deepEqual(
        workbook.worksheets.map((w) => w.name),
        ['Targets', 'Data', 'About'],
      );
      assert.equal(workbook.getWorksheet('Targets')!.rowCount, 29);
      assert.ok(workbook.getWorksheet('Data')!.rowCount > 400);
      assert.equal(workbook.getWorksheet('Targets')!.getRow(1).getCell(1).value, 'target id');

      const json = (await t.app.inject('/api/v1/targets')).json() as {
        agreement: { name: string };
        targets: { indicator: { code: string }; data: unknown[]; leadPartner: string }[];
      };
      assert.match(json.agreement.name, /Kelmsfield Local Area Agreement/);
      assert.equal(json.targets.length, 28);
      assert.equal(
        json.targets.find((x) => x.indicator.code === 'NI 16')?.leadPartner,
        'Brackenshire Constabulary',
      );
    });

    it('answers repeat visits with 304 until something is written, then shows the change', async () => {
      const first = await t.app.inject('/dashboard');
      const etag = first.headers.etag as string;
      assert.match(etag, /^W\/"\d+-\d{4}-\d{2}-\d{2}-/);
      assert.equal(first.headers['cache-control'], 'public, no-cache');
      const again = await t.app.inject({ url: '/dashboard', headers: { 'if-none-match': etag } });
      assert.equal(again.statusCode, 304);
      const cachedBody = await t.app.inject('/dashboard');
      assert.equal(cachedBody.body, first.body);
      const compressed = await t.app.inject({
        url: '/dashboard',
        headers: { 'accept-encoding': 'gzip, br' },
      });
      assert.equal(compressed.headers['content-encoding'], 'gzip');
      assert.equal(zlib.gunzipSync(compressed.rawPayload).toString(), first.body);

      const target = await targetOn('NI 20');
      await admin.get(`/indicators/${target.indicator_id}/data/new`);
      const quarter = lastCompletedQuarter(todayIso()).code;
      const saved = await admin.post(`/indicators/${target.indicator_id}/data/new`, {
        areaId: String(target.area_id),
        period: quarter,
        value: '6.1',
      });
      assert.equal(saved.statusCode, 303);
      const after = await t.app.inject({ url: '/dashboard', headers: { 'if-none-match': etag } });
      assert.equal(after.statusCode, 200, 'a write makes the old ETag stale');
      assert.notEqual(after.headers.etag, etag);
      assert.match(after.body, new RegExp(`6\\.1 \\(${quarter.replace('/', '\\/')}\\)`));
    });

    it('never serves a signed-in page from the public cache', async () => {
      const page = await admin.get('/dashboard');
      assert.equal(page.headers['cache-control'], 'private, no-store');
      assert.equal(page.headers.etag, undefined);
    });
  });

  describe('recording figures', () => {
    it('turns an at-risk target on track when a good quarter is recorded', async () => {
      const target = await targetOn('NI 32');
      const before = await statusOf(target.id);
      assert.notEqual(before.code, 'on_track');
      const latest = await db()
        .selectFrom('data_points')
        .select(['period', 'id', 'version'])
        .where('indicator_id', '=', target.indicator_id)
        .where('area_id', '=', target.area_id)
        .orderBy('period_end', 'desc')
        .executeTakeFirstOrThrow();
      await admin.get(`/data-points/${latest.id}/edit`);
      const saved = await admin.post(`/data-points/${latest.id}/edit`, {
        areaId: String(target.area_id),
        period: latest.period,
        value: '20',
        version: String(latest.version),
      });
      assert.equal(saved.statusCode, 303);
      assert.equal((await statusOf(target.id)).code, 'on_track');
      await assertCountsAgree();
      const revisions = await db()
        .selectFrom('data_point_revisions')
        .selectAll()
        .where('data_point_id', '=', latest.id)
        .execute();
      assert.equal(revisions.length, 1, 'the replaced value is kept');
    });

    it('keeps what was typed and saves nothing when the value is not a number or the period cannot be read', async () => {
      const target = await targetOn('NI 16');
      const before = await db().selectFrom('data_points').select('id').execute();
      await admin.get(`/indicators/${target.indicator_id}/data/new`);
      const bad = await admin.post(`/indicators/${target.indicator_id}/data/new`, {
        areaId: String(target.area_id),
        period: 'Spring 2026',
        value: 'twelve',
        lowerCi: '5',
        upperCi: '3',
      });
      assert.equal(bad.statusCode, 400);
      assert.match(bad.body, /There is a problem/);
      assert.match(bad.body, /The value must be a number, like 42\.5/);
      assert.match(bad.body, /“Spring 2026” is not a period/);
      assert.match(bad.body, /value="twelve"/);
      assert.match(bad.body, /value="Spring 2026"/);
      const duplicate = await admin.post(`/indicators/${target.indicator_id}/data/new`, {
        areaId: String(target.area_id),
        period: lastCompletedQuarter(todayIso()).code,
        value: '12',
      });
      assert.equal(duplicate.statusCode, 400);
      assert.match(duplicate.body, /There is already a value for Kelmsfield in/);
      assert.equal((await db().selectFrom('data_points').select('id').execute()).length, before.length);
    });

    it('shows what changed when someone else corrected the value first', async () => {
      const target = await targetOn('NI 15');
      const point = await db()
        .selectFrom('data_points')
        .select(['id', 'period', 'version'])
        .where('indicator_id', '=', target.indicator_id)
        .where('area_id', '=', target.area_id)
        .orderBy('period_end')
        .executeTakeFirstOrThrow();
      const form = { areaId: String(target.area_id), period: point.period, version: String(point.version) };
      await admin.get(`/data-points/${point.id}/edit`);
      assert.equal(
        (await admin.post(`/data-points/${point.id}/edit`, { ...form, value: '0.91' })).statusCode,
        303,
      );
      await admin.get(`/data-points/${point.id}/edit`);
      const stale = await admin.post(`/data-points/${point.id}/edit`, { ...form, value: '0.95' });
      assert.equal(stale.statusCode, 409);
      assert.match(stale.body, /Someone else changed this while you were editing it/);
      assert.match(stale.body, /value="0.95"/);
    });

    it('lets a partner officer record figures only for the targets their organisation leads', async () => {
      const officer = new Visitor(t.app);
      await officer.signIn('carol.denholm@brackenshire-police.example', demoPassword);
      const police = await targetOn('NI 16');
      const notPolice = await targetOn('NI 39');
      assert.equal((await officer.get(`/indicators/${police.indicator_id}/data/new`)).statusCode, 200);
      assert.equal((await officer.get(`/indicators/${notPolice.indicator_id}/data/new`)).statusCode, 403);
      const refused = await officer.post(`/indicators/${notPolice.indicator_id}/data/new`, {
        areaId: String(notPolice.area_id),
        period: '2030/31 Q1',
        value: '1',
      });
      assert.equal(refused.statusCode, 403);
    });
  });

  describe('agreements and targets', () => {
    it('refuses a lead partner without the duty to co-operate, and keeps the form', async () => {
      const chamberId = await idOf('organisations', 'kelmsfield-chamber-of-commerce');
      const indicatorId = await indicatorIdOf('NI 8');
      await admin.get('/agreements/kelmsfield-local-area-agreement/targets/new');
      const response = await admin.post('/agreements/kelmsfield-local-area-agreement/targets/new', {
        indicatorId: String(indicatorId),
        block: 'safer-stronger',
        areaId: '2',
        baselineValue: '21',
        baselinePeriod: '2024/25',
        leadOrganisationId: String(chamberId),
        signOffStatus: 'proposed',
        [`year${new Date().getUTCFullYear() + 1}`]: '25',
      });
      assert.equal(response.statusCode, 400);
      assert.match(
        response.body,
        /Kelmsfield Chamber of Commerce is not a named partner with the duty to co-operate/,
      );
      assert.match(response.body, /value="2024\/25"/);
    });

    it('adds a target led by a named partner, with yearly targets and contributors, and audits it', async () => {
      const councilId = await idOf('organisations', 'kelmsfield-borough-council');
      const cvsId = await idOf('organisations', 'kelmsfield-council-for-voluntary-service');
      const indicatorId = await indicatorIdOf('NI 8');
      const placeId = await idOf('areas', 'kelmsfield');
      const agreement = await db().selectFrom('agreements').selectAll().executeTakeFirstOrThrow();
      await admin.get('/agreements/kelmsfield-local-area-agreement/targets/new');
      const response = await admin.post('/agreements/kelmsfield-local-area-agreement/targets/new', {
        indicatorId: String(indicatorId),
        block: 'healthier-older-people',
        areaId: String(placeId),
        baselineValue: '21.5',
        baselinePeriod: '2024/25',
        leadOrganisationId: String(councilId),
        contributorIds: [String(cvsId)],
        signOffStatus: 'proposed',
        [`year${agreement.first_year}`]: '22',
        [`year${agreement.last_year}`]: '24',
      });
      assert.equal(response.statusCode, 303);
      const id = Number(String(response.headers.location).split('/').pop());
      const years = await db().selectFrom('target_years').selectAll().where('target_id', '=', id).execute();
      assert.deepEqual(
        years.map((y) => y.value),
        [22, 24],
      );
      const page = await t.app.inject(`/dashboard/targets/${id}`);
      assert.match(page.body, /Kelmsfield Council for Voluntary Service/);
      assert.match(page.body, /No data yet/);
      const audit = await db()
        .selectFrom('audit_entries')
        .selectAll()
        .where('entity_type', '=', 'target')
        .where('entity_id', '=', id)
        .execute();
      assert.equal(audit.length, 1);
      await assertCountsAgree();
    });

    it('refuses to shorten an agreement past the years its targets have', async () => {
      const agreement = await db().selectFrom('agreements').selectAll().executeTakeFirstOrThrow();
      await admin.get('/agreements/kelmsfield-local-area-agreement/edit');
      const response = await admin.post('/agreements/kelmsfield-local-area-agreement/edit', {
        name: agreement.name,
        partnershipId: String(agreement.partnership_id),
        firstYear: String(agreement.first_year),
        lastYear: String(agreement.first_year),
        status: 'signed_off',
        signedOffOn: agreement.signed_off_on ?? '',
        version: String(agreement.version),
      });
      assert.equal(response.statusCode, 400);
      assert.match(response.body, /would fall outside the agreement/);
    });
  });

  describe('the annual progress report', () => {
    it('is made from the data as a page and as a PDF for each year of the agreement', async () => {
      const agreement = await db().selectFrom('agreements').selectAll().executeTakeFirstOrThrow();
      const slug = `${agreement.first_year}-${String((agreement.first_year + 1) % 100).padStart(2, '0')}`;
      const list = await t.app.inject('/reports/annual');
      assert.match(list.body, new RegExp(`href="/reports/annual/${slug}"`));
      const page = await t.app.inject(`/reports/annual/${slug}`);
      assert.equal(page.statusCode, 200);
      assert.match(page.body, /<h1 class="govuk-heading-xl">Annual progress report \d{4}\/\d{2}<\/h1>/);
      assert.match(page.body, /Of 2\d targets, \d+ (was|were) on track/);
      assert.match(page.body, /<h2 class="govuk-heading-l">Safer, stronger communities<\/h2>/);
      assert.match(page.body, /NI 16 Serious acquisitive crime rate/);
      assert.match(page.body, /Actions: \d+ completed this year, \d+ overdue/);

      const pdf = await t.app.inject(`/reports/annual/${slug}.pdf`);
      assert.equal(pdf.headers['content-type'], 'application/pdf');
      const parser = new PDFParse({ data: new Uint8Array(pdf.rawPayload) });
      const text = (await parser.getText()).text.replace(/\s+/g, ' ');
      await parser.destroy();
      assert.match(text, /Kelmsfield partnership: annual progress report \d{4}\/\d{2}/);
      assert.match(text, /Safer, stronger communities/);
      assert.match(text, /NI 16 Serious acquisitive crime rate: (On track|At risk|Off track|No data)/);

      assert.equal((await t.app.inject('/reports/annual/1999-00')).statusCode, 404);
      assert.equal((await t.app.inject('/reports/annual/2025-27')).statusCode, 404);
      assert.equal((await t.app.inject('/reports/annual/nonsense.pdf')).statusCode, 404);
    });
  });

  describe('indicators and thresholds', () => {
    it('refuses a second indicator with the same code', async () => {
      await admin.get('/indicators/new');
      const response = await admin.post('/indicators/new', {
        code: 'NI 16',
        title: 'Copy',
        polarity: 'lower',
        frequency: 'quarter',
      });
      assert.equal(response.statusCode, 400);
      assert.match(response.body, /There is already an indicator with the code NI 16/);
    });

    it('lets the place change what counts as at risk, and refuses nonsense', async () => {
      await admin.get('/admin/performance');
      const bad = await admin.post('/admin/performance', {
        packId: 'england-lsp-2006',
        atRiskPercent: '150',
        flatTolerancePercent: '5',
        staleAfterMonths: '15',
      });
      assert.equal(bad.statusCode, 400);
      assert.match(bad.body, /value="150"/);
      const target = await targetOn('NI 56');
      const before = await statusOf(target.id);
      await admin.get('/admin/performance');
      const saved = await admin.post('/admin/performance', {
        packId: 'england-lsp-2006',
        atRiskPercent: '0',
        flatTolerancePercent: '0',
        staleAfterMonths: '15',
      });
      assert.equal(saved.statusCode, 303);
      const now = await statusOf(target.id);
      assert.ok(before.code !== 'at_risk' || now.code === 'off_track', 'with no margin, behind is off track');
      const json = (await t.app.inject('/api/v1/targets')).json() as {
        targets: { status: { code: string } }[];
      };
      assert.ok(!json.targets.some((x) => x.status.code === 'at_risk'));
      await assertCountsAgree();
    });

    it('counts every target on the dashboard even when a status was never saved', async () => {
      await db()
        .deleteFrom('target_statuses')
        .where('target_id', '=', (await targetOn('NI 56')).id)
        .execute();
      t.app.publicCache.clear();
      await assertCountsAgree();
    });
  });

  describe('a dashboard row', () => {
    /** The first target on the dashboard, and its row as the public sees it now. */
    const firstRow = async () => {
      const page = await t.app.inject('/dashboard');
      const id = Number(/href="\/dashboard\/targets\/(\d+)"/.exec(page.body)![1]);
      const start = page.body.indexOf(`href="/dashboard/targets/${id}"`);
      const end = page.body.indexOf('<div class="app-target">', start);
      return { id, html: page.body.slice(start, end === -1 ? undefined : end) };
    };
    const tableRows = (html: string) =>
      [
        ...html.matchAll(
          /<tr class="govuk-table__row"><td class="govuk-table__cell">(.*?)<\/td><td[^>]*>(.*?)<\/td>/g,
        ),
      ].map((m) => `${m[1]}: ${m[2]}`);

    it('shows the latest figure, the unit and the yearly targets as they are after each change', async () => {
      const { id } = await firstRow();
      const target = await db()
        .selectFrom('targets')
        .selectAll()
        .where('id', '=', id)
        .executeTakeFirstOrThrow();
      const latest = await db()
        .selectFrom('data_points')
        .select(['id', 'period', 'version'])
        .where('indicator_id', '=', target.indicator_id)
        .where('area_id', '=', target.area_id)
        .orderBy('period_end', 'desc')
        .executeTakeFirstOrThrow();
      await admin.get(`/data-points/${latest.id}/edit`);
      const corrected = await admin.post(`/data-points/${latest.id}/edit`, {
        areaId: String(target.area_id),
        period: latest.period,
        value: '987.65',
        version: String(latest.version),
      });
      assert.equal(corrected.statusCode, 303);
      let row = await firstRow();
      assert.equal(tableRows(row.html)[0], `${latest.period}: 987.65`, 'the newest figure heads the table');
      assert.match(row.html, new RegExp(`987.65[^<]*\\(${latest.period}`), 'and is the latest shown');

      const indicator = await db()
        .selectFrom('indicators')
        .selectAll()
        .where('id', '=', target.indicator_id)
        .executeTakeFirstOrThrow();
      await admin.get(`/indicators/${indicator.id}/edit`);
      const renamed = await admin.post(`/indicators/${indicator.id}/edit`, {
        code: indicator.code,
        title: indicator.title,
        definition: indicator.definition ?? '',
        unit: 'per 1,000 people',
        polarity: indicator.polarity,
        frequency: indicator.frequency,
        source: indicator.source ?? '',
        reportedForWards: JSON.parse(indicator.area_kinds).includes('ward') ? 'yes' : 'no',
        version: String(indicator.version),
      });
      assert.equal(renamed.statusCode, 303);
      row = await firstRow();
      assert.match(row.html, /Value \(per 1,000 people\)<\/th>/);

      const agreement = await db()
        .selectFrom('agreements')
        .selectAll()
        .where('id', '=', target.agreement_id)
        .executeTakeFirstOrThrow();
      const contributors = await db()
        .selectFrom('target_contributors')
        .select('organisation_id')
        .where('target_id', '=', id)
        .execute();
      await admin.get(`/targets/${id}/edit`);
      const retargeted = await admin.post(`/targets/${id}/edit`, {
        indicatorId: String(target.indicator_id),
        block: target.block,
        priorityId: target.priority_id ? String(target.priority_id) : '',
        partnershipId: target.partnership_id ? String(target.partnership_id) : '',
        areaId: String(target.area_id),
        baselineValue: String(target.baseline_value),
        baselinePeriod: target.baseline_period,
        leadOrganisationId: String(target.lead_organisation_id),
        contributorIds: contributors.map((c) => String(c.organisation_id)),
        rewardBearing: target.reward_bearing ? 'yes' : 'no',
        signOffStatus: target.sign_off_status,
        notes: target.notes ?? '',
        [`year${agreement.last_year}`]: '4321',
        version: String(target.version),
      });
      assert.equal(retargeted.statusCode, 303);
      row = await firstRow();
      const years = tableRows(row.html).filter((r) => r.startsWith('Target for'));
      assert.deepEqual(years, [
        `Target for ${agreement.last_year}/${String((agreement.last_year + 1) % 100).padStart(2, '0')}: 4,321`,
      ]);
      await assertCountsAgree();
    });

    it('is worked out afresh once its saved status has gone stale, so the reason always matches the status', async () => {
      const { id } = await firstRow();
      await db()
        .updateTable('target_statuses')
        .set({
          rag: 'on_track',
          latest_date: '2001-03-31',
          summary_json: JSON.stringify({
            rag: 'on_track',
            reason: 'Saved when its figures were fresh.',
            latest: { period: '2000/01 Q4', value: 1 },
            provisional: false,
            expected: 1,
            direction: 'improving',
            years: [],
          }),
        })
        .where('target_id', '=', id)
        .execute();
      t.app.publicCache.clear();
      const { html } = await firstRow();
      assert.doesNotMatch(html, /Saved when its figures were fresh/);
      const json = (await t.app.inject('/api/v1/targets')).json() as {
        targets: { id: number; status: { name: string; reason: string } }[];
      };
      const live = json.targets.find((x) => x.id === id)!.status;
      assert.ok(html.includes(`app-rag">${live.name}<`), `shows ${live.name}`);
      assert.ok(html.includes(live.reason.replaceAll('&', '&amp;')), 'with the reason worked out now');
    });
  });
});
