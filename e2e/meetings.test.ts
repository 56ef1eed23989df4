/**
 * Meetings in a real browser: the secretariat schedules a meeting, puts an item on its
 * agenda with a paper, publishes it, records who attended and what was decided, and the
 * public page and the decisions register show it. Every page visited is checked with
 * axe-core against WCAG 2.2 AA; the public pages with and without JavaScript.
 */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { browserSuite, h1, navigateBy, signIn, visit } from './browser.ts';

const secretariat = 'helen.marsh@kelmsfield.example';
const pdf = Buffer.from('%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n');

/** Yesterday (UTC), so attendance can be recorded: a meeting must have started first. */
function yesterday(): string {
  return new Date(Date.now() - 86_400_000).toISOString().slice(0, 10);
}

describe('meetings in the browser', { timeout: 180_000 }, () => {
  const { withPage } = browserSuite();

  test('the secretariat runs a meeting from scheduling to decision, and the public sees it', async () => {
    let meetingPath = '';
    await withPage(async (page) => {
      await signIn(page, secretariat);
      await visit(page, '/meetings/new');
      // Nothing filled in: the form says what is missing.
      await navigateBy(page, page.getByRole('button', { name: 'Save' }), 400);
      assert.match(
        await page.locator('.govuk-error-summary').innerText(),
        /Choose the partnership that is meeting/,
      );
      await page.getByLabel('Partnership').selectOption({ label: 'Kelmsfield Partnership Board' });
      await page.getByLabel('Name of the meeting').fill('Extraordinary board meeting');
      await page.getByLabel('Date').fill(yesterday());
      await page.getByLabel('Start time').fill('10:00');
      await page.getByLabel('Where').fill('Council Chamber, Kelmsfield Town Hall');
      await page.getByLabel('Open to the public').check();
      await navigateBy(page, page.getByRole('button', { name: 'Save' }), 200);
      assert.equal(await h1(page), 'Extraordinary board meeting');
      meetingPath = new URL(page.url()).pathname;

      await navigateBy(page, page.getByRole('link', { name: 'Add an agenda item' }), 200);
      await page.getByLabel('Title').fill('Winter resilience plan');
      await page.getByLabel('For decision').check();
      await navigateBy(page, page.getByRole('button', { name: 'Save' }), 200);

      await visit(page, `${meetingPath}/papers/new`);
      await page.getByLabel('Title').fill('Winter resilience plan: report');
      await page.getByLabel('Agenda item').selectOption({ label: '1. Winter resilience plan' });
      await page.setInputFiles('#file', {
        name: 'winter-plan.exe',
        mimeType: 'application/octet-stream',
        buffer: pdf,
      });
      await navigateBy(page, page.getByRole('button', { name: 'Upload the paper' }), 400);
      assert.match(await page.locator('.govuk-error-summary').innerText(), /must be a PDF, a Word document/);
      assert.equal(await page.getByLabel('Title').inputValue(), 'Winter resilience plan: report');
      await page.setInputFiles('#file', {
        name: 'winter-plan.pdf',
        mimeType: 'application/pdf',
        buffer: pdf,
      });
      await navigateBy(page, page.getByRole('button', { name: 'Upload the paper' }), 200);
      await navigateBy(page, page.getByRole('button', { name: 'Publish the agenda and papers' }), 200);
      assert.match(await page.locator('#publication').innerText(), /Published/);

      await visit(page, `${meetingPath}/attendance`);
      for (const radio of await page.locator('input[type="radio"][value="present"]').all())
        await radio.check();
      await navigateBy(page, page.getByRole('button', { name: 'Save attendance' }), 200);
      assert.match(await page.locator('#quorum').innerText(), /^Quorate/);

      await visit(page, `${meetingPath}/decisions/new`);
      await page.getByLabel('Agenda item').selectOption({ label: '1. Winter resilience plan' });
      await page.getByLabel('Resolution').fill('The Board adopted the winter resilience plan.');
      await page.getByLabel('Agreed', { exact: true }).check();
      await page.locator('#action1Title').fill('Publish the winter resilience plan');
      await page
        .locator('#action1DueOn')
        .fill(new Date(Date.now() + 30 * 86_400_000).toISOString().slice(0, 10));
      await navigateBy(page, page.getByRole('button', { name: 'Record the decision' }), 200);
      await visit(page, `${meetingPath}/minutes`);
      await visit(page, `${meetingPath}/status`);
      await visit(page, '/admin/meetings');
      await visit(page, '/partnerships/kelmsfield-partnership-board/quorum');
    });

    for (const javaScriptEnabled of [true, false]) {
      await withPage(
        async (page) => {
          await visit(page, meetingPath);
          const main = await page.locator('main').innerText();
          assert.match(main, /Winter resilience plan: report/);
          assert.match(main, /The Board adopted the winter resilience plan\./);
          assert.match(main, /Publish the winter resilience plan/);
          await visit(page, '/decisions?q=winter+resilience');
          assert.match(await page.locator('#found').innerText(), /^1 decision found/);
          assert.match(
            await page.locator('main').innerText(),
            /The Board adopted the winter resilience plan\./,
          );
          await visit(page, '/meetings');
          await visit(page, '/meetings?when=past');
          await navigateBy(page, page.locator('.app-meetings a').first(), 200);
          await visit(page, '/health-check');
          await visit(page, '/health-check?partnership=safer-kelmsfield-partnership&window=all');
          await visit(page, '/partnerships/safer-kelmsfield-partnership');
          await visit(page, '/accountability');
          await visit(page, '/named-partners');
          await navigateBy(page, page.locator('main table a').first(), 200);
          await visit(page, '/protocols');
          await navigateBy(page, page.locator('main a[href^="/protocols/"]').first(), 200);
          await visit(page, '/ccfa');
          await navigateBy(page, page.locator('main a[href^="/ccfa/CCFA"]').first(), 200);
        },
        { javaScriptEnabled },
      );
    }
  });

  test('a board member sends apologies for an upcoming meeting and names a substitute where they can', async () => {
    let meetingPath = '';
    await withPage(async (page) => {
      await signIn(page, secretariat);
      await visit(page, '/meetings/new');
      await page.getByLabel('Partnership').selectOption({ label: 'Kelmsfield Partnership Board' });
      await page.getByLabel('Name of the meeting').fill('Spring board meeting');
      await page.getByLabel('Date').fill(new Date(Date.now() + 14 * 86_400_000).toISOString().slice(0, 10));
      await page.getByLabel('Start time').fill('14:00');
      await page.getByLabel('Where').fill('Kelmsfield Town Hall');
      await page.getByLabel('Open to the public').check();
      await navigateBy(page, page.getByRole('button', { name: 'Save' }), 200);
      meetingPath = new URL(page.url()).pathname;
    });
    for (const javaScriptEnabled of [true, false]) {
      await withPage(
        async (page) => {
          await signIn(page, 'lesley.rutherford@kelmsfield-chamber.example');
          await visit(page, meetingPath);
          await navigateBy(page, page.getByRole('link', { name: 'Send your apologies' }), 200);
          await navigateBy(page, page.getByRole('button', { name: 'Send' }), 400);
          assert.match(await page.locator('.govuk-error-summary').innerText(), /Choose whether you can come/);
          await page.getByLabel('I cannot come', { exact: true }).check();
          await navigateBy(page, page.getByRole('button', { name: 'Send' }), 200);
          assert.match(
            await page.locator('.govuk-notification-banner').innerText(),
            /Your apologies have been sent/,
          );
          await visit(page, `${meetingPath}/apologies`);
          assert.match(await page.locator('main').innerText(), /You have already sent apologies/);
          await page.getByLabel('I can come after all (withdraw my apologies)').check();
          await navigateBy(page, page.getByRole('button', { name: 'Send' }), 200);
          assert.match(await page.locator('.govuk-notification-banner').innerText(), /withdrawn/);
        },
        { javaScriptEnabled },
      );
    }
  });
});
