/**
 * Targets and delivery in a real browser: a partner officer makes this quarter's return
 * (a value for a target the police lead, and a progress update on one of their
 * actions), and the public dashboard then shows the target's new status. Every page
 * visited is checked with axe-core against WCAG 2.2 AA, with and without JavaScript.
 */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { browserSuite, h1, navigateBy, signIn, visit } from './browser.ts';

const officer = 'carol.denholm@brackenshire-police.example';
const admin = 'admin@kelmsfield.example';

describe('targets, returns and the dashboard in the browser', { timeout: 120_000 }, () => {
  const { withPage } = browserSuite();

  /** The status word shown for the NI 20 target on the public dashboard. */
  async function publicStatusOfNi20(): Promise<string> {
    let status = '';
    await withPage(async (page) => {
      await visit(page, '/dashboard?block=safer-stronger');
      const target = page.locator('.app-target', { hasText: 'NI 20 Assault with injury crime rate' });
      status = (await target.locator('.app-rag').innerText()).trim();
    });
    return status;
  }

  test('a partner officer makes the quarterly return and the public dashboard shows the new status', async () => {
    assert.equal(await publicStatusOfNi20(), 'At risk');

    await withPage(async (page) => {
      await signIn(page, officer);
      await visit(page, '/returns');
      assert.match(await h1(page), /Brackenshire Constabulary/);
      const row = page.locator('tr', { hasText: 'NI 20' });
      await navigateBy(page, row.getByRole('link', { name: /Enter the figure/ }), 200);
      assert.match(await h1(page), /Record a value for NI 20/);
      await page.locator('input#value').fill('6.2');
      await navigateBy(page, page.getByRole('button', { name: 'Save the value' }), 200);
      assert.match(new URL(page.url()).pathname, /^\/returns/);
      assert.match(await page.locator('.govuk-notification-banner').innerText(), /has been recorded/);

      // A progress update on one of the police's own actions.
      await navigateBy(page, page.getByRole('link', { name: /Add an update/ }).first(), 200);
      await page.getByLabel('On track').check();
      await page
        .getByLabel('What has happened since the last update?')
        .fill('Licensed premises visited in Kelmsfield Town; two reviews under way.');
      await navigateBy(page, page.getByRole('button', { name: 'Add the update' }), 200);
      assert.match(await page.locator('.govuk-notification-banner').innerText(), /update/i);
    });

    assert.equal(await publicStatusOfNi20(), 'On track');
  });

  test('bad input on the value form keeps what was typed and says what is wrong', async () => {
    await withPage(async (page) => {
      await signIn(page, officer);
      await visit(page, '/returns');
      const target = page.locator('tr', { hasText: 'NI 16' });
      await navigateBy(page, target.getByRole('link', { name: /NI 16/ }), 200);
      const url = new URL(page.url());
      const id = url.pathname.split('/').pop();
      assert.ok(id);
      const indicatorLink = page.getByRole('link', { name: 'Record a value' });
      await navigateBy(page, indicatorLink, 200);
      await page.getByLabel('Period').fill('next spring');
      await page.locator('input#value').fill('lots');
      await navigateBy(page, page.getByRole('button', { name: 'Save the value' }), 400);
      assert.match(await page.locator('.govuk-error-summary').innerText(), /“next spring” is not a period/);
      assert.equal(await page.locator('input#value').inputValue(), 'lots');
    });
  });

  test('the public dashboard pages are accessible with and without JavaScript', async () => {
    for (const javaScriptEnabled of [true, false]) {
      await withPage(
        async (page) => {
          await visit(page, '/dashboard');
          assert.equal(await h1(page), 'How Kelmsfield is doing');
          await visit(page, '/dashboard?ward=harlowen');
          await visit(page, '/dashboard?page=2');
          const first = page.locator('.app-target h3 a').first();
          await navigateBy(page, first, 200);
          await visit(page, '/agreements');
          await visit(page, '/agreements/kelmsfield-local-area-agreement');
          await visit(page, '/indicators');
          await visit(page, '/reports/annual');
          await navigateBy(page, page.getByRole('link', { name: /^Annual progress report/ }).first(), 200);
          await visit(page, '/actions');
          await visit(page, '/strategies');
          await visit(page, '/strategies/kelmsfield-together');
          await visit(page, '/strategies/kelmsfield-together/versions/1');
          await visit(page, '/');
        },
        { javaScriptEnabled },
      );
    }
  });

  test('the pages that manage targets and figures are accessible, including their error states', async () => {
    await withPage(async (page) => {
      await signIn(page, admin);
      for (const path of [
        '/indicators/new',
        '/agreements/new',
        '/agreements/kelmsfield-local-area-agreement/targets/new',
        '/admin/performance',
        '/data/import',
        '/returns/monitor',
        '/strategies/kelmsfield-together/edit',
        '/strategies/new',
        '/actions/new',
        '/manage',
      ])
        await visit(page, path);
      await visit(page, '/agreements/kelmsfield-local-area-agreement/targets/new');
      await navigateBy(page, page.getByRole('button', { name: 'Save the target' }), 400);
      assert.match(await page.locator('.govuk-error-summary').innerText(), /Choose the indicator/);
      await visit(page, '/data/import');
      await page.setInputFiles('#file', {
        name: 'figures.csv',
        mimeType: 'text/csv',
        buffer: Buffer.from(
          'indicator code,area code,period,value\nNI 16,E06000099,2026/27 Q1,12.5\nNI 16,E09000001,2026/27 Q1,3\n',
        ),
      });
      await navigateBy(page, page.getByRole('button', { name: 'Check the file' }), 200);
      for (let i = 0; i < 20 && (await h1(page)) !== 'Check the figures to import'; i++)
        await page.waitForTimeout(200);
      await page.waitForFunction(() => !document.querySelector('meta[http-equiv="refresh"]'));
      await visit(page, new URL(page.url()).pathname);
      assert.match(
        await page.locator('main').innerText(),
        /Area code “E09000001” is not an area of this place/,
      );
    });
  });
});
