import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { simpleParser } from 'mailparser';
import { createTestApp, Visitor, type TestApp } from '../../testing/test-app.ts';
import { demoPassword } from '../registry/demo-place.ts';
import { logins } from '../../testing/route-roles.ts';
import { readCsv } from '../../platform/csv.ts';
import { todayIso } from '../../platform/time.ts';
import { signToken } from './form-guard.ts';
import { anonymousSubmissionsPerWindow } from './routes/flood.ts';
import { ideaReference } from './service.ts';

/** The main content of a page, as text, without the layout's links and tokens. */
const mainOf = (html: string) => /<main[\s\S]*<\/main>/.exec(html)?.[0] ?? html;
const formTokenOf = (html: string) => /name="formToken" value="([^"]+)"/.exec(html)?.[1] ?? '';
const flashOf = (html: string) =>
  (/govuk-notification-banner__content">([\s\S]*?)<\/div>/.exec(html)?.[1] ?? '')
    .replace(/<[^>]+>/g, '')
    .trim();
const errorsOf = (html: string) =>
  (/govuk-error-summary__list">([\s\S]*?)<\/ul>/.exec(html)?.[1] ?? '')
    .replace(/<[^>]+>/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();

let addresses = 0;
/** A visitor from an address of their own, so per-address limits do not carry over between tests. */
const newAddress = () => `10.0.${Math.floor(++addresses / 250)}.${(addresses % 250) + 1}`;

describe('engagement: have your say, moderation, surveys and the balance of voice', () => {
  let t: TestApp;
  let admin: Visitor;
  let chair: Visitor;
  let resident: Visitor;
  before(async () => {
    t = await createTestApp();
    admin = new Visitor(t.app);
    chair = new Visitor(t.app);
    resident = new Visitor(t.app);
    await admin.signIn(logins.secretariat, demoPassword);
    await chair.signIn(logins.chair, demoPassword);
    await resident.signIn(logins.resident, demoPassword);
  });
  after(async () => t.close());

  const db = () => t.database.db;
  const ideaCount = async () => (await db().selectFrom('engagement_ideas').select('id').execute()).length;
  const latestIdea = () =>
    db().selectFrom('engagement_ideas').selectAll().orderBy('id', 'desc').executeTakeFirstOrThrow();
  const priorityId = async (slug: string) =>
    (
      await db()
        .selectFrom('priorities')
        .select('id')
        .where('slug', '=', slug)
        .orderBy('id', 'desc')
        .executeTakeFirstOrThrow()
    ).id;
  const areaId = async (slug: string) =>
    (await db().selectFrom('areas').select('id').where('slug', '=', slug).executeTakeFirstOrThrow()).id;

  /** A form token as if the page had been open for a minute: a person's pace. */
  async function aMinuteAgo(token: string) {
    const nonce = token.split('.')[1]!;
    return signToken(await t.app.services.engagement.guard.signingKey(), Date.now() - 60_000, nonce);
  }

  /** Opens the form as a person would, fills it in and sends it a minute later. */
  async function sendIdea(
    visitor: Visitor,
    form: Record<string, string>,
    options: { rushed?: boolean } = {},
  ) {
    const page = await visitor.get('/have-your-say');
    assert.equal(page.statusCode, 200);
    const token = formTokenOf(page.body);
    return visitor.post('/have-your-say', {
      kind: 'idea',
      writingAs: 'individual',
      ...form,
      formToken: options.rushed ? token : await aMinuteAgo(token),
    });
  }

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
  const mailTo = async (address: string) =>
    (await outbox()).filter((m) => [m.to].flat().some((to) => to?.value.some((v) => v.address === address)));

  describe('have your say', () => {
    it('shows the form with its spam trap, its equality questions and why they are asked', async () => {
      const page = await new Visitor(t.app).get('/have-your-say');
      assert.equal(page.statusCode, 200);
      const html = page.body;
      assert.match(html, /<div class="govuk-visually-hidden" aria-hidden="true">\s*<label for="website">/);
      assert.match(
        html,
        /<input type="text" id="website" name="website" value="" tabindex="-1" autocomplete="off">/,
      );
      assert.match(html, /name="formToken" value="\d+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]{32}"/);
      assert.match(html, /only ever reported as totals for groups of 10 people or more/);
      for (const question of [
        'What is your age?',
        'What is your sex?',
        'What is your ethnic group?',
        'day-to-day activities',
      ])
        assert.ok(html.includes(question), question);
      assert.equal((html.match(/>\s*Prefer not to say\s*<\/label>/g) ?? []).length, 4);
      assert.match(html, /data-maxlength="5000"/);
      assert.match(html, /Safer, stronger communities/);
      assert.match(html, /Old Market \(in Kelmsfield Town\)/);
    });

    it('takes an idea from someone anonymous, counted under the ward of the neighbourhood chosen', async () => {
      const visitor = new Visitor(t.app, { remoteAddress: newAddress() });
      const before = await ideaCount();
      const oldMarket = await areaId('old-market');
      const response = await sendIdea(visitor, {
        kind: 'concern',
        summary: 'Broken paving on Market Street',
        details: 'The paving outside number 12 has been broken for months.\nSomeone will fall.',
        priorityId: String(await priorityId('safer-stronger-communities')),
        areaId: String(oldMarket),
        contactName: 'Pat',
        contactEmail: 'Pat.Walker@example.net',
        ageBand: '65_to_74',
        sex: 'female',
        ethnicity: 'prefer_not_to_say',
      });
      assert.equal(response.statusCode, 303, errorsOf(response.body));
      assert.equal(response.headers.location, '/have-your-say/thank-you');
      assert.equal(await ideaCount(), before + 1);
      const saved = await latestIdea();
      assert.equal(saved.status, 'pending');
      assert.equal(saved.kind, 'concern');
      assert.equal(saved.area_id, oldMarket);
      assert.equal(saved.ward_id, await areaId('kelmsfield-town'));
      assert.equal(saved.contact_email, 'pat.walker@example.net');
      assert.equal(saved.user_id, null);
      assert.equal(saved.age_band, '65_to_74');
      assert.equal(saved.disability, null);
      assert.match(saved.ip_hash ?? '', /^[0-9a-f]{32}$/, 'a keyed hash, never the address');
      const thanks = await visitor.get('/have-your-say/thank-you');
      assert.match(
        flashOf(thanks.body),
        new RegExp(`Your concern has been sent\\. Its reference is ${ideaReference(saved.id)}\\.`),
      );
      // The audit keeps what was said, never who said it or their answers about themselves.
      const audit = await db()
        .selectFrom('audit_entries')
        .selectAll()
        .where('entity_type', '=', 'engagement_idea')
        .where('entity_id', '=', saved.id)
        .executeTakeFirstOrThrow();
      assert.doesNotMatch(audit.after_json ?? '', /pat\.walker|65_to_74|female/i);
      // Not public until it is checked.
      assert.equal((await visitor.get(`/you-said-we-did/${saved.id}`)).statusCode, 404);
    });

    it('refuses a filled-in hidden field, saving nothing and keeping what was typed', async () => {
      const visitor = new Visitor(t.app, { remoteAddress: newAddress() });
      const before = await ideaCount();
      const response = await sendIdea(visitor, {
        summary: 'Cheap watches',
        details: 'Buy cheap watches at example.com',
        website: 'https://spam.example',
      });
      assert.equal(response.statusCode, 400);
      assert.match(errorsOf(response.body), /a field that people cannot see was filled in/);
      assert.match(response.body, /Buy cheap watches at example\.com<\/textarea>/);
      assert.doesNotMatch(response.body, /spam\.example/, 'the trap is never filled in again');
      assert.equal(await ideaCount(), before);
    });

    it('refuses a form sent back faster than a person could fill it in, and one that was never ours', async () => {
      const visitor = new Visitor(t.app, { remoteAddress: newAddress() });
      const before = await ideaCount();
      const rushed = await sendIdea(visitor, { summary: 'Fast', details: 'Sent at once' }, { rushed: true });
      assert.equal(rushed.statusCode, 400);
      assert.match(errorsOf(rushed.body), /sent very soon after the page opened/);
      assert.match(rushed.body, /Sent at once<\/textarea>/);
      const fresh = formTokenOf(rushed.body);
      assert.ok(fresh, 'a new token to send it again with');
      const forged = await visitor.post('/have-your-say', {
        kind: 'idea',
        writingAs: 'individual',
        summary: 'Forged',
        details: 'No token of ours',
        formToken: `${Date.now() - 60_000}.abcdefghijkl.${'x'.repeat(32)}`,
      });
      assert.equal(forged.statusCode, 400);
      assert.match(errorsOf(forged.body), /This form could not be checked/);
      assert.equal(await ideaCount(), before);
    });

    it('says how long a 1 MB text is, keeps it, and saves nothing', async () => {
      const visitor = new Visitor(t.app, { remoteAddress: newAddress() });
      const before = await ideaCount();
      const huge = 'a'.repeat(1024 * 1024);
      const response = await sendIdea(visitor, { summary: 'A very long idea', details: huge });
      assert.equal(response.statusCode, 400);
      assert.match(
        errorsOf(response.body),
        /What you want to tell the partnership must be 5,000 characters or fewer\. It is 1,048,576 characters now/,
      );
      assert.ok(response.body.includes(`${huge}</textarea>`), 'what was typed is kept in the form');
      assert.equal(await ideaCount(), before);
    });

    it('stores scripts and HTML as typed and shows them as text, never as markup', async () => {
      const visitor = new Visitor(t.app, { remoteAddress: newAddress() });
      const script =
        '<script>alert("owned")</script><b onmouseover="x()">bold</b> & <img src=x onerror=alert(1)>';
      const response = await sendIdea(visitor, {
        summary: '<i>Italic</i> summary',
        details: script,
        priorityId: String(await priorityId('safer-stronger-communities')),
      });
      assert.equal(response.statusCode, 303, errorsOf(response.body));
      const saved = await latestIdea();
      assert.equal(saved.details, script, 'stored exactly as typed');
      const moderation = await admin.get(`/engagement/ideas/${saved.id}`);
      assert.equal(moderation.statusCode, 200);
      assert.ok(moderation.body.includes('&lt;script&gt;alert(&quot;owned&quot;)&lt;/script&gt;'));
      assert.doesNotMatch(moderation.body, /<script>alert|<b onmouseover|<img src=x/);
      assert.ok(moderation.body.includes('&lt;i&gt;Italic&lt;/i&gt; summary'));
      const published = await admin.post(`/engagement/ideas/${saved.id}/moderate`, {
        decision: 'publish',
        version: String(saved.version),
      });
      assert.equal(published.statusCode, 303, errorsOf(published.body));
      for (const url of [`/you-said-we-did/${saved.id}`, '/you-said-we-did']) {
        const page = await new Visitor(t.app).get(url);
        assert.equal(page.statusCode, 200, url);
        assert.doesNotMatch(page.body, /<script>alert|<b onmouseover|<img src=x|<i>Italic/, url);
        assert.ok(page.body.includes('&lt;i&gt;Italic&lt;/i&gt; summary'), url);
      }
    });

    it('recognises the same form sent twice (a double click), even at the same moment, and keeps one', async () => {
      const visitor = new Visitor(t.app, { remoteAddress: newAddress() });
      const page = await visitor.get('/have-your-say');
      const form = {
        kind: 'idea',
        writingAs: 'individual',
        summary: 'Double click',
        details: 'Pressed the button twice',
        formToken: await aMinuteAgo(formTokenOf(page.body)),
      };
      const before = await ideaCount();
      const first = await visitor.post('/have-your-say', form);
      assert.equal(first.statusCode, 303);
      await visitor.get('/have-your-say/thank-you');
      const second = await visitor.post('/have-your-say', form);
      assert.equal(second.statusCode, 303);
      const thanks = await visitor.get('/have-your-say/thank-you');
      assert.match(
        flashOf(thanks.body),
        /This form had already been sent \(perhaps the button was pressed twice\), so we have kept one copy: your idea is HYS-\d{5}\. Nothing has been lost or counted twice\./,
      );
      assert.equal(await ideaCount(), before + 1);

      // Two at once: one is kept, the other recognised.
      const again = await visitor.get('/have-your-say');
      const race = {
        ...form,
        summary: 'A race',
        details: 'Both at once',
        formToken: await aMinuteAgo(formTokenOf(again.body)),
      };
      const answers = await Promise.all([
        visitor.post('/have-your-say', race),
        visitor.post('/have-your-say', race),
      ]);
      assert.deepEqual(
        answers.map((a) => a.statusCode),
        [303, 303],
      );
      assert.equal(await ideaCount(), before + 2);
    });

    it('recognises the same words sent again by the same person, in words, and nothing is counted twice', async () => {
      const address = newAddress();
      const visitor = new Visitor(t.app, { remoteAddress: address });
      const words = {
        summary: 'More bins in Corvenhill park',
        details: 'The bins are always full by Sunday.',
      };
      const before = await ideaCount();
      assert.equal((await sendIdea(visitor, words)).statusCode, 303);
      await visitor.get('/have-your-say/thank-you');
      const repeat = await sendIdea(visitor, {
        summary: '  more bins in corvenhill PARK ',
        details: 'The bins are always  full by Sunday',
      });
      assert.equal(repeat.statusCode, 303);
      assert.match(
        flashOf((await visitor.get('/have-your-say/thank-you')).body),
        /You sent the same words on .+ as HYS-\d{5}\. We have kept that one, so it is not counted twice\./,
      );
      assert.equal(await ideaCount(), before + 1);
      // Someone else, elsewhere, may say the same thing: that is another voice.
      assert.equal(
        (await sendIdea(new Visitor(t.app, { remoteAddress: newAddress() }), words)).statusCode,
        303,
      );
      assert.equal(await ideaCount(), before + 2);
      // The same person signed in is recognised by their account.
      const signedIn = { summary: 'Resident repeat', details: 'Said once, said twice.' };
      assert.equal((await sendIdea(resident, signedIn)).statusCode, 303);
      await resident.get('/have-your-say/thank-you');
      assert.equal((await sendIdea(resident, signedIn)).statusCode, 303);
      assert.match(flashOf((await resident.get('/have-your-say/thank-you')).body), /You sent the same words/);
      assert.equal(await ideaCount(), before + 3);
    });

    it('answers a flood from one address with a page in words that gives back what was typed', async () => {
      const visitor = new Visitor(t.app, { remoteAddress: newAddress() });
      const before = await ideaCount();
      for (let i = 0; i < anonymousSubmissionsPerWindow; i++) {
        const page = await visitor.get('/have-your-say');
        const response = await visitor.post('/have-your-say', {
          kind: 'idea',
          writingAs: 'individual',
          summary: `Flood ${i}`,
          details: `Automated message number ${i}`,
          formToken: await aMinuteAgo(formTokenOf(page.body)),
        });
        assert.equal(response.statusCode, 303, `message ${i}`);
      }
      const page = await visitor.get('/have-your-say');
      const refused = await visitor.post('/have-your-say', {
        kind: 'idea',
        writingAs: 'individual',
        summary: 'One too many',
        details: 'The <last> one & it matters',
        formToken: await aMinuteAgo(formTokenOf(page.body)),
      });
      assert.equal(refused.statusCode, 429);
      assert.match(String(refused.headers['content-type']), /^text\/html/);
      assert.ok(Number(refused.headers['retry-after']) > 0);
      assert.match(refused.body, /<h1 class="govuk-heading-l">You have sent a lot in a short time<\/h1>/);
      assert.match(refused.body, /Nothing from this last form has been saved/);
      assert.ok(refused.body.includes('The &lt;last&gt; one &amp; it matters'), 'what was typed, escaped');
      assert.equal(await ideaCount(), before + anonymousSubmissionsPerWindow);
      // Another address, or someone signed in, is not held up.
      assert.equal(
        (
          await sendIdea(new Visitor(t.app, { remoteAddress: newAddress() }), {
            summary: 'Not me',
            details: 'Different address',
          })
        ).statusCode,
        303,
      );
    });

    it('checks the choices and the group’s details', async () => {
      const visitor = new Visitor(t.app, { remoteAddress: newAddress() });
      const response = await sendIdea(visitor, {
        kind: 'wish',
        summary: '',
        details: '',
        priorityId: '999999',
        areaId: String(await areaId('kelmsfield')),
        writingAs: 'group',
        contactEmail: 'not-an-address',
        ageBand: '200',
      });
      assert.equal(response.statusCode, 400);
      const errors = errorsOf(response.body);
      for (const message of [
        'Choose whether this is an idea or a concern',
        'Enter a short summary',
        'Enter what you want to tell the partnership',
        'Enter your email address in the correct format',
        'Choose one of the answers, or leave it blank',
      ])
        assert.ok(errors.includes(message), message);
      const noGroup = await sendIdea(visitor, {
        summary: 'For a group',
        details: 'Which one?',
        writingAs: 'group',
      });
      assert.match(errorsOf(noGroup.body), /Enter the name of the group/);
      assert.match(errorsOf(noGroup.body), /Choose the kind of group/);
      const area = await sendIdea(visitor, {
        summary: 'Somewhere',
        details: 'Not a ward',
        areaId: String(await areaId('kelmsfield')),
      });
      assert.match(errorsOf(area.body), /Choose a ward or neighbourhood from the list/);
      const group = await sendIdea(visitor, {
        summary: 'From our group',
        details: 'We meet every Tuesday.',
        writingAs: 'group',
        groupName: 'Quillford Knitters',
        groupSector: 'voluntary_community',
      });
      assert.equal(group.statusCode, 303);
      const saved = await latestIdea();
      assert.equal(saved.group_name, 'Quillford Knitters');
      assert.equal(saved.group_sector, 'voluntary_community');
    });
  });

  describe('moderation and “you said, we did”', () => {
    it('shows each moderator what they may check: the chair only their partnership’s priority', async () => {
      const visitor = new Visitor(t.app, { remoteAddress: newAddress() });
      await sendIdea(visitor, {
        summary: 'Safety one for the chair',
        details: 'About safety',
        priorityId: String(await priorityId('safer-stronger-communities')),
      });
      const safety = await latestIdea();
      await sendIdea(visitor, {
        summary: 'Housing one, not the chair’s',
        details: 'About homes',
        priorityId: String(await priorityId('decent-homes-for-everyone')),
      });
      const housing = await latestIdea();
      const adminQueue = await admin.get('/engagement');
      assert.equal(adminQueue.statusCode, 200);
      assert.ok(
        adminQueue.body.includes('Safety one for the chair') &&
          adminQueue.body.includes('Housing one, not the chair’s'),
      );
      const chairQueue = await chair.get('/engagement');
      assert.equal(chairQueue.statusCode, 200);
      assert.ok(chairQueue.body.includes('Safety one for the chair'));
      assert.ok(!chairQueue.body.includes('Housing one, not the chair’s'));
      assert.equal((await chair.get(`/engagement/ideas/${housing.id}`)).statusCode, 403);
      assert.equal((await chair.get(`/engagement/ideas/${safety.id}`)).statusCode, 200);
      assert.equal((await resident.get('/engagement')).statusCode, 403);
      // The moderator sees whether the person will hear back, never their address or their answers about themselves.
      const page = await admin.get(`/engagement/ideas/${safety.id}`);
      assert.match(mainOf(page.body), /Will be told by e-mail/);
    });

    it('publishes, tells the person by e-mail, and refuses to check anything twice or from a stale page', async () => {
      const visitor = new Visitor(t.app, { remoteAddress: newAddress() });
      await sendIdea(visitor, {
        summary: 'Publish me',
        details: 'Please',
        contactName: 'Sam',
        contactEmail: 'sam@example.net',
      });
      const idea = await latestIdea();
      const stale = await admin.post(`/engagement/ideas/${idea.id}/moderate`, {
        decision: 'publish',
        version: String(idea.version + 5),
      });
      assert.equal(stale.statusCode, 409);
      assert.match(stale.body, /Someone else changed this while you were editing it/);
      const response = await admin.post(`/engagement/ideas/${idea.id}/moderate`, {
        decision: 'publish',
        version: String(idea.version),
      });
      assert.equal(response.statusCode, 303);
      assert.equal(response.headers.location, `/engagement/ideas/${idea.id}#respond`);
      assert.match(
        flashOf((await admin.get(`/engagement/ideas/${idea.id}`)).body),
        /is published\. The person who sent it has been told by e-mail\./,
      );
      const [mail] = await mailTo('sam@example.net');
      assert.ok(mail, 'an e-mail to the person');
      assert.equal(mail.subject, `Your idea ${ideaReference(idea.id)} has been published`);
      assert.match(mail.text ?? '', /^Dear Sam,/);
      assert.match(mail.text ?? '', new RegExp(`/you-said-we-did/${idea.id}`));
      const page = await new Visitor(t.app).get(`/you-said-we-did/${idea.id}`);
      assert.equal(page.statusCode, 200);
      assert.match(page.body, /Received/);
      assert.doesNotMatch(page.body, /sam@example\.net|Sam\b/);
      const twice = await admin.post(`/engagement/ideas/${idea.id}/moderate`, {
        decision: 'reject',
        reason: 'spam',
        version: String(idea.version + 1),
      });
      assert.equal(twice.statusCode, 400);
      assert.match(errorsOf(twice.body), /This has already been checked: it is received/);
    });

    it('rejects with a reason from the list, and a note for “another reason”, and says why by e-mail', async () => {
      const visitor = new Visitor(t.app, { remoteAddress: newAddress() });
      await sendIdea(visitor, {
        summary: 'My neighbour at number 4',
        details: 'John Smith at number 4 is noisy',
        contactEmail: 'neighbour@example.net',
      });
      const idea = await latestIdea();
      const none = await admin.post(`/engagement/ideas/${idea.id}/moderate`, {
        decision: 'reject',
        version: String(idea.version),
      });
      assert.equal(none.statusCode, 400);
      assert.match(errorsOf(none.body), /Choose why it is not being published/);
      const other = await admin.post(`/engagement/ideas/${idea.id}/moderate`, {
        decision: 'reject',
        reason: 'other',
        version: String(idea.version),
      });
      assert.match(errorsOf(other.body), /Say why it is not being published: the person who sent it is told/);
      const rejected = await admin.post(`/engagement/ideas/${idea.id}/moderate`, {
        decision: 'reject',
        reason: 'personal_information',
        note: 'Please send it again without the name.',
        version: String(idea.version),
      });
      assert.equal(rejected.statusCode, 303);
      assert.equal((await latestIdea()).status, 'rejected');
      const [mail] = await mailTo('neighbour@example.net');
      assert.equal(mail?.subject, `Your idea ${ideaReference(idea.id)} has not been published`);
      assert.match(
        mail?.text ?? '',
        /The reason: It names or gives details of a private person\.\s+Please send it again without the name\./,
      );
      assert.match(mail?.text ?? '', /^Hello,/, 'no name given');
      assert.equal((await new Visitor(t.app).get(`/you-said-we-did/${idea.id}`)).statusCode, 404);
    });

    it('answers with a status and a response linked to a decision, an action and a target: “you said, we did”', async () => {
      await sendIdea(resident, {
        summary: 'Lights on the canal path',
        details: 'It is pitch dark after 5pm.',
        priorityId: String(await priorityId('safer-stronger-communities')),
      });
      const idea = await latestIdea();
      assert.equal(idea.user_id !== null, true);
      await chair.post(`/engagement/ideas/${idea.id}/moderate`, {
        decision: 'publish',
        version: String(idea.version),
      });
      const [decision] = await db()
        .selectFrom('decisions')
        .innerJoin('meetings', 'meetings.id', 'decisions.meeting_id')
        .select(['decisions.id', 'decisions.reference', 'decisions.meeting_id'])
        .where('meetings.visibility', '=', 'public')
        .orderBy('decisions.id')
        .execute();
      const action = await db()
        .selectFrom('actions')
        .select(['id', 'title'])
        .orderBy('id')
        .executeTakeFirstOrThrow();
      const target = await db().selectFrom('targets').select('id').orderBy('id').executeTakeFirstOrThrow();
      const page = await chair.get(`/engagement/ideas/${idea.id}`);
      assert.match(page.body, /Respond: what the partnership did/);
      const version = String((await latestIdea()).version);
      const unlinked = await chair.post(`/engagement/ideas/${idea.id}/response`, {
        status: 'acted_on',
        response: 'Done',
        version,
      });
      assert.equal(unlinked.statusCode, 400);
      assert.match(errorsOf(unlinked.body), /Choose the decision, action or target it led to/);
      const noWords = await chair.post(`/engagement/ideas/${idea.id}/response`, {
        status: 'not_taken_forward',
        version,
      });
      assert.match(errorsOf(noWords.body), /Say why the partnership is not taking it forward/);
      const response = await chair.post(`/engagement/ideas/${idea.id}/response`, {
        status: 'acted_on',
        response: 'New lighting is going in along the whole path <this winter>.',
        decisionId: String(decision!.id),
        actionId: String(action.id),
        targetId: String(target.id),
        version,
      });
      assert.equal(response.statusCode, 303, errorsOf(response.body));
      const shown = await new Visitor(t.app).get(`/you-said-we-did/${idea.id}`);
      assert.match(shown.body, /Acted on/);
      assert.ok(shown.body.includes('New lighting is going in along the whole path &lt;this winter&gt;.'));
      assert.ok(
        shown.body.includes(`href="/meetings/${decision!.meeting_id}#decisions">${decision!.reference}</a>`),
      );
      assert.ok(shown.body.includes(`href="/actions/${action.id}"`));
      assert.ok(shown.body.includes(`href="/dashboard/targets/${target.id}"`));
      const list = await new Visitor(t.app).get('/you-said-we-did?status=acted_on');
      assert.ok(list.body.includes('Lights on the canal path'));
      const notYet = await new Visitor(t.app).get('/you-said-we-did?status=received');
      assert.ok(!notYet.body.includes('Lights on the canal path'));
      // The resident is told at their account's address, and sees it among their own.
      const mails = await mailTo(logins.resident);
      const update = mails.find((m) => m.subject === `Update on ${ideaReference(idea.id)}: acted on`);
      assert.ok(update, mails.map((m) => m.subject).join(', '));
      assert.match(update.text ?? '', /^Dear Amira Haddad,/);
      assert.match(
        update.text ?? '',
        /New lighting is going in along the whole path <this winter>\./,
        'plain text, as written',
      );
      assert.match(update.text ?? '', new RegExp(`Decision ${decision!.reference}`));
      const mine = await resident.get('/have-your-say/mine');
      assert.equal(mine.statusCode, 200);
      assert.ok(mine.body.includes('Lights on the canal path'));
      // History of the decision on it, for the partnership's people; never for a resident.
      assert.match((await chair.get(`/engagement/ideas/${idea.id}`)).body, /id="history"/);
    });

    it('keeps a message the mail server refused, and sends it when asked again: nothing is lost', async () => {
      const visitor = new Visitor(t.app, { remoteAddress: newAddress() });
      await sendIdea(visitor, {
        summary: 'Will the mail arrive?',
        details: 'Eventually',
        contactEmail: 'patient@example.net',
      });
      const idea = await latestIdea();
      const folder = t.app.config.mail.outboxDirectory;
      t.app.config.mail.outboxDirectory = path.join('/dev/null', 'cannot-write-here');
      try {
        const published = await admin.post(`/engagement/ideas/${idea.id}/moderate`, {
          decision: 'publish',
          version: String(idea.version),
        });
        assert.equal(published.statusCode, 303);
      } finally {
        t.app.config.mail.outboxDirectory = folder;
      }
      assert.equal((await mailTo('patient@example.net')).length, 0);
      const queue = await admin.get('/engagement');
      assert.match(queue.body, /1 e-mail to people who sent something in could not be sent yet/);
      const retry = await admin.post('/engagement/messages/send', {});
      assert.equal(retry.statusCode, 303);
      assert.match(flashOf((await admin.get('/engagement')).body), /1 message sent\./);
      assert.equal((await mailTo('patient@example.net')).length, 1);
    });

    it('lists published input with filters, pages and 404s for what is not public', async () => {
      const page = await new Visitor(t.app).get('/you-said-we-did');
      assert.equal(page.statusCode, 200);
      assert.match(
        page.body,
        /<caption class="govuk-table__caption govuk-table__caption--m">What was sent, newest first<\/caption>/,
      );
      assert.match(page.body, /rel="next"/, 'more than a page of demo input');
      assert.equal((await new Visitor(t.app).get('/you-said-we-did?page=2')).statusCode, 200);
      assert.equal(
        (
          await new Visitor(t.app).get(
            `/you-said-we-did?ward=${await areaId('harlowen')}&priority=x&status=nonsense`,
          )
        ).statusCode,
        200,
      );
      for (const url of [
        '/you-said-we-did/999999',
        '/you-said-we-did/abc',
        '/you-said-we-did/0',
        '/engagement/ideas/999999',
      ])
        assert.equal((await admin.get(url)).statusCode, 404, url);
      const pending = await db()
        .selectFrom('engagement_ideas')
        .select('id')
        .where('status', '=', 'pending')
        .executeTakeFirstOrThrow();
      assert.equal(
        (await new Visitor(t.app).get(`/you-said-we-did/${ideaReference(pending.id)}`)).statusCode,
        404,
      );
      const published = await db()
        .selectFrom('engagement_ideas')
        .select('id')
        .where('status', '=', 'acted_on')
        .executeTakeFirstOrThrow();
      assert.equal(
        (await new Visitor(t.app).get(`/you-said-we-did/${ideaReference(published.id)}`)).statusCode,
        200,
        'by its reference too',
      );
    });
  });

  describe('residents', () => {
    it('registers a resident, signs them in, and gives them their own page and nothing of the partnership’s', async () => {
      const visitor = new Visitor(t.app, { remoteAddress: newAddress() });
      assert.equal((await visitor.get('/register')).statusCode, 200);
      const bad = await visitor.post('/register', {
        displayName: 'Jo Bloggs',
        email: logins.resident,
        wardId: '999999',
        password: 'short',
        confirmPassword: 'different',
      });
      assert.equal(bad.statusCode, 400);
      assert.match(errorsOf(bad.body), /Password must be at least 12 characters long/);
      assert.match(bad.body, /value="Jo Bloggs"/);
      assert.doesNotMatch(bad.body, /value="short"/, 'passwords are never sent back');
      const taken = await visitor.post('/register', {
        displayName: 'Jo Bloggs',
        email: logins.resident,
        password: 'a long enough password',
        confirmPassword: 'a long enough password',
      });
      assert.match(
        errorsOf(taken.body),
        /There is already an account with this email address: sign in instead/,
      );
      const pennyfold = await areaId('pennyfold');
      const registered = await visitor.post('/register', {
        displayName: 'Jo Bloggs',
        email: 'Jo.Bloggs@example.net',
        wardId: String(pennyfold),
        password: 'a long enough password',
        confirmPassword: 'a long enough password',
      });
      assert.equal(registered.statusCode, 303, errorsOf(registered.body));
      const form = await visitor.get('/have-your-say');
      assert.match(flashOf(form.body), /You are registered and signed in/);
      assert.match(
        form.body,
        new RegExp(`<option value="${pennyfold}" selected>Pennyfold</option>`),
        'their ward chosen for them',
      );
      assert.doesNotMatch(form.body, /name="website"/, 'no trap for someone signed in');
      const user = await db()
        .selectFrom('users')
        .select('id')
        .where('email', '=', 'jo.bloggs@example.net')
        .executeTakeFirstOrThrow();
      const grants = await db()
        .selectFrom('role_grants')
        .select('role')
        .where('user_id', '=', user.id)
        .execute();
      assert.deepEqual(
        grants.map((g) => g.role),
        ['resident'],
      );
      // Someone signed in is known by their account: a form sent back quickly is fine.
      const quick = await sendIdea(
        visitor,
        { summary: 'Jo’s first idea', details: 'A bench by the pond' },
        { rushed: true },
      );
      assert.equal(quick.statusCode, 303, errorsOf(quick.body));
      assert.equal((await latestIdea()).user_id, user.id);
      const mine = await visitor.get('/have-your-say/mine');
      assert.match(mine.body, /Jo’s first idea[\s\S]*Waiting to be checked/);
      const manage = await visitor.get('/manage');
      assert.equal(manage.statusCode, 303);
      assert.equal(manage.headers.location, '/have-your-say/mine');
      assert.equal((await visitor.get('/account')).statusCode, 200);
      // A resident never reads the partnership's histories.
      const action = await db().selectFrom('actions').select('id').executeTakeFirstOrThrow();
      assert.doesNotMatch((await visitor.get(`/actions/${action.id}`)).body, /id="history"/);
      assert.equal((await visitor.get('/register')).statusCode, 303, 'already signed in');
      assert.equal((await new Visitor(t.app).get('/have-your-say/mine')).statusCode, 303, 'sign in first');
    });
  });

  describe('surveys', () => {
    let slug = '';
    const questionIds: number[] = [];

    it('lets the secretariat start a survey, checking its dates, and keeps a draft from the public', async () => {
      assert.equal((await admin.get('/surveys/new')).statusCode, 200);
      const board = await db()
        .selectFrom('partnerships')
        .select('id')
        .where('slug', '=', 'kelmsfield-partnership-board')
        .executeTakeFirstOrThrow();
      const bad = await admin.post('/surveys/new', {
        title: '',
        partnershipId: '',
        opensOn: '2026-02-30',
        closesOn: '2026-01-01',
        status: 'draft',
      });
      assert.equal(bad.statusCode, 400);
      const errors = errorsOf(bad.body);
      assert.match(errors, /Enter the title of the survey/);
      assert.match(errors, /Choose the partnership running the survey/);
      assert.match(errors, /The day it opens must be a real date/);
      const backwards = await admin.post('/surveys/new', {
        title: 'Backwards',
        partnershipId: String(board.id),
        opensOn: '2026-05-01',
        closesOn: '2026-04-01',
        status: 'draft',
      });
      assert.match(
        errorsOf(backwards.body),
        /The day it closes must be the same as or after the day it opens/,
      );
      const created = await admin.post('/surveys/new', {
        title: 'Parks and green spaces',
        description: 'What do you think of the parks?',
        partnershipId: String(board.id),
        opensOn: todayIso(),
        closesOn: '2099-12-31',
        status: 'draft',
      });
      assert.match(errorsOf(created.body), /A survey can run for a year at most/);
      const closes = new Date(Date.now() + 30 * 86_400_000).toISOString().slice(0, 10);
      const saved = await admin.post('/surveys/new', {
        title: 'Parks and green spaces',
        description: 'What do you think of the parks?',
        partnershipId: String(board.id),
        opensOn: todayIso(),
        closesOn: closes,
        status: 'draft',
      });
      assert.equal(saved.statusCode, 303, errorsOf(saved.body));
      slug = String(saved.headers.location).split('/').pop()!;
      assert.equal(slug, 'parks-and-green-spaces');
      assert.equal(
        (await new Visitor(t.app).get(`/surveys/${slug}`)).statusCode,
        404,
        'a draft is not public',
      );
      assert.ok(!(await new Visitor(t.app).get('/surveys')).body.includes('Parks and green spaces'));
      assert.equal(
        (await chair.get(`/surveys/${slug}/edit`)).statusCode,
        403,
        'the Board’s survey, not the chair’s',
      );
    });

    it('adds questions of every kind, checking the answers to choose from', async () => {
      assert.equal((await admin.get(`/surveys/${slug}/questions/new`)).statusCode, 200);
      const one = await admin.post(`/surveys/${slug}/questions/new`, {
        kind: 'single',
        prompt: 'Which park?',
        options: 'Only one',
      });
      assert.equal(one.statusCode, 400);
      assert.match(errorsOf(one.body), /Enter at least two answers to choose from, one on each line/);
      const same = await admin.post(`/surveys/${slug}/questions/new`, {
        kind: 'single',
        prompt: 'Which park?',
        options: 'A\na',
      });
      assert.match(errorsOf(same.body), /Each answer to choose from must be different/);
      for (const question of [
        {
          kind: 'single',
          prompt: 'Which park do you use most?',
          options: 'Fennick Park\nQuillford Green\nNone',
          required: 'yes',
        },
        { kind: 'multiple', prompt: 'What would you like more of?', options: 'Benches\nToilets\nPlay areas' },
        { kind: 'rating', prompt: 'How safe do you feel in the parks?', required: 'yes' },
        { kind: 'text', prompt: 'Anything else?' },
        { kind: 'text', prompt: 'A question to remove' },
      ] as Record<string, string>[]) {
        const response = await admin.post(`/surveys/${slug}/questions/new`, question);
        assert.equal(response.statusCode, 303, errorsOf(response.body));
      }
      const rows = await db()
        .selectFrom('engagement_survey_questions')
        .innerJoin('engagement_surveys', 'engagement_surveys.id', 'engagement_survey_questions.survey_id')
        .select([
          'engagement_survey_questions.id',
          'engagement_survey_questions.version',
          'engagement_survey_questions.options',
        ])
        .where('engagement_surveys.slug', '=', slug)
        .orderBy('position')
        .execute();
      assert.equal(rows.length, 5);
      assert.deepEqual(JSON.parse(rows[0]!.options), ['Fennick Park', 'Quillford Green', 'None']);
      questionIds.push(...rows.map((r) => r.id));
      // Change one, and remove the last.
      assert.equal((await admin.get(`/surveys/${slug}/questions/${rows[3]!.id}/edit`)).statusCode, 200);
      const stale = await admin.post(`/surveys/${slug}/questions/${rows[3]!.id}/edit`, {
        kind: 'text',
        prompt: 'Anything else to tell us?',
        version: String(rows[3]!.version + 1),
      });
      assert.equal(stale.statusCode, 409);
      const changed = await admin.post(`/surveys/${slug}/questions/${rows[3]!.id}/edit`, {
        kind: 'text',
        prompt: 'Anything else to tell us?',
        version: String(rows[3]!.version),
      });
      assert.equal(changed.statusCode, 303, errorsOf(changed.body));
      assert.equal((await admin.get(`/surveys/${slug}/questions/${rows[4]!.id}/remove`)).statusCode, 200);
      assert.equal(
        (await admin.post(`/surveys/${slug}/questions/${rows[4]!.id}/remove`, {})).statusCode,
        303,
      );
      questionIds.pop();
      assert.equal((await admin.get(`/surveys/${slug}/questions/999999/edit`)).statusCode, 404);
    });

    it('publishes it, and takes answers from the public with their spam trap, each question checked', async () => {
      const survey = await db()
        .selectFrom('engagement_surveys')
        .selectAll()
        .where('slug', '=', slug)
        .executeTakeFirstOrThrow();
      assert.equal((await admin.get(`/surveys/${slug}/edit`)).statusCode, 200);
      const published = await admin.post(`/surveys/${slug}/edit`, {
        title: survey.title,
        description: survey.description ?? '',
        partnershipId: String(survey.partnership_id),
        opensOn: survey.opens_on,
        closesOn: survey.closes_on,
        status: 'published',
        version: String(survey.version),
      });
      assert.equal(published.statusCode, 303, errorsOf(published.body));
      const visitor = new Visitor(t.app, { remoteAddress: newAddress() });
      const page = await visitor.get(`/surveys/${slug}`);
      assert.equal(page.statusCode, 200);
      assert.match(page.body, /name="website"/);
      const [single, multiple, rating, text] = questionIds;
      const token = await aMinuteAgo(formTokenOf(page.body));
      const empty = await visitor.post(`/surveys/${slug}`, { formToken: token });
      assert.equal(empty.statusCode, 400);
      assert.match(errorsOf(empty.body), /Choose an answer to question 1/);
      assert.match(errorsOf(empty.body), /Choose a rating from 1 to 5 for question 3/);
      const wrong = await visitor.post(`/surveys/${slug}`, {
        formToken: token,
        [`q${single}`]: '7',
        [`q${multiple}`]: ['0', 'x'],
        [`q${rating}`]: '6',
        [`q${text}`]: 'b'.repeat(5001),
      });
      const errors = errorsOf(wrong.body);
      assert.match(errors, /Choose one of the answers listed for question 1/);
      assert.match(errors, /Choose from the answers listed for question 2/);
      assert.match(errors, /Choose a rating from 1 to 5 for question 3/);
      assert.match(
        errors,
        /Your answer to question 4 must be 5,000 characters or fewer\. It is 5,001 characters now/,
      );
      const rushed = await visitor.post(`/surveys/${slug}`, {
        formToken: formTokenOf(page.body),
        [`q${single}`]: '0',
        [`q${rating}`]: '4',
      });
      assert.match(errorsOf(rushed.body), /sent very soon after the page opened/);
      const ok = await visitor.post(`/surveys/${slug}`, {
        formToken: token,
        [`q${single}`]: '1',
        [`q${multiple}`]: ['0', '2'],
        [`q${rating}`]: '4',
        [`q${text}`]: '=HYPERLINK("http://evil.example") <script>alert(1)</script>',
        areaId: String(await areaId('quillford')),
        sex: 'female',
      });
      assert.equal(ok.statusCode, 303, errorsOf(ok.body));
      assert.equal(ok.headers.location, `/surveys/${slug}/thank-you`);
      assert.match(
        flashOf((await visitor.get(`/surveys/${slug}/thank-you`)).body),
        /Thank you: your answers have been sent\./,
      );
      // The same form again is one response.
      await visitor.post(`/surveys/${slug}`, { formToken: token, [`q${single}`]: '1', [`q${rating}`]: '4' });
      assert.match(flashOf((await visitor.get(`/surveys/${slug}/thank-you`)).body), /had already been sent/);
      const responses = await db()
        .selectFrom('engagement_survey_responses')
        .select('id')
        .where('survey_id', '=', survey.id)
        .execute();
      assert.equal(responses.length, 1);
      // Its questions are now fixed.
      const locked = await admin.post(`/surveys/${slug}/questions/new`, { kind: 'text', prompt: 'Too late' });
      assert.equal(locked.statusCode, 400);
      assert.match(
        errorsOf(locked.body),
        /People have already answered this survey, so its questions can no longer change/,
      );
    });

    it('takes one response from each signed-in person', async () => {
      const [single, , rating] = questionIds;
      for (const attempt of [1, 2]) {
        const page = await resident.get(`/surveys/${slug}`);
        if (attempt === 2) {
          assert.match(page.body, /You answered this survey on/);
          assert.doesNotMatch(page.body, /name="formToken"/);
        }
        const token = formTokenOf(page.body) || (await aMinuteAgo(`1.${'n'.repeat(12)}.x`));
        const response = await resident.post(`/surveys/${slug}`, {
          formToken: token,
          [`q${single}`]: '0',
          [`q${rating}`]: '5',
        });
        assert.equal(response.statusCode, attempt === 1 ? 303 : 303, errorsOf(response.body));
      }
      assert.match(
        flashOf((await resident.get(`/surveys/${slug}/thank-you`)).body),
        /You answered this survey on .+ We have kept those answers: each person answers once\./,
      );
      const survey = await db()
        .selectFrom('engagement_surveys')
        .select('id')
        .where('slug', '=', slug)
        .executeTakeFirstOrThrow();
      assert.equal(
        (
          await db()
            .selectFrom('engagement_survey_responses')
            .select('id')
            .where('survey_id', '=', survey.id)
            .execute()
        ).length,
        2,
      );
    });

    it('shows results as a chart with the table beside it, and hides groups under 10 in a breakdown', async () => {
      const [single, multiple, rating] = questionIds;
      // 12 females, 11 males, 10 preferring not to say and 3 who did not answer, besides the two above.
      const people = [
        ...Array.from({ length: 11 }, () => 'female'),
        ...Array.from({ length: 11 }, () => 'male'),
        ...Array.from({ length: 10 }, () => 'prefer_not_to_say'),
        ...Array.from({ length: 2 }, () => ''),
      ];
      for (const [i, sex] of people.entries()) {
        const visitor = new Visitor(t.app, { remoteAddress: newAddress() });
        const page = await visitor.get(`/surveys/${slug}`);
        const response = await visitor.post(`/surveys/${slug}`, {
          formToken: await aMinuteAgo(formTokenOf(page.body)),
          [`q${single}`]: String(i % 3),
          [`q${multiple}`]: i % 2 ? ['1'] : ['0', '1'],
          [`q${rating}`]: String((i % 5) + 1),
          sex,
        });
        assert.equal(response.statusCode, 303, errorsOf(response.body));
      }
      // Published results only once it closes: the public waits, the secretariat sees them now.
      const waiting = await new Visitor(t.app).get(`/surveys/${slug}/results`);
      assert.equal(waiting.statusCode, 200);
      assert.match(waiting.body, /The results are published when the survey closes/);
      assert.doesNotMatch(waiting.body, /<svg/);
      const results = await admin.get(`/surveys/${slug}/results`);
      assert.equal(results.statusCode, 200);
      assert.match(results.body, /36 responses so far/);
      assert.match(results.body, /Only people who run this survey can see these results until it closes/);
      assert.match(results.body, /<svg [^>]*role="img" aria-labelledby="question-1-title question-1-desc"/);
      assert.match(results.body, /<desc id="question-1-desc">Bar chart\. Fennick Park: \d+ \(\d+%\)\./);
      assert.match(
        results.body,
        /<caption class="govuk-table__caption govuk-table__caption--s">Answers to question 1<\/caption>/,
      );
      assert.match(results.body, /the average rating is [\d.]+ out of 5/);
      assert.match(results.body, /Answers in people’s own words are not published/);
      assert.doesNotMatch(results.body, /evil\.example|alert\(1\)/, 'no one’s own words');
      const bySex = await admin.get(`/surveys/${slug}/results?by=sex`);
      const table = /Answers to question 1 by sex[\s\S]*?<\/table>/.exec(bySex.body)?.[0] ?? '';
      assert.match(table, /Female<\/th>\s*<td class="govuk-table__cell govuk-table__cell--numeric">12<\/td>/);
      assert.match(table, /Male<\/th>\s*<td class="govuk-table__cell govuk-table__cell--numeric">11<\/td>/);
      assert.match(
        table,
        /Did not answer<\/th>\s*<td class="govuk-table__cell" colspan="4">Fewer than 10 answers: not shown<\/td>/,
      );
      assert.match(
        table,
        /Preferred not to say<\/th>\s*<td class="govuk-table__cell" colspan="4">Not shown, so that a smaller group cannot be worked out<\/td>/,
      );
      const byWard = await admin.get(`/surveys/${slug}/results?by=ward`);
      assert.match(
        byWard.body,
        /Quillford<\/th>\s*<td class="govuk-table__cell" colspan="4">Fewer than 10 answers: not shown/,
      );
      assert.equal((await admin.get(`/surveys/${slug}/results?by=nonsense`)).statusCode, 200);
    });

    it('exports every response as CSV for those running it: no equality answers, formulas made harmless', async () => {
      const csv = await admin.get(`/surveys/${slug}/responses.csv`);
      assert.equal(csv.statusCode, 200);
      assert.match(String(csv.headers['content-type']), /^text\/csv/);
      assert.match(String(csv.headers['content-disposition']), /parks-and-green-spaces-responses\.csv/);
      const { header, rows } = readCsv(csv.body);
      assert.deepEqual(header, [
        'response',
        'submitted on',
        'ward',
        '1. which park do you use most?',
        '2. what would you like more of?',
        '3. how safe do you feel in the parks?',
        '4. anything else to tell us?',
      ]);
      assert.equal(rows.length, 36);
      const first = rows[0]!;
      assert.equal(first['ward'], 'Quillford');
      assert.equal(first['1. which park do you use most?'], 'Quillford Green');
      assert.equal(first['2. what would you like more of?'], 'Benches; Play areas');
      assert.equal(first['3. how safe do you feel in the parks?'], '4');
      assert.equal(
        first['4. anything else to tell us?'],
        `'=HYPERLINK("http://evil.example") <script>alert(1)</script>`,
      );
      assert.doesNotMatch(csv.body, /female|prefer_not_to_say/i);
      assert.equal((await new Visitor(t.app).get(`/surveys/${slug}/responses.csv`)).statusCode, 303);
      assert.equal((await chair.get(`/surveys/${slug}/responses.csv`)).statusCode, 403);
      assert.equal((await resident.get(`/surveys/${slug}/responses.csv`)).statusCode, 403);
    });

    it('publishes the results once it closes, and takes no more answers', async () => {
      const survey = await db()
        .selectFrom('engagement_surveys')
        .selectAll()
        .where('slug', '=', slug)
        .executeTakeFirstOrThrow();
      const yesterday = new Date(Date.now() - 86_400_000).toISOString().slice(0, 10);
      const stale = await admin.post(`/surveys/${slug}/edit`, {
        title: survey.title,
        partnershipId: String(survey.partnership_id),
        opensOn: yesterday,
        closesOn: yesterday,
        status: 'published',
        version: String(survey.version - 1),
      });
      assert.equal(stale.statusCode, 409);
      const closed = await admin.post(`/surveys/${slug}/edit`, {
        title: survey.title,
        partnershipId: String(survey.partnership_id),
        opensOn: yesterday,
        closesOn: yesterday,
        status: 'published',
        version: String(survey.version),
      });
      assert.equal(closed.statusCode, 303, errorsOf(closed.body));
      const visitor = new Visitor(t.app, { remoteAddress: newAddress() });
      const results = await visitor.get(`/surveys/${slug}/results`);
      assert.match(results.body, /36 responses\./);
      assert.match(results.body, /<svg/);
      // Someone who opened the form before it closed sends it after.
      await visitor.get('/have-your-say');
      const page = await visitor.get(`/surveys/${slug}`);
      assert.match(page.body, /This survey closed on/);
      const late = await visitor.post(`/surveys/${slug}`, {
        formToken: await aMinuteAgo(`1.${'z'.repeat(12)}.x`),
        [`q${questionIds[0]}`]: '0',
      });
      assert.equal(late.statusCode, 400);
      assert.match(errorsOf(late.body), /This survey closed on .+, so your answers could not be added/);
      assert.match((await visitor.get('/surveys')).body, /Parks and green spaces[\s\S]*Closed/);
    });

    it('shows the demo survey open with its results as they come in, and 404s for surveys that do not exist', async () => {
      const visitor = new Visitor(t.app);
      const page = await visitor.get('/surveys/kelmsfield-together-refresh');
      assert.match(page.body, /Open from/);
      assert.match(page.body, /90 responses so far/);
      const results = await visitor.get('/surveys/kelmsfield-together-refresh/results?by=age');
      assert.match(results.body, /90 responses so far/);
      assert.match(results.body, /Answers to question 1 by age/);
      assert.equal((await visitor.get('/surveys/no-such-survey')).statusCode, 404);
      assert.equal((await visitor.get('/surveys/no-such-survey/results')).statusCode, 404);
      assert.equal((await admin.get('/surveys/no-such-survey/edit')).statusCode, 404);
    });
  });

  describe('balance of voice', () => {
    it('sets input against the population in plain words, with small groups hidden', async () => {
      const page = await new Visitor(t.app).get('/balance-of-voice');
      assert.equal(page.statusCode, 200);
      const main = mainOf(page.body);
      assert.match(main, /<ul class="govuk-list govuk-list--bullet" id="findings">/);
      assert.match(
        main,
        /Pennyfold has 7% of residents but fewer than 10 of the [\d,]+ ideas, concerns and survey responses \(under \d+%\)\./,
      );
      assert.match(
        main,
        /People aged 65 and over are 19% of residents but \d+% of those who told us their age\./,
      );
      assert.match(main, /By ward/);
      assert.match(main, /Residents writing for themselves/);
      assert.match(main, /Groups: faith/);
      assert.match(main, /Fewer than 10/);
      for (const source of ['ideas', 'surveys', 'nonsense'])
        assert.equal(
          (await new Visitor(t.app).get(`/balance-of-voice?source=${source}`)).statusCode,
          200,
          source,
        );
      assert.match(
        (await new Visitor(t.app).get('/balance-of-voice?source=surveys')).body,
        /Survey responses: 126 in all/,
      );
    });

    it('lets the secretariat record the share of residents in each group, checking they add up', async () => {
      const page = await admin.get('/engagement/population');
      assert.equal(page.statusCode, 200);
      assert.match(
        page.body,
        /Pennyfold<\/th>\s*<td class="govuk-table__cell govuk-table__cell--numeric">9,145<\/td>/,
      );
      const version = /name="version" value="(\d+)"/.exec(page.body)![1]!;
      const values = (overrides: Record<string, string>) => ({
        version,
        'age.under_16': '18.6',
        'age.16_to_24': '10.5',
        'age.25_to_44': '26.1',
        'age.45_to_64': '25.7',
        'age.65_and_over': '19.1',
        'sex.female': '51',
        'sex.male': '49',
        'ethnicity.asian': '',
        'ethnicity.black': '',
        'ethnicity.mixed': '',
        'ethnicity.white': '',
        'ethnicity.other': '',
        'disability.disabled': '20%',
        'disability.not_disabled': '80',
        ...overrides,
      });
      const wrongSum = await admin.post('/engagement/population', values({ 'sex.male': '40' }));
      assert.equal(wrongSum.statusCode, 400);
      assert.match(errorsOf(wrongSum.body), /The sex shares add up to 91%: they must add up to 100%/);
      assert.match(wrongSum.body, /name="sex\.male"[^>]*value="40"/);
      const partial = await admin.post('/engagement/population', values({ 'ethnicity.white': '81' }));
      assert.match(
        errorsOf(partial.body),
        /Enter the share of residents for every group under “Ethnic group”, or leave them all blank/,
      );
      const nonsense = await admin.post('/engagement/population', values({ 'age.under_16': 'lots' }));
      assert.match(errorsOf(nonsense.body), /must be a percentage from 0 to 100/);
      const saved = await admin.post('/engagement/population', values({}));
      assert.equal(saved.statusCode, 303, errorsOf(saved.body));
      const stale = await admin.post('/engagement/population', values({}));
      assert.equal(stale.statusCode, 409, 'the version has moved on');
      const balance = await new Visitor(t.app).get('/balance-of-voice');
      assert.match(
        mainOf(balance.body),
        /Disabled \(activities limited a lot or a little\)<\/th>\s*<td class="govuk-table__cell govuk-table__cell--numeric">20%/,
      );
      assert.match(
        mainOf(balance.body),
        /White<\/th>\s*<td class="govuk-table__cell govuk-table__cell--numeric">Not recorded/,
      );
      assert.equal((await chair.get('/engagement/population')).statusCode, 403);
    });
  });
});
