import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { createTestApp, Visitor, type TestApp } from '../../testing/test-app.ts';
import { demoPassword } from '../registry/demo-place.ts';
import { logins } from '../../testing/route-roles.ts';
import { addMonths } from '../../domain/periods.ts';
import { formatDate, nowIso, todayIso } from '../../platform/time.ts';
import { demoPriorities, demoVision } from './demo.ts';

const demo = '/strategies/kelmsfield-together';

/** The text of a page without its tags, to match sentences that span elements. */
function text(html: string): string {
  return html
    .replace(/<[^>]+>/g, ' ')
    .replace(/&#39;|&#x27;/g, "'")
    .replace(/&quot;/g, '"')
    .replace(/&amp;/g, '&')
    .replace(/\s+/g, ' ');
}

describe('the strategy', () => {
  let t: TestApp;
  let admin: Visitor;
  const db = () => t.database.db;

  before(async () => {
    t = await createTestApp();
    admin = new Visitor(t.app);
    await admin.signIn(logins.admin, demoPassword);
  });
  after(async () => t.close());

  const partnershipId = async (slug: string) =>
    (await db().selectFrom('partnerships').select('id').where('slug', '=', slug).executeTakeFirstOrThrow())
      .id;

  const versionsOf = async (slug: string) =>
    db()
      .selectFrom('strategy_versions')
      .innerJoin('strategies', 'strategies.id', 'strategy_versions.strategy_id')
      .selectAll('strategy_versions')
      .where('strategies.slug', '=', slug)
      .orderBy('strategy_versions.number')
      .execute();

  const prioritiesOf = async (versionId: number) =>
    db()
      .selectFrom('priorities')
      .selectAll()
      .where('strategy_version_id', '=', versionId)
      .orderBy('position')
      .execute();

  it('lists the strategies, linked from the navigation', async () => {
    const page = await t.app.inject('/strategies');
    assert.equal(page.statusCode, 200);
    assert.match(page.body, /<a class="govuk-service-navigation__link" href="\/strategies"/);
    assert.match(
      page.body,
      /<a class="govuk-link" href="\/strategies\/kelmsfield-together">Kelmsfield Together<\/a>/,
    );
    assert.match(text(page.body), /Overdue Refresh due/);
  });

  it('shows the adopted vision, the eight priorities with their tags in words, the linked plans and the lifecycle with its needs', async () => {
    const page = await t.app.inject(demo);
    assert.equal(page.statusCode, 200);
    assert.equal((page.body.match(/<h1[ >]/g) ?? []).length, 1, 'one h1');
    const words = text(page.body);
    assert.ok(words.includes(demoVision), 'the vision of the adopted version');
    assert.equal((page.body.match(/<h3 class="govuk-heading-m govuk-!-margin-bottom-2">/g) ?? []).length, 8);
    for (const p of demoPriorities) assert.ok(words.includes(p.title), p.title);
    assert.match(
      words,
      /Components of a sustainable community Active, inclusive and safe Sustainable development Social/,
    );
    assert.match(
      page.body,
      /<strong class="govuk-tag govuk-tag--blue[^"]*">Well designed and built<\/strong>/,
    );
    assert.match(
      page.body,
      /<a class="govuk-link" href="\/partnerships\/safer-kelmsfield-partnership">Safer Kelmsfield Partnership<\/a>/,
    );
    assert.match(words, /Has regard to Regional Spatial Strategy for the Midshires \(Regional strategy\)/);
    assert.match(
      words,
      /Plans that have regard to this strategy Kelmsfield Local Development Framework: Core Strategy/,
    );
    assert.match(words, /1\. Baseline current performance .* Completed on \d+ \w+ \d{4}/);
    assert.match(words, /6\. Refresh and renew .* Not started/);
    // Each stage's needs, met or not, in words.
    assert.match(
      words,
      /Met: The strategy has a vision Met: [\d,]+ indicator figures recorded to baseline against/,
    );
    assert.match(words, /Met: The priorities have \d+ targets/);
    assert.match(
      words,
      /(Not met: Every priority needs at least one action: \d+ (have|has) none \(|Met: Every priority has at least one action)/,
    );
    assert.match(words, /Refresh Overdue Due on/);
    assert.match(words, /Version 2 .* Adopted .* Version 1 .* Superseded/);
    assert.doesNotMatch(
      page.body,
      /Mark as complete|id="history"|Start a new draft/,
      'nothing to manage for the public',
    );
  });

  it('flags the overdue refresh on the home page, with a link', async () => {
    const due = formatDate(addMonths(addMonths(todayIso(), -14), 12));
    const home = await t.app.inject('/');
    assert.match(home.body, /class="govuk-warning-text"/);
    assert.ok(
      home.body.includes(
        `<a class="govuk-link" href="/strategies/kelmsfield-together#refresh-and-review">The refresh of Kelmsfield Together is overdue: it was due on ${due}</a>`,
      ),
    );
    assert.doesNotMatch(home.body, /The review of Kelmsfield Together/, 'the review is not due yet');
  });

  it('refuses a member, and keeps the chair of a thematic partnership to their own partnership', async () => {
    const member = new Visitor(t.app);
    await member.signIn(logins.member, demoPassword);
    assert.equal((await member.get(`${demo}/edit`)).statusCode, 403);
    assert.equal((await member.post(`${demo}/versions`)).statusCode, 403);
    assert.equal((await member.post(`${demo}/refreshed`)).statusCode, 403);
    const page = await member.get(demo);
    assert.match(page.body, /id="history"/, 'signed-in people see the history');
    assert.doesNotMatch(page.body, /Mark as complete/);

    const chair = new Visitor(t.app);
    await chair.signIn(logins.chair, demoPassword);
    assert.equal((await chair.get(`${demo}/edit`)).statusCode, 403, 'the board owns the demo strategy');
    assert.equal((await chair.post(`${demo}/stages/refresh-and-renew/complete`)).statusCode, 403);
    const form = await chair.get('/strategies/new');
    assert.equal(form.statusCode, 200);
    assert.match(form.body, /<option value="\d+">Safer Kelmsfield Partnership<\/option>/);
    assert.doesNotMatch(
      form.body,
      />Kelmsfield Partnership Board<\/option>/,
      'only partnerships they look after',
    );
    const refused = await chair.post('/strategies/new', {
      name: 'A strategy for the whole place',
      partnershipId: String(await partnershipId('kelmsfield-partnership-board')),
      framework: 'england-lsp-2006',
    });
    assert.equal(refused.statusCode, 400);
    assert.match(refused.body, /Choose a partnership you look after/);
  });

  it('answers unknown strategies, versions, priorities, links and stages with 404', async () => {
    for (const url of [
      '/strategies/no-such-strategy',
      '/strategies/No-Such',
      `${demo}/versions/99`,
      `${demo}/versions/abc`,
      `${demo}/versions/0/edit`,
      `${demo}/priorities/999999/edit`,
      `${demo}/priorities/-1/edit`,
    ]) {
      const response = await admin.get(url);
      assert.equal(response.statusCode, 404, url);
      assert.match(response.body, /Page not found/);
    }
    await admin.get(demo);
    for (const url of [
      `${demo}/links/999999/remove`,
      `${demo}/stages/no-such-stage/complete`,
      '/strategies/nope/versions',
    ]) {
      assert.equal((await admin.post(url)).statusCode, 404, url);
    }
  });

  it('records the refresh, which takes the flag off the home page', async () => {
    await admin.get(demo);
    let response = await admin.post(`${demo}/refreshed`, { refreshedOn: addMonths(todayIso(), 1) });
    assert.equal(response.statusCode, 400);
    assert.match(response.body, /The date of the refresh must be today or in the past/);
    assert.match(response.body, /href="#refreshedOn"/);
    assert.match(response.body, new RegExp(`value="${addMonths(todayIso(), 1)}"`), 'keeps what was typed');
    response = await admin.post(`${demo}/refreshed`, { refreshedOn: '' });
    assert.equal(response.statusCode, 303);
    const page = await admin.get(demo);
    assert.match(page.body, /The refresh has been recorded/);
    assert.ok(text(page.body).includes(`Last refreshed on ${formatDate(todayIso())}`));
    assert.match(page.body, /Recorded the refresh of the strategy/, 'in the history');
    assert.doesNotMatch((await t.app.inject('/')).body, /The refresh of Kelmsfield Together is overdue/);
  });

  it('drafts a new version, changes it and adopts it: the old one is superseded and the targets and actions follow the carried priorities', async () => {
    const [, second] = await versionsOf('kelmsfield-together');
    const oldPriorities = await prioritiesOf(second!.id);
    const oldIds = oldPriorities.map((p) => p.id);
    // An action on one of the adopted priorities, to see it follow.
    const now = nowIso();
    const { id: actionId } = await db()
      .insertInto('actions')
      .values({
        title: 'Open two more recycling centres',
        priority_id: oldPriorities.find((p) => p.slug === 'a-greener-cleaner-kelmsfield')!.id,
        status: 'not_started',
        created_at: now,
        updated_at: now,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    const targetsBefore = await db()
      .selectFrom('targets')
      .select(['id', 'version'])
      .where('priority_id', 'in', oldIds)
      .execute();
    const actionsBefore = await db()
      .selectFrom('actions')
      .select('id')
      .where('priority_id', 'in', oldIds)
      .execute();
    assert.ok(targetsBefore.length >= 20, 'the demo agreement serves the adopted priorities');

    await admin.get(demo);
    let response = await admin.post(`${demo}/versions`);
    assert.equal(response.statusCode, 303);
    assert.equal(response.headers.location, `${demo}/versions/3`);
    const third = (await versionsOf('kelmsfield-together'))[2]!;
    assert.equal(third.status, 'draft');
    assert.equal(third.vision, demoVision, 'copied from the latest version');
    const carried = await prioritiesOf(third.id);
    assert.deepEqual(
      carried.map((p) => p.carried_from_id),
      oldIds,
      'each priority carried, pointing at the one it was copied from',
    );
    assert.equal(
      (await db().selectFrom('plan_links').select('id').where('strategy_version_id', '=', third.id).execute())
        .length,
      5,
    );

    response = await admin.post(`${demo}/versions`);
    assert.equal(response.statusCode, 400, 'one draft at a time');
    assert.match(response.body, /Version 3 is already a draft/);

    // The title and vision of the draft.
    let form = await admin.get(`${demo}/versions/3/edit`);
    assert.equal(form.statusCode, 200);
    const vision =
      'By 2040 Kelmsfield will be a fair, green and connected borough where everyone can thrive.';
    response = await admin.post(`${demo}/versions/3/edit`, {
      title: 'Kelmsfield Together 2030',
      vision,
      version: String(third.version),
    });
    assert.equal(response.statusCode, 303);

    // A ninth priority, second in the list.
    const page = await admin.get(`${demo}/versions/3/priorities/new`);
    assert.match(page.body, /Components of a sustainable community/);
    response = await admin.post(`${demo}/versions/3/priorities/new`, {
      title: 'Everyone online',
      description: 'Every resident able to use the internet, and public services online that work for them.',
      owningPartnershipId: String(await partnershipId('stronger-communities-partnership')),
      components: ['well-connected', 'fair-for-everyone'],
      dimensions: ['social', 'economic'],
      position: '2',
    });
    assert.equal(response.statusCode, 303);
    const nine = await prioritiesOf(third.id);
    assert.deepEqual(
      nine.slice(0, 3).map((p) => [p.position, p.title]),
      [
        [1, 'Safer, stronger communities'],
        [2, 'Everyone online'],
        [3, 'Children and young people get the best start'],
      ],
    );
    assert.equal(nine.at(-1)!.position, 9);

    // A plan link added, another removed.
    await admin.get(`${demo}/versions/3`);
    response = await admin.post(`${demo}/versions/3/links`, {
      linkTitle: 'Brackenshire Digital Strategy',
      kind: 'sub_regional',
      url: 'https://www.example.org/digital',
      linkPartnershipId: '',
      direction: 'has_regard_to',
    });
    assert.equal(response.statusCode, 303);
    const link = await db()
      .selectFrom('plan_links')
      .select('id')
      .where('strategy_version_id', '=', third.id)
      .where('title', '=', 'Regional Spatial Strategy for the Midshires')
      .executeTakeFirstOrThrow();
    await admin.get(`${demo}/versions/3`);
    response = await admin.post(`${demo}/links/${link.id}/remove`);
    assert.equal(response.statusCode, 303);
    const draftPage = await admin.get(`${demo}/versions/3`);
    const draftWords = text(draftPage.body);
    assert.match(
      draftWords,
      /Has regard to Brackenshire Sub-regional Economic Strategy .* Brackenshire Digital Strategy/,
    );
    assert.doesNotMatch(draftWords, /Regional Spatial Strategy for the Midshires \(Regional strategy\)/);
    assert.match(
      draftWords,
      /Regional Spatial Strategy for the Midshires has been removed from the plans linked to version 3/,
    );
    assert.match(draftWords, /Carried from Version 2/);

    // The public still sees version 2 until the draft is adopted.
    assert.ok(text((await t.app.inject(demo)).body).includes(demoVision));

    // Adopt.
    const adoptedOn = todayIso();
    response = await admin.post(`${demo}/versions/3/adopt`, {
      version: String(third.version + 1),
      adoptedOn,
    });
    assert.equal(response.statusCode, 303);
    assert.equal(response.headers.location, demo);
    const adoptedPage = await admin.get(demo);
    assert.match(
      adoptedPage.body,
      new RegExp(
        `Version 3 has been adopted. Version 2 is superseded; ${targetsBefore.length} targets and ${actionsBefore.length} actions? moved`,
      ),
    );
    const [first, oldSecond, newThird] = await versionsOf('kelmsfield-together');
    assert.deepEqual(
      [first!.status, oldSecond!.status, newThird!.status, newThird!.adopted_on],
      ['superseded', 'superseded', 'adopted', adoptedOn],
    );
    const newIds = new Map(nine.map((p) => [p.carried_from_id, p.id]));
    const targetsAfter = await db()
      .selectFrom('targets')
      .select(['id', 'priority_id', 'version'])
      .where(
        'id',
        'in',
        targetsBefore.map((target) => target.id),
      )
      .execute();
    for (const target of targetsAfter) {
      assert.ok(
        nine.some((p) => p.id === target.priority_id),
        `target ${target.id} serves a priority of version 3`,
      );
      assert.equal(
        target.version,
        targetsBefore.find((b) => b.id === target.id)!.version + 1,
        'a stale form on it would conflict',
      );
    }
    const action = await db()
      .selectFrom('actions')
      .select('priority_id')
      .where('id', '=', actionId)
      .executeTakeFirstOrThrow();
    assert.equal(
      action.priority_id,
      newIds.get(oldPriorities.find((p) => p.slug === 'a-greener-cleaner-kelmsfield')!.id),
    );
    assert.equal(
      (await db().selectFrom('targets').select('id').where('priority_id', 'in', oldIds).execute()).length,
      0,
      'no target left on a superseded priority',
    );
    const moved = await db()
      .selectFrom('audit_entries')
      .select('summary')
      .where('entity_type', '=', 'target')
      .where('summary', 'like', 'Moved to the priority%')
      .execute();
    assert.equal(moved.length, targetsBefore.length, 'each target’s move is in its history');

    // The public page now shows version 3, and the history says what happened.
    const publicWords = text((await t.app.inject(demo)).body);
    assert.ok(publicWords.includes(vision));
    assert.match(publicWords, /9 priorities/);
    assert.match(publicWords, /2\. Everyone online/);
    const history = text(adoptedPage.body.slice(adoptedPage.body.indexOf('id="history"')));
    assert.match(
      history,
      /Adopted version 3; version 2 superseded; \d+ targets and \d+ actions? moved to the carried priorities/,
    );
    assert.match(history, /Version 2 was superseded by version 3/);
    assert.match(history, /Added the priority Everyone online to version 3/);
    assert.match(history, /Started version 3 as a draft from version 2/);

    // An adopted version is locked, and says so.
    form = await admin.get(`${demo}/versions/3/edit`);
    assert.equal(form.statusCode, 409);
    assert.match(form.body, /Version 3 was adopted on .* and is locked/);
    response = await admin.post(`${demo}/versions/3/edit`, {
      title: 'Changed after adoption',
      vision: 'No',
      version: String(newThird!.version),
    });
    assert.equal(response.statusCode, 400);
    assert.match(response.body, /and is locked: nothing in it can be changed/);
    assert.equal(
      (await versionsOf('kelmsfield-together'))[2]!.title,
      'Kelmsfield Together 2030',
      'nothing saved',
    );
    const priorityForm = await admin.get(`${demo}/priorities/${nine[0]!.id}/edit`);
    assert.equal(priorityForm.statusCode, 409);
    assert.doesNotMatch(
      priorityForm.body,
      /<form method="post" action="\/strategies\/kelmsfield-together\/priorities/,
    );
  });

  it('refuses to complete a stage until its needs are met, saying which, then completes it', async () => {
    await admin.get('/strategies/new');
    let response = await admin.post('/strategies/new', {
      name: 'Kelmsfield Wellbeing Plan',
      partnershipId: String(await partnershipId('health-and-wellbeing-partnership')),
      framework: 'outcomes-generic',
      adoptedOn: '',
      endsOn: '',
    });
    assert.equal(response.statusCode, 303);
    assert.equal(response.headers.location, '/strategies/kelmsfield-wellbeing-plan/versions/1');
    const plan = '/strategies/kelmsfield-wellbeing-plan';
    let page = await admin.get(plan);
    assert.match(
      text(page.body),
      /1\. Understand the place .* Not met: The strategy needs a vision: none has been written yet .* Cannot complete yet/,
    );
    assert.match(text(page.body), /Refresh Not due until the strategy is adopted/);

    response = await admin.post(`${plan}/stages/understand/complete`);
    assert.equal(response.statusCode, 400);
    assert.match(response.body, /There is a problem/);
    assert.match(
      text(response.body),
      /Understand the place cannot be completed yet\. The strategy needs a vision: none has been written yet/,
    );
    assert.match(response.body, /href="#stage-understand-vision"/);
    assert.match(response.body, /id="stage-understand-vision" class="govuk-error-message"/);

    const [draft] = await versionsOf('kelmsfield-wellbeing-plan');
    await admin.get(`${plan}/versions/1/edit`);
    response = await admin.post(`${plan}/versions/1/edit`, {
      title: 'Kelmsfield Wellbeing Plan 2026–2030',
      vision: 'Everyone in Kelmsfield living longer, healthier and happier lives.',
      version: String(draft!.version),
    });
    assert.equal(response.statusCode, 303);
    await admin.get(plan);
    response = await admin.post(`${plan}/stages/understand/complete`);
    assert.equal(response.statusCode, 303);
    page = await admin.get(plan);
    assert.match(page.body, /Understand the place has been marked as complete/);
    assert.match(text(page.body), new RegExp(`Completed on ${formatDate(todayIso())}`));

    // A priority with no owner holds up the next stage, by name.
    await admin.get(`${plan}/versions/1/priorities/new`);
    response = await admin.post(`${plan}/versions/1/priorities/new`, {
      title: 'Healthier lives at home',
      owningPartnershipId: '',
      components: 'people',
    });
    assert.equal(response.statusCode, 303);
    await admin.get(plan);
    response = await admin.post(`${plan}/stages/agree-outcomes/complete`);
    assert.equal(response.statusCode, 400);
    assert.match(
      text(response.body),
      /Agree outcomes cannot be completed yet\. Every priority needs an owning partnership: 1 has none \(Healthier lives at home\)/,
    );
    const [priority] = await prioritiesOf(draft!.id);
    await admin.get(`${plan}/priorities/${priority!.id}/edit`);
    response = await admin.post(`${plan}/priorities/${priority!.id}/edit`, {
      title: 'Healthier lives at home',
      owningPartnershipId: String(await partnershipId('health-and-wellbeing-partnership')),
      components: 'people',
      position: '1',
      version: String(priority!.version),
    });
    assert.equal(response.statusCode, 303);
    await admin.get(plan);
    response = await admin.post(`${plan}/stages/agree-outcomes/complete`);
    assert.equal(response.statusCode, 303);
    const strategy = await db()
      .selectFrom('strategies')
      .select('current_stage')
      .where('slug', '=', 'kelmsfield-wellbeing-plan')
      .executeTakeFirstOrThrow();
    assert.equal(strategy.current_stage, 'set-targets');

    response = await admin.post(`${plan}/stages/understand/complete`);
    assert.equal(response.statusCode, 400);
    assert.match(response.body, /Understand the place was already completed on/);

    // Adopting needs a vision and a priority; the review stage needs an adopted version.
    response = await admin.post(`${plan}/stages/review/complete`);
    assert.match(text(response.body), /A version of the strategy needs to be adopted: none has been yet/);
    await admin.get(`${plan}/versions/1`);
    response = await admin.post(`${plan}/versions/1/adopt`, {
      version: String(draft!.version + 1),
      adoptedOn: '',
    });
    assert.equal(response.statusCode, 303);
    await admin.get(plan);
    response = await admin.post(`${plan}/stages/review/complete`);
    assert.equal(response.statusCode, 303);
    page = await admin.get(plan);
    assert.match(text(page.body), /First adopted \d+ \w+ \d{4}/);
  });

  it('keeps what was typed when the input is bad, and saves nothing', async () => {
    const count = async () => (await db().selectFrom('strategies').select('id').execute()).length;
    const before = await count();
    await admin.get('/strategies/new');
    let response = await admin.post('/strategies/new', {
      name: '',
      partnershipId: String(await partnershipId('kelmsfield-partnership-board')),
      framework: 'no-such-framework',
      adoptedOn: '2030-02-30',
      endsOn: '2031-03-31',
    });
    assert.equal(response.statusCode, 400);
    assert.match(response.body, /govuk-error-summary/);
    assert.match(response.body, /<a href="#name">Enter the name of the strategy<\/a>/);
    assert.match(response.body, /Choose the framework the strategy follows/);
    assert.match(response.body, /The date it was first adopted must be a real date, like 2026-04-01/);
    assert.match(response.body, /value="2030-02-30"/);
    assert.match(response.body, /value="2031-03-31"/);
    assert.equal(await count(), before, 'nothing saved');

    const [, , third] = await versionsOf('kelmsfield-together');
    assert.equal(third!.status, 'adopted');
    await admin.get(demo);
    await admin.post(`${demo}/versions`);
    response = await admin.post(`${demo}/versions/4/priorities/new`, {
      title: 'Arts for all',
      components: ['thriving', 'made-up-component'],
      position: 'first',
    });
    assert.equal(response.statusCode, 400);
    assert.match(response.body, /Choose from the components of a sustainable community/);
    assert.match(response.body, /Position must be a whole number, like 3/);
    assert.match(response.body, /value="Arts for all"/);
    assert.match(response.body, /value="thriving" checked/);

    await admin.get(`${demo}/versions/4`);
    response = await admin.post(`${demo}/versions/4/links`, {
      linkTitle: 'Arts Council plan',
      kind: 'other',
      url: 'not a web address',
      direction: '',
    });
    assert.equal(response.statusCode, 400);
    assert.match(response.body, /Enter the web address in full/);
    assert.match(response.body, /Choose which way the regard goes/);
    assert.match(response.body, /value="Arts Council plan"/);

    await admin.get(`${demo}/versions/4`);
    response = await admin.post(`${demo}/versions/4/adopt`, { version: '1', adoptedOn: '2001-01-01' });
    assert.equal(response.statusCode, 400);
    assert.match(response.body, /The date it was adopted must be on or after/);
    assert.equal((await versionsOf('kelmsfield-together'))[3]!.status, 'draft', 'not adopted');
  });

  it('shows what changed when someone else saved first, keeping what was typed', async () => {
    const strategy = await db()
      .selectFrom('strategies')
      .selectAll()
      .where('slug', '=', 'kelmsfield-together')
      .executeTakeFirstOrThrow();
    const form = {
      name: 'Kelmsfield Together',
      partnershipId: String(strategy.partnership_id),
      framework: strategy.framework,
      adoptedOn: strategy.adopted_on ?? '',
      endsOn: '2035-03-31',
      version: String(strategy.version),
    };
    const secretariat = new Visitor(t.app);
    await secretariat.signIn(logins.secretariat, demoPassword);
    await secretariat.get(`${demo}/edit`);
    assert.equal((await secretariat.post(`${demo}/edit`, form)).statusCode, 303);

    await admin.get(`${demo}/edit`);
    const response = await admin.post(`${demo}/edit`, { ...form, endsOn: '2036-03-31' });
    assert.equal(response.statusCode, 409);
    assert.match(response.body, /Someone else changed this while you were editing it/);
    assert.match(response.body, /Helen Marsh saved changes on/);
    assert.match(text(response.body), /Runs until 2035-03-31 2036-03-31/);
    assert.match(response.body, /value="2036-03-31"/, 'keeps what was typed');
    assert.match(response.body, new RegExp(`name="version" value="${strategy.version + 1}"`));

    // A priority: its tags are compared in words.
    const [, , , fourth] = await versionsOf('kelmsfield-together');
    const [priority] = await prioritiesOf(fourth!.id);
    const priorityForm = {
      title: priority!.title,
      owningPartnershipId: String(priority!.owning_partnership_id),
      components: ['active-inclusive-safe', 'well-run'],
      position: '1',
      version: String(priority!.version),
    };
    await secretariat.get(`${demo}/priorities/${priority!.id}/edit`);
    assert.equal(
      (await secretariat.post(`${demo}/priorities/${priority!.id}/edit`, priorityForm)).statusCode,
      303,
    );
    await admin.get(`${demo}/priorities/${priority!.id}/edit`);
    const stale = await admin.post(`${demo}/priorities/${priority!.id}/edit`, {
      ...priorityForm,
      components: ['thriving'],
    });
    assert.equal(stale.statusCode, 409);
    assert.match(text(stale.body), /Components Active, inclusive and safe, Well run Thriving/);
  });
});
