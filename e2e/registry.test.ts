/**
 * The registry in a real browser: the public pages, setting up a partnership and
 * seating its chair, bad input, and a chair's limits. Every page visited is checked
 * with axe-core against WCAG 2.2 AA.
 *
 * Run: node --import tsx --test e2e/registry.test.ts
 * (with DATABASE_URL=postgres://… to run it on PostgreSQL)
 */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { browserSuite, h1, navigateBy, signIn, visit } from './browser.ts';

const admin = 'admin@kelmsfield.example';
const chairOfSafer = 'susan.pettifer@kelmsfield.example';

describe('registry in the browser', { timeout: 90_000 }, () => {
  const { withPage } = browserSuite();

  test('the public pages are accessible and each has one h1', async () => {
    await withPage(async (page) => {
      const pages: [path: string, heading: string][] = [
        ['/', 'Kelmsfield partnership'],
        ['/structure', 'Structure of the partnership'],
        ['/partnerships', 'Partnerships'],
        ['/partnerships/safer-kelmsfield-partnership', 'Safer Kelmsfield Partnership'],
        ['/organisations', 'Organisations'],
        ['/people', 'People'],
        ['/areas', 'Areas'],
        ['/open-data', 'Open data'],
        ['/sign-in', 'Sign in'],
      ];
      for (const [path, heading] of pages) {
        await visit(page, path);
        assert.equal(await h1(page), heading, `h1 of ${path}`);
        assert.match(
          await page.locator('.app-demo-banner').innerText(),
          /fictional place/,
          `demo banner on ${path}`,
        );
      }

      await visit(page, '/partnerships/no-such-thing', 404);
      assert.equal(await h1(page), 'Page not found');
      assert.match(await page.title(), /Page not found/);
    });

    await withPage(
      async (page) => {
        await visit(page, '/');
        assert.equal(await h1(page), 'Kelmsfield partnership');
        assert.ok(
          await page.getByText('fictional place').isVisible(),
          'the demo banner shows without JavaScript',
        );
        assert.ok(await page.getByRole('link', { name: 'Partnerships' }).first().isVisible());
        // Without JavaScript the page is still the whole page: navigation and content.
        assert.ok(await page.getByRole('navigation', { name: 'Site' }).isVisible());
        await navigateBy(page, page.getByRole('link', { name: 'How the partnership is organised' }), 200);
        assert.equal(await h1(page), 'Structure of the partnership');
      },
      { javaScriptEnabled: false },
    );
  });

  test('an administrator sets up a partnership and seats its chair', async () => {
    const name = 'Kelmsfield Digital Inclusion Partnership';
    const slug = 'kelmsfield-digital-inclusion-partnership';

    await withPage(async (page) => {
      await signIn(page, admin);
      const signedInAs = /Signed in as (.+?)\./.exec(await page.locator('.app-signed-in').innerText())?.[1];
      assert.ok(signedInAs, 'the footer says who is signed in');

      await navigateBy(
        page,
        page.getByRole('navigation', { name: 'Site' }).getByRole('link', { name: 'Manage' }),
        200,
      );
      assert.equal(await h1(page), 'Manage the partnership');
      await navigateBy(page, page.getByRole('link', { name: 'Set up a partnership' }), 200);
      assert.equal(new URL(page.url()).pathname, '/partnerships/new');
      assert.equal(await h1(page), 'Set up a partnership');

      // An empty form: the GOV.UK error summary, and nothing saved.
      await navigateBy(page, page.getByRole('button', { name: 'Save' }), 400);
      const summary = page.locator('.govuk-error-summary');
      assert.equal(await summary.getByRole('heading', { name: 'There is a problem' }).count(), 1);
      const nameError = summary.getByRole('link', { name: 'Enter the name of the partnership' });
      assert.equal(await nameError.getAttribute('href'), '#name');
      assert.match(await page.title(), /^Error: /);
      assert.match(await page.locator('#name-error').innerText(), /Enter the name of the partnership/);

      // Filled in properly.
      await page.getByLabel('Name', { exact: true }).fill(name);
      await page.getByLabel('Reports to').selectOption({ label: 'Kelmsfield Partnership Board' });
      await page.getByLabel('Theme (optional)').fill('Digital inclusion');
      assert.equal(await page.getByLabel('Active').isChecked(), true, 'the status stays Active');
      assert.equal(await page.getByRole('checkbox').isChecked(), false);
      await navigateBy(page, page.getByRole('button', { name: 'Save' }), 200);
      assert.equal(new URL(page.url()).pathname, `/partnerships/${slug}`);
      assert.equal(await h1(page), name);
      const banner = page.locator('.govuk-notification-banner--success');
      assert.match(await banner.innerText(), new RegExp(`${name} has been set up`));
      assert.match(await page.locator('.govuk-summary-list').innerText(), /Kelmsfield Partnership Board/);

      // Seat a chair.
      await navigateBy(page, page.getByRole('link', { name: 'Add a member' }), 200);
      assert.equal(await h1(page), `Add a member to ${name}`);
      const personSelect = page.getByLabel('Person', { exact: true });
      const people = (await personSelect.locator('option').allTextContents()).map((s) => s.trim());
      assert.equal(people[0], 'Choose a person');
      const person = people[1];
      assert.ok(person, 'there are people to choose from');
      await personSelect.selectOption({ label: person });
      await page.getByLabel('Chair', { exact: true }).check();
      await page.getByLabel('Representing').selectOption({ label: 'Kelmsfield Borough Council' });
      await page.getByLabel('Starts on').fill('2026-04-01');
      await navigateBy(page, page.getByRole('button', { name: 'Save' }), 200);
      assert.equal(new URL(page.url()).pathname, `/partnerships/${slug}`);
      assert.match(
        await page.locator('.govuk-notification-banner--success').innerText(),
        /The member has been added/,
      );
      const members = page
        .locator('table')
        .filter({ has: page.locator('caption', { hasText: 'current seat' }) });
      assert.match(await members.locator('caption').innerText(), /^1 current seat$/);
      const seat = members.getByRole('row').filter({ hasText: person });
      assert.equal(await seat.count(), 1, `${person} is in the members table`);
      const cells = (await seat.getByRole('cell').allInnerTexts()).map((s) => s.trim());
      assert.deepEqual(cells.slice(0, 3), [person, 'Chair', 'Kelmsfield Borough Council']);

      // The history records the setting up, and who did it.
      assert.equal(await page.getByRole('heading', { name: 'History', level: 2 }).count(), 1);
      const created = page.locator('.app-history > li').filter({ hasText: `Set up ${name}` });
      assert.equal(await created.count(), 1, 'the history lists the creation');
      assert.match(await created.innerText(), new RegExp(`${signedInAs}, `));

      // It is on the structure map and in the map's text alternative.
      await navigateBy(
        page,
        page.getByRole('navigation', { name: 'Site' }).getByRole('link', { name: 'Structure' }),
        200,
      );
      assert.equal(new URL(page.url()).pathname, '/structure');
      const mapLink = page.locator(`.app-map svg a[href="/partnerships/${slug}"]`);
      assert.equal(await mapLink.count(), 1, 'the SVG map links to the new partnership');
      assert.match(await mapLink.textContent().then((s) => s ?? ''), /Digital Inclusion/);
      const list = page.locator('#structure-as-list ~ ul.app-tree').first();
      const listLink = list.getByRole('link', { name, exact: true });
      assert.equal(await listLink.count(), 1, 'the structure list names the new partnership');
      assert.equal(await listLink.getAttribute('href'), `/partnerships/${slug}`);

      // And back to it from the list.
      await navigateBy(page, listLink, 200);
      assert.equal(await h1(page), name);
    });
  });

  test('bad input keeps what was typed and saves nothing', async () => {
    const typed = 'Kelmsfield Digital Skills Collective';
    await withPage(async (page) => {
      await signIn(page, admin);
      await visit(page, '/organisations/new');
      assert.equal(await h1(page), 'Add an organisation');
      await page.getByLabel('Name', { exact: true }).fill(typed);
      await navigateBy(page, page.getByRole('button', { name: 'Save' }), 400);
      const summary = page.locator('.govuk-error-summary');
      assert.equal(await summary.getByRole('heading', { name: 'There is a problem' }).count(), 1);
      assert.equal(
        await summary.getByRole('link', { name: 'Choose the sector the organisation belongs to' }).count(),
        1,
      );
      assert.equal(await page.getByLabel('Name', { exact: true }).inputValue(), typed, 'the name is kept');

      await visit(page, '/organisations');
      assert.equal(await page.getByRole('link', { name: typed }).count(), 0);
      assert.doesNotMatch(await page.locator('main').innerText(), new RegExp(typed));
      await visit(page, `/organisations?q=${encodeURIComponent('Digital Skills')}`);
      assert.match(await page.locator('table caption').innerText(), /^0 organisations$/);
    });
  });

  test('a chair can edit their own partnership but not another', async () => {
    await withPage(async (page) => {
      await signIn(page, chairOfSafer);

      await visit(page, '/partnerships/kelmsfield-partnership-board/edit', 403);
      assert.match(await h1(page), /^You do not have permission/);
      assert.equal(await page.locator('form[action$="/edit"]').count(), 0, 'no edit form');

      await visit(page, '/partnerships/safer-kelmsfield-partnership/edit');
      assert.equal(await h1(page), 'Edit Safer Kelmsfield Partnership');
      assert.equal(
        await page.getByLabel('Name', { exact: true }).inputValue(),
        'Safer Kelmsfield Partnership',
      );
      assert.equal(await page.getByRole('button', { name: 'Save' }).count(), 1);
    });
  });
  test('every page an administrator works with is accessible, errors and all', async () => {
    await withPage(async (page) => {
      await signIn(page, admin);
      for (const path of [
        '/manage',
        '/account',
        '/account/password',
        '/admin/users',
        '/admin/users/new',
        '/admin/users/1',
        '/partnerships/safer-kelmsfield-partnership/edit',
        '/partnerships/safer-kelmsfield-partnership/members/new',
        '/organisations/brackenshire-constabulary',
        '/organisations/brackenshire-constabulary/edit',
        '/people/susan-pettifer',
        '/people/susan-pettifer/edit',
        '/people/new',
        '/areas/kelmsfield',
        '/areas/new',
        '/import/organisations',
        '/import/people',
        '/admin/place',
      ]) {
        await visit(page, path);
      }

      // A seat's own page, and ending it with a date before it started.
      await visit(page, '/partnerships/safer-kelmsfield-partnership');
      await navigateBy(page, page.getByRole('link', { name: /^Change .*seat$/ }).first(), 200);
      await page.getByLabel('Last day of the seat').fill('1990-01-01');
      await navigateBy(page, page.getByRole('button', { name: 'End seat' }), 400);
      assert.equal(await page.getByLabel('Last day of the seat').inputValue(), '1990-01-01');

      // Forms sent back with errors.
      await visit(page, '/people/new');
      await page.getByLabel('This person is an elected councillor').check();
      await navigateBy(page, page.getByRole('button', { name: 'Save' }), 400);
      await visit(page, '/areas/new');
      await page.getByLabel('GSS code (optional)').fill('nonsense');
      await navigateBy(page, page.getByRole('button', { name: 'Save' }), 400);

      // A CSV file with bad rows: the report lists them and nothing is saved.
      await visit(page, '/import/organisations');
      await page.getByLabel('CSV file').setInputFiles({
        name: 'organisations.csv',
        mimeType: 'text/csv',
        buffer: Buffer.from('name,sector,type\nGood Org,business,business\n,nowhere,charity\n'),
      });
      await navigateBy(page, page.getByRole('button', { name: 'Check the file' }), 400);
      assert.equal(await h1(page), 'Problems in the file');
      assert.match(await page.locator('table').innerText(), /Enter the name of the organisation/);
    });
  });
});
