/**
 * Engagement in a real browser: a resident registers, has their say, and follows their idea
 * through moderation by the chair of the partnership that owns its priority to "you said, we
 * did", with the action it led to. Someone anonymous has their say and answers the survey on
 * the strategy. Every page visited is checked with axe-core against WCAG 2.2 AA; the public
 * pages with and without JavaScript.
 *
 * Run: node --import tsx --test e2e/engagement.test.ts
 */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { Page } from 'playwright-core';
import { browserSuite, h1, navigateBy, signIn, visit } from './browser.ts';

const chairOfSafer = 'susan.pettifer@kelmsfield.example';
const secretariat = 'helen.marsh@kelmsfield.example';
/** The form refuses anything sent back sooner than a person could have filled it in (3 seconds). */
const personPace = 3_200;

const summary = 'Dark path from Brindlemoor to the station';
const details =
  'The path behind the allotments has no lights at all.\nPeople walk the long way round after dark.';

async function flash(page: Page): Promise<string> {
  return (await page.locator('.govuk-notification-banner').innerText()).replace(/\s+/g, ' ');
}

describe('engagement in the browser', { timeout: 240_000 }, () => {
  const { withPage } = browserSuite();

  test('a resident’s idea goes through moderation to “you said, we did”', async () => {
    let ideaPath = '';
    let reference = '';
    let actionTitle = '';

    // A resident registers and has their say.
    await withPage(async (page) => {
      await visit(page, '/register');
      await page.getByLabel('Your name').fill('Rowan Field');
      await page.getByLabel('Email address').fill('rowan.field@example.net');
      await page.getByLabel('The ward you live in (optional)').selectOption({ label: 'Brindlemoor' });
      await page.getByLabel('Password', { exact: true }).fill('a walk by the allotments');
      await page.getByLabel('Confirm password').fill('a walk by the allotments');
      await navigateBy(page, page.getByRole('button', { name: 'Register' }), 200);
      assert.equal(await h1(page), 'Have your say');
      assert.match(await flash(page), /You are registered and signed in/);

      // Nothing filled in: the form says what is missing.
      await navigateBy(page, page.getByRole('button', { name: 'Send' }), 400);
      assert.match(await page.locator('.govuk-error-summary').innerText(), /Enter a short summary/);

      await page.getByLabel('Idea', { exact: true }).check();
      await page.getByLabel('Summary').fill(summary);
      await page.getByLabel('What do you want to tell the partnership?').fill(details);
      await page
        .getByLabel('Which of the partnership’s priorities is it about? (optional)')
        .selectOption({ label: 'Safer, stronger communities' });
      assert.equal(
        await page.getByLabel('Which ward or neighbourhood is it about? (optional)').inputValue(),
        await page.locator('#areaId option', { hasText: /^Brindlemoor$/ }).getAttribute('value'),
        'their ward is chosen for them',
      );
      await page.getByRole('group', { name: 'What is your age?' }).getByLabel('35 to 44').check();
      await page.getByRole('group', { name: 'What is your sex?' }).getByLabel('Prefer not to say').check();
      await navigateBy(page, page.getByRole('button', { name: 'Send' }), 200);
      assert.equal(await h1(page), 'Thank you for having your say');
      const sent = await flash(page);
      reference = /reference is (HYS-\d{5})/.exec(sent)?.[1] ?? '';
      assert.ok(reference, sent);

      await navigateBy(page, page.getByRole('link', { name: 'See everything you have sent' }), 200);
      assert.match(
        await page.locator('main table').innerText(),
        new RegExp(`${reference}[\\s\\S]*Waiting to be checked`),
      );
    });

    // The chair of the partnership that owns the priority checks it, publishes it and says what it led to.
    await withPage(async (page) => {
      await signIn(page, chairOfSafer);
      await visit(page, '/engagement');
      await navigateBy(page, page.getByRole('link', { name: `${reference}: ${summary}` }), 200);
      assert.match(await page.locator('#said').innerText(), /no lights at all/);
      await navigateBy(page, page.getByRole('button', { name: 'Save the check' }), 400);
      assert.match(
        await page.locator('.govuk-error-summary').innerText(),
        /Choose whether to publish it or not/,
      );
      await page.getByLabel('Yes, publish it').check();
      await navigateBy(page, page.getByRole('button', { name: 'Save the check' }), 200);
      assert.match(await flash(page), /is published\. The person who sent it has been told by e-mail\./);
      ideaPath = `/you-said-we-did/${Number(reference.slice(4))}`;

      await page.getByLabel('Acted on').check();
      await navigateBy(page, page.getByRole('button', { name: 'Save the response' }), 400);
      assert.match(
        await page.locator('.govuk-error-summary').innerText(),
        /Say what the partnership did[\s\S]*Choose the decision, action or target it led to/,
      );
      await page
        .getByLabel('Response', { exact: true })
        .fill('New lights go in along the path this winter, paid for by the partnership.');
      const action = page.getByLabel('The action it led to');
      actionTitle = (await action.locator('option').nth(1).textContent())!.trim();
      await action.selectOption({ index: 1 });
      await navigateBy(page, page.getByRole('button', { name: 'Save the response' }), 200);
      assert.match(await flash(page), /The response to HYS-\d{5} is saved and published/);
    });

    // The public sees it, with and without JavaScript.
    for (const javaScriptEnabled of [true, false]) {
      await withPage(
        async (page) => {
          await visit(page, '/you-said-we-did?status=acted_on');
          await navigateBy(page, page.getByRole('link', { name: summary }), 200);
          assert.equal(new URL(page.url()).pathname, ideaPath);
          assert.equal(await h1(page), summary);
          assert.match(await page.locator('#status').innerText(), /Acted on/);
          assert.match(
            await page.locator('#response').innerText(),
            /New lights go in along the path this winter/,
          );
          assert.equal(await page.locator('#led-to').innerText(), `Action: ${actionTitle}`);
          const main = await page.locator('main').innerText();
          assert.doesNotMatch(main, /Rowan|rowan\.field/, 'never who sent it');
          assert.match(main, /A resident of Brindlemoor/);
          await navigateBy(page, page.locator('#led-to a').first(), 200);
          await visit(page, '/balance-of-voice');
          assert.match(
            await page.locator('#findings').innerText(),
            /Pennyfold has 7% of residents but fewer than 10/,
          );
          await visit(page, '/balance-of-voice?source=ideas');
          await visit(page, '/surveys');
          await visit(page, '/surveys/kelmsfield-together-refresh');
          await visit(page, '/surveys/kelmsfield-together-refresh/results');
          assert.match(await page.locator('#question-1').innerText(), /Answers to question 1/);
          await visit(page, '/surveys/kelmsfield-together-refresh/results?by=ward');
          await visit(page, '/you-said-we-did/999999', 404);
        },
        { javaScriptEnabled },
      );
    }
  });

  test('someone anonymous has their say and answers the survey, with and without JavaScript', async () => {
    for (const javaScriptEnabled of [true, false]) {
      await withPage(
        async (page) => {
          await visit(page, '/have-your-say');
          // The spam trap is there for programs, hidden from people and from the keyboard.
          const trap = page.locator('#website');
          assert.equal(await trap.getAttribute('tabindex'), '-1');
          assert.equal(await trap.locator('xpath=..').getAttribute('aria-hidden'), 'true');
          assert.equal(await trap.locator('xpath=..').getAttribute('class'), 'govuk-visually-hidden');
          await page.getByLabel('Concern', { exact: true }).check();
          await page
            .getByLabel('Summary')
            .fill(`Overflowing bins in Harlowen (${javaScriptEnabled ? 'with' : 'without'} JavaScript)`);
          await page
            .getByLabel('What do you want to tell the partnership?')
            .fill('<b>Every</b> weekend the bins overflow.');
          await page.getByLabel('A community group or organisation').check();
          await page.getByLabel('Name of the group').fill('Harlowen Tenants and Residents Association');
          await page.getByLabel('Kind of group').selectOption({ label: 'Residents and community' });
          await page.getByLabel('Your email address (optional)').fill('tenants@example.net');
          await page.waitForTimeout(personPace);
          await navigateBy(page, page.getByRole('button', { name: 'Send' }), 200);
          assert.equal(await h1(page), 'Thank you for having your say');
          assert.match(await flash(page), /Your concern has been sent\. Its reference is HYS-\d{5}\./);

          await visit(page, '/surveys/kelmsfield-together-refresh');
          await page
            .getByRole('group', { name: /How far do you agree/ })
            .getByLabel('4', { exact: true })
            .check();
          await page
            .getByRole('group', { name: /Which priority matters most to you/ })
            .getByLabel('Decent homes for everyone')
            .check();
          await page.getByLabel('Mentoring young people').check();
          await page.getByLabel('Where do you live? (optional)').selectOption({ label: 'Harlowen' });
          await page.waitForTimeout(personPace);
          await navigateBy(page, page.getByRole('button', { name: 'Send your answers' }), 200);
          assert.equal(await h1(page), 'Thank you for answering');
          await navigateBy(page, page.getByRole('link', { name: 'See the results so far' }), 200);
        },
        { javaScriptEnabled },
      );
    }
  });

  test('the secretariat’s engagement pages are accessible', async () => {
    await withPage(async (page) => {
      await signIn(page, secretariat);
      await visit(page, '/engagement');
      await navigateBy(page, page.locator('#queue a').first(), 200);
      await visit(page, '/engagement/population');
      await page.getByLabel('Female', { exact: true }).fill('60');
      await navigateBy(page, page.getByRole('button', { name: 'Save the shares' }), 400);
      assert.match(await page.locator('.govuk-error-summary').innerText(), /The sex shares add up to 109%/);
      await visit(page, '/surveys/new');
      await visit(page, '/surveys/kelmsfield-together-refresh/edit');
      await visit(page, '/have-your-say/mine');
    });
  });
});
