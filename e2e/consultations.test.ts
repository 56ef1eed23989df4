/**
 * Seed 004 in a real browser: the secretariat sets up the Kelmsfield Partnership Board's
 * response to the ODPM consultation on the future of LSPs and pastes its questions; four
 * organisations give their views; the secretariat drafts a composite response traced to
 * them and circulates it; the Chamber of Commerce cannot endorse two statements; the
 * response closes and the Word and PDF files hold exactly the statements nobody refused,
 * and the Chamber's own response holds what it endorsed and what it refused, with its
 * reasons. Every page visited is checked with axe-core; the public pages and the
 * Chamber's pages with and without JavaScript.
 */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import JSZip from 'jszip';
import { PDFParse } from 'pdf-parse';
import type { Page } from 'playwright-core';
import { browserSuite, h1, navigateBy, signIn, visit } from './browser.ts';
import { odpmQuestionsAnnex } from '../src/modules/consultations/odpm-questions.ts';

const secretariat = 'helen.marsh@kelmsfield.example';
const police = 'carol.denholm@brackenshire-police.example';
const chamber = 'lesley.rutherford@kelmsfield-chamber.example';
const voluntarySector = 'bernadette.quinlan@kelmsfield-cvs.example';

const day = (days: number) => new Date(Date.now() + days * 86_400_000).toISOString().slice(0, 10);

/** The statements drafted, by question; the Chamber cannot endorse the last two. */
const endorsedByAll = [
  [
    '1',
    'We agree that the partnership should set the lasting vision for the area through the Community Strategy.',
  ],
  ['1', 'Delivery should remain with the partners, each accountable through its own governance.'],
  [
    '12',
    'We agree that the partnership should be the partnership of partnerships, with seats for every sector.',
  ],
  ['28', 'Engagement works when partners go to where people are and report back what changed as a result.'],
] as const;
const refusedByTheChamber = [
  ['13', 'We support clustering the thematic partnerships around the four Local Area Agreement blocks.'],
  ['21', 'We support a statutory duty to promote the engagement of the voluntary and community sectors.'],
] as const;
const reasons = {
  '13': 'Economic development would be folded into whichever block has the money.',
  '21': 'A duty covering one sector only would leave business with no standing.',
};

/** Each organisation's views: question → view; every other question is answered "no view". */
const views: Record<string, { login: string; slug: string; views: Record<string, string> }> = {
  police: {
    login: police,
    slug: 'brackenshire-constabulary',
    views: { '1': 'Broadly agree, if the community safety block stays aligned.', '12': 'Agree.' },
  },
  chamber: {
    login: chamber,
    slug: 'kelmsfield-chamber-of-commerce',
    views: {
      '1': 'Businesses need one clear statement of the priorities.',
      '13': 'No: economic development is more than a funding block.',
      '21': 'Any duty should cover business as well.',
    },
  },
  cvs: {
    login: voluntarySector,
    slug: 'kelmsfield-council-for-voluntary-service',
    views: {
      '1': 'The vision must be owned by residents too.',
      '21': 'Without a duty, engagement depends on goodwill.',
      '28': 'Fund community anchor organisations to reach everyone.',
    },
  },
  council: {
    login: secretariat,
    slug: 'kelmsfield-borough-council',
    views: {
      '1': 'We agree: the Board owns the Community Strategy.',
      '12': 'The Board already includes the chairs of the thematic partnerships.',
      '13': 'Clustering would simplify performance management.',
      '28': 'Join up the partners’ consultation calendars.',
    },
  },
};

async function download(page: Page, link: string): Promise<Buffer> {
  const [file] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('link', { name: link }).click(),
  ]);
  return fs.readFileSync(await file.path());
}

async function docxText(file: Buffer): Promise<string> {
  const zip = await JSZip.loadAsync(file);
  const xml = await zip.file('word/document.xml')!.async('string');
  return xml
    .replace(/<\/w:p>/g, ' ')
    .replace(/<[^>]+>/g, '')
    .replace(/&apos;/g, "'")
    .replace(/&quot;/g, '"')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&amp;/g, '&')
    .replace(/\s+/g, ' ');
}

async function pdfText(file: Buffer): Promise<string> {
  const parser = new PDFParse({ data: new Uint8Array(file) });
  try {
    return (await parser.getText()).text.replace(/\n-- \d+ of \d+ --\n/g, '\n').replace(/\s+/g, ' ');
  } finally {
    await parser.destroy();
  }
}

function holdsExactly(text: string, included: readonly string[], excluded: readonly string[], what: string) {
  for (const s of included) assert.ok(text.includes(s), `${what} holds “${s}”`);
  for (const s of excluded) assert.ok(!text.includes(s), `${what} leaves out “${s}”`);
}

describe('a collective response in the browser', { timeout: 420_000 }, () => {
  const { withPage } = browserSuite();

  test('seed 004 from start to finish: views, composite draft, two statements refused, the final response', async () => {
    let base = '';

    // The secretariat sets the response up and pastes the consultation's questions.
    await withPage(async (page) => {
      await signIn(page, secretariat);
      await visit(page, '/consultations');
      await navigateBy(page, page.getByRole('link', { name: 'Respond to a consultation' }), 200);
      await navigateBy(page, page.getByRole('button', { name: 'Save' }), 400);
      assert.match(
        await page.locator('.govuk-error-summary').innerText(),
        /Choose the partnership that is responding/,
      );
      await page.getByLabel('Partnership responding').selectOption({ label: 'Kelmsfield Partnership Board' });
      await page
        .getByLabel('Title of the consultation')
        .fill('Local Strategic Partnerships: shaping their future');
      await page.getByLabel('Issued by').fill('Office of the Deputy Prime Minister');
      await page.getByLabel('Link to the consultation (optional)').fill('https://www.example.gov.uk/lsp');
      await page.getByLabel('Closes on').fill(day(30));
      await page.getByLabel('Date', { exact: true }).fill(day(10));
      await page.getByLabel('Time (optional)').fill('17:00');
      await navigateBy(page, page.getByRole('button', { name: 'Save' }), 200);
      assert.equal(await h1(page), 'Local Strategic Partnerships: shaping their future');
      base = new URL(page.url()).pathname;

      await navigateBy(
        page,
        page.getByRole('link', { name: 'Choose the organisations asked for their views' }),
        200,
      );
      for (const box of await page.locator('input[name="organisationIds"]').all()) await box.uncheck();
      for (const name of [
        'Brackenshire Constabulary',
        'Kelmsfield Chamber of Commerce',
        'Kelmsfield Council for Voluntary Service',
        'Kelmsfield Borough Council',
      ])
        await page.getByLabel(name, { exact: true }).check();
      await navigateBy(page, page.getByRole('button', { name: 'Save' }), 200);

      await navigateBy(page, page.getByRole('link', { name: 'Paste the questions as a numbered list' }), 200);
      await page.getByLabel('The consultation’s questions').fill(odpmQuestionsAnnex);
      await navigateBy(page, page.getByRole('button', { name: 'Check the questions' }), 200);
      assert.match(await page.locator('#found').innerText(), /35 questions found/);
      await navigateBy(page, page.getByRole('button', { name: 'Save these 35 questions' }), 200);
      assert.match(await page.locator('main').innerText(), /Question 35/);
      await navigateBy(page, page.getByRole('link', { name: 'Change question 1', exact: true }), 200);
      await visit(page, base);
      await navigateBy(page, page.getByRole('link', { name: 'Remove question 35', exact: true }), 200);
      await visit(page, `${base}/edit`);
    });

    // Each organisation gives its views, and "no view" on the rest, so every one has responded.
    for (const organisation of Object.values(views)) {
      await withPage(async (page) => {
        await signIn(page, organisation.login);
        await visit(page, `${base}/organisations/${organisation.slug}/views`);
        for (const [number, text] of Object.entries(organisation.views))
          await page.getByLabel(`Question ${number}`, { exact: true }).fill(text);
        for (let n = 1; n <= 35; n++)
          if (!(String(n) in organisation.views))
            await page.getByLabel(`No view on question ${n}`, { exact: true }).check();
        await navigateBy(page, page.getByRole('button', { name: 'Save your views' }), 200);
        assert.match(
          await page.locator('.govuk-notification-banner').innerText(),
          /views on 35 questions have been saved/,
        );
      });
    }

    // The secretariat drafts the composite response from the views and circulates it.
    await withPage(async (page) => {
      await signIn(page, secretariat);
      await visit(page, `${base}/views`);
      assert.match(
        await page.locator('main').innerText(),
        /4 of 4 organisations have answered every question/,
      );
      await visit(page, `${base}/draft`);
      for (const [number, text] of [...endorsedByAll, ...refusedByTheChamber]) {
        await navigateBy(
          page,
          page.getByRole('link', { name: `Add a statement for question ${number}`, exact: true }),
          200,
        );
        await page.getByLabel('Statement', { exact: true }).fill(text);
        for (const box of await page.locator('input[name="viewIds"]').all()) await box.check();
        await navigateBy(page, page.getByRole('button', { name: 'Save the statement' }), 200);
      }
      await navigateBy(
        page,
        page.getByRole('link', { name: 'Remove statement 1 for question 1', exact: true }),
        200,
      );
      await visit(page, `${base}/draft`);
      await navigateBy(
        page,
        page.getByRole('link', { name: 'Circulate the draft for endorsement' }).first(),
        200,
      );
      await page.getByLabel('Date', { exact: true }).fill(day(5));
      await page.getByLabel('Time (optional)').fill('17:00');
      await page.getByLabel('Silence by the deadline counts as endorsement').check();
      await navigateBy(page, page.getByRole('button', { name: 'Circulate the draft' }), 200);
      assert.match(await page.locator('#stage').innerText(), /Partners endorsing the draft/);
    });

    // Each organisation answers on every statement; the Chamber cannot endorse two.
    const answer = async (page: Page, refuse: boolean) => {
      for (const block of await page.locator('.app-statement').all()) {
        const text = await block.innerText();
        const refused = refusedByTheChamber.find(([, words]) => text.includes(words));
        if (refuse && refused) {
          await block.getByLabel('Cannot endorse', { exact: true }).check();
          await block.getByLabel(/Your reason, if you cannot endorse/).fill(reasons[refused[0]]);
        } else await block.getByLabel('Endorse', { exact: true }).check();
      }
    };
    for (const organisation of Object.values(views)) {
      const isChamber = organisation.login === chamber;
      await withPage(
        async (page) => {
          await signIn(page, organisation.login);
          await visit(page, `${base}/organisations/${organisation.slug}/endorsements`);
          if (isChamber) {
            await page.locator('.app-statement').last().getByLabel('Cannot endorse', { exact: true }).check();
            await navigateBy(page, page.getByRole('button', { name: 'Save your answers' }), 400);
            assert.match(
              await page.locator('.govuk-error-summary').innerText(),
              /Give the reason your organisation cannot endorse this statement/,
            );
          }
          await answer(page, isChamber);
          await navigateBy(page, page.getByRole('button', { name: 'Save your answers' }), 200);
          assert.match(
            await page.locator('.govuk-notification-banner').innerText(),
            /answers on 6 statements have been recorded/,
          );
        },
        // The Chamber answers with JavaScript off: the reason box is there without it.
        { javaScriptEnabled: !isChamber },
      );
    }

    // Everyone has answered, so the secretariat closes endorsement; the response is final.
    await withPage(async (page) => {
      await signIn(page, secretariat);
      await visit(page, base);
      await navigateBy(page, page.getByRole('button', { name: 'Close endorsement now' }), 200);
      assert.match(await page.locator('#stage').innerText(), /Final response/);
      assert.match(
        await page.locator('#summary').innerText(),
        /Final response: 4 of 6 statements included, 4 endorsed by all 4 organisations; 2 removed\./,
      );
      await visit(page, `${base}/record`);
      await visit(page, `${base}/history`);
      await visit(page, `${base}/deadline`);
      await visit(page, `${base}/submitted`);
    });

    const included = endorsedByAll.map(([, text]) => text);
    const removed = refusedByTheChamber.map(([, text]) => text);
    for (const javaScriptEnabled of [true, false]) {
      // The public reads the final response and downloads it.
      await withPage(
        async (page) => {
          await visit(page, '/consultations');
          await navigateBy(
            page,
            page.getByRole('link', { name: 'Local Strategic Partnerships: shaping their future' }).first(),
            200,
          );
          await navigateBy(page, page.getByRole('link', { name: 'Read the collective response' }), 200);
          const html = await page.locator('#collective-response').innerText();
          holdsExactly(html, included, removed, 'the page');
          assert.match(html.replace(/\s+/g, ' '), /Question 13 .*? No collective response\./);
          assert.ok(!html.includes(reasons['13']), 'reasons are not published');
          holdsExactly(
            await docxText(await download(page, 'Word document')),
            included,
            removed,
            'the Word file',
          );
          holdsExactly(await pdfText(await download(page, 'PDF')), included, removed, 'the PDF');
        },
        { javaScriptEnabled },
      );

      // The Chamber reads the internal record and downloads its own response.
      await withPage(
        async (page) => {
          await signIn(page, chamber);
          await visit(page, base);
          await navigateBy(page, page.getByRole('link', { name: /See the internal record/ }), 200);
          assert.match(
            await page.locator('main').innerText(),
            /Kelmsfield Chamber of Commerce cannot endorse it:\s+Economic development would be folded/,
          );
          await visit(page, `${base}/organisations/kelmsfield-chamber-of-commerce/response`);
          const own = (await page.locator('#own-response').innerText()).replace(/\s+/g, ' ');
          const docx = await docxText(await download(page, 'Word document'));
          const pdf = await pdfText(await download(page, 'PDF'));
          for (const [what, text] of [
            ['page', own],
            ['Word file', docx],
            ['PDF', pdf],
          ] as const) {
            holdsExactly(text, [...included, ...removed], [], `the Chamber’s own ${what}`);
            assert.match(text, /Our view Businesses need one clear statement of the priorities\./, what);
            assert.match(
              text,
              /Statements we could not endorse We support clustering the thematic partnerships/,
              what,
            );
            assert.ok(text.includes(`Our reason: ${reasons['13']}`), what);
            assert.ok(text.includes(`Our reason: ${reasons['21']}`), what);
          }
        },
        { javaScriptEnabled },
      );
    }
  });
});
