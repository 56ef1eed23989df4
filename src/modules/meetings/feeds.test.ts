import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import ICAL from 'ical.js';
import { SaxesParser } from 'saxes';
import { createTestApp, Visitor, type TestApp } from '../../testing/test-app.ts';
import { demoPassword } from '../registry/demo-place.ts';
import { logins } from '../../testing/route-roles.ts';
import { inLondon, londonToUtc } from '../../domain/london-time.ts';
import { todayIso } from '../../platform/time.ts';

const base = 'https://lsp.example';

interface CalendarEvent {
  uid: string;
  sequence: number;
  start: string;
  end: string;
  stamp: string;
  lastModified: string;
  summary: string;
  location: string;
  url: string;
  status: string;
  description: string;
}

/** The calendar as Mozilla's parser reads it: its name and its events by UID. */
function readCalendar(body: string) {
  const calendar = new ICAL.Component(ICAL.parse(body));
  const text = (component: ICAL.Component, name: string) => String(component.getFirstPropertyValue(name));
  const instant = (component: ICAL.Component, name: string) =>
    (component.getFirstPropertyValue(name) as ICAL.Time).toJSDate().toISOString();
  const events = new Map<string, CalendarEvent>();
  for (const vevent of calendar.getAllSubcomponents('vevent'))
    events.set(text(vevent, 'uid'), {
      uid: text(vevent, 'uid'),
      sequence: Number(vevent.getFirstPropertyValue('sequence')),
      start: instant(vevent, 'dtstart'),
      end: instant(vevent, 'dtend'),
      stamp: instant(vevent, 'dtstamp'),
      lastModified: instant(vevent, 'last-modified'),
      summary: text(vevent, 'summary'),
      location: text(vevent, 'location'),
      url: text(vevent, 'url'),
      status: text(vevent, 'status'),
      description: text(vevent, 'description'),
    });
  return {
    name: text(calendar, 'x-wr-calname'),
    count: calendar.getAllSubcomponents('vevent').length,
    events,
  };
}

interface AtomEntry {
  title: string;
  id: string;
  link: string;
  updated: string;
  content: string;
}

/** Reads an Atom feed with a strict XML parser: anything that is not well-formed XML fails the test. */
function readAtom(body: string) {
  const parser = new SaxesParser({ xmlns: true });
  const entries: AtomEntry[] = [];
  const path: string[] = [];
  let root = '';
  let entry: Partial<AtomEntry> | null = null;
  let text = '';
  parser.on('error', (error) => {
    throw error;
  });
  parser.on('opentag', (tag) => {
    if (path.length === 0) root = `{${tag.uri}}${tag.local}`;
    path.push(tag.local);
    text = '';
    if (tag.local === 'entry') entry = {};
    if (entry && tag.local === 'link') entry.link = String(tag.attributes.href?.value ?? '');
  });
  parser.on('text', (t) => (text += t));
  parser.on('cdata', (t) => (text += t));
  parser.on('closetag', (tag) => {
    path.pop();
    if (entry && path.at(-1) === 'entry' && ['title', 'id', 'updated', 'content'].includes(tag.local))
      entry[tag.local as 'title' | 'id' | 'updated' | 'content'] = text;
    if (tag.local === 'entry') {
      entries.push(entry as AtomEntry);
      entry = null;
    }
  });
  parser.write(body).close();
  return { root, entries };
}

function addDays(day: string, days: number): string {
  return new Date(Date.parse(`${day}T12:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);
}

/** iCalendar times are to the second. */
const toSecond = (iso: string) => new Date(Math.floor(Date.parse(iso) / 1000) * 1000).toISOString();

describe('meetings feeds: iCalendar, Atom and Popolo events', () => {
  let t: TestApp;
  let admin: Visitor;
  let boardId: number;
  const db = () => t.database.db;
  const idFrom = (location: unknown) => Number(String(location).split('/').pop());

  before(async () => {
    t = await createTestApp({ env: { BASE_URL: base } });
    admin = new Visitor(t.app);
    await admin.signIn(logins.admin, demoPassword);
    boardId = (
      await db()
        .selectFrom('partnerships')
        .select('id')
        .where('slug', '=', 'kelmsfield-partnership-board')
        .executeTakeFirstOrThrow()
    ).id;
  });
  after(async () => t.close());

  const allMeetings = () =>
    db()
      .selectFrom('meetings')
      .innerJoin('partnerships', 'partnerships.id', 'meetings.partnership_id')
      .selectAll('meetings')
      .select(['partnerships.name as partnership_name', 'partnerships.slug as partnership_slug'])
      .orderBy('meetings.id')
      .execute();
  const meeting = (id: number) =>
    db().selectFrom('meetings').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
  const calendarOf = async (url: string) => {
    const response = await t.app.inject(url);
    assert.equal(response.statusCode, 200, url);
    assert.equal(response.headers['content-type'], 'text/calendar; charset=utf-8');
    return readCalendar(response.body);
  };

  /** Schedules a board meeting through the form, as the secretariat would. */
  async function schedule(fields: Record<string, string>) {
    await admin.get('/meetings/new');
    const response = await admin.post('/meetings/new', {
      partnershipId: String(boardId),
      title: 'Board meeting',
      date: addDays(todayIso(), 40),
      startTime: '10:00',
      endTime: '12:00',
      location: 'Town Hall',
      visibility: 'public',
      ...fields,
    });
    assert.equal(response.statusCode, 303, response.body.slice(0, 300));
    return idFrom(response.headers.location);
  }

  async function recordDecision(meetingId: number, resolution: string) {
    await admin.get(`/meetings/${meetingId}/decisions/new`);
    const response = await admin.post(`/meetings/${meetingId}/decisions/new`, {
      agendaItemId: '',
      resolution,
      outcome: 'agreed',
    });
    assert.equal(response.statusCode, 303, response.body.slice(0, 300));
  }

  describe('iCalendar', () => {
    it('has every meeting in /meetings.ics as an event with its UID, times in UTC, status and page', async () => {
      const calendar = await calendarOf('/meetings.ics');
      const meetings = await allMeetings();
      assert.ok(meetings.length >= 12, `${meetings.length} demo meetings`);
      assert.equal(calendar.name, 'Kelmsfield partnership meetings');
      assert.equal(calendar.count, meetings.length);
      for (const m of meetings) {
        const event = calendar.events.get(m.uid);
        assert.ok(event, `an event for ${m.title} on ${m.starts_at}`);
        assert.equal(event.start, m.starts_at);
        assert.equal(event.end, m.ends_at);
        assert.equal(event.sequence, 0);
        assert.equal(event.stamp, toSecond(m.updated_at));
        assert.equal(event.lastModified, toSecond(m.updated_at));
        assert.equal(event.summary, `${m.partnership_name}: ${m.title}`);
        assert.equal(event.location, m.location);
        assert.equal(event.url, `${base}/meetings/${m.id}`);
        assert.equal(event.status, 'CONFIRMED');
        assert.match(
          event.description,
          new RegExp(`Agenda, papers and decisions: ${base}/meetings/${m.id}$`),
        );
      }
      const online = calendar.events.get(meetings.find((m) => m.online_url)!.uid)!;
      assert.match(online.description, /Join online: https:\/\/meet\.kelmsfield\.example\/board/);
    });

    it('gives each partnership its own calendar, and a 404 page for one that does not exist', async () => {
      const calendar = await calendarOf('/partnerships/safer-kelmsfield-partnership/meetings.ics');
      const safer = (await allMeetings()).filter(
        (m) => m.partnership_slug === 'safer-kelmsfield-partnership',
      );
      assert.ok(safer.length >= 6);
      assert.equal(calendar.name, 'Safer Kelmsfield Partnership meetings');
      assert.deepEqual([...calendar.events.keys()].sort(), safer.map((m) => m.uid).sort());
      const missing = await t.app.inject('/partnerships/no-such-partnership/meetings.ics');
      assert.equal(missing.statusCode, 404);
      assert.match(missing.body, /Page not found/);
    });

    it('is kept in the public cache: a calendar app that asks again gets "not modified"', async () => {
      const first = await t.app.inject('/meetings.ics');
      assert.ok(first.headers.etag);
      const again = await t.app.inject({
        url: '/meetings.ics',
        headers: { 'if-none-match': String(first.headers.etag) },
      });
      assert.equal(again.statusCode, 304);
    });

    it('moves a meeting in calendars when its time changes: same UID, next SEQUENCE, new start', async () => {
      const upcoming = (await allMeetings()).find(
        (m) => m.partnership_slug === 'safer-kelmsfield-partnership' && m.status === 'scheduled',
      )!;
      const before = (await calendarOf('/meetings.ics')).events.get(upcoming.uid)!;
      const newDay = addDays(inLondon(upcoming.starts_at).date, 1);
      await admin.get(`/meetings/${upcoming.id}/edit`);
      const response = await admin.post(`/meetings/${upcoming.id}/edit`, {
        title: upcoming.title,
        date: newDay,
        startTime: '15:00',
        endTime: '16:30',
        location: upcoming.location ?? '',
        onlineUrl: upcoming.online_url ?? '',
        visibility: upcoming.visibility,
        version: String(upcoming.version),
      });
      assert.equal(response.statusCode, 303, response.body.slice(0, 300));
      const changed = await meeting(upcoming.id);
      assert.equal(changed.starts_at, londonToUtc(newDay, '15:00'));
      for (const url of ['/meetings.ics', '/partnerships/safer-kelmsfield-partnership/meetings.ics']) {
        const after = (await calendarOf(url)).events.get(upcoming.uid)!;
        assert.equal(after.uid, before.uid);
        assert.equal(after.sequence, before.sequence + 1);
        assert.equal(after.start, changed.starts_at);
        assert.notEqual(after.start, before.start);
        assert.equal(after.end, londonToUtc(newDay, '16:30'));
        assert.equal(after.lastModified, toSecond(changed.updated_at));
      }
    });

    it('marks a cancelled meeting CANCELLED and a postponed one TENTATIVE, each with the reason', async () => {
      const [cancelled, postponed] = (await allMeetings()).filter(
        (m) => m.partnership_slug === 'kelmsfield-partnership-board' && m.status === 'scheduled',
      );
      for (const [m, status, reason] of [
        [cancelled!, 'cancelled', 'Not quorate: too many apologies'],
        [postponed!, 'postponed', 'Waiting for the budget settlement'],
      ] as const) {
        await admin.get(`/meetings/${m.id}/status`);
        const response = await admin.post(`/meetings/${m.id}/status`, {
          status,
          reason,
          version: String(m.version),
        });
        assert.equal(response.statusCode, 303, response.body.slice(0, 300));
      }
      const events = (await calendarOf('/meetings.ics')).events;
      const gone = events.get(cancelled!.uid)!;
      assert.equal(gone.status, 'CANCELLED');
      assert.equal(gone.sequence, cancelled!.sequence + 1);
      assert.match(gone.description, /^Cancelled: Not quorate: too many apologies\n/);
      const later = events.get(postponed!.uid)!;
      assert.equal(later.status, 'TENTATIVE');
      assert.match(later.description, /^Postponed: Waiting for the budget settlement\n/);
    });

    it('lists a members-only meeting with no agenda and no joining link', async () => {
      const id = await schedule({
        title: 'Private session',
        visibility: 'members',
        location: 'Room 9',
        onlineUrl: 'https://meet.example/private-room',
      });
      await admin.get(`/meetings/${id}/items/new`);
      await admin.post(`/meetings/${id}/items/new`, { title: 'Confidential contract', purpose: 'decision' });
      await admin.post(`/meetings/${id}/publish`);
      const m = await meeting(id);
      const event = (await calendarOf('/meetings.ics')).events.get(m.uid)!;
      assert.equal(event.summary, 'Kelmsfield Partnership Board: Private session');
      assert.equal(event.location, 'Room 9');
      assert.equal(event.description, `Members only\nDetails: ${base}/meetings/${id}`);
      const body = (await t.app.inject('/meetings.ics')).body;
      assert.doesNotMatch(body, /Confidential contract|private-room/);
    });

    it('shows a meeting with no end time as two hours long', async () => {
      const id = await schedule({ title: 'Open-ended', endTime: '' });
      const m = await meeting(id);
      assert.equal(m.ends_at, null);
      const event = (await calendarOf('/meetings.ics')).events.get(m.uid)!;
      assert.equal(event.start, m.starts_at);
      assert.equal(Date.parse(event.end) - Date.parse(event.start), 2 * 60 * 60 * 1000);
    });
  });

  describe('Atom feed of decisions', () => {
    it('has the latest decisions of public meetings, and none of members-only meetings', async () => {
      const privateId = await schedule({ title: 'Closed session', visibility: 'members' });
      await recordDecision(privateId, 'Award the confidential contract to the preferred bidder.');
      // Text cannot break the feed: it is escaped as HTML, and characters XML forbids are dropped even
      // when they arrive some other way than a form (which drops them already).
      const held = (await allMeetings()).find((m) => m.partnership_id === boardId && m.status === 'held')!;
      await recordDecision(held.id, 'Fund <b>fish & chips</b> for volunteers at the summer fair.');
      await db()
        .updateTable('decisions')
        .set({ resolution: 'Fund <b>fish & chips</b> for volunteers\u000bat the summer fair.\uFFFE' })
        .where('resolution', 'like', 'Fund <b>fish%')
        .execute();

      const response = await t.app.inject('/decisions.atom');
      assert.equal(response.statusCode, 200);
      assert.equal(response.headers['content-type'], 'application/atom+xml; charset=utf-8');
      const feed = readAtom(response.body);
      assert.equal(feed.root, '{http://www.w3.org/2005/Atom}feed');

      const decisions = await db()
        .selectFrom('decisions')
        .innerJoin('meetings', 'meetings.id', 'decisions.meeting_id')
        .leftJoin('agenda_items', 'agenda_items.id', 'decisions.agenda_item_id')
        .select([
          'decisions.id',
          'decisions.reference',
          'decisions.resolution',
          'decisions.updated_at',
          'decisions.meeting_id',
          'meetings.visibility',
          'meetings.title as meeting_title',
          'agenda_items.title as item_title',
        ])
        .execute();
      const open = decisions.filter((d) => d.visibility === 'public');
      assert.ok(open.length >= 8 && open.length <= 50, `${open.length} public decisions`);
      assert.equal(feed.entries.length, open.length);
      for (const d of open) {
        const entry = feed.entries.find((e) => e.title.startsWith(`${d.reference}: `));
        assert.ok(entry, `an entry for ${d.reference}`);
        assert.equal(entry.title, `${d.reference}: ${d.item_title ?? d.meeting_title}`);
        assert.equal(entry.link, `${base}/meetings/${d.meeting_id}#decisions`);
        assert.equal(entry.updated, d.updated_at);
        assert.match(entry.id, /^tag:[^,]+@placeshaper,\d{4}-\d{2}-\d{2}:decision\/\d+$/);
        assert.ok(entry.id.endsWith(`:decision/${d.id}`));
      }
      assert.equal(new Set(feed.entries.map((e) => e.id)).size, feed.entries.length, 'ids are unique');

      const secret = decisions.find((d) => d.visibility === 'members')!;
      assert.ok(!feed.entries.some((e) => e.title.startsWith(secret.reference)));
      assert.doesNotMatch(response.body, /confidential contract/);

      const fair = feed.entries.find((e) => e.content.includes('summer fair'))!;
      assert.match(
        fair.content,
        /<p>Fund &lt;b&gt;fish &amp; chips&lt;\/b&gt; for volunteersat the summer fair\.<\/p>/,
      );
      assert.match(fair.content, /<p>Outcome: Agreed\.<\/p>/);

      const again = readAtom((await t.app.inject('/decisions.atom')).body);
      assert.deepEqual(
        again.entries.map((e) => e.id),
        feed.entries.map((e) => e.id),
        'the same decisions keep the same ids',
      );
    });
  });

  describe('Popolo events', () => {
    it('publishes every meeting as an event of its partnership, with who attended the public ones', async () => {
      // Attendance of a members-only meeting is recorded, but stays out of the open data.
      const privateId = await schedule({ title: 'Members briefing', visibility: 'members' });
      const seat = await db()
        .selectFrom('memberships')
        .select('id')
        .where('partnership_id', '=', boardId)
        .where('role', '=', 'member')
        .executeTakeFirstOrThrow();
      const now = new Date().toISOString();
      await db()
        .insertInto('attendance')
        .values({
          meeting_id: privateId,
          membership_id: seat.id,
          status: 'present',
          substitute_person_id: null,
          substitute_organisation_id: null,
          created_at: now,
          updated_at: now,
        })
        .execute();

      const response = await t.app.inject('/api/v1/popolo.json');
      assert.equal(response.statusCode, 200);
      const doc = response.json() as {
        events: {
          id: string;
          name: string;
          start_date: string;
          end_date?: string;
          status: string;
          organization_id: string;
          open_to_public: boolean;
          attendees?: { id: string; role: string }[];
        }[];
        persons: { id: string }[];
        organizations: { id: string }[];
      };
      const meetings = await allMeetings();
      assert.equal(doc.events.length, meetings.length);
      const persons = new Set(doc.persons.map((p) => p.id));
      const organizations = new Set(doc.organizations.map((o) => o.id));
      const attendance = await db()
        .selectFrom('attendance')
        .innerJoin('memberships', 'memberships.id', 'attendance.membership_id')
        .select([
          'attendance.meeting_id',
          'attendance.status',
          'attendance.substitute_person_id',
          'memberships.person_id',
        ])
        .execute();
      let substitutes = 0;
      for (const m of meetings) {
        const event = doc.events.find((e) => e.id === `meeting/${m.id}`)!;
        assert.ok(event, `an event for meeting ${m.id}`);
        assert.equal(event.name, m.title);
        assert.equal(event.start_date, m.starts_at.replace('.000Z', 'Z'));
        assert.equal(event.status, m.status);
        assert.equal(event.organization_id, `partnership/${m.partnership_id}`);
        assert.ok(organizations.has(event.organization_id));
        if (m.visibility !== 'public') {
          assert.equal(event.open_to_public, false);
          assert.equal(event.attendees, undefined, `no attendees for members-only ${m.title}`);
          continue;
        }
        const expected = attendance
          .filter((a) => a.meeting_id === m.id && (a.status === 'present' || a.status === 'substituted'))
          .map((a) =>
            a.status === 'present'
              ? { id: `person/${a.person_id}`, role: 'member' }
              : { id: `person/${a.substitute_person_id}`, role: 'substitute' },
          );
        const key = (a: { id: string; role: string }) => `${a.role} ${a.id}`;
        assert.deepEqual((event.attendees ?? []).map(key).sort(), expected.map(key).sort(), m.title);
        for (const a of event.attendees ?? []) assert.ok(persons.has(a.id), `${a.id} is a person`);
        substitutes += expected.filter((a) => a.role === 'substitute').length;
      }
      assert.ok(
        doc.events.some((e) => (e.attendees?.length ?? 0) >= 4),
        'the held demo meetings have attendees',
      );
      assert.ok(substitutes > 0, 'the demo has substitutes');
      assert.equal(doc.events.find((e) => e.id === `meeting/${privateId}`)?.attendees, undefined);
    });
  });
});
