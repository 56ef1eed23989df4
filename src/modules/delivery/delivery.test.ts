import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { createTestApp, Visitor, type TestApp } from '../../testing/test-app.ts';
import { demoPassword } from '../registry/demo-place.ts';
import { logins } from '../../testing/route-roles.ts';
import { todayIso } from '../../platform/time.ts';
import { addMonths, lastCompletedQuarter, quarterOf } from '../../domain/periods.ts';
import { isClosed } from '../../domain/action-plan.ts';
import { demoActions, demoUpdateDates } from './demo.ts';

describe('the action plan', () => {
  let t: TestApp;
  let admin: Visitor;
  let officer: Visitor;
  let chair: Visitor;
  before(async () => {
    t = await createTestApp();
    admin = new Visitor(t.app);
    await admin.signIn(logins.admin, demoPassword);
    officer = new Visitor(t.app);
    await officer.signIn(logins.officer, demoPassword);
    chair = new Visitor(t.app);
    await chair.signIn(logins.chair, demoPassword);
  });
  after(async () => t.close());

  const db = () => t.database.db;
  const count = async (table: 'actions' | 'action_updates' | 'action_milestones') =>
    (await db().selectFrom(table).select('id').execute()).length;
  const organisationId = async (slug: string) =>
    (await db().selectFrom('organisations').select('id').where('slug', '=', slug).executeTakeFirstOrThrow())
      .id;
  const personId = async (slug: string) =>
    (await db().selectFrom('people').select('id').where('slug', '=', slug).executeTakeFirstOrThrow()).id;
  const actionTitled = async (title: string) =>
    db().selectFrom('actions').selectAll().where('title', '=', title).executeTakeFirstOrThrow();
  const policeSlug = 'brackenshire-constabulary';
  const marac = 'Hold a multi-agency risk assessment conference (MARAC) every fortnight';
  const fireChecks = 'Carry out a home fire safety check in every home referred by the police or social care';

  describe('the demo', () => {
    it('has 60+ actions across every priority but one, each with 1–4 dated updates by named people', async () => {
      const actions = await db().selectFrom('actions').selectAll().execute();
      assert.ok(actions.length >= 60, `${actions.length} actions`);
      const updates = await db().selectFrom('action_updates').selectAll().execute();
      for (const action of actions) {
        const own = updates.filter((u) => u.action_id === action.id);
        assert.ok(own.length >= 1 && own.length <= 4, `${action.title}: ${own.length} updates`);
        assert.ok(own.every((u) => u.author_name.length > 0 && u.reported_on <= todayIso()));
      }
      assert.ok(
        updates.some((u) => u.user_id !== null && u.author_name === 'Carol Denholm'),
        'a demo user’s updates are linked to their account',
      );
      assert.ok(actions.some((a) => a.cash_pence !== null && a.staff_fte !== null));
      assert.ok(actions.some((a) => a.in_kind !== null));
      assert.ok((await count('action_milestones')) >= 30);
    });

    it('dates its updates so the police and the fire service have not made their return, whatever the day', () => {
      for (const today of [todayIso(), '2026-04-01', '2026-03-31', '2026-07-15', '2027-01-01']) {
        const lastQuarter = lastCompletedQuarter(today);
        for (const [index, action] of demoActions.entries()) {
          const dates = demoUpdateDates(action, index, today);
          const startsOn = addMonths(today, action.start);
          assert.deepEqual([...dates].sort(), dates, `${action.title} in order`);
          assert.ok(
            dates.every((d) => d >= startsOn && d <= today),
            `${action.title} on ${today}`,
          );
          const newest = dates.at(-1)!;
          if (isClosed(action.status)) continue;
          if (action.stale) assert.ok(newest <= lastQuarter.end, `${action.title} stale on ${today}`);
          else assert.ok(newest >= quarterOf(today).start, `${action.title} fresh on ${today}`);
        }
      }
      const police = demoActions.filter((a) => a.organisation === policeSlug && !isClosed(a.status));
      assert.ok(police.length >= 3 && police.every((a) => a.stale));
    });
  });

  describe('the public list', () => {
    it('flags overdue and unowned actions and shows the gaps in the plan', async () => {
      const page = await t.app.inject('/actions');
      assert.equal(page.statusCode, 200);
      assert.match(page.body, /<h1 class="govuk-heading-xl">Action plan<\/h1>/);
      assert.equal((page.body.match(/<h1/g) ?? []).length, 1, 'one h1');
      assert.match(
        page.body,
        /\d+ actions in the plan: <a class="govuk-link" href="\/actions\?overdue=yes">4 overdue<\/a>/,
      );
      assert.match(page.body, /3 with no owner/);
      assert.match(page.body, /1 priority and 2 targets with no action/);
      assert.match(page.body, /govuk-tag--red">Overdue<\/strong>/);
      assert.match(page.body, /govuk-tag--purple">No owner<\/strong>/);
      const gaps = page.body.slice(page.body.indexOf('id="gaps"'));
      assert.match(gaps, /Priorities with no action[\s\S]*A place where people get on and have a say/);
      assert.match(gaps, /Targets with no action[\s\S]*NI 1 [\s\S]*NI 6 /);
      assert.match(gaps, /Overdue actions[\s\S]*Set up a knife crime referral pathway/);
      assert.match(gaps, /Actions with no owner[\s\S]*Light and put CCTV in the Pennyfold underpass/);
      assert.doesNotMatch(page.body, /@[a-z-]+\.example/, 'no email addresses on public pages');
      assert.doesNotMatch(page.body, /plan an action/, 'no planning links for the public');
    });

    it('filters by flag, organisation, priority and status, and downloads the same as CSV', async () => {
      const rows = (body: string) =>
        (body.match(/<a class="govuk-link" href="\/actions\/\d+">/g) ?? []).length;
      let page = await t.app.inject('/actions?overdue=yes');
      assert.match(page.body, /4 actions match the filters/);
      page = await t.app.inject('/actions?unowned=yes&overdue=yes');
      assert.match(page.body, /1 action match the filters/);
      page = await t.app.inject(`/actions?organisation=${policeSlug}`);
      assert.match(page.body, /7 actions match the filters/);
      page = await t.app.inject('/actions?priority=people-get-on-and-have-a-say');
      assert.match(page.body, /0 actions match the filters/);
      page = await t.app.inject('/actions?status=cancelled');
      assert.match(page.body, /1 action match the filters[\s\S]*Launch a car club/);
      page = await t.app.inject('/actions?priority=safer-stronger-communities&status=nonsense&overdue=1');
      assert.ok(rows(page.body) > 10, 'unknown values are ignored');
      assert.match(page.body, /href="\/actions.csv\?priority=safer-stronger-communities"/);

      const csv = await t.app.inject(`/actions.csv?organisation=${policeSlug}`);
      assert.equal(csv.headers['content-type'], 'text/csv; charset=utf-8');
      const lines = csv.body.trim().split('\n');
      assert.match(
        lines[0]!,
        /^\uFEFF?action id,action,priority,target,accountable organisation,accountable person,status,overdue,no owner,/,
      );
      assert.equal(lines.length, 8);
      assert.match(
        csv.body,
        /Set up a knife crime referral pathway with the emergency department,"Safer, stronger communities",NI 15 Serious violent crime rate,Brackenshire Constabulary,Carol Denholm,Delayed,yes,no,/,
      );
      const all = await t.app.inject('/actions.csv');
      assert.match(all.body, /,45000,/, 'cash in pounds');
      assert.doesNotMatch(all.body, /@/);
    });

    it('shows an action with its links, resources, milestones and updates, and its history only to those signed in', async () => {
      const action = await actionTitled(
        'Fit free locks and window alarms in every home burgled twice in a year',
      );
      const page = await t.app.inject(`/actions/${action.id}`);
      assert.equal(page.statusCode, 200);
      assert.match(page.body, /href="\/dashboard\/targets\/\d+">NI 16 Serious acquisitive crime rate</);
      assert.match(page.body, /href="\/organisations\/brackenshire-constabulary">Brackenshire Constabulary</);
      assert.match(page.body, /href="\/people\/sanjay-mistry">Sanjay Mistry</);
      assert.match(page.body, /Cash: £45,000/);
      assert.match(page.body, /In kind: Fitting by the Kelmsfield Homes handyperson service/);
      assert.match(page.body, /Referral route agreed with Kelmsfield Homes/);
      assert.match(page.body, /govuk-tag--green">On track<\/strong>[\s\S]*By Sanjay Mistry/);
      assert.doesNotMatch(page.body, /id="history"|Add a progress update|@/);
      const signedIn = await officer.get(`/actions/${action.id}`);
      assert.match(signedIn.body, /id="history"/);
      assert.match(signedIn.body, /Add a progress update/, 'the police may update police actions');
      const other = await officer.get(`/actions/${(await actionTitled(fireChecks)).id}`);
      assert.doesNotMatch(other.body, /Add a progress update/);
    });

    it('still lists a target’s actions on its dashboard page', async () => {
      const action = await actionTitled(marac);
      const page = await t.app.inject(`/dashboard/targets/${action.target_id}`);
      assert.match(page.body, new RegExp(`href="/actions/${action.id}">${marac.replace(/[()]/g, '\\$&')}`));
    });
  });

  describe('quarterly returns', () => {
    const quarter = () => lastCompletedQuarter(todayIso());

    it('shows a partner officer their organisation’s open actions and the targets it leads', async () => {
      const page = await officer.get('/returns');
      assert.equal(page.statusCode, 200);
      assert.match(page.body, /<h1 class="govuk-heading-l">Brackenshire Constabulary<\/h1>/);
      assert.match(page.body, new RegExp(`Quarterly return for ${quarter().code}`));
      assert.match(page.body, /govuk-tag--red">Not made<\/strong> 0 of 6 open actions updated/);
      assert.match(page.body, new RegExp(`>${marac.replace(/[()]/g, '\\$&')}</a>`));
      assert.match(page.body, /href="\/actions\/\d+\/updates\/new\?from=returns">Add an update/);
      assert.doesNotMatch(
        page.body,
        /Run a summer operation against vehicle crime/,
        'completed actions are not due',
      );
      assert.match(page.body, /NI 16 Serious acquisitive crime rate[\s\S]*?In</);
      const ni20 = await db()
        .selectFrom('targets')
        .innerJoin('indicators', 'indicators.id', 'targets.indicator_id')
        .select(['targets.indicator_id', 'targets.area_id'])
        .where('indicators.code', '=', 'NI 20')
        .executeTakeFirstOrThrow();
      const href = `/indicators/${ni20.indicator_id}/data/new?area=${ni20.area_id}&amp;period=${encodeURIComponent(quarter().code)}&amp;returnTo=/returns`;
      assert.ok(page.body.includes(`href="${href}"`), `links to ${href}`);
      assert.equal(
        (await officer.get('/returns?organisation=brackenshire-fire-and-rescue-service')).statusCode,
        403,
      );
      assert.equal((await officer.get('/returns?organisation=no-such-organisation')).statusCode, 404);
    });

    it('lets an administrator choose any organisation’s return', async () => {
      let page = await admin.get('/returns');
      assert.match(
        page.body,
        /<option value="brackenshire-constabulary">Brackenshire Constabulary<\/option>/,
      );
      page = await admin.get('/returns?organisation=kelmsfield-primary-care-trust');
      assert.match(page.body, /govuk-tag--green">Made<\/strong>/);
    });

    it('lists the police as not made, then partly made after their updates, then made with the missing figure', async () => {
      let page = await admin.get('/returns/monitor');
      assert.equal(page.statusCode, 200);
      const firstRow = () =>
        /<tbody[^>]*>\s*<tr[^>]*>\s*<th[^>]*><a[^>]*>([^<]+)<\/a><\/th>\s*<td[^>]*><strong[^>]*>([^<]+)</.exec(
          page.body,
        );
      assert.ok(
        ['Brackenshire Constabulary', 'Brackenshire Fire and Rescue Service'].includes(firstRow()?.[1] ?? ''),
      );
      assert.equal(firstRow()?.[2], 'Not made');
      const police = () =>
        new RegExp(
          'Brackenshire Constabulary</a></th>\\s*<td class="govuk-table__cell"><strong class="govuk-tag govuk-tag--(\\w+)">([^<]+)<',
        ).exec(page.body)?.[2];
      assert.equal(police(), 'Not made');
      assert.match(
        page.body,
        /\d+ not made<\/strong>, <strong>\d+ partly made<\/strong>, <strong>\d+ made<\/strong>/,
      );

      const open = await db()
        .selectFrom('actions')
        .select(['id', 'status'])
        .where('organisation_id', '=', await organisationId(policeSlug))
        .execute();
      for (const action of open.filter((a) => !isClosed(a.status))) {
        await officer.get(`/actions/${action.id}/updates/new?from=returns`);
        const response = await officer.post(`/actions/${action.id}/updates/new`, {
          rag: 'green',
          narrative: 'Quarterly update for the return.',
          from: 'returns',
        });
        assert.equal(response.statusCode, 303);
        assert.equal(response.headers.location, `/returns?organisation=${policeSlug}`);
      }
      page = await admin.get('/returns/monitor');
      assert.equal(police(), 'Partly made');
      assert.match(page.body, /The [^<]+ figure for NI 20 Assault with injury crime rate/);

      const officerActor = await t.app.services.accounts.actorFor(
        (
          await db()
            .selectFrom('users')
            .select('id')
            .where('email', '=', logins.officer)
            .executeTakeFirstOrThrow()
        ).id,
      );
      const ni20 = await db()
        .selectFrom('targets')
        .innerJoin('indicators', 'indicators.id', 'targets.indicator_id')
        .select(['targets.indicator_id', 'targets.area_id'])
        .where('indicators.code', '=', 'NI 20')
        .executeTakeFirstOrThrow();
      await t.app.services.performance.data.record(officerActor, ni20.indicator_id, {
        areaId: String(ni20.area_id),
        period: quarter().code,
        value: '7.4',
      });
      page = await admin.get('/returns/monitor');
      assert.equal(police(), 'Made');
      const own = await officer.get('/returns');
      assert.match(own.body, /govuk-tag--green">Made<\/strong> 6 of 6 open actions updated/);
    });
  });

  describe('progress updates', () => {
    it('lets a partner officer update their own organisation’s action, shown as words with their name', async () => {
      const action = await actionTitled(marac);
      const before = await count('action_updates');
      const form = await officer.get(`/actions/${action.id}/updates/new`);
      assert.equal(form.statusCode, 200);
      assert.match(form.body, new RegExp(`name="reportedOn"[^>]*value="${todayIso()}"`));
      const response = await officer.post(`/actions/${action.id}/updates/new`, {
        rag: 'amber',
        narrative: 'Repeat referrals at **30%**. Case audit booked.',
        reportedOn: todayIso(),
      });
      assert.equal(response.statusCode, 303);
      assert.equal(response.headers.location, `/actions/${action.id}#updates`);
      assert.equal(await count('action_updates'), before + 1);
      const saved = await db()
        .selectFrom('action_updates')
        .selectAll()
        .where('action_id', '=', action.id)
        .orderBy('id', 'desc')
        .executeTakeFirstOrThrow();
      assert.equal(saved.author_name, 'Carol Denholm');
      assert.ok(saved.user_id);
      const page = await t.app.inject(`/actions/${action.id}`);
      assert.match(
        page.body,
        /govuk-tag--yellow">Some slippage<\/strong>[\s\S]*By Carol Denholm[\s\S]*<strong>30%<\/strong>/,
      );
    });

    it('refuses an officer another organisation’s action, and a chair an action outside their partnership', async () => {
      const fire = await actionTitled(fireChecks);
      const before = await count('action_updates');
      assert.equal((await officer.get(`/actions/${fire.id}/updates/new`)).statusCode, 403);
      await officer.get('/manage');
      const response = await officer.post(`/actions/${fire.id}/updates/new`, {
        rag: 'green',
        narrative: 'Not mine',
      });
      assert.equal(response.statusCode, 403);
      assert.equal((await officer.get(`/actions/${fire.id}/edit`)).statusCode, 403);
      assert.equal(await count('action_updates'), before);
      const health = await actionTitled('Offer an alcohol brief intervention in every GP practice');
      assert.equal((await chair.get(`/actions/${health.id}/edit`)).statusCode, 403);
      assert.equal(
        (await chair.get(`/actions/${fire.id}/edit`)).statusCode,
        200,
        'fire checks serve the safer priority',
      );
    });

    it('refuses a narrative of a megabyte, a date in the future and no rating, keeping what was typed', async () => {
      const action = await actionTitled(marac);
      const before = await count('action_updates');
      await officer.get(`/actions/${action.id}/updates/new`);
      let response = await officer.post(`/actions/${action.id}/updates/new`, {
        rag: 'red',
        narrative: 'x'.repeat(1024 * 1024),
      });
      assert.equal(response.statusCode, 400);
      assert.match(response.body, /What has happened since the last update must be 5000 characters or fewer/);
      assert.match(response.body, /value="red" checked/);
      response = await officer.post(`/actions/${action.id}/updates/new`, {
        narrative: 'Going well',
        reportedOn: addMonths(todayIso(), 1),
      });
      assert.equal(response.statusCode, 400);
      assert.match(response.body, /Choose how the action is going/);
      assert.match(response.body, />Going well<\/textarea>/);
      response = await officer.post(`/actions/${action.id}/updates/new`, {
        rag: 'green',
        narrative: 'Going well',
        reportedOn: addMonths(todayIso(), 1),
      });
      assert.match(response.body, /The date of the update must be today or earlier/);
      assert.equal(await count('action_updates'), before);
    });
  });

  describe('planning and editing actions', () => {
    const validAction = async (extra: Record<string, string> = {}) => ({
      title: 'Run a burglary awareness week in Quillford',
      description: 'Leaflets, street stalls and free timer switches.',
      targetId: String(
        (
          await db()
            .selectFrom('targets')
            .innerJoin('indicators', 'indicators.id', 'targets.indicator_id')
            .select('targets.id')
            .where('indicators.code', '=', 'NI 16')
            .executeTakeFirstOrThrow()
        ).id,
      ),
      organisationId: String(await organisationId(policeSlug)),
      personId: String(await personId('carol-denholm')),
      cash: '£1,250.50',
      staffFte: '0.5',
      inKind: 'Leaflets printed by the council',
      startsOn: '2026-09-01',
      dueOn: '2026-12-31',
      status: 'not_started',
      ...extra,
    });

    it('lets a partner officer plan an action for their own organisation, in pence', async () => {
      await officer.get('/actions/new');
      let response = await officer.post(
        '/actions/new',
        await validAction({
          organisationId: String(await organisationId('brackenshire-fire-and-rescue-service')),
          personId: '',
        }),
      );
      assert.equal(response.statusCode, 400);
      assert.match(response.body, /You can only plan actions your own organisation is accountable for/);
      response = await officer.post('/actions/new', await validAction());
      assert.equal(response.statusCode, 303);
      const created = await actionTitled('Run a burglary awareness week in Quillford');
      assert.equal(response.headers.location, `/actions/${created.id}`);
      assert.equal(created.cash_pence, 125050);
      assert.equal(created.staff_fte, 0.5);
      assert.equal(created.priority_id, null, 'the priority comes through the target');
      const page = await officer.get(`/actions/${created.id}`);
      assert.match(page.body, /has been added to the plan/);
      assert.match(page.body, /Cash: £1,250.50/);
      assert.match(page.body, /Safer, stronger communities<\/a> \(through its target\)/);
      assert.match(page.body, /Added the action “Run a burglary awareness week in Quillford”/);
    });

    it('refuses bad input with a clear message, keeps it and saves nothing', async () => {
      const before = await count('actions');
      await admin.get('/actions/new');
      const cases: [Record<string, string>, RegExp][] = [
        [{ dueOn: '2026-08-01' }, /The due date must be the same as or after the start date \(2026-09-01\)/],
        [
          { personId: String(await personId('keith-armitage')) },
          /Keith Armitage is not recorded as working for Brackenshire Constabulary/,
        ],
        [{ cash: '£12.345' }, /Cash must be an amount in pounds, like 1250 or 1,250.50/],
        [{ targetId: '', priorityId: '' }, /Choose the priority or the target this action delivers/],
        [{ staffFte: 'lots' }, /Staff time must be a number/],
        [{ dueOn: '2026-02-30' }, /The due date must be a real date/],
        [{ title: '' }, /Enter the action/],
        [{ description: 'y'.repeat(1024 * 1024) }, /The description must be 5000 characters or fewer/],
        [{ priorityId: '99999999' }, /Choose a priority from the list/],
      ];
      for (const [change, message] of cases) {
        const response = await admin.post('/actions/new', await validAction(change));
        assert.equal(response.statusCode, 400, String(message));
        assert.match(response.body, message);
        assert.match(response.body, /govuk-error-summary/);
        assert.match(
          response.body,
          /value="Leaflets printed by the council"/,
          `keeps what was typed: ${String(message)}`,
        );
      }
      const response = await admin.post('/actions/new', await validAction({ cash: '£12.345' }));
      assert.match(response.body, /value="£12.345"/);
      const safer = await db()
        .selectFrom('priorities')
        .select('id')
        .where('slug', '=', 'a-thriving-local-economy')
        .executeTakeFirstOrThrow();
      const mismatch = await admin.post('/actions/new', await validAction({ priorityId: String(safer.id) }));
      assert.match(mismatch.body, /NI 16 belongs to the priority “Safer, stronger communities”/);
      assert.equal(await count('actions'), before);
    });

    it('shows what changed when someone else saved first, keeping the user’s input', async () => {
      const action = await actionTitled('Run a burglary awareness week in Quillford');
      const form = await admin.get(`/actions/${action.id}/edit`);
      assert.match(form.body, /name="cash"[^>]*value="1250.50"/);
      assert.match(form.body, new RegExp(`name="version" value="${action.version}"`));
      await officer.get(`/actions/${action.id}/edit`);
      let response = await officer.post(
        `/actions/${action.id}/edit`,
        await validAction({ cash: '2000', version: String(action.version) }),
      );
      assert.equal(response.statusCode, 303);
      response = await admin.post(
        `/actions/${action.id}/edit`,
        await validAction({
          title: 'Run a burglary awareness fortnight in Quillford',
          version: String(action.version),
        }),
      );
      assert.equal(response.statusCode, 409);
      assert.match(response.body, /Someone else changed this while you were editing it/);
      assert.match(response.body, /Carol Denholm saved changes/);
      assert.match(
        response.body,
        /Cash \(£\)<\/th>\s*<td class="govuk-table__cell">2000<\/td><td class="govuk-table__cell">£1,250.50<\/td>/,
      );
      assert.match(
        response.body,
        /Action<\/th>\s*<td class="govuk-table__cell">Run a burglary awareness week in Quillford<\/td><td class="govuk-table__cell">Run a burglary awareness fortnight/,
      );
      assert.match(response.body, /value="Run a burglary awareness fortnight in Quillford"/);
      assert.equal(
        (await actionTitled('Run a burglary awareness week in Quillford')).cash_pence,
        200000,
        'nothing of the stale edit saved',
      );
      response = await admin.post(
        `/actions/${action.id}/edit`,
        await validAction({
          title: 'Run a burglary awareness fortnight in Quillford',
          status: 'completed',
          version: String(action.version + 1),
        }),
      );
      assert.equal(response.statusCode, 303);
      const saved = await actionTitled('Run a burglary awareness fortnight in Quillford');
      assert.equal(saved.completed_on, todayIso(), 'completing an action dates it');
      const page = await admin.get(`/actions/${action.id}`);
      assert.match(page.body, /status<\/dt>\s*<dd class="govuk-summary-list__value">Not started → Completed/);
    });

    it('keeps a partner officer from handing an action to another organisation', async () => {
      const action = await actionTitled('Run a burglary awareness fortnight in Quillford');
      await officer.get(`/actions/${action.id}/edit`);
      const response = await officer.post(
        `/actions/${action.id}/edit`,
        await validAction({
          organisationId: String(await organisationId('brackenshire-fire-and-rescue-service')),
          personId: '',
          version: String(action.version),
        }),
      );
      assert.equal(response.statusCode, 400);
      assert.match(response.body, /You can only plan actions your own organisation is accountable for/);
    });

    it('adds milestones and marks one done, once', async () => {
      const action = await actionTitled(marac);
      await officer.get(`/actions/${action.id}`);
      let response = await officer.post(`/actions/${action.id}/milestones`, {
        milestoneTitle: '',
        milestoneDueOn: '2026-13-01',
      });
      assert.equal(response.statusCode, 400);
      assert.match(response.body, /Enter the milestone/);
      assert.match(response.body, /value="2026-13-01"/);
      response = await officer.post(`/actions/${action.id}/milestones`, {
        milestoneTitle: 'Case audit reported',
        milestoneDueOn: '2027-01-31',
      });
      assert.equal(response.statusCode, 303);
      const milestone = await db()
        .selectFrom('action_milestones')
        .selectAll()
        .where('title', '=', 'Case audit reported')
        .executeTakeFirstOrThrow();
      const page = await officer.get(`/actions/${action.id}`);
      assert.match(page.body, /Case audit reported/);
      response = await officer.post(`/actions/${action.id}/milestones/${milestone.id}/complete`, {
        version: String(milestone.version),
      });
      assert.equal(response.statusCode, 303);
      const done = await db()
        .selectFrom('action_milestones')
        .selectAll()
        .where('id', '=', milestone.id)
        .executeTakeFirstOrThrow();
      assert.equal(done.completed_on, todayIso());
      await officer.get(`/actions/${action.id}`);
      response = await officer.post(`/actions/${action.id}/milestones/${milestone.id}/complete`, {
        version: String(done.version),
      });
      assert.equal(response.statusCode, 400);
      assert.match(response.body, /was already marked complete/);
      const history = await officer.get(`/actions/${action.id}`);
      assert.match(history.body, /Marked the milestone “Case audit reported” complete/);
    });

    it('answers odd query strings without an error page', async () => {
      for (const url of [
        '/actions?priority=a&priority=b',
        '/actions?status=%00&organisation=UPPER',
        '/actions.csv?overdue=yes&overdue=no',
        '/returns?organisation=a&organisation=b',
        '/actions/new?target=99999999999&priority=x',
      ])
        assert.equal((await admin.get(url)).statusCode, 200, url);
    });

    it('answers unknown and impossible ids with a 404 page', async () => {
      const action = await actionTitled(marac);
      for (const url of [
        '/actions/999999',
        '/actions/abc',
        '/actions/99999999999',
        '/actions/-1',
        '/actions/999999/edit',
        '/actions/999999/updates/new',
      ])
        assert.equal((await admin.get(url)).statusCode, 404, url);
      await admin.get('/manage');
      assert.equal(
        (await admin.post(`/actions/${action.id}/milestones/999999/complete`, { version: '1' })).statusCode,
        404,
      );
      await admin.get('/manage');
      assert.equal(
        (await admin.post('/actions/999999/updates/new', { rag: 'green', narrative: 'x' })).statusCode,
        404,
      );
      assert.equal((await t.app.inject('/actions/999999')).statusCode, 404);
    });
  });
});
