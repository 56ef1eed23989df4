import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { createTestApp, Visitor, type TestApp } from '../../testing/test-app.ts';
import { demoPassword } from '../registry/demo-place.ts';
import { logins } from '../../testing/route-roles.ts';
import { readCsv } from '../../platform/csv.ts';
import { todayIso } from '../../platform/time.ts';

function addDays(day: string, days: number): string {
  return new Date(Date.parse(`${day}T12:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);
}

/** The visible text of a page's main content, tags and runs of spaces taken out. */
function mainText(html: string): string {
  const main = html.slice(html.indexOf('<main'), html.indexOf('</main>'));
  return main
    .replace(/<[^>]+>/g, ' ')
    .replace(/&#39;|&rsquo;/g, '’')
    .replace(/\s+/g, ' ');
}

/**
 * The measures of a partnership set up here, whose records are all made through the
 * secretariat's forms: four seats (two of them the council's), a meeting a month ago
 * with one member present in person, one substitute, one apology and one more present,
 * a meeting more than a year ago that everyone came to, and a members-only meeting last
 * week that nobody came to.
 */
describe('attendance and balance measures', () => {
  let t: TestApp;
  let admin: Visitor;
  const db = () => t.database.db;
  const today = todayIso();
  const slug = 'measures-test-partnership';
  let recent: number;
  let old: number;
  let membersOnly: number;
  let seatOf: Record<'council1' | 'police' | 'council2' | 'vcs', string>;
  /** Names of the organisations, and of the members in each seat. */
  const org: Record<'council' | 'police' | 'vcs', string> = { council: '', police: '', vcs: '' };
  const member: Record<string, string> = {};

  const idFrom = (location: unknown) => Number(String(location).split('/').pop());
  const publicPage = async (url: string) => {
    const response = await t.app.inject(url);
    assert.equal(response.statusCode, 200, `${url}: ${response.statusCode}`);
    return mainText(response.body);
  };

  async function ok(response: { statusCode: number; body: string }, what: string) {
    assert.equal(response.statusCode, 303, `${what}: ${response.body.slice(0, 400)}`);
  }

  async function schedule(date: string, visibility = 'public') {
    await admin.get(`/meetings/new?partnership=${slug}`);
    const partnership = await db()
      .selectFrom('partnerships')
      .select('id')
      .where('slug', '=', slug)
      .executeTakeFirstOrThrow();
    const response = await admin.post('/meetings/new', {
      partnershipId: String(partnership.id),
      title: 'Measures meeting',
      date,
      startTime: '10:00',
      endTime: '12:00',
      location: 'Town Hall',
      visibility,
    });
    await ok(response, 'schedule');
    return idFrom(response.headers.location);
  }

  async function markHeld(meetingId: number) {
    const meeting = await db()
      .selectFrom('meetings')
      .select('version')
      .where('id', '=', meetingId)
      .executeTakeFirstOrThrow();
    await admin.get(`/meetings/${meetingId}/status`);
    await ok(
      await admin.post(`/meetings/${meetingId}/status`, { status: 'held', version: String(meeting.version) }),
      'mark held',
    );
  }

  async function recordAttendance(meetingId: number, answers: Record<string, string>) {
    await admin.get(`/meetings/${meetingId}/attendance`);
    await ok(await admin.post(`/meetings/${meetingId}/attendance`, answers), 'attendance');
  }

  before(async () => {
    t = await createTestApp();
    admin = new Visitor(t.app);
    await admin.signIn(logins.admin, demoPassword);
    const organisations = await db()
      .selectFrom('organisations')
      .select(['id', 'slug', 'name', 'sector'])
      .where('slug', 'in', ['kelmsfield-borough-council', 'brackenshire-constabulary'])
      .execute();
    const council = organisations.find((o) => o.slug === 'kelmsfield-borough-council')!;
    const police = organisations.find((o) => o.slug === 'brackenshire-constabulary')!;
    const vcs = await db()
      .selectFrom('organisations')
      .select(['id', 'name'])
      .where('sector', '=', 'voluntary_community')
      .orderBy('id')
      .executeTakeFirstOrThrow();
    org.council = council.name;
    org.police = police.name;
    org.vcs = vcs.name;
    const people = await db().selectFrom('people').select(['id', 'name']).orderBy('id').limit(5).execute();
    assert.equal(people.length, 5);

    await admin.get('/partnerships/new');
    for (const name of ['Measures Test Partnership', 'Quiet Test Group'])
      await ok(await admin.post('/partnerships/new', { name, status: 'active' }), `set up ${name}`);
    const seats = [
      ['council1', people[0]!, council.id],
      ['police', people[1]!, police.id],
      ['council2', people[2]!, council.id],
      ['vcs', people[3]!, vcs.id],
    ] as const;
    for (const [key, person, organisationId] of seats) {
      member[key] = person.name;
      await admin.get(`/partnerships/${slug}/members/new`);
      await ok(
        await admin.post(`/partnerships/${slug}/members/new`, {
          personId: String(person.id),
          role: 'member',
          organisationId: String(organisationId),
          startsOn: '2020-01-01',
        }),
        `seat for ${person.name}`,
      );
    }
    const memberships = await db()
      .selectFrom('memberships')
      .innerJoin('partnerships', 'partnerships.id', 'memberships.partnership_id')
      .select(['memberships.id', 'memberships.person_id'])
      .where('partnerships.slug', '=', slug)
      .execute();
    seatOf = Object.fromEntries(
      seats.map(([key, person]) => [key, `seat-${memberships.find((m) => m.person_id === person.id)!.id}`]),
    ) as typeof seatOf;
    const substitute = people[4]!;

    // A month ago: two items presented by the council and one by the police, one decision.
    recent = await schedule(addDays(today, -30));
    const items = [
      ['Housing plan', 'decision', council.id],
      ['Community safety', 'discussion', council.id],
      ['Police performance', 'information', police.id],
    ] as const;
    for (const [title, purpose, organisationId] of items) {
      await admin.get(`/meetings/${recent}/items/new`);
      await ok(
        await admin.post(`/meetings/${recent}/items/new`, {
          title,
          purpose,
          presenterOrganisationId: String(organisationId),
        }),
        `item ${title}`,
      );
    }
    await admin.get(`/meetings/${recent}`);
    await ok(await admin.post(`/meetings/${recent}/publish`), 'publish');
    await recordAttendance(recent, {
      [seatOf.council1]: 'present',
      [seatOf.police]: 'substituted',
      [`substitute-${seatOf.police.slice(5)}`]: String(substitute.id),
      [seatOf.council2]: 'apologies',
      [seatOf.vcs]: 'present',
    });
    const item = await db()
      .selectFrom('agenda_items')
      .select('id')
      .where('meeting_id', '=', recent)
      .where('purpose', '=', 'decision')
      .executeTakeFirstOrThrow();
    await admin.get(`/meetings/${recent}/decisions/new`);
    await ok(
      await admin.post(`/meetings/${recent}/decisions/new`, {
        agendaItemId: String(item.id),
        resolution: 'Adopt the housing plan',
        outcome: 'agreed',
        action1Title: 'Publish the housing plan',
        action1OrganisationId: String(council.id),
        action1DueOn: addDays(today, -5),
      }),
      'decision',
    );

    // More than a year ago: everyone came.
    old = await schedule(addDays(today, -400));
    await recordAttendance(old, {
      [seatOf.council1]: 'present',
      [seatOf.police]: 'present',
      [seatOf.council2]: 'present',
      [seatOf.vcs]: 'present',
    });
    await markHeld(old);

    // Last week, members only: nobody came.
    membersOnly = await schedule(addDays(today, -7), 'members');
    await recordAttendance(membersOnly, {
      [seatOf.council1]: 'absent',
      [seatOf.police]: 'absent',
      [seatOf.council2]: 'absent',
      [seatOf.vcs]: 'absent',
    });
    await markHeld(membersOnly);
  });
  after(async () => t.close());

  it('counts a meeting only once it is marked as held, and the public page shows it at once', async () => {
    const before = await publicPage(`/health-check?partnership=${slug}`);
    assert.match(before, /Measures Test Partnership has not held any meetings in the last 12 months\./);
    await markHeld(recent);
    const afterwards = await publicPage(`/health-check?partnership=${slug}`);
    assert.doesNotMatch(afterwards, /has not held any meetings/);
    assert.match(afterwards, /Seats filled 3 of 4 seats \(75%\) at 1 meeting with attendance recorded/);
  });

  it('shows the last 12 months: attendance, substitutes, empty seats, the member in person and the agenda', async () => {
    const page = await publicPage(`/health-check?partnership=${slug}&window=year`);
    assert.match(page, /Filled by a substitute 1 of 4 seats \(25%\)/);
    assert.match(page, /Seats left empty 1 of 4 seats \(25%\): 1 apology/);
    assert.match(page, /Member came in person 2 of 3 filled seats \(67%\)/);
    assert.match(
      page,
      /Agenda items 1 of 3 items \(33%\) for decision, 1 for discussion \(33%\), 1 for information \(33%\)/,
    );
    assert.match(page, /Decisions per hour of meeting 0\.5: 1 decision in 2 hours/);
    assert.match(page, /Actions arising done on time 0 of 1 actions arising due so far \(0%\)/);
    assert.match(
      page,
      new RegExp(`One organisation, ${org.council}, presents 67% of items \\(highly concentrated\\)`),
    );
    assert.match(
      page,
      new RegExp(`One organisation, ${org.council}, holds 50% of seats \\(highly concentrated\\)`),
    );
    assert.match(page, /Public meetings only\./);
  });

  it('counts an organisation’s seats and its meetings separately, and each member’s attendance', async () => {
    const page = await publicPage(`/health-check?partnership=${slug}`);
    // The council filled one of its two seats, so it was at the meeting.
    const councilRow = new RegExp(
      `${org.council} 1 of 2 seats \\(50%\\) 1 of 1 meetings \\(100%\\) 0 of 2 seats \\(0%\\) 1 of 2 seats \\(50%\\): 1 apology 1 of 1 filled seats \\(100%\\)`,
    );
    assert.match(page, councilRow);
    assert.match(
      page,
      new RegExp(`${org.police} 1 of 1 seats \\(100%\\) 1 of 1 meetings \\(100%\\) 1 of 1 seats \\(100%\\)`),
    );
    assert.match(
      page,
      new RegExp(
        `${member.council2} ${org.council} 0 of 1 meetings \\(0%\\) 0 of 1 meetings \\(0%\\) 1 of 1 meetings \\(100%\\): 1 apology`,
      ),
    );
    assert.match(
      page,
      new RegExp(`${member.police} ${org.police} 0 of 1 meetings \\(0%\\) 1 of 1 meetings \\(100%\\) None`),
    );
  });

  it('changes the figures with the window: all time adds the meeting of more than a year ago', async () => {
    const page = await publicPage(`/health-check?partnership=${slug}&window=all`);
    assert.match(page, /Seats filled 7 of 8 seats \(88%\) at 2 meetings with attendance recorded/);
    assert.match(page, /Member came in person 6 of 7 filled seats \(86%\)/);
    assert.match(page, new RegExp(`${org.council} 3 of 4 seats \\(75%\\) 2 of 2 meetings \\(100%\\)`));
    // The radios say which window is shown, without JavaScript.
    const html = (await t.app.inject(`/health-check?partnership=${slug}&window=all`)).body;
    assert.match(html, /name="window" type="radio" value="all" checked/);
  });

  it('counts members-only meetings only for those who may see them', async () => {
    const signedIn = mainText((await admin.get(`/health-check?partnership=${slug}`)).body);
    assert.match(signedIn, /Seats filled 3 of 8 seats \(38%\) at 2 meetings with attendance recorded/);
    assert.match(signedIn, /Includes the members-only meetings you may see/);
    const open = await publicPage(`/health-check?partnership=${slug}`);
    assert.match(open, /Seats filled 3 of 4 seats \(75%\) at 1 meeting/);
  });

  it('puts the headline on the partnership’s page, and says in words when there are no meetings', async () => {
    const page = await publicPage(`/partnerships/${slug}`);
    assert.match(page, /How this partnership works/);
    assert.match(page, /Seats filled 3 of 4 seats \(75%\)/);
    assert.match(page, /Member came in person 2 of 3 filled seats \(67%\)/);
    assert.match(page, new RegExp(`One organisation, ${org.council}, presents 67% of items`));
    assert.match(page, /The full health check of Measures Test Partnership/);

    const quiet = await publicPage('/partnerships/quiet-test-group');
    assert.match(quiet, /Quiet Test Group has not held any meetings in the last 12 months\./);
    assert.doesNotMatch(quiet, /Seats filled/);
    const allTime = await publicPage('/health-check?partnership=quiet-test-group&window=all');
    assert.match(allTime, /Quiet Test Group has not held any meetings yet\./);
    const place = await publicPage('/health-check');
    assert.match(place, /partnerships held no meetings in the last 12 months: [^.]*Quiet Test Group/);
    assert.match(place, /Measures Test Partnership 1 3 of 4 seats \(75%\)/);
  });

  it('gives an unknown partnership a 404', async () => {
    assert.equal((await t.app.inject('/health-check?partnership=no-such-partnership')).statusCode, 404);
  });

  it('downloads the same figures as CSV, a row for the partnership, each sector, organisation and member', async () => {
    const response = await t.app.inject(`/health-check.csv?partnership=${slug}&window=year`);
    assert.equal(response.statusCode, 200);
    assert.match(String(response.headers['content-type']), /^text\/csv/);
    assert.match(
      String(response.headers['content-disposition']),
      new RegExp(`${slug}-health-check-last-12-months\\.csv`),
    );
    const { rows } = readCsv(response.body);
    const byName = (a: string, b: string) => a.localeCompare(b, 'en-GB');
    assert.deepEqual(
      rows.map((r) => `${r.group}: ${r.name}`),
      [
        'partnership: Measures Test Partnership',
        'sector: Public sector',
        'sector: Voluntary and community',
        ...Object.values(org)
          .sort(byName)
          .map((n) => `organisation: ${n}`),
        ...Object.values(member)
          .sort(byName)
          .map((n) => `person: ${n}`),
      ],
    );
    const partnership = rows[0]!;
    assert.equal(partnership['seats at meetings'], '4');
    assert.equal(partnership['seats filled (%)'], '75');
    assert.equal(partnership['seats filled by a substitute (%)'], '25');
    assert.equal(partnership['seats left empty'], '1');
    assert.equal(partnership['filled seats taken by the member in person (%)'], '66.7');
    assert.equal(partnership['decisions per hour'], '0.5');
    assert.equal(partnership['items for decision (%)'], '33.3');
    const council = rows.find((r) => r.group === 'organisation' && r.name === org.council)!;
    assert.equal(council['seats filled (%)'], '50');
    assert.equal(council['meetings attended by the organisation'], '1');
    assert.equal(council['meetings the organisation had a seat at'], '1');
    const allTime = readCsv((await t.app.inject(`/health-check.csv?partnership=${slug}&window=all`)).body);
    assert.equal(allTime.rows[0]!['seats at meetings'], '8');
    assert.equal(allTime.rows[0]!.window, 'All time');
  });
});
