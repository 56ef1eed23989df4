import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import JSZip from 'jszip';
import { PDFParse } from 'pdf-parse';
import { simpleParser } from 'mailparser';
import { createTestApp, Visitor, type TestApp } from '../../testing/test-app.ts';
import { demoPassword } from '../registry/demo-place.ts';
import { logins } from '../../testing/route-roles.ts';
import { todayIso } from '../../platform/time.ts';
import { odpmQuestionsAnnex } from './odpm-questions.ts';

function addDays(day: string, days: number): string {
  return new Date(Date.parse(`${day}T12:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);
}

const idFrom = (location: unknown) => Number(/\/consultations\/(\d+)/.exec(String(location))?.[1]);

/** The page's words as a reader sees them: tags gone, entities read, spaces collapsed. */
function words(html: string): string {
  return html
    .replace(/<script[\s\S]*?<\/script>/g, '')
    .replace(/<[^>]+>/g, ' ')
    .replace(/&#39;/g, "'")
    .replace(/&quot;/g, '"')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&amp;/g, '&')
    .replace(/\s+/g, ' ');
}
const mainOf = (html: string) => words(html.slice(html.indexOf('<main'), html.indexOf('</main>')));
/** The messages of the page's error summary, in order. */
const errorsOf = (html: string) =>
  [
    ...(/govuk-error-summary__list">([\s\S]*?)<\/ul>/.exec(html)?.[1] ?? '').matchAll(
      /<li>([\s\S]*?)<\/li>/g,
    ),
  ].map((m) => words(m[1]!).trim());

async function docxText(payload: Buffer): Promise<string> {
  const zip = await JSZip.loadAsync(payload);
  const xml = await zip.file('word/document.xml')!.async('string');
  return words(xml.replace(/<\/w:p>/g, ' '));
}

async function pdfText(payload: Buffer): Promise<string> {
  const parser = new PDFParse({ data: new Uint8Array(payload) });
  try {
    const { text } = await parser.getText();
    return text.replace(/\n-- \d+ of \d+ --\n/g, '\n').replace(/\s+/g, ' ');
  } finally {
    await parser.destroy();
  }
}

describe('collective responses to consultations', () => {
  let t: TestApp;
  let secretariat: Visitor;
  let officer: Visitor;
  let member: Visitor;
  let cvs: Visitor;
  let chair: Visitor;
  let councillor: Visitor;
  let visitor: Visitor;
  let consultationId: number;
  const db = () => t.database.db;
  const today = todayIso();

  const organisationId = async (slug: string) =>
    (await db().selectFrom('organisations').select('id').where('slug', '=', slug).executeTakeFirstOrThrow())
      .id;
  const partnershipId = async (slug: string) =>
    (await db().selectFrom('partnerships').select('id').where('slug', '=', slug).executeTakeFirstOrThrow())
      .id;
  const demoConsultation = async (partnershipSlug: string) =>
    (
      await db()
        .selectFrom('consultations')
        .innerJoin('partnerships', 'partnerships.id', 'consultations.partnership_id')
        .select('consultations.id')
        .where('partnerships.slug', '=', partnershipSlug)
        .orderBy('consultations.id')
        .executeTakeFirstOrThrow()
    ).id;
  const count = async (
    table:
      | 'consultations'
      | 'consultation_questions'
      | 'consultation_views'
      | 'consultation_statements'
      | 'consultation_endorsements'
      | 'audit_entries',
  ) => (await db().selectFrom(table).select('id').execute()).length;
  const question = async (number: string, id = consultationId) =>
    db()
      .selectFrom('consultation_questions')
      .selectAll()
      .where('consultation_id', '=', id)
      .where('number', '=', number)
      .executeTakeFirstOrThrow();
  const viewOf = async (slug: string, number: string) =>
    db()
      .selectFrom('consultation_views')
      .innerJoin('organisations', 'organisations.id', 'consultation_views.organisation_id')
      .innerJoin('consultation_questions', 'consultation_questions.id', 'consultation_views.question_id')
      .select(['consultation_views.id', 'consultation_views.text'])
      .where('consultation_views.consultation_id', '=', consultationId)
      .where('organisations.slug', '=', slug)
      .where('consultation_questions.number', '=', number)
      .orderBy('consultation_views.id', 'desc')
      .executeTakeFirstOrThrow();
  const statementByText = async (start: string) =>
    db()
      .selectFrom('consultation_statements')
      .selectAll()
      .where('consultation_id', '=', consultationId)
      .where('text', 'like', `${start}%`)
      .executeTakeFirstOrThrow();

  async function outbox() {
    const folder = t.app.config.mail.outboxDirectory;
    if (!fs.existsSync(folder)) return [];
    return Promise.all(
      fs
        .readdirSync(folder)
        .sort()
        .map(async (name) => simpleParser(fs.readFileSync(path.join(folder, name)))),
    );
  }
  const addressesOf = (messages: Awaited<ReturnType<typeof outbox>>) =>
    [
      ...new Set(
        messages.flatMap((m) => [m.to].flat().flatMap((a) => a?.value.map((v) => v.address ?? '') ?? [])),
      ),
    ].sort();

  before(async () => {
    t = await createTestApp();
    const signedIn = async (email: string) => {
      const v = new Visitor(t.app);
      await v.signIn(email, demoPassword);
      return v;
    };
    secretariat = await signedIn(logins.secretariat);
    officer = await signedIn(logins.officer);
    member = await signedIn(logins.member);
    cvs = await signedIn('bernadette.quinlan@kelmsfield-cvs.example');
    chair = await signedIn(logins.chair);
    councillor = await signedIn(logins.councillor);
    visitor = new Visitor(t.app);
  });
  after(async () => t.close());

  it('shows the public only finished responses, and keeps views and refusals to the partnership', async () => {
    const odpm = await demoConsultation('kelmsfield-partnership-board');
    const homeOffice = await demoConsultation('safer-kelmsfield-partnership');

    const list = mainOf((await visitor.get('/consultations')).body);
    assert.match(list, /Local Strategic Partnerships: shaping their future/);
    assert.doesNotMatch(list, /Crime and Disorder Act/, 'a response still in progress is not public');
    assert.match(mainOf((await member.get('/consultations')).body), /Crime and Disorder Act/);

    const inProgress = await visitor.get(`/consultations/${homeOffice}`);
    assert.equal(inProgress.statusCode, 303);
    assert.match(String(inProgress.headers.location), /^\/sign-in\?returnTo=/);
    assert.equal((await councillor.get(`/consultations/${homeOffice}`)).statusCode, 403);
    assert.equal((await visitor.get(`/consultations/${homeOffice}/response`)).statusCode, 303);

    const page = await visitor.get(`/consultations/${odpm}`);
    assert.equal(page.statusCode, 200);
    const text = mainOf(page.body);
    assert.match(
      text,
      /Final response: 11 of 13 statements included, \d+ endorsed by all 12 organisations; 2 removed\./,
    );
    assert.match(text, /Sent to Office of the Deputy Prime Minister/);
    assert.doesNotMatch(text, /Sent by e-mail to the ODPM/, 'how it was sent is internal');
    assert.doesNotMatch(text, /internal record/);

    const response = mainOf((await visitor.get(`/consultations/${odpm}/response`)).body);
    assert.match(response, /the chairs of the thematic partnerships on its board/);
    assert.doesNotMatch(
      response,
      /We support clustering the thematic partnerships/,
      'refused by the Chamber',
    );
    assert.doesNotMatch(
      response,
      /We support a statutory duty on local authorities/,
      'refused by the Chamber',
    );
    assert.match(response, /Question 13 .* No collective response\./);
    assert.doesNotMatch(response, /fold economic development/, 'reasons are internal');
    for (const format of ['docx', 'pdf']) {
      const file = await visitor.get(`/consultations/${odpm}/response.${format}`);
      assert.equal(file.statusCode, 200, format);
      assert.match(
        String(file.headers['content-disposition']),
        new RegExp(`attachment; filename=".*\\.${format}"`),
      );
    }

    assert.equal((await visitor.get(`/consultations/${odpm}/record`)).statusCode, 303);
    assert.equal((await councillor.get(`/consultations/${odpm}/record`)).statusCode, 403);
    const record = mainOf((await member.get(`/consultations/${odpm}/record`)).body);
    assert.match(
      record,
      /Kelmsfield Chamber of Commerce cannot endorse it: Clustering around the funding blocks/,
    );
    assert.match(record, /Removed: a partner cannot endorse it/);
    assert.match(record, /Earlier wordings \(1\)/, 'the statement reworded after circulation');
    assert.match(record, /Endorsed by silence/);

    assert.equal((await visitor.get('/consultations/999999')).statusCode, 404);
    assert.equal((await visitor.get('/consultations/not-a-number')).statusCode, 404);
    assert.equal((await secretariat.get('/consultations/999999/draft')).statusCode, 404);
    assert.equal(
      (await secretariat.get(`/consultations/${odpm}/organisations/no-such-body/views`)).statusCode,
      404,
    );
    assert.equal((await secretariat.get(`/consultations/${odpm}/statements/999999/edit`)).statusCode, 404);
  });

  it('sets up a response, refusing bad input in words, keeping what was typed and saving nothing', async () => {
    const board = await partnershipId('kelmsfield-partnership-board');
    const before = await count('consultations');
    await secretariat.get('/consultations/new');
    const empty = await secretariat.post('/consultations/new', {});
    assert.equal(empty.statusCode, 400);
    assert.deepEqual(errorsOf(empty.body), [
      'Choose the partnership that is responding',
      'Enter the title of the consultation',
      'Enter who issued the consultation',
      'Enter the date the consultation closes',
      'Enter the date partners’ views are due',
    ]);

    const bad = await secretariat.post('/consultations/new', {
      partnershipId: String(board),
      title: 'Strong and prosperous communities <em>now</em>',
      issuingBody: 'Department for Communities and Local Government',
      url: 'http://www.example.gov.uk/consultation',
      closesOn: addDays(today, 30),
      viewsDueOn: addDays(today, 30),
      viewsDueTime: '25:00',
    });
    assert.equal(bad.statusCode, 400);
    assert.deepEqual(errorsOf(bad.body), [
      'The link must start with https:// (a secure address), not http://',
      `Views must be due before the consultation closes on ${words(formatDay(addDays(today, 30)))}, so there is time to draft and agree the response`,
      'Enter the time views are due on the 24-hour clock, like 17:00, or leave it blank for the end of the day',
    ]);
    assert.match(bad.body, /value="Strong and prosperous communities &lt;em&gt;now&lt;\/em&gt;"/);
    assert.equal(await count('consultations'), before);

    await chair.get('/consultations/new');
    const notTheirs = await chair.post('/consultations/new', {
      partnershipId: String(board),
      title: 'A consultation',
      issuingBody: 'Home Office',
      closesOn: addDays(today, 30),
      viewsDueOn: addDays(today, 10),
    });
    assert.equal(notTheirs.statusCode, 400);
    assert.match(notTheirs.body, /You can only set up a response for a partnership you chair or run/);

    const created = await secretariat.post('/consultations/new', {
      partnershipId: String(board),
      title: 'Local Strategic Partnerships: shaping their future (a second round)',
      issuingBody: 'Office of the Deputy Prime Minister',
      url: 'https://www.example.gov.uk/lsp',
      closesOn: addDays(today, 30),
      viewsDueOn: addDays(today, 10),
      viewsDueTime: '17:00',
      description: 'Partners feed in views by the date; officers circulate a composite draft.',
    });
    assert.equal(created.statusCode, 303, created.body.slice(0, 400));
    consultationId = idFrom(created.headers.location);
    const asked = await db()
      .selectFrom('consultation_organisations')
      .select('organisation_id')
      .where('consultation_id', '=', consultationId)
      .execute();
    assert.equal(asked.length, 12, 'every organisation holding a seat on the board today');
    const audit = await db()
      .selectFrom('audit_entries')
      .selectAll()
      .where('entity_type', '=', 'consultation')
      .where('entity_id', '=', consultationId)
      .execute();
    assert.deepEqual(
      audit.map((a) => a.action),
      ['created'],
    );
  });

  it('reads pasted questions, shows what it found and any problem, and saves only when asked', async () => {
    const path = `/consultations/${consultationId}/questions/paste`;
    await secretariat.get(path);
    const slips = await secretariat.post(path, { pasted: '1. Do you agree?\n1. Do you disagree?\n\n3.' });
    assert.equal(slips.statusCode, 200);
    const shown = mainOf(slips.body);
    assert.match(shown, /Question 1 appears more than once: check the numbering/);
    assert.match(shown, /Question 3 has no text: put the question after its number/);
    assert.doesNotMatch(slips.body, /name="confirm" value="yes"/, 'nothing to save until it is put right');
    assert.match(slips.body, /1\. Do you disagree\?/, 'the pasted text is kept');
    const forced = await secretariat.post(path, {
      pasted: '1. Do you agree?\n1. Do you disagree?',
      confirm: 'yes',
    });
    assert.equal(forced.statusCode, 400);
    assert.equal(
      (
        await db()
          .selectFrom('consultation_questions')
          .select('id')
          .where('consultation_id', '=', consultationId)
          .execute()
      ).length,
      0,
    );

    const preview = await secretariat.post(path, { pasted: odpmQuestionsAnnex });
    assert.equal(preview.statusCode, 200);
    const found = mainOf(preview.body);
    assert.match(found, /35 questions found/);
    assert.match(found, /Providing a legislative foundation/);
    assert.match(found, /5 lines not used as a question or a section/);
    assert.match(found, /SUMMARY OF CONSULTATION QUESTIONS/);
    assert.equal(
      (
        await db()
          .selectFrom('consultation_questions')
          .select('id')
          .where('consultation_id', '=', consultationId)
          .execute()
      ).length,
      0,
      'a preview saves nothing',
    );

    const saved = await secretariat.post(path, { pasted: odpmQuestionsAnnex, confirm: 'yes' });
    assert.equal(saved.statusCode, 303);
    const q18 = await question('18');
    assert.equal(q18.section, 'Providing a legislative foundation');
    assert.match(q18.text, /^Would a duty to co-operate with the local authority/);
    const again = await secretariat.post(path, { pasted: odpmQuestionsAnnex });
    assert.match(
      mainOf(again.body),
      /Question 1 is already in the consultation \(in “LSPs, Sustainable Community Strategies and LAAs”\)/,
    );

    const add = `/consultations/${consultationId}/questions/new`;
    await secretariat.get(add);
    const missing = await secretariat.post(add, {});
    assert.deepEqual(errorsOf(missing.body), [
      'Enter the question’s number, as the consultation numbers it',
      'Enter the question',
    ]);
    const duplicate = await secretariat.post(add, {
      number: 'Q35',
      section: 'capacity issues',
      text: 'Again?',
    });
    assert.equal(duplicate.statusCode, 400);
    assert.match(duplicate.body, /There is already a question 35 in “Capacity Issues”/);
    const added = await secretariat.post(add, {
      number: 'Q36',
      section: 'Capacity Issues',
      text: 'A question added by hand?',
    });
    assert.equal(added.statusCode, 303);
    const q36 = await question('36');
    assert.equal(q36.section_position, (await question('35')).section_position);
    assert.equal(q36.position, (await question('35')).position + 1);
    const editForm = await secretariat.get(`/consultations/${consultationId}/questions/${q36.id}/edit`);
    assert.equal(editForm.statusCode, 200);
    assert.match(editForm.body, /A question added by hand\?/);
    const edited = await secretariat.post(`/consultations/${consultationId}/questions/${q36.id}/edit`, {
      number: '36',
      section: '',
      text: 'A question out of any section?',
    });
    assert.equal(edited.statusCode, 303);
    assert.equal((await question('36')).section, null);
    await secretariat.get(`/consultations/${consultationId}/questions/${q36.id}/remove`);
    assert.equal(
      (await secretariat.post(`/consultations/${consultationId}/questions/${q36.id}/remove`)).statusCode,
      303,
    );
    const page = mainOf((await secretariat.get(`/consultations/${consultationId}`)).body);
    assert.match(page, /Question 35 What learning or development/);
    assert.doesNotMatch(page, /A question out of any section/);
  });

  it('asks the organisations the secretariat chooses', async () => {
    const path = `/consultations/${consultationId}/organisations`;
    await secretariat.get(path);
    const none = await secretariat.post(path, {});
    assert.equal(none.statusCode, 400);
    assert.match(none.body, /Choose at least one organisation to ask for views/);
    const notOnTheBoard = await secretariat.post(path, {
      organisationIds: [String(await organisationId('kelmsfield-youth-offending-team'))],
    });
    assert.equal(notOnTheBoard.statusCode, 400);
    assert.match(notOnTheBoard.body, /Choose organisations from the list/);
    const four = await Promise.all(
      [
        'brackenshire-constabulary',
        'kelmsfield-chamber-of-commerce',
        'kelmsfield-council-for-voluntary-service',
        'kelmsfield-borough-council',
      ].map(organisationId),
    );
    const saved = await secretariat.post(path, { organisationIds: four.map(String) });
    assert.equal(saved.statusCode, 303);
    const asked = await db()
      .selectFrom('consultation_organisations')
      .select('organisation_id')
      .where('consultation_id', '=', consultationId)
      .execute();
    assert.deepEqual(
      asked.map((a) => a.organisation_id).sort((a, b) => a - b),
      [...four].sort((a, b) => a - b),
    );
  });

  it('takes each organisation’s views until the deadline, escaped and whole, from those who speak for it', async () => {
    const q1 = await question('1');
    const q2 = await question('2');
    const q3 = await question('3');
    const police = `/consultations/${consultationId}/organisations/brackenshire-constabulary/views`;
    assert.equal(
      (await member.get(police)).statusCode,
      403,
      'the Chamber’s member does not answer for the police',
    );
    assert.equal((await councillor.get(police)).statusCode, 403);
    assert.equal((await officer.get(police)).statusCode, 200);

    const both = await officer.post(police, { [`view-${q1.id}`]: 'We agree.', [`noView-${q1.id}`]: 'yes' });
    assert.equal(both.statusCode, 400);
    assert.deepEqual(errorsOf(both.body), ['Question 1: write your view or tick “No view”, not both']);
    assert.match(both.body, /We agree\./);

    const script = '<script>alert("views")</script>';
    // Exactly 1 MB of text, ending in a full stop (a form trims spaces at either end).
    const oneMegabyte =
      `${script} ${'Neighbourhood policing matters. '.repeat(40_000)}`.slice(0, 1024 * 1024 - 1) + '.';
    const viewsBefore = await count('consultation_views');
    const tooLong = await officer.post(police, { [`view-${q3.id}`]: `${oneMegabyte}x` });
    assert.equal(tooLong.statusCode, 400);
    assert.match(tooLong.body, /Question 3: your view must be 1,048,576 characters \(1 MB\) or fewer/);
    assert.equal(await count('consultation_views'), viewsBefore);

    const saved = await officer.post(police, {
      [`view-${q1.id}`]: `The police agree, provided the community safety block stays aligned. ${script}`,
      [`noView-${q2.id}`]: 'yes',
      [`view-${q3.id}`]: oneMegabyte,
    });
    assert.equal(saved.statusCode, 303, saved.body.slice(0, 400));
    assert.equal(await count('consultation_views'), viewsBefore + 3);
    assert.ok((await viewOf('brackenshire-constabulary', '3')).text === oneMegabyte, 'stored whole');
    assert.equal((await viewOf('brackenshire-constabulary', '2')).text, null, 'no view');

    const clearing = await officer.post(police, {
      [`noView-${q2.id}`]: 'yes',
      [`view-${q3.id}`]: oneMegabyte,
    });
    assert.equal(clearing.statusCode, 400, 'a view given before cannot silently disappear');
    assert.match(clearing.body, /Question 1: your organisation gave a view before/);

    const views = await member.get(`/consultations/${consultationId}/views`);
    assert.equal(views.statusCode, 200);
    assert.ok(!views.body.includes(script), 'never executed');
    assert.ok(views.body.includes('&lt;script&gt;alert(&quot;views&quot;)&lt;/script&gt;'), 'shown escaped');

    const chamber = `/consultations/${consultationId}/organisations/kelmsfield-chamber-of-commerce/views`;
    await member.get(chamber);
    const q13 = await question('13');
    const q21 = await question('21');
    assert.equal(
      (
        await member.post(chamber, {
          [`view-${q1.id}`]: 'Businesses need one clear statement of the priorities.',
          [`view-${q13.id}`]: 'Economic development is more than a funding block.',
          [`view-${q21.id}`]: 'Any duty should cover business as well.',
        })
      ).statusCode,
      303,
    );
    const voluntary = `/consultations/${consultationId}/organisations/kelmsfield-council-for-voluntary-service/views`;
    await cvs.get(voluntary);
    assert.equal(
      (
        await cvs.post(voluntary, {
          [`view-${q1.id}`]: 'The vision must be owned by residents too.',
          [`view-${q21.id}`]: 'Without a duty, engagement depends on goodwill.',
        })
      ).statusCode,
      303,
    );
    const council = `/consultations/${consultationId}/organisations/kelmsfield-borough-council/views`;
    await secretariat.get(council);
    assert.equal(
      (
        await secretariat.post(council, {
          [`view-${q1.id}`]: 'We agree: the Board owns the Community Strategy.',
          [`view-${q13.id}`]: 'Clustering around the blocks would simplify performance management.',
        })
      ).statusCode,
      303,
    );
    assert.equal(
      (
        await db()
          .selectFrom('consultation_views')
          .select('recorder_name')
          .where('id', '=', (await viewOf('kelmsfield-borough-council', '1')).id)
          .executeTakeFirstOrThrow()
      ).recorder_name,
      'Helen Marsh',
      'the secretariat records a view on an organisation’s behalf, under its own name',
    );

    const progress = mainOf((await secretariat.get(`/consultations/${consultationId}/views`)).body);
    assert.match(progress, /Brackenshire Constabulary Partly responded 2 1 32/);
    assert.match(progress, /Kelmsfield Chamber of Commerce Partly responded 3 0 32/);
    assert.match(progress, /0 of 4 organisations have answered every question/);
  });

  it('reminds the organisations chosen, by e-mail to their seat holders and officers, and puts it on the timeline', async () => {
    const path = `/consultations/${consultationId}/reminders`;
    await secretariat.get(`/consultations/${consultationId}/views`);
    const none = await secretariat.post(path, {});
    assert.equal(none.statusCode, 400);
    assert.match(none.body, /Choose at least one organisation to remind/);
    assert.equal((await officer.post(path, { organisationIds: ['1'] })).statusCode, 403);

    const before = (await outbox()).length;
    const sent = await secretariat.post(path, {
      organisationIds: [
        String(await organisationId('brackenshire-constabulary')),
        String(await organisationId('kelmsfield-chamber-of-commerce')),
      ],
    });
    assert.equal(sent.statusCode, 303);
    const messages = (await outbox()).slice(before);
    assert.deepEqual(addressesOf(messages), [
      'carol.denholm@brackenshire-police.example',
      'ian.marchbank@brackenshire-police.example',
      'lesley.rutherford@kelmsfield-chamber.example',
    ]);
    const police = messages.find((m) => [m.to].flat()[0]?.text.includes('carol.denholm'))!;
    assert.match(
      police.subject ?? '',
      /^Reminder: views on “Local Strategic Partnerships: shaping their future \(a second round\)” are due by/,
    );
    assert.match(police.text ?? '', /So far Brackenshire Constabulary has answered 3 of the 35 questions/);
    assert.match(
      police.text ?? '',
      new RegExp(`/consultations/${consultationId}/organisations/brackenshire-constabulary/views`),
    );
    assert.match(police.text ?? '', /because you are a partner officer of Brackenshire Constabulary/);

    const page = mainOf((await member.get(`/consultations/${consultationId}`)).body);
    assert.match(page, /Reminder sent to Brackenshire Constabulary \(2 people\)/);
    assert.match(page, /Reminder sent to Kelmsfield Chamber of Commerce \(1 person\)/);
  });

  it('drafts statements traced to the views, and circulates them once views have closed', async () => {
    const q1 = await question('1');
    const q13 = await question('13');
    const q21 = await question('21');
    const add = (q: { id: number }) => `/consultations/${consultationId}/questions/${q.id}/statements/new`;
    await secretariat.get(add(q1));
    const empty = await secretariat.post(add(q1), {});
    assert.deepEqual(errorsOf(empty.body), [
      'Enter the statement',
      'Choose the views this statement draws on, so partners can see where it came from',
    ]);
    const wrongView = await secretariat.post(add(q1), {
      text: 'A statement',
      viewIds: [String((await viewOf('kelmsfield-chamber-of-commerce', '13')).id)],
    });
    assert.equal(wrongView.statusCode, 400);
    assert.match(wrongView.body, /Choose views given on this question, from the list/);
    assert.equal(await statementsCount(), 0);

    const statement = async (q: { id: number }, text: string, views: [string, string][]) => {
      const response = await secretariat.post(add(q), {
        text,
        viewIds: await Promise.all(
          views.map(async ([slug, number]) => String((await viewOf(slug, number)).id)),
        ),
      });
      assert.equal(response.statusCode, 303, response.body.slice(0, 300));
    };
    await statement(q1, 'We agree that the partnership should set the lasting vision for the area.', [
      ['brackenshire-constabulary', '1'],
      ['kelmsfield-chamber-of-commerce', '1'],
      ['kelmsfield-council-for-voluntary-service', '1'],
    ]);
    await statement(
      q1,
      'Delivery should remain with the partners, each accountable through its own governance.',
      [['kelmsfield-borough-council', '1']],
    );
    await statement(q13, 'We support clustering the thematic partnerships around the four blocks.', [
      ['kelmsfield-borough-council', '13'],
    ]);
    await statement(q21, 'We support a statutory duty to promote the engagement of the voluntary sector.', [
      ['kelmsfield-council-for-voluntary-service', '21'],
    ]);
    const draft = mainOf((await secretariat.get(`/consultations/${consultationId}/draft`)).body);
    assert.match(
      draft,
      /Draws on the views of Brackenshire Constabulary, Kelmsfield Chamber of Commerce, Kelmsfield Council for Voluntary Service\./,
    );

    const circulate = `/consultations/${consultationId}/circulate`;
    await secretariat.get(circulate);
    const early = await secretariat.post(circulate, {
      deadlineOn: addDays(today, 20),
      silenceRule: 'endorse',
    });
    assert.equal(early.statusCode, 400);
    assert.match(
      words(early.body),
      /Views are open until .* and 4 of 4 organisations have not answered every question yet/,
    );

    // The deadline for views passes.
    await db()
      .updateTable('consultations')
      .set({ views_due_at: new Date(Date.now() - 60_000).toISOString() })
      .where('id', '=', consultationId)
      .execute();
    const late = await officer.post(
      `/consultations/${consultationId}/organisations/brackenshire-constabulary/views`,
      {
        [`view-${q13.id}`]: 'Too late?',
      },
    );
    assert.equal(late.statusCode, 400);
    assert.match(late.body, /Views closed at/);

    const missing = await secretariat.post(circulate, {});
    assert.deepEqual(errorsOf(missing.body), [
      'Enter the date of the endorsement deadline',
      'Choose what silence by the deadline counts as',
    ]);
    const past = await secretariat.post(circulate, {
      deadlineOn: addDays(today, -1),
      silenceRule: 'endorse',
    });
    assert.match(past.body, /The endorsement deadline must be in the future/);
    const afterClosing = await secretariat.post(circulate, {
      deadlineOn: addDays(today, 31),
      silenceRule: 'endorse',
    });
    assert.match(afterClosing.body, /must be on or before the day the consultation closes/);
    assert.equal(
      (
        await db()
          .selectFrom('consultations')
          .select('circulated_at')
          .where('id', '=', consultationId)
          .executeTakeFirstOrThrow()
      ).circulated_at,
      null,
    );

    const before = (await outbox()).length;
    const circulated = await secretariat.post(circulate, {
      deadlineOn: addDays(today, 20),
      deadlineTime: '17:00',
      silenceRule: 'endorse',
    });
    assert.equal(circulated.statusCode, 303, circulated.body.slice(0, 400));
    const messages = (await outbox()).slice(before);
    const addresses = addressesOf(messages);
    for (const address of [
      'carol.denholm@brackenshire-police.example',
      'ian.marchbank@brackenshire-police.example',
      'lesley.rutherford@kelmsfield-chamber.example',
      'bernadette.quinlan@kelmsfield-cvs.example',
      'margaret.ellery@kelmsfield.example',
    ])
      assert.ok(addresses.includes(address), address);
    assert.ok(
      !addresses.includes('keith.armitage@brackenshire-fire.example'),
      'the fire service was not asked',
    );
    assert.ok(messages.every((m) => m.subject?.startsWith('Draft response for endorsement')));
    assert.match(messages[0]!.text ?? '', /4 statements drawn from the partners’ views/);
    assert.match(messages[0]!.text ?? '', /Silence by the deadline counts as endorsement\./);

    const questionsNow = await secretariat.post(`/consultations/${consultationId}/questions/new`, {
      number: '40',
      text: 'Late question?',
    });
    assert.equal(questionsNow.statusCode, 400);
    assert.match(questionsNow.body, /The draft has been circulated, so the questions can no longer change/);
  });

  async function statementsCount() {
    return (
      await db()
        .selectFrom('consultation_statements')
        .select('id')
        .where('consultation_id', '=', consultationId)
        .execute()
    ).length;
  }

  const endorse = (slug: string) => `/consultations/${consultationId}/organisations/${slug}/endorsements`;

  it('records each organisation’s answers, insists on a reason for a refusal, and resets a reworded statement', async () => {
    const vision = await statementByText('We agree that the partnership should set');
    const delivery = await statementByText('Delivery should remain');
    const blocks = await statementByText('We support clustering');
    const duty = await statementByText('We support a statutory duty');
    const chamber = endorse('kelmsfield-chamber-of-commerce');
    assert.equal((await officer.get(chamber)).statusCode, 403);
    const form = await member.get(chamber);
    assert.equal(form.statusCode, 200);
    assert.match(mainOf(form.body), /Drawn from the views of Kelmsfield Borough Council\./);

    const recordsBefore = await count('consultation_endorsements');
    const noReason = await member.post(chamber, {
      [`stance-${vision.id}`]: 'endorse',
      [`revision-${vision.id}`]: '1',
      [`stance-${blocks.id}`]: 'cannot_endorse',
      [`revision-${blocks.id}`]: '1',
    });
    assert.equal(noReason.statusCode, 400);
    assert.deepEqual(errorsOf(noReason.body), [
      'Give the reason your organisation cannot endorse this statement',
    ]);
    const nonsense = await member.post(chamber, {
      [`stance-${vision.id}`]: 'maybe',
      [`revision-${vision.id}`]: '1',
    });
    assert.deepEqual(errorsOf(nonsense.body), ['Select endorse, abstain or cannot endorse']);
    const nothing = await member.post(chamber, {});
    assert.deepEqual(errorsOf(nothing.body), [
      'Choose endorse, abstain or cannot endorse for at least one statement',
    ]);
    assert.equal(await count('consultation_endorsements'), recordsBefore, 'nothing saved');

    const answered = await member.post(chamber, {
      [`stance-${vision.id}`]: 'endorse',
      [`revision-${vision.id}`]: '1',
      [`stance-${delivery.id}`]: 'endorse',
      [`revision-${delivery.id}`]: '1',
      [`stance-${blocks.id}`]: 'cannot_endorse',
      [`reason-${blocks.id}`]: 'It folds economic development into a funding block. <b>Not</b> for us.',
      [`revision-${blocks.id}`]: '1',
      [`stance-${duty.id}`]: 'cannot_endorse',
      [`reason-${duty.id}`]: 'A duty for one sector only would tilt the partnership.',
      [`revision-${duty.id}`]: '1',
    });
    assert.equal(answered.statusCode, 303, answered.body.slice(0, 400));
    const police = endorse('brackenshire-constabulary');
    await officer.get(police);
    assert.equal(
      (
        await officer.post(police, {
          [`stance-${vision.id}`]: 'endorse',
          [`revision-${vision.id}`]: '1',
          [`stance-${delivery.id}`]: 'endorse',
          [`revision-${delivery.id}`]: '1',
          [`stance-${blocks.id}`]: 'endorse',
          [`revision-${blocks.id}`]: '1',
          [`stance-${duty.id}`]: 'abstain',
          [`revision-${duty.id}`]: '1',
        })
      ).statusCode,
      303,
    );

    // The voluntary sector opens the form; meanwhile the secretariat rewords a statement the others answered on.
    await cvs.get(endorse('kelmsfield-council-for-voluntary-service'));
    const edit = `/consultations/${consultationId}/statements/${delivery.id}/edit`;
    const editForm = await secretariat.get(edit);
    assert.match(editForm.body, /2 organisations have answered on this statement/);
    const before = (await outbox()).length;
    const reworded = await secretariat.post(edit, {
      text: 'Delivery should remain with the partners, each accountable through its own governance, and the partnership should coordinate rather than deliver.',
      viewIds: [String((await viewOf('kelmsfield-borough-council', '1')).id)],
      version: String(delivery.version),
    });
    assert.equal(reworded.statusCode, 303, reworded.body.slice(0, 400));
    const now = await statementByText('Delivery should remain');
    assert.equal(now.revision, 2);
    const told = (await outbox()).slice(before);
    assert.deepEqual(addressesOf(told), [
      'carol.denholm@brackenshire-police.example',
      'ian.marchbank@brackenshire-police.example',
      'lesley.rutherford@kelmsfield-chamber.example',
    ]);
    assert.match(told[0]!.subject ?? '', /^A statement you answered on has changed/);
    assert.match(told[0]!.text ?? '', /should coordinate rather than deliver/);
    assert.match(told[0]!.text ?? '', /it no longer counts/);

    const stale = await cvs.post(endorse('kelmsfield-council-for-voluntary-service'), {
      [`stance-${vision.id}`]: 'endorse',
      [`revision-${vision.id}`]: '1',
      [`stance-${delivery.id}`]: 'endorse',
      [`revision-${delivery.id}`]: '1',
    });
    assert.equal(stale.statusCode, 400);
    assert.deepEqual(errorsOf(stale.body), [
      'This statement has been changed since you opened it. Read the new wording and answer again',
    ]);
    assert.match(stale.body, /should coordinate rather than deliver/, 'the new wording is shown');
    assert.doesNotMatch(
      stale.body,
      new RegExp(`name="stance-${delivery.id}" type="radio" value="endorse" checked`),
      'its answer is cleared so it must be given again',
    );
    assert.equal(
      (
        await db()
          .selectFrom('consultation_endorsements')
          .select('id')
          .where('organisation_id', '=', await organisationId('kelmsfield-council-for-voluntary-service'))
          .where('consultation_id', '=', consultationId)
          .execute()
      ).length,
      0,
      'nothing of the form was saved',
    );

    // The same words saved again change nothing and reset nothing.
    const same = await secretariat.post(edit, {
      text: now.text,
      viewIds: [String((await viewOf('kelmsfield-borough-council', '1')).id)],
      version: String(now.version),
    });
    assert.equal(same.statusCode, 303);
    assert.equal((await statementByText('Delivery should remain')).revision, 2);
    const conflict = await secretariat.post(edit, {
      text: 'Someone else’s words',
      viewIds: [String((await viewOf('kelmsfield-borough-council', '1')).id)],
      version: String(now.version),
    });
    assert.equal(conflict.statusCode, 409, 'a stale edit is refused');

    const record = mainOf((await member.get(`/consultations/${consultationId}/record`)).body);
    assert.match(record, /Statement 2 \(revision 2\)/);
    assert.match(
      record,
      /Not answered yet Brackenshire Constabulary; Kelmsfield Borough Council; Kelmsfield Chamber of Commerce; Kelmsfield Council for Voluntary Service/,
    );
    assert.match(
      record,
      /Kelmsfield Chamber of Commerce cannot endorse it: It folds economic development into a funding block\. <b>Not<\/b> for us\./,
    );
  });

  it('closes early only once every organisation has answered, then publishes exactly the statements nobody refused', async () => {
    const vision = await statementByText('We agree that the partnership should set');
    const delivery = await statementByText('Delivery should remain');
    const blocks = await statementByText('We support clustering');
    const duty = await statementByText('We support a statutory duty');
    const close = `/consultations/${consultationId}/close`;
    await secretariat.get(`/consultations/${consultationId}`);
    const tooSoon = await secretariat.post(close);
    assert.equal(tooSoon.statusCode, 400);
    assert.match(
      words(tooSoon.body),
      /4 organisations have not answered on every statement yet \(Brackenshire Constabulary, Kelmsfield Borough Council, Kelmsfield Chamber of Commerce, Kelmsfield Council for Voluntary Service\)/,
    );

    const answer = async (v: Visitor, slug: string, answers: Record<number, string>) => {
      await v.get(endorse(slug));
      const form: Record<string, string> = {};
      for (const s of [vision, delivery, blocks, duty]) {
        const stance = answers[s.id];
        if (!stance) continue;
        form[`stance-${s.id}`] = stance;
        form[`revision-${s.id}`] = s.id === delivery.id ? '2' : '1';
      }
      const response = await v.post(endorse(slug), form);
      assert.equal(response.statusCode, 303, response.body.slice(0, 400));
    };
    await answer(officer, 'brackenshire-constabulary', { [delivery.id]: 'endorse' });
    await answer(member, 'kelmsfield-chamber-of-commerce', { [delivery.id]: 'endorse' });
    await answer(cvs, 'kelmsfield-council-for-voluntary-service', {
      [vision.id]: 'endorse',
      [delivery.id]: 'endorse',
      [blocks.id]: 'abstain',
      [duty.id]: 'endorse',
    });
    await answer(secretariat, 'kelmsfield-borough-council', {
      [vision.id]: 'endorse',
      [delivery.id]: 'endorse',
      [blocks.id]: 'endorse',
      [duty.id]: 'endorse',
    });
    await secretariat.get(`/consultations/${consultationId}`);
    assert.equal((await secretariat.post(close)).statusCode, 303);
    const page = mainOf((await visitor.get(`/consultations/${consultationId}`)).body);
    assert.match(
      page,
      /Final response: 2 of 4 statements included, 2 endorsed by all 4 organisations; 2 removed\./,
    );

    const included = [vision.text, (await statementByText('Delivery should remain')).text];
    const firstWording =
      'Delivery should remain with the partners, each accountable through its own governance.';
    const removed = [blocks.text, duty.text, firstWording];
    const html = mainOf((await visitor.get(`/consultations/${consultationId}/response`)).body);
    const docx = await docxText(
      (await visitor.get(`/consultations/${consultationId}/response.docx`)).rawPayload,
    );
    const pdf = await pdfText(
      (await visitor.get(`/consultations/${consultationId}/response.pdf`)).rawPayload,
    );
    for (const [format, text] of [
      ['HTML', html],
      ['DOCX', docx],
      ['PDF', pdf],
    ] as const) {
      for (const s of included) assert.ok(text.includes(s), `${format} holds “${s}”`);
      for (const s of removed) assert.ok(!text.includes(s), `${format} leaves out “${s}”`);
      assert.match(text, /Question 13 .*?No collective response\./, format);
      assert.match(text, /Question 21 .*?No collective response\./, format);
    }

    // Each organisation's own response: its views, what it endorsed, what it refused and why.
    const own = `/consultations/${consultationId}/organisations/kelmsfield-chamber-of-commerce/response`;
    assert.equal((await officer.get(own)).statusCode, 403);
    const ownDocx = await docxText((await member.get(`${own}.docx`)).rawPayload);
    const ownPdf = await pdfText((await member.get(`${own}.pdf`)).rawPayload);
    const ownHtml = mainOf((await member.get(own)).body);
    for (const [format, text] of [
      ['HTML', ownHtml],
      ['DOCX', ownDocx],
      ['PDF', ownPdf],
    ] as const) {
      assert.match(text, /Our view Businesses need one clear statement of the priorities\./, format);
      assert.match(
        text,
        /Statements of the collective response we endorsed We agree that the partnership should set/,
        format,
      );
      assert.match(
        text,
        /Statements we could not endorse We support clustering the thematic partnerships around the four blocks\./,
        format,
      );
      assert.match(text, /Our reason: A duty for one sector only would tilt the partnership\./, format);
      assert.ok(
        text.includes('Our reason: It folds economic development into a funding block. <b>Not</b> for us.'),
        format,
      );
    }

    // After the deadline the words are fixed, and a late answer is kept but changes nothing.
    const tooLate = await secretariat.post(`/consultations/${consultationId}/statements/${vision.id}/edit`, {
      text: 'New words after the deadline',
      viewIds: [String((await viewOf('brackenshire-constabulary', '1')).id)],
      version: String(vision.version),
    });
    assert.equal(tooLate.statusCode, 400);
    assert.match(tooLate.body, /The endorsement deadline has passed/);
    await officer.get(endorse('brackenshire-constabulary'));
    const lateAnswer = await officer.post(endorse('brackenshire-constabulary'), {
      [`stance-${vision.id}`]: 'cannot_endorse',
      [`reason-${vision.id}`]: 'We changed our mind.',
      [`revision-${vision.id}`]: '1',
    });
    assert.equal(lateAnswer.statusCode, 303);
    assert.ok(
      mainOf((await visitor.get(`/consultations/${consultationId}/response`)).body).includes(vision.text),
    );
    const record = mainOf((await member.get(`/consultations/${consultationId}/record`)).body);
    assert.match(record, /1 refusal was recorded after the deadline on statements still in the response/);
    assert.match(
      record,
      /Answers recorded after the deadline \(not counted\) .* Brackenshire Constabulary 1 Cannot endorse: We changed our mind\./,
    );
    const policeOwn = mainOf(
      (await officer.get(`/consultations/${consultationId}/organisations/brackenshire-constabulary/response`))
        .body,
    );
    assert.match(policeOwn, /Our reason: We changed our mind\. \(recorded after the deadline\)/);

    const submitted = `/consultations/${consultationId}/submitted`;
    const form = await secretariat.get(submitted);
    const version = /name="version" value="(\d+)"/.exec(form.body)![1]!;
    const future = await secretariat.post(submitted, { submittedOn: addDays(today, 1), version });
    assert.match(future.body, /The date the response was sent cannot be in the future/);
    assert.equal(
      (await secretariat.post(submitted, { submittedOn: today, note: 'By e-mail', version })).statusCode,
      303,
    );
    assert.match(
      mainOf((await visitor.get('/consultations')).body),
      /shaping their future \(a second round\)/,
    );
    const timeline = mainOf((await secretariat.get(`/consultations/${consultationId}`)).body);
    assert.match(timeline, /Closed endorsement early/);
    assert.match(timeline, /Recorded the response as sent to Office of the Deputy Prime Minister/);
  });

  it('counts silence as the partnership chose, tells partners of a new deadline, and keeps withdrawn statements on the record', async () => {
    const safer = await partnershipId('safer-kelmsfield-partnership');
    await chair.get('/consultations/new');
    const created = await chair.post('/consultations/new', {
      partnershipId: String(safer),
      title: 'Tackling anti-social behaviour',
      issuingBody: 'Home Office',
      closesOn: addDays(today, 40),
      viewsDueOn: addDays(today, 5),
    });
    assert.equal(created.statusCode, 303, created.body.slice(0, 300));
    const id = idFrom(created.headers.location);
    const base = `/consultations/${id}`;
    const [police, fire] = await Promise.all(
      ['brackenshire-constabulary', 'brackenshire-fire-and-rescue-service'].map(organisationId),
    );
    await chair.get(`${base}/organisations`);
    assert.equal(
      (await chair.post(`${base}/organisations`, { organisationIds: [String(police), String(fire)] }))
        .statusCode,
      303,
    );
    await chair.get(`${base}/questions/paste`);
    assert.equal(
      (
        await chair.post(`${base}/questions/paste`, {
          pasted: '1. What works?\n2. What does not?',
          confirm: 'yes',
        })
      ).statusCode,
      303,
    );
    const q1 = await question('1', id);
    const q2 = await question('2', id);
    await officer.get(`${base}/organisations/brackenshire-constabulary/views`);
    await officer.post(`${base}/organisations/brackenshire-constabulary/views`, {
      [`view-${q1.id}`]: 'Dispersal orders work.',
      [`view-${q2.id}`]: 'Short-term fixes do not.',
    });
    await chair.get(`${base}/organisations/brackenshire-fire-and-rescue-service/views`);
    await chair.post(`${base}/organisations/brackenshire-fire-and-rescue-service/views`, {
      [`noView-${q1.id}`]: 'yes',
      [`noView-${q2.id}`]: 'yes',
    });
    const view = await db()
      .selectFrom('consultation_views')
      .select(['id', 'question_id'])
      .where('consultation_id', '=', id)
      .where('text', 'is not', null)
      .execute();
    const viewOn = (q: { id: number }) => String(view.find((v) => v.question_id === q.id)!.id);
    await chair.get(`${base}/questions/${q1.id}/statements/new`);
    await chair.post(`${base}/questions/${q1.id}/statements/new`, {
      text: 'Dispersal orders work.',
      viewIds: [viewOn(q1)],
    });
    await chair.post(`${base}/questions/${q2.id}/statements/new`, {
      text: 'Short-term fixes do not.',
      viewIds: [viewOn(q2)],
    });
    await chair.post(`${base}/questions/${q2.id}/statements/new`, {
      text: 'A statement dropped.',
      viewIds: [viewOn(q2)],
    });
    const dropped = await db()
      .selectFrom('consultation_statements')
      .selectAll()
      .where('consultation_id', '=', id)
      .where('text', '=', 'A statement dropped.')
      .executeTakeFirstOrThrow();
    await chair.get(`${base}/statements/${dropped.id}/remove`);
    assert.equal((await chair.post(`${base}/statements/${dropped.id}/remove`)).statusCode, 303);
    assert.equal(
      (await db().selectFrom('consultation_statements').select('id').where('id', '=', dropped.id).execute())
        .length,
      0,
      'never answered on, so removed outright',
    );

    // Every organisation has answered every question, so the draft can go before views close.
    await chair.get(`${base}/circulate`);
    assert.equal(
      (await chair.post(`${base}/circulate`, { deadlineOn: addDays(today, 10), silenceRule: 'abstain' }))
        .statusCode,
      303,
    );
    const statements = await db()
      .selectFrom('consultation_statements')
      .selectAll()
      .where('consultation_id', '=', id)
      .orderBy('id')
      .execute();
    await officer.get(`${base}/organisations/brackenshire-constabulary/endorsements`);
    await officer.post(`${base}/organisations/brackenshire-constabulary/endorsements`, {
      [`stance-${statements[1]!.id}`]: 'endorse',
      [`revision-${statements[1]!.id}`]: '1',
    });
    // Withdrawn after the police answered on it: off the draft, still on the record.
    await chair.get(`${base}/statements/${statements[1]!.id}/remove`);
    assert.equal((await chair.post(`${base}/statements/${statements[1]!.id}/remove`)).statusCode, 303);

    // The deadline passes with the fire service silent on everything and the police silent on the first.
    const minutesAgo = (minutes: number) => new Date(Date.now() - minutes * 60_000).toISOString();
    await db()
      .updateTable('consultation_statements')
      .set({ revised_at: minutesAgo(60) })
      .where('consultation_id', '=', id)
      .execute();
    await db()
      .updateTable('consultation_endorsements')
      .set({ recorded_at: minutesAgo(30) })
      .where('consultation_id', '=', id)
      .execute();
    await db()
      .updateTable('consultations')
      .set({ endorsement_deadline: minutesAgo(1) })
      .where('id', '=', id)
      .execute();
    let record = mainOf((await chair.get(`${base}/record`)).body);
    assert.match(
      record,
      /Final response: 1 of 1 statement included, 0 endorsed by all 2 organisations; 0 removed\./,
    );
    assert.match(
      record,
      /Abstained by silence Brackenshire Constabulary; Brackenshire Fire and Rescue Service/,
    );
    assert.match(
      record,
      /Statements withdrawn by the secretariat Question 2, withdrawn .* Short-term fixes do not\./,
    );

    const before = (await outbox()).length;
    const deadlineForm = await chair.get(`${base}/deadline`);
    const version = /name="version" value="(\d+)"/.exec(deadlineForm.body)![1]!;
    const extended = await chair.post(`${base}/deadline`, {
      deadlineOn: addDays(today, 12),
      deadlineTime: '12:00',
      silenceRule: 'endorse',
      version,
    });
    assert.equal(extended.statusCode, 303, extended.body.slice(0, 300));
    const told = (await outbox()).slice(before);
    assert.ok(told.length >= 2);
    assert.ok(
      told.every((m) =>
        m.subject?.startsWith('New endorsement deadline for “Tackling anti-social behaviour”'),
      ),
    );
    record = mainOf((await chair.get(`${base}/record`)).body);
    assert.match(record, /Provisional until the deadline/);
    assert.match(record, /Not answered yet Brackenshire Constabulary; Brackenshire Fire and Rescue Service/);

    await db()
      .updateTable('consultations')
      .set({ endorsement_deadline: new Date(Date.now() - 60_000).toISOString() })
      .where('id', '=', id)
      .execute();
    record = mainOf((await chair.get(`${base}/record`)).body);
    assert.match(
      record,
      /Endorsed by silence Brackenshire Constabulary; Brackenshire Fire and Rescue Service/,
    );
    assert.match(record, /1 of 1 statement included, 1 endorsed by all 2 organisations/);
  });

  it('keeps a history of every change, for the partnership only, and refuses a stale edit of the details', async () => {
    const history = await member.get(`/consultations/${consultationId}/history`);
    assert.equal(history.statusCode, 200);
    const text = mainOf(history.body);
    for (const summary of [
      /Set up the response/,
      /Added 35 questions from a pasted list/,
      /Organisations asked to respond: 4/,
      /Brackenshire Constabulary gave its views on 3 questions \(“no view” on 1\)/,
      /Circulated the draft \(4 statements\) to 4 organisations/,
      /Reworded a statement for question 1 \(revision 2\)/,
      /Kelmsfield Chamber of Commerce answered on 4 statements: 2 endorsed, 0 abstained, 2 cannot endorse/,
    ])
      assert.match(text, summary);
    assert.equal((await councillor.get(`/consultations/${consultationId}/history`)).statusCode, 403);
    assert.equal((await visitor.get(`/consultations/${consultationId}/history`)).statusCode, 303);

    const homeOffice = await demoConsultation('safer-kelmsfield-partnership');
    const edit = `/consultations/${homeOffice}/edit`;
    const form = await chair.get(edit);
    const version = /name="version" value="(\d+)"/.exec(form.body)![1]!;
    const fields = {
      title: 'Review of the partnership provisions',
      issuingBody: 'Home Office',
      url: 'https://www.homeoffice.gov.uk/partnership-review',
      closesOn: addDays(today, 42),
      viewsDueOn: addDays(today, 14),
      viewsDueTime: '17:00',
      version,
    };
    assert.equal((await chair.post(edit, fields)).statusCode, 303);
    const stale = await secretariat.post(edit, { ...fields, title: 'Another title' });
    assert.equal(stale.statusCode, 409);
    assert.match(stale.body, /Someone else changed this while you were editing it/);
    assert.match(stale.body, /value="Another title"/, 'their typing is kept');
  });
});

/** A day as the pages show it, "1 April 2026". */
function formatDay(day: string): string {
  return new Intl.DateTimeFormat('en-GB', {
    day: 'numeric',
    month: 'long',
    year: 'numeric',
    timeZone: 'UTC',
  }).format(new Date(`${day}T12:00:00Z`));
}
