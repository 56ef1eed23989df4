import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { createTestApp, Visitor, type TestApp } from '../../testing/test-app.ts';
import { demoPassword } from '../registry/demo-place.ts';
import { logins } from '../../testing/route-roles.ts';
import { formatDate, todayIso } from '../../platform/time.ts';
import { addMonths, lastCompletedQuarter } from '../../domain/periods.ts';
import { addDays, decisionDueOn, defaultResponseDueOn } from './ccfa-workflow.ts';

type Table =
  | 'protocols'
  | 'protocol_obligations'
  | 'protocol_contributions'
  | 'ccfa_cases'
  | 'ccfa_steps'
  | 'audit_entries';

describe('accountability', () => {
  let t: TestApp;
  let admin: Visitor;
  let officer: Visitor;
  let chair: Visitor;
  let councillor: Visitor;
  let scrutiny: Visitor;
  before(async () => {
    t = await createTestApp();
    admin = new Visitor(t.app);
    officer = new Visitor(t.app);
    chair = new Visitor(t.app);
    councillor = new Visitor(t.app);
    scrutiny = new Visitor(t.app);
    await admin.signIn(logins.admin, demoPassword);
    await officer.signIn(logins.officer, demoPassword);
    await chair.signIn(logins.chair, demoPassword);
    await councillor.signIn(logins.councillor, demoPassword);
    await scrutiny.signIn(logins.scrutiny, demoPassword);
  });
  after(async () => t.close());

  const db = () => t.database.db;
  const today = todayIso();
  const count = async (table: Table) => (await db().selectFrom(table).select('id').execute()).length;
  /** Row counts of every table a form here could write, to prove a refused form saved nothing. */
  const counts = async (): Promise<Record<Table, number>> =>
    Object.fromEntries(
      await Promise.all(
        (
          [
            'protocols',
            'protocol_obligations',
            'protocol_contributions',
            'ccfa_cases',
            'ccfa_steps',
            'audit_entries',
          ] as Table[]
        ).map(async (table) => [table, await count(table)] as const),
      ),
    ) as Record<Table, number>;
  const organisationId = async (slug: string) =>
    (await db().selectFrom('organisations').select('id').where('slug', '=', slug).executeTakeFirstOrThrow())
      .id;
  const partnershipId = async (slug: string) =>
    (await db().selectFrom('partnerships').select('id').where('slug', '=', slug).executeTakeFirstOrThrow())
      .id;
  const protocolOf = async (slug: string) =>
    db()
      .selectFrom('protocols')
      .selectAll('protocols')
      .innerJoin('partnerships', 'partnerships.id', 'protocols.partnership_id')
      .where('partnerships.slug', '=', slug)
      .orderBy('protocols.id')
      .executeTakeFirstOrThrow();
  /** The value of a text input as the page shows it. */
  const inputValue = (body: string, name: string) =>
    new RegExp(`<input[^>]*name="${name}"[^>]*value="([^"]*)"`).exec(body)?.[1];
  const oneH1 = (body: string) => assert.equal((body.match(/<h1/g) ?? []).length, 1, 'one h1');
  const errorSummary = (body: string) => /govuk-error-summary__list">([\s\S]*?)<\/ul>/.exec(body)?.[1] ?? '';
  const police = 'brackenshire-constabulary';
  const board = 'kelmsfield-partnership-board';

  it('renders every page of the module with one h1 and nothing left unfilled, for the public and the secretariat', async () => {
    const protocol = await protocolOf(board);
    const obligation = await db()
      .selectFrom('protocol_obligations')
      .select('id')
      .where('protocol_id', '=', protocol.id)
      .executeTakeFirstOrThrow();
    const contribution = await db()
      .selectFrom('protocol_contributions')
      .select('id')
      .where('protocol_id', '=', protocol.id)
      .executeTakeFirstOrThrow();
    const cases = await db().selectFrom('ccfa_cases').select(['reference', 'status']).execute();
    const raised = cases.find((c) => c.status === 'raised')!.reference;
    const pages = [
      '/accountability',
      '/protocols',
      `/protocols/${protocol.id}`,
      '/named-partners',
      ...(await db().selectFrom('organisations').select('slug').where('named_partner', '=', 1).execute()).map(
        (o) => `/named-partners/${o.slug}`,
      ),
      '/ccfa',
      ...cases.map((c) => `/ccfa/${c.reference}`),
    ];
    const forms = [
      '/protocols/new',
      `/protocols/${protocol.id}/edit`,
      `/protocols/${protocol.id}/commitments/new`,
      `/protocols/${protocol.id}/commitments/${obligation.id}/edit`,
      `/protocols/${protocol.id}/commitments/${obligation.id}/remove`,
      `/protocols/${protocol.id}/contributions/new`,
      `/protocols/${protocol.id}/contributions/${contribution.id}/remove`,
      '/ccfa/new',
      `/ccfa/${raised}/decision`,
    ];
    for (const [visitor, urls] of [
      [null, pages],
      [admin, [...pages, ...forms]],
    ] as const)
      for (const url of urls) {
        const response = visitor ? await visitor.get(url) : await t.app.inject(url);
        assert.equal(response.statusCode, 200, url);
        oneH1(response.body);
        assert.doesNotMatch(response.body, /undefined|\[object Object\]|NaN|Invalid Date/, url);
        assert.match(response.body, /<title>[^<]+ – Kelmsfield partnership<\/title>/, url);
      }
  });

  describe('partnership agreements in the demo', () => {
    it('lists the agreements, and shows each partner’s commitments with whether each is met, in words', async () => {
      const list = await t.app.inject('/protocols');
      assert.equal(list.statusCode, 200);
      oneH1(list.body);
      assert.match(
        list.body,
        /<caption class="govuk-table__caption govuk-table__caption--m">2 agreements<\/caption>/,
      );
      assert.match(list.body, /Kelmsfield Partnership Board agreement[\s\S]*?>6<\/td>[\s\S]*?>Agreed</);
      const protocol = await protocolOf(board);
      const page = await t.app.inject(`/protocols/${protocol.id}`);
      assert.equal(page.statusCode, 200);
      oneH1(page.body);
      assert.match(page.body, /id="compliance-counts">\d+ met, \d+ not met, \d+ not yet due\./);
      assert.match(
        page.body,
        /Brackenshire Constabulary<\/a><\/caption>[\s\S]*?Money<\/th>\s*<td[^>]*>£20,000 a year<\/td>\s*<td[^>]*><strong class="govuk-tag govuk-tag--red">Not met<\/strong><\/td>\s*<td[^>]*>£15,000 of £20,000 given in the year to 31 March \d{4}\.<\/td>/,
      );
      assert.match(
        page.body,
        /Kelmsfield Council for Voluntary Service[\s\S]*?Sharing resources[\s\S]*?govuk-tag--green">Met</,
      );
      assert.match(
        page.body,
        /<caption[^>]*>Contributions recorded under this agreement, newest first<\/caption>/,
      );
      assert.doesNotMatch(page.body, /@[a-z-]+\.example|Add a commitment|Record a contribution|id="history"/);
      const csv = await t.app.inject(`/protocols/${protocol.id}/compliance.csv`);
      assert.equal(csv.headers['content-type'], 'text/csv; charset=utf-8');
      assert.match(csv.body, /^\uFEFF?agreement,partner,commitment,what it asks,status,figures/);
      assert.match(
        csv.body,
        /Brackenshire Constabulary,Money,"£20,000 a year",Not met,"£15,000 of £20,000 given/,
      );
    });

    it('does not judge a draft agreement', async () => {
      const draft = await protocolOf('safer-kelmsfield-partnership');
      const page = await t.app.inject(`/protocols/${draft.id}`);
      assert.match(
        page.body,
        /This agreement is a draft\. Whether partners meet their commitments is shown once it is agreed\./,
      );
      assert.doesNotMatch(page.body, /govuk-tag--(red|green)">(Met|Not met)</);
      const csv = await t.app.inject(`/protocols/${draft.id}/compliance.csv`);
      assert.match(csv.body, /Not judged: the agreement is a draft/);
    });

    it('answers unknown and impossible addresses with the page-not-found page', async () => {
      const protocol = await protocolOf(board);
      for (const url of [
        '/protocols/999999',
        '/protocols/abc',
        '/protocols/-1',
        '/protocols/99999999999999',
        '/protocols/999999/compliance.csv',
        `/protocols/${protocol.id}/commitments/999999/edit`,
        `/protocols/${protocol.id}/commitments/999999/remove`,
        `/protocols/${protocol.id}/contributions/999999/remove`,
      ]) {
        const response = await admin.get(url);
        assert.equal(response.statusCode, 404, url);
        assert.match(response.body, /Page not found/, url);
        assert.doesNotMatch(response.body, /at [A-Za-z]+ \(|Error:/, `${url}: no stack trace`);
      }
    });
  });

  describe('compliance worked out from the records', () => {
    let protocolId: number;
    let seats: number[];
    const startsOn = addDays(addMonths(today, -12), -30);
    const endsOn = addDays(addMonths(startsOn, 36), -1);
    const yearOneEnds = addDays(addMonths(startsOn, 12), -1);

    /** The police's commitments on the agreement's page, as the secretariat sees it (never a cached copy). */
    const policeRow = async (kind: string) => {
      const page = await admin.get(`/protocols/${protocolId}`);
      const match = new RegExp(
        `${kind}</th>\\s*<td[^>]*>[^<]*(?:<br>[^<]*<span[^>]*>[^<]*</span>)?</td>\\s*<td[^>]*><strong class="govuk-tag govuk-tag--\\w+">([^<]+)</strong></td>\\s*<td[^>]*>([^<]+)</td>`,
      ).exec(page.body);
      return { state: match?.[1], figures: match?.[2] };
    };

    it('sets up an agreement for the anti-social behaviour group with the police’s commitments', async () => {
      const before = await count('protocols');
      await admin.get('/protocols/new');
      const response = await admin.post('/protocols/new', {
        partnershipId: String(await partnershipId('anti-social-behaviour-group')),
        title: 'Anti-social behaviour group agreement',
        startsOn,
        endsOn,
        status: 'agreed',
        body: 'Partners **share** what they know.',
      });
      assert.equal(response.statusCode, 303);
      assert.equal(await count('protocols'), before + 1);
      protocolId = Number(/\/protocols\/(\d+)/.exec(String(response.headers.location))![1]);
      const saved = await db()
        .selectFrom('protocols')
        .selectAll()
        .where('id', '=', protocolId)
        .executeTakeFirstOrThrow();
      assert.equal(saved.agreed_on, today, 'agreeing dates it');
      const policeId = String(await organisationId(police));
      const commitments: Record<string, string>[] = [
        { kind: 'attendance', attendancePercent: '75%' },
        { kind: 'financial', amount: '£1,000' },
        { kind: 'resources', description: 'Officers’ time at community events' },
        { kind: 'data_returns', returnsPercent: '50' },
      ];
      for (const commitment of commitments) {
        await admin.get(`/protocols/${protocolId}/commitments/new`);
        const added = await admin.post(`/protocols/${protocolId}/commitments/new`, {
          organisationId: policeId,
          ...commitment,
        });
        assert.equal(added.statusCode, 303, commitment.kind);
      }
      const obligations = await db()
        .selectFrom('protocol_obligations')
        .selectAll()
        .where('protocol_id', '=', protocolId)
        .orderBy('id')
        .execute();
      assert.deepEqual(
        obligations.map((o) => [o.kind, o.target_percent, o.amount_pence, o.description]),
        [
          ['attendance', 75, null, null],
          ['financial', null, 100_000, null],
          ['resources', null, null, 'Officers’ time at community events'],
          ['data_returns', 50, null, null],
        ],
      );
      seats = (
        await db()
          .selectFrom('memberships')
          .select('id')
          .where('partnership_id', '=', await partnershipId('anti-social-behaviour-group'))
          .where('organisation_id', '=', Number(policeId))
          .where('role', 'in', ['chair', 'vice_chair', 'member'])
          .where('ends_on', 'is', null)
          .orderBy('id')
          .execute()
      ).map((s) => s.id);
      assert.ok(seats.length >= 2, 'the police hold two seats on the group');
    });

    it('says no meetings have been held yet, and nothing is due, before any record exists', async () => {
      assert.deepEqual(await policeRow('Attendance at meetings'), {
        state: 'Not yet due',
        figures: 'No meetings held yet in this period.',
      });
      assert.deepEqual(await policeRow('Sharing resources'), {
        state: 'Not yet due',
        figures: `None recorded yet; the agreement runs to ${formatDate(endsOn)}.`,
      });
      assert.deepEqual(await policeRow('Money'), {
        state: 'Not met',
        figures: `£0 of £1,000 given in the year to ${formatDate(yearOneEnds)}.`,
      });
    });

    it('counts the meetings held in the period from the attendance recorded: present or substituted is attended', async () => {
      const group = await partnershipId('anti-social-behaviour-group');
      const other = (
        await db()
          .selectFrom('memberships')
          .select('id')
          .where('partnership_id', '=', group)
          .where('id', 'not in', seats)
          .executeTakeFirstOrThrow()
      ).id;
      const meeting = async (daysAgo: number, status: string, rows: [number, string][]) => {
        const now = new Date().toISOString();
        const { id } = await db()
          .insertInto('meetings')
          .values({
            partnership_id: group,
            title: `Meeting ${daysAgo} days ago`,
            starts_at: `${addDays(today, -daysAgo)}T10:00:00.000Z`,
            ends_at: null,
            location: null,
            online_url: null,
            status,
            status_reason: null,
            visibility: 'public',
            agenda_published_at: null,
            uid: `test-${daysAgo}-${status}@placeshaper`,
            created_at: now,
            updated_at: now,
          })
          .returning('id')
          .executeTakeFirstOrThrow();
        for (const [membershipId, attendance] of rows)
          await db()
            .insertInto('attendance')
            .values({
              meeting_id: id,
              membership_id: membershipId,
              status: attendance,
              substitute_person_id: null,
              substitute_organisation_id: null,
              created_at: now,
              updated_at: now,
            })
            .execute();
        return id;
      };
      const [a, b] = seats as [number, number];
      await meeting(60, 'held', [
        [a, 'present'],
        [other, 'present'],
      ]);
      await meeting(50, 'held', [
        [a, 'apologies'],
        [b, 'substituted'],
      ]);
      await meeting(40, 'held', [
        [a, 'absent'],
        [b, 'absent'],
      ]);
      const fourth = await meeting(30, 'held', [
        [a, 'apologies'],
        [other, 'present'],
      ]);
      // None of these count: cancelled, before the agreement began, or with no attendance recorded.
      await meeting(20, 'cancelled', [[a, 'present']]);
      await meeting(500, 'held', [[a, 'present']]);
      await meeting(10, 'held', []);
      assert.deepEqual(await policeRow('Attendance at meetings'), {
        state: 'Not met',
        figures: 'Attended 2 of 4 meetings (50%); the agreement asks for at least 75%.',
      });
      await db()
        .updateTable('attendance')
        .set({ status: 'present' })
        .where('meeting_id', '=', fourth)
        .where('membership_id', '=', a)
        .execute();
      assert.deepEqual(await policeRow('Attendance at meetings'), {
        state: 'Met',
        figures: 'Attended 3 of 4 meetings (75%); the agreement asks for at least 75%.',
      });
      const partner = await t.app.inject(`/named-partners/${police}`);
      assert.match(
        partner.body,
        /Anti-social Behaviour Group<\/a><\/th>\s*<td[^>]*>4<\/td>\s*<td[^>]*>3<\/td>\s*<td[^>]*>75%<\/td>/,
      );
    });

    it('judges money by the year from the contributions recorded, and resources by any one recorded', async () => {
      await officer.get(`/protocols/${protocolId}/contributions/new`);
      let response = await officer.post(`/protocols/${protocolId}/contributions/new`, {
        organisationId: String(await organisationId(police)),
        contributedOn: addDays(startsOn, 10),
        amount: '600',
        note: 'First instalment',
      });
      assert.equal(response.statusCode, 303);
      assert.deepEqual(await policeRow('Money'), {
        state: 'Not met',
        figures: `£600 of £1,000 given in the year to ${formatDate(yearOneEnds)}.`,
      });
      response = await admin.post(`/protocols/${protocolId}/contributions/new`, {
        organisationId: String(await organisationId(police)),
        contributedOn: addDays(startsOn, 40),
        amount: '400',
        resources: 'Two officers at the summer fun day',
      });
      assert.equal(response.statusCode, 303);
      assert.deepEqual(await policeRow('Money'), {
        state: 'Met',
        figures: `Given in full in the year to ${formatDate(yearOneEnds)}. £0 of £1,000 given so far in the year to ${formatDate(addDays(addMonths(startsOn, 24), -1))}.`,
      });
      assert.equal((await policeRow('Sharing resources')).state, 'Met');
      const saved = await db()
        .selectFrom('protocol_contributions')
        .selectAll()
        .where('protocol_id', '=', protocolId)
        .orderBy('id')
        .execute();
      assert.deepEqual(
        saved.map((c) => [c.amount_pence, c.recorder_name]),
        [
          [60_000, 'Carol Denholm'],
          [40_000, 'Site administrator'],
        ],
      );
    });

    it('judges the quarterly returns as the action plan decides them', async () => {
      const row = await policeRow('Quarterly returns');
      assert.ok(row.state && ['Met', 'Not met', 'Not yet due'].includes(row.state), String(row.state));
      assert.match(
        row.figures ?? '',
        /quarterly returns? made \(\d+%\); the agreement asks for at least 50%\.|No quarterly return/,
      );
      // The return being made now reads the same on the named partners page as on the secretariat's monitor.
      const monitor = await admin.get('/returns/monitor');
      const partners = await t.app.inject('/named-partners');
      const reporting = lastCompletedQuarter(today).code;
      for (const [name, slug] of [
        ['Brackenshire Constabulary', police],
        ['Kelmsfield Primary Care Trust', 'kelmsfield-primary-care-trust'],
        ['Jobcentre Plus Kelmsfield District', 'jobcentre-plus-kelmsfield-district'],
      ]) {
        const monitored = new RegExp(
          `${name}</a></th>\\s*<td class="govuk-table__cell"><strong class="govuk-tag govuk-tag--\\w+">([^<]+)<`,
        ).exec(monitor.body)?.[1];
        const shown = new RegExp(
          `href="/named-partners/${slug}">${name}</a></th>(?:\\s*<td[^>]*>[^<]*</td>){4}\\s*<td[^>]*><strong class="govuk-tag govuk-tag--\\w+">([^<]+)</strong><span class="govuk-visually-hidden"> for ${reporting.replace('/', '\\/')}`,
        ).exec(partners.body)?.[1];
        assert.ok(monitored, `${name} on the monitor`);
        assert.equal(shown, monitored, name);
      }
    });

    it('lets the chair manage their partnership’s agreements, but not the Board’s', async () => {
      const boardProtocol = await protocolOf(board);
      assert.equal(
        (await chair.get(`/protocols/${protocolId}/edit`)).statusCode,
        200,
        'a sub-group of Safer Kelmsfield',
      );
      assert.equal((await chair.get(`/protocols/${boardProtocol.id}/edit`)).statusCode, 403);
      assert.equal((await chair.get(`/protocols/${boardProtocol.id}/commitments/new`)).statusCode, 403);
      const form = await chair.get('/protocols/new');
      assert.match(form.body, /Safer Kelmsfield Partnership/);
      assert.doesNotMatch(form.body, /<option value="\d+">Kelmsfield Partnership Board<\/option>/);
      const before = await counts();
      const response = await chair.post('/protocols/new', {
        partnershipId: String(await partnershipId(board)),
        title: 'Not theirs',
        startsOn: today,
        endsOn: addMonths(today, 12),
        status: 'draft',
      });
      assert.equal(response.statusCode, 400);
      assert.match(
        errorSummary(response.body),
        /You can only set up agreements for a partnership you chair or run/,
      );
      assert.deepEqual(await counts(), before);
    });

    it('keeps a partner officer to their own organisation’s contributions', async () => {
      const boardProtocol = await protocolOf(board);
      const form = await officer.get(`/protocols/${boardProtocol.id}/contributions/new`);
      assert.equal(form.statusCode, 200);
      assert.match(form.body, /<option value="\d+" selected>Brackenshire Constabulary<\/option>/);
      assert.doesNotMatch(form.body, /Kelmsfield Borough Council<\/option>/);
      const before = await counts();
      const response = await officer.post(`/protocols/${boardProtocol.id}/contributions/new`, {
        organisationId: String(await organisationId('kelmsfield-borough-council')),
        contributedOn: today,
        amount: '10',
      });
      assert.equal(response.statusCode, 400);
      assert.match(
        errorSummary(response.body),
        /You can only record contributions your own organisation made/,
      );
      assert.deepEqual(await counts(), before);
      const council = await db()
        .selectFrom('protocol_contributions')
        .select('id')
        .where('protocol_id', '=', boardProtocol.id)
        .where('organisation_id', '=', await organisationId('kelmsfield-borough-council'))
        .executeTakeFirstOrThrow();
      assert.equal(
        (await officer.get(`/protocols/${boardProtocol.id}/contributions/${council.id}/remove`)).statusCode,
        403,
      );
      const draft = await protocolOf('safer-kelmsfield-partnership');
      const jobcentre = new Visitor(t.app);
      await jobcentre.signIn(logins.member, demoPassword);
      assert.equal((await jobcentre.get(`/protocols/${draft.id}/contributions/new`)).statusCode, 403);
    });
  });

  describe('forms with bad input', () => {
    it('refuses a bad agreement in plain words, keeping what was typed and saving nothing', async () => {
      const before = await counts();
      await admin.get('/protocols/new');
      const response = await admin.post('/protocols/new', {
        partnershipId: '',
        title: '  ',
        startsOn: '2026-02-30',
        endsOn: '2025-01-01',
        status: 'signed',
        body: 'Kept <b>text</b>',
      });
      assert.equal(response.statusCode, 400);
      oneH1(response.body);
      const summary = errorSummary(response.body);
      for (const message of [
        'Choose the partnership the agreement is for',
        'Enter the name of the agreement',
        'The date the agreement starts must be a real date, like 2026-04-01',
        'Choose whether the agreement is a draft or agreed',
      ])
        assert.ok(summary.includes(message), message);
      assert.match(response.body, /Kept &lt;b&gt;text&lt;\/b&gt;/);
      assert.equal(inputValue(response.body, 'endsOn'), '2025-01-01');
      const ends = await admin.post('/protocols/new', {
        partnershipId: String(await partnershipId(board)),
        title: 'Backwards',
        startsOn: '2026-04-01',
        endsOn: '2026-03-31',
        status: 'draft',
      });
      assert.match(
        errorSummary(ends.body),
        /The end date must be the same as or after the start date \(2026-04-01\)/,
      );
      const long = await admin.post('/protocols/new', {
        partnershipId: String(await partnershipId(board)),
        title: 'Forever',
        startsOn: '2026-04-01',
        endsOn: '2206-03-31',
        status: 'draft',
      });
      assert.match(errorSummary(long.body), /An agreement can run for 10 years at most: check the end date/);
      const missing = await admin.post('/protocols/new', {
        partnershipId: '999999',
        title: 'Nowhere',
        startsOn: '2026-04-01',
        endsOn: '2027-03-31',
        status: 'draft',
      });
      assert.match(errorSummary(missing.body), /Choose a partnership from the list/);
      assert.deepEqual(await counts(), before);
    });

    it('refuses a commitment without its figure, an impossible share or a second of the same kind', async () => {
      const protocol = await protocolOf(board);
      const policeId = String(await organisationId(police));
      const before = await counts();
      const url = `/protocols/${protocol.id}/commitments/new`;
      await admin.get(url);
      const cases: [Record<string, string>, string, string][] = [
        [
          { organisationId: policeId, kind: 'staff_time' },
          'staffFte',
          'Enter the staff time the partner gives each year',
        ],
        [
          { organisationId: policeId, kind: 'staff_time', staffFte: 'lots' },
          'staffFte',
          'The staff time each year must be a number, like 42.5',
        ],
        [{ organisationId: '', kind: 'financial', amount: '10' }, 'organisationId', 'Choose the partner'],
        [
          { organisationId: policeId, kind: 'resources' },
          'description',
          'Describe the resources the partner shares',
        ],
        [
          { organisationId: policeId, kind: 'attendance', attendancePercent: '150' },
          'attendancePercent',
          'The share of meetings the partner must attend must be a whole number from 1 to 100, like 75',
        ],
        [
          { organisationId: policeId, kind: 'data_returns', returnsPercent: '' },
          'returnsPercent',
          'Enter the share of quarterly returns the partner must make, from 1 to 100',
        ],
        [
          { organisationId: policeId, kind: 'financial', amount: '12.345' },
          'amount',
          'The amount each year must be an amount in pounds, like 1250 or 1,250.50',
        ],
        [{ organisationId: policeId, kind: 'nonsense' }, 'kind', 'Choose what the partner commits to'],
        [
          { organisationId: policeId, kind: 'financial', amount: '5000' },
          'kind',
          'Brackenshire Constabulary already has a “Money” commitment in this agreement: change that commitment instead',
        ],
      ];
      for (const [form, field, message] of cases) {
        const response = await admin.post(url, form);
        assert.equal(response.statusCode, 400, message);
        assert.ok(
          errorSummary(response.body).includes(`href="#${field}">${message.replace('“', '“')}`),
          `${field}: ${message}\n${errorSummary(response.body)}`,
        );
        for (const [name, value] of Object.entries(form))
          if (value && name !== 'organisationId' && name !== 'kind')
            assert.match(
              response.body,
              new RegExp(`name="${name}"[^>]*value="${value}"|name="${name}"[^>]*>${value}<`),
              `${name} kept`,
            );
      }
      assert.deepEqual(await counts(), before);
    });

    it('refuses a contribution with nothing given, outside the agreement or in the future', async () => {
      const protocol = await protocolOf(board);
      const url = `/protocols/${protocol.id}/contributions/new`;
      const policeId = String(await organisationId(police));
      const before = await counts();
      await officer.get(url);
      const cases: [Record<string, string>, string][] = [
        [
          { organisationId: policeId, contributedOn: today, note: 'Only a note' },
          'Enter the money, the staff time or the resources the partner gave',
        ],
        [
          { organisationId: policeId, contributedOn: addDays(today, 1), amount: '10' },
          'The date must be today or earlier',
        ],
        [
          { organisationId: policeId, contributedOn: addDays(protocol.starts_on, -1), amount: '10' },
          `The date must be within the agreement, ${formatDate(protocol.starts_on)} to ${formatDate(protocol.ends_on)}`,
        ],
        [
          { organisationId: policeId, contributedOn: 'yesterday', amount: '10' },
          'The date of the contribution must be a real date, like 2026-04-01',
        ],
        [
          { organisationId: policeId, contributedOn: today, amount: '0' },
          'The money must be more than £0, or left blank',
        ],
        [
          { organisationId: policeId, contributedOn: today, staffFte: '-1' },
          'The staff time must be 0 or more',
        ],
      ];
      for (const [form, message] of cases) {
        const response = await officer.post(url, form);
        assert.equal(response.statusCode, 400, message);
        assert.ok(
          errorSummary(response.body).includes(message),
          `${message}\n${errorSummary(response.body)}`,
        );
        assert.equal(inputValue(response.body, 'contributedOn'), form.contributedOn);
      }
      assert.deepEqual(await counts(), before);
    });

    it('shows who changed an agreement when an edit is stale, keeping the typed version', async () => {
      const protocol = await protocolOf(board);
      await admin.get(`/protocols/${protocol.id}/edit`);
      const values = {
        partnershipId: String(protocol.partnership_id),
        title: protocol.title,
        startsOn: protocol.starts_on,
        endsOn: protocol.ends_on,
        status: 'agreed',
        body: protocol.body ?? '',
      };
      let response = await admin.post(`/protocols/${protocol.id}/edit`, {
        ...values,
        title: 'First edit',
        version: String(protocol.version),
      });
      assert.equal(response.statusCode, 303);
      response = await admin.post(`/protocols/${protocol.id}/edit`, {
        ...values,
        title: 'Stale edit',
        version: String(protocol.version),
      });
      assert.equal(response.statusCode, 409);
      assert.match(response.body, /Someone else changed this while you were editing it/);
      assert.match(response.body, /Site administrator saved changes/);
      assert.match(
        response.body,
        /<th scope="row" class="govuk-table__header">Name<\/th>\s*<td class="govuk-table__cell">First edit<\/td><td class="govuk-table__cell">Stale edit<\/td>/,
      );
      assert.equal(inputValue(response.body, 'title'), 'Stale edit');
      assert.match(response.body, new RegExp(`name="version" value="${protocol.version + 1}"`));
      response = await admin.post(`/protocols/${protocol.id}/edit`, {
        ...values,
        version: String(protocol.version + 1),
      });
      assert.equal(response.statusCode, 303, 'saving again is a conscious choice');
      const saved = await db()
        .selectFrom('protocols')
        .selectAll()
        .where('id', '=', protocol.id)
        .executeTakeFirstOrThrow();
      assert.equal(saved.title, protocol.title);
      assert.equal(saved.agreed_on, protocol.agreed_on, 'the date it was agreed is kept');
    });
  });

  describe('changing and removing commitments and contributions', () => {
    it('changes a commitment, removes it after asking, and keeps both in the history', async () => {
      const protocol = await protocolOf(board);
      const fire = await db()
        .selectFrom('protocol_obligations')
        .selectAll()
        .where('protocol_id', '=', protocol.id)
        .where('organisation_id', '=', await organisationId('brackenshire-fire-and-rescue-service'))
        .where('kind', '=', 'staff_time')
        .executeTakeFirstOrThrow();
      const edit = await admin.get(`/protocols/${protocol.id}/commitments/${fire.id}/edit`);
      assert.equal(inputValue(edit.body, 'staffFte'), '0.2');
      let response = await admin.post(`/protocols/${protocol.id}/commitments/${fire.id}/edit`, {
        organisationId: String(fire.organisation_id),
        kind: 'staff_time',
        staffFte: '0.3',
        version: String(fire.version),
      });
      assert.equal(response.statusCode, 303);
      const stale = await admin.post(`/protocols/${protocol.id}/commitments/${fire.id}/edit`, {
        organisationId: String(fire.organisation_id),
        kind: 'staff_time',
        staffFte: '0.4',
        version: String(fire.version),
      });
      assert.equal(stale.statusCode, 409);
      assert.match(
        stale.body,
        /Staff time each year \(FTE\)<\/th>\s*<td class="govuk-table__cell">0.3<\/td><td class="govuk-table__cell">0.4<\/td>/,
      );
      const confirm = await admin.get(`/protocols/${protocol.id}/commitments/${fire.id}/remove`);
      assert.equal(confirm.statusCode, 200);
      assert.match(
        confirm.body,
        /Remove the “Staff time” commitment of Brackenshire Fire and Rescue Service/,
      );
      const oldVersion = await admin.post(`/protocols/${protocol.id}/commitments/${fire.id}/remove`, {
        version: String(fire.version),
      });
      assert.equal(oldVersion.statusCode, 400);
      assert.match(
        errorSummary(oldVersion.body),
        /Someone changed this commitment after you opened this page/,
      );
      response = await admin.post(`/protocols/${protocol.id}/commitments/${fire.id}/remove`, {
        version: String(fire.version + 1),
      });
      assert.equal(response.statusCode, 303);
      assert.equal(
        await db()
          .selectFrom('protocol_obligations')
          .select('id')
          .where('id', '=', fire.id)
          .executeTakeFirst(),
        undefined,
      );
      const page = await admin.get(`/protocols/${protocol.id}`);
      assert.match(
        page.body,
        /Removed “Staff time: 0.3 FTE of staff time a year” for Brackenshire Fire and Rescue Service/,
      );
      assert.match(page.body, /Changed the commitment of Brackenshire Fire and Rescue Service/);
    });

    it('removes a contribution after asking, and the money no longer counts', async () => {
      const protocol = await protocolOf(board);
      const contribution = await db()
        .selectFrom('protocol_contributions')
        .selectAll()
        .where('protocol_id', '=', protocol.id)
        .where('organisation_id', '=', await organisationId(police))
        .executeTakeFirstOrThrow();
      const confirm = await officer.get(`/protocols/${protocol.id}/contributions/${contribution.id}/remove`);
      assert.equal(confirm.statusCode, 200);
      assert.match(confirm.body, /£15,000/);
      const response = await officer.post(
        `/protocols/${protocol.id}/contributions/${contribution.id}/remove`,
      );
      assert.equal(response.statusCode, 303);
      const page = await admin.get(`/protocols/${protocol.id}`);
      assert.match(page.body, /£0 of £20,000 given in the year to/);
      assert.match(page.body, /Removed the contribution from Brackenshire Constabulary/);
      assert.equal(
        (await officer.post(`/protocols/${protocol.id}/contributions/${contribution.id}/remove`)).statusCode,
        404,
        'removing twice finds nothing',
      );
    });
  });

  describe('named partners', () => {
    it('lists every named partner with its targets, attendance and returns, and downloads the same', async () => {
      const page = await t.app.inject('/named-partners');
      assert.equal(page.statusCode, 200);
      oneH1(page.body);
      const named = await db()
        .selectFrom('organisations')
        .select('name')
        .where('named_partner', '=', 1)
        .execute();
      assert.match(page.body, new RegExp(`<caption[^>]*>${named.length} named partners</caption>`));
      for (const { name } of named) assert.ok(page.body.includes(`>${name}</a></th>`), name);
      assert.doesNotMatch(page.body, /Kelmsfield Chamber of Commerce/, 'only named partners');
      assert.match(
        page.body,
        /href="\/named-partners\/brackenshire-constabulary">Brackenshire Constabulary<\/a><\/th>\s*<td[^>]*>4<\/td>\s*<td[^>]*>2<\/td>/,
      );
      const csv = await t.app.inject('/named-partners.csv');
      assert.equal(csv.headers['content-type'], 'text/csv; charset=utf-8');
      const lines = csv.body.trim().split('\n');
      assert.match(
        lines[0]!,
        /^\uFEFF?organisation,targets led,targets led \(indicators\),targets contributed to,/,
      );
      assert.equal(lines.length, named.length + 1);
      assert.match(csv.body, /Brackenshire Constabulary,4,NI 15 Serious violent crime rate; NI 16 /);
    });

    it('shows one partner’s targets with links, attendance by partnership, returns by quarter, agreements and calls for action', async () => {
      const page = await t.app.inject(`/named-partners/${police}`);
      assert.equal(page.statusCode, 200);
      oneH1(page.body);
      const target = await db()
        .selectFrom('targets')
        .innerJoin('indicators', 'indicators.id', 'targets.indicator_id')
        .select('targets.id')
        .where('indicators.code', '=', 'NI 15')
        .executeTakeFirstOrThrow();
      assert.match(
        page.body,
        new RegExp(`href="/dashboard/targets/${target.id}">NI 15 Serious violent crime rate`),
      );
      assert.match(page.body, /Targets it contributes to[\s\S]*NI 30 /);
      assert.match(
        page.body,
        new RegExp(`${lastCompletedQuarter(today).code.replace('/', '\\/')} \\(being made now\\)`),
      );
      assert.match(page.body, /Kelmsfield Partnership Board agreement[\s\S]*?Money/);
      assert.match(page.body, /Anti-social behaviour in the Pennyfold underpass after dark/);
      for (const slug of ['kelmsfield-chamber-of-commerce', 'no-such-partner'])
        assert.equal((await t.app.inject(`/named-partners/${slug}`)).statusCode, 404, slug);
      assert.equal((await t.app.inject('/named-partners/Not_A_Slug')).statusCode, 404);
    });

    it('is cached for the public until something changes', async () => {
      const first = await t.app.inject('/named-partners');
      assert.equal(first.headers['cache-control'], 'public, no-cache');
      const again = await t.app.inject({
        url: '/named-partners',
        headers: { 'if-none-match': String(first.headers.etag) },
      });
      assert.equal(again.statusCode, 304);
      const signedIn = await admin.get('/named-partners');
      assert.equal(signedIn.headers['cache-control'], 'private, no-store');
    });
  });

  describe('Councillor Calls for Action', () => {
    let reference: string;

    it('publishes the register with each status in words, the next date and what is overdue', async () => {
      const page = await t.app.inject('/ccfa');
      assert.equal(page.statusCode, 200);
      oneH1(page.body);
      assert.match(page.body, /5 calls for action: 3 open, <strong>1 overdue<\/strong>\./);
      const overdue = decisionDueOn(addDays(today, -35));
      assert.match(
        page.body,
        new RegExp(
          `<tbody class="govuk-table__body">\\s*<tr[^>]*>\\s*<th[^>]*><a[^>]*>CCFA-\\d{4}-\\d{3}</a></th>[\\s\\S]*?Kelmsfield Homes[\\s\\S]*?Harlowen[\\s\\S]*?Awaiting a decision</strong>[\\s\\S]*?Decision due: ${formatDate(overdue)} <strong class="govuk-tag govuk-tag--red">Overdue</strong>`,
        ),
        'the overdue case comes first',
      );
      for (const status of ['Hearing arranged', 'Awaiting the partner’s response', 'Refused', 'Closed'])
        assert.match(page.body, new RegExp(`>${status}</strong>`), status);
      assert.doesNotMatch(page.body, /Raise a call for action/);
      const csv = await t.app.inject('/ccfa.csv');
      assert.match(
        csv.body,
        /^\uFEFF?reference,raised on,councillor,ward,partner agency,summary,status,next date,next date on,overdue,web page/,
      );
      assert.match(
        csv.body,
        /Kelmsfield Homes,Damp and mould repairs on the Harlowen estate left unresolved,Awaiting a decision,Decision due,\d{4}-\d{2}-\d{2},yes,/,
      );
      const overview = await t.app.inject('/accountability');
      assert.match(
        overview.body,
        /govuk-warning-text[\s\S]*CCFA-\d{4}-\d{3}: decision due on [^<]+ is overdue/,
      );
    });

    it('shows the councillor’s own account only to overview and scrutiny and the councillor', async () => {
      const neils = await db()
        .selectFrom('ccfa_cases')
        .select('reference')
        .where('summary', 'like', 'Anti-social behaviour%')
        .executeTakeFirstOrThrow();
      const secret = /212 names/;
      const publicPage = await t.app.inject(`/ccfa/${neils.reference}`);
      oneH1(publicPage.body);
      assert.match(publicPage.body, /Hearing set for/);
      assert.doesNotMatch(publicPage.body, secret);
      assert.doesNotMatch(
        (await officer.get(`/ccfa/${neils.reference}`)).body,
        secret,
        'not even the partner agency',
      );
      assert.match((await councillor.get(`/ccfa/${neils.reference}`)).body, secret);
      assert.match((await scrutiny.get(`/ccfa/${neils.reference}`)).body, secret);
      assert.match(
        (await scrutiny.get(`/ccfa/${neils.reference.toLowerCase()}`)).body,
        secret,
        'the reference in any case',
      );
      for (const url of ['/ccfa/CCFA-2099-999', '/ccfa/nonsense', `/ccfa/${neils.reference}/not-a-step`])
        assert.equal((await scrutiny.get(url)).statusCode, 404, url);
    });

    it('lets a councillor raise a call for action for their ward, refusing bad input in plain words', async () => {
      const form = await councillor.get('/ccfa/new');
      assert.equal(form.statusCode, 200);
      assert.match(form.body, /Raised by <strong>Neil Trencher<\/strong>, councillor for Pennyfold/);
      const before = await counts();
      let response = await councillor.post('/ccfa/new', {
        organisationId: '',
        summary: 'x'.repeat(301),
        details: '',
        stepsTaken: 'Spoke to the <b>sergeant</b>',
      });
      assert.equal(response.statusCode, 400);
      const summary = errorSummary(response.body);
      for (const message of [
        'Choose the partner agency the call for action is about',
        'A summary for the public register must be 300 characters or fewer',
        'Enter what the problem is and what you want to happen',
      ])
        assert.ok(summary.includes(message), `${message}\n${summary}`);
      assert.match(response.body, /Spoke to the &lt;b&gt;sergeant&lt;\/b&gt;/);
      assert.deepEqual(await counts(), before);
      response = await councillor.post('/ccfa/new', {
        organisationId: String(await organisationId('brackenshire-fire-and-rescue-service')),
        summary: 'Fly-tipping fires behind the Pennyfold shops',
        details: 'Three bin fires in a month.',
        stepsTaken: 'Asked the fire station and environmental services.',
        councillorId: String(await organisationId(police)), // ignored: a councillor raises their own
      });
      assert.equal(response.statusCode, 303);
      reference = /\/ccfa\/(CCFA-\d{4}-\d{3})$/.exec(String(response.headers.location))![1]!;
      assert.ok(reference.startsWith(`CCFA-${today.slice(0, 4)}-`));
      const saved = await db()
        .selectFrom('ccfa_cases')
        .innerJoin('people', 'people.id', 'ccfa_cases.councillor_person_id')
        .innerJoin('areas', 'areas.id', 'ccfa_cases.ward_id')
        .select([
          'people.name',
          'areas.name as ward',
          'ccfa_cases.status',
          'ccfa_cases.decision_due_on',
          'ccfa_cases.raised_on',
        ])
        .where('reference', '=', reference)
        .executeTakeFirstOrThrow();
      assert.deepEqual(saved, {
        name: 'Neil Trencher',
        ward: 'Pennyfold',
        status: 'raised',
        decision_due_on: addDays(today, 28),
        raised_on: today,
      });
      const page = await t.app.inject(`/ccfa/${reference}`);
      assert.match(
        page.body,
        new RegExp(
          `Raised by Councillor Neil Trencher about Brackenshire Fire and Rescue Service\\. Overview and scrutiny to decide whether to accept it by ${formatDate(addDays(today, 28))}\\.`,
        ),
      );
      assert.equal((await scrutiny.get('/ccfa/new')).statusCode, 403, 'scrutiny does not raise them');
      assert.equal((await officer.get('/ccfa/new')).statusCode, 403);
    });

    it('lets an administrator raise one on a councillor’s behalf, who must be a councillor', async () => {
      await admin.get('/ccfa/new');
      const fields = {
        organisationId: String(await organisationId('kelmsfield-homes')),
        summary: 'Repairs',
        details: 'Details',
        stepsTaken: 'Steps',
      };
      let response = await admin.post('/ccfa/new', fields);
      assert.equal(response.statusCode, 400);
      assert.match(errorSummary(response.body), /Choose the councillor raising the call for action/);
      const notCouncillor = await db()
        .selectFrom('people')
        .select('id')
        .where('slug', '=', 'helen-marsh')
        .executeTakeFirstOrThrow();
      response = await admin.post('/ccfa/new', { ...fields, councillorId: String(notCouncillor.id) });
      assert.match(errorSummary(response.body), /Choose a councillor from the list/);
      const amina = await db()
        .selectFrom('people')
        .select('id')
        .where('slug', '=', 'amina-yusuf')
        .executeTakeFirstOrThrow();
      response = await admin.post('/ccfa/new', { ...fields, councillorId: String(amina.id) });
      assert.equal(response.statusCode, 303);
      const page = await t.app.inject(String(response.headers.location));
      assert.match(
        page.body,
        /Amina Yusuf<\/a>, councillor for <a class="govuk-link" href="\/areas\/harlowen">Harlowen/,
      );
    });

    it('takes the case through every step in order, refusing steps out of turn', async () => {
      const before = await counts();
      const outOfTurn = await scrutiny.post(`/ccfa/${reference}/response`, {
        receivedOn: today,
        responseSummary: 'Too soon',
        version: '1',
      });
      assert.equal(outOfTurn.statusCode, 400);
      assert.match(
        errorSummary(outOfTurn.body),
        /“Record the partner’s response” cannot be recorded now: this call for action’s status is “Awaiting a decision”\. What can be done next: accept the call for action, or refuse the call for action\./,
      );
      assert.match(outOfTurn.body, /Too soon/, 'what was typed is kept');
      const notOpen = await scrutiny.get(`/ccfa/${reference}/hearing`);
      assert.equal(notOpen.statusCode, 303);
      assert.equal(notOpen.headers.location, `/ccfa/${reference}`);
      assert.match(
        (await scrutiny.get(`/ccfa/${reference}`)).body,
        /“Set the hearing date” cannot be recorded now/,
      );
      assert.deepEqual(await counts(), before);

      const step = async (page: string, form: Record<string, string>) => {
        const version = (
          await db()
            .selectFrom('ccfa_cases')
            .select('version')
            .where('reference', '=', reference)
            .executeTakeFirstOrThrow()
        ).version;
        const shown = await scrutiny.get(`/ccfa/${reference}/${page}`);
        assert.equal(shown.statusCode, 200, page);
        return scrutiny.post(`/ccfa/${reference}/${page}`, { ...form, version: String(version) });
      };
      let response = await step('decision', { decision: 'refuse', decidedOn: today });
      assert.equal(response.statusCode, 400);
      assert.match(
        errorSummary(response.body),
        /Enter why overview and scrutiny refused the call for action: the reason is published on the register/,
      );
      response = await step('decision', { decision: 'accept', decidedOn: addDays(today, 1) });
      assert.match(errorSummary(response.body), /The date must be today or earlier/);
      response = await step('decision', { decision: 'accept', decidedOn: addDays(today, -1) });
      assert.match(
        errorSummary(response.body),
        new RegExp(`The date must be on or after the date it was raised \\(${formatDate(today)}\\)`),
      );
      assert.deepEqual(await counts(), before, 'nothing saved by refused steps');
      response = await step('decision', { decision: 'accept', decidedOn: today, reason: '' });
      assert.equal(response.statusCode, 303);
      assert.equal(response.headers.location, `/ccfa/${reference}#timeline`);
      assert.equal(await count('ccfa_steps'), before.ccfa_steps + 1);
      assert.equal(await count('audit_entries'), before.audit_entries + 1);

      assert.equal(
        (await step('invitation', { invitedOn: today, note: 'The station manager is asked to attend' }))
          .statusCode,
        303,
      );
      const hearingOn = addDays(today, 14);
      assert.equal((await step('hearing', { hearingOn })).statusCode, 303);
      let page = await t.app.inject(`/ccfa/${reference}`);
      assert.match(page.body, new RegExp(`Hearing: ${formatDate(hearingOn)}`));
      response = await step('recommendations', {
        recommendations: 'Clear the bins',
        recommendationsOn: today,
        responseDueOn: addDays(today, 20),
      });
      assert.match(
        errorSummary(response.body),
        new RegExp(`The date must be on or after the hearing \\(${formatDate(hearingOn)}\\)`),
      );
      // The hearing was brought forward to today.
      assert.equal((await step('hearing', { hearingOn: today, note: 'Brought forward' })).statusCode, 303);
      const form = await scrutiny.get(`/ccfa/${reference}/recommendations`);
      assert.equal(inputValue(form.body, 'responseDueOn'), defaultResponseDueOn(today), '28 days unless set');
      response = await step('recommendations', {
        recommendations: 'Clear the bins **weekly**',
        recommendationsOn: today,
        responseDueOn: addDays(today, -1),
      });
      assert.match(
        errorSummary(response.body),
        /The response cannot be due before the recommendations were made/,
      );
      assert.equal(
        (
          await step('recommendations', {
            recommendations: 'Clear the bins **weekly**',
            recommendationsOn: today,
            responseDueOn: defaultResponseDueOn(today),
          })
        ).statusCode,
        303,
      );
      response = await step('response-due', { responseDueOn: addDays(today, 40), note: '' });
      assert.match(errorSummary(response.body), /Enter why the date has changed/);
      assert.equal(
        (
          await step('response-due', {
            responseDueOn: addDays(today, 40),
            note: 'The fire authority meets later',
          })
        ).statusCode,
        303,
      );
      page = await t.app.inject(`/ccfa/${reference}`);
      assert.match(page.body, new RegExp(`Response due: ${formatDate(addDays(today, 40))}`));
      assert.equal(
        (
          await step('response', {
            receivedOn: today,
            responseSummary: 'Bins cleared weekly from next month.',
          })
        ).statusCode,
        303,
      );
      assert.equal(
        (await step('close', { closedOn: today, outcome: '' })).statusCode,
        303,
        'no reason needed after the response',
      );
      page = await t.app.inject(`/ccfa/${reference}`);
      assert.match(page.body, />Closed<\/strong>/);
      const timeline = page.body.slice(page.body.indexOf('id="timeline"'));
      const lines = [...timeline.matchAll(/<strong>[^<]+<\/strong>: ([^<]+)<\/p>/g)].map((m) => m[1]);
      assert.deepEqual(lines, [
        `Raised by Councillor Neil Trencher about Brackenshire Fire and Rescue Service. Overview and scrutiny to decide whether to accept it by ${formatDate(addDays(today, 28))}.`,
        'Accepted by overview and scrutiny.',
        'Brackenshire Fire and Rescue Service asked to attend overview and scrutiny.',
        `Hearing set for ${formatDate(hearingOn)}.`,
        `Hearing set for ${formatDate(today)}.`,
        `Recommendations made. Brackenshire Fire and Rescue Service to respond by ${formatDate(defaultResponseDueOn(today))}.`,
        `The date for Brackenshire Fire and Rescue Service’s response changed to ${formatDate(addDays(today, 40))}.`,
        'Response received from Brackenshire Fire and Rescue Service.',
        'Closed.',
      ]);
      assert.match(
        page.body,
        /<strong>Clear the bins <strong>weekly<\/strong>|Clear the bins <strong>weekly<\/strong>/,
      );
      assert.doesNotMatch(page.body, /Naomi Threlfall/, 'officers’ names are not on the public page');
      const signedIn = await admin.get(`/ccfa/${reference}`);
      assert.match(signedIn.body, /id="history"[\s\S]*Naomi Threlfall/);
      assert.doesNotMatch(
        signedIn.body,
        /Three bin fires[\s\S]*id="history"[\s\S]*Three bin fires/,
        'the private account is not in the history',
      );
      const closed = await scrutiny.get(`/ccfa/${reference}/close`);
      assert.equal(closed.statusCode, 303);
      assert.match(
        (await scrutiny.get(`/ccfa/${reference}`)).body,
        /This call for action is closed, so no further steps can be recorded on it\./,
      );
    });

    it('asks why a case is closed before the partner has responded, and refuses a stale step', async () => {
      const awaiting = await db()
        .selectFrom('ccfa_cases')
        .selectAll()
        .where('status', '=', 'awaiting_response')
        .executeTakeFirstOrThrow();
      await scrutiny.get(`/ccfa/${awaiting.reference}/close`);
      let response = await scrutiny.post(`/ccfa/${awaiting.reference}/close`, {
        closedOn: today,
        outcome: '',
        version: String(awaiting.version),
      });
      assert.equal(response.statusCode, 400);
      assert.match(
        errorSummary(response.body),
        /Enter why the call for action is being closed before the partner has responded/,
      );
      response = await scrutiny.post(`/ccfa/${awaiting.reference}/response-due`, {
        responseDueOn: addDays(today, 30),
        note: 'Asked for more time',
        version: String(awaiting.version),
      });
      assert.equal(response.statusCode, 303);
      response = await scrutiny.post(`/ccfa/${awaiting.reference}/response-due`, {
        responseDueOn: addDays(today, 60),
        note: 'Asked for even more time',
        version: String(awaiting.version),
      });
      assert.equal(response.statusCode, 409);
      assert.match(response.body, /Someone else changed this while you were editing it/);
      assert.match(
        response.body,
        new RegExp(
          `Response due<\\/th>\\s*<td class="govuk-table__cell">${addDays(today, 30)}<\\/td><td class="govuk-table__cell">${addDays(today, 60)}<\\/td>`,
        ),
      );
      assert.match(response.body, /Asked for even more time/);
    });

    it('keeps the steps to overview and scrutiny, and raising to councillors', async () => {
      const raised = await db()
        .selectFrom('ccfa_cases')
        .select(['reference', 'version'])
        .where('status', '=', 'raised')
        .executeTakeFirstOrThrow();
      assert.equal((await councillor.get(`/ccfa/${raised.reference}/decision`)).statusCode, 403);
      await councillor.get('/manage');
      const before = await counts();
      const response = await councillor.post(`/ccfa/${raised.reference}/decision`, {
        decision: 'accept',
        decidedOn: today,
        version: String(raised.version),
      });
      assert.equal(response.statusCode, 403);
      assert.equal((await officer.get(`/ccfa/${raised.reference}/decision`)).statusCode, 403);
      assert.equal(
        (await t.app.inject(`/ccfa/${raised.reference}/decision`)).statusCode,
        303,
        'the public is asked to sign in',
      );
      assert.deepEqual(await counts(), before);
    });
  });
});
