import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import type { AddressInfo } from 'node:net';
import { simpleParser } from 'mailparser';
import { SMTPServer } from 'smtp-server';
import { createTestApp, Visitor, type TestApp } from '../../testing/test-app.ts';
import { demoPassword } from '../registry/demo-place.ts';
import { logins } from '../../testing/route-roles.ts';
import { todayIso } from '../../platform/time.ts';

const pdf = Buffer.from(
  '%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n',
  'latin1',
);

function addDays(day: string, days: number): string {
  return new Date(Date.parse(`${day}T12:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);
}

const idFrom = (location: unknown) => Number(String(location).split('/').pop());

async function outboxMessages(t: TestApp) {
  const folder = t.app.config.mail.outboxDirectory;
  if (!fs.existsSync(folder)) return [];
  return Promise.all(
    fs
      .readdirSync(folder)
      .sort()
      .map(async (name) => simpleParser(fs.readFileSync(path.join(folder, name)))),
  );
}
const addressesOf = (messages: Awaited<ReturnType<typeof outboxMessages>>) =>
  messages.flatMap((m) => [m.to].flat().flatMap((a) => a?.value.map((v) => v.address ?? '') ?? []));

async function scheduleBoardMeeting(t: TestApp, admin: Visitor, title: string, date: string) {
  const board = await t.database.db
    .selectFrom('partnerships')
    .select('id')
    .where('slug', '=', 'kelmsfield-partnership-board')
    .executeTakeFirstOrThrow();
  await admin.get('/meetings/new');
  const response = await admin.post('/meetings/new', {
    partnershipId: String(board.id),
    title,
    date,
    startTime: '10:00',
    endTime: '12:00',
    location: 'Town Hall',
    visibility: 'public',
  });
  assert.equal(response.statusCode, 303, response.body.slice(0, 300));
  return idFrom(response.headers.location);
}

/** The e-mail addresses of a meeting's seat holders, as the reminders should find them. */
async function seatHolderAddresses(t: TestApp, meetingId: number) {
  const meeting = await t.database.db
    .selectFrom('meetings')
    .select(['partnership_id', 'starts_at'])
    .where('id', '=', meetingId)
    .executeTakeFirstOrThrow();
  const day = meeting.starts_at.slice(0, 10);
  const rows = await t.database.db
    .selectFrom('memberships')
    .innerJoin('people', 'people.id', 'memberships.person_id')
    .select(['people.email'])
    .where('memberships.partnership_id', '=', meeting.partnership_id)
    .where('memberships.role', 'in', ['chair', 'vice_chair', 'member'])
    .where('memberships.starts_on', '<=', day)
    .where((eb) => eb.or([eb('memberships.ends_on', 'is', null), eb('memberships.ends_on', '>=', day)]))
    .execute();
  return [...new Set(rows.map((r) => r.email).filter((e): e is string => !!e))].sort();
}

describe('reminders by e-mail and members’ apologies', () => {
  let t: TestApp;
  let admin: Visitor;
  let member: Visitor;
  let meetingId: number;
  const db = () => t.database.db;
  const sent = (kind: string, subjectId: number) =>
    db()
      .selectFrom('reminders_sent')
      .select('recipient')
      .where('kind', '=', kind)
      .where('subject_id', '=', subjectId)
      .orderBy('recipient')
      .execute()
      .then((rows) => rows.map((r) => r.recipient));

  before(async () => {
    t = await createTestApp();
    admin = new Visitor(t.app);
    await admin.signIn(logins.admin, demoPassword);
    member = new Visitor(t.app);
    await member.signIn(logins.member, demoPassword);
    meetingId = await scheduleBoardMeeting(t, admin, 'Winter board', addDays(todayIso(), 8));
    await admin.get(`/meetings/${meetingId}/items/new`);
    const item = await admin.post(`/meetings/${meetingId}/items/new`, {
      purpose: 'decision',
      title: 'Winter pressures plan',
    });
    assert.equal(item.statusCode, 303, item.body.slice(0, 300));
  });
  after(async () => t.close());

  it('sends every seat holder the agenda and papers once, when they are published', async () => {
    const before = await outboxMessages(t);
    await admin.get(`/meetings/${meetingId}`);
    const published = await admin.post(`/meetings/${meetingId}/publish`);
    assert.equal(published.statusCode, 303);
    await t.app.services.reminders.settled();

    const expected = await seatHolderAddresses(t, meetingId);
    assert.ok(expected.length >= 5, 'the board has members with e-mail addresses');
    assert.deepEqual(await sent('papers_published', meetingId), expected);
    const messages = (await outboxMessages(t)).slice(before.length);
    const papers = messages.filter((m) => m.subject?.startsWith('Agenda and papers: Winter board'));
    assert.deepEqual(addressesOf(papers).sort(), expected);
    const text = papers[0]!.text ?? '';
    assert.match(text, /1\. Winter pressures plan \(For decision\)/i);
    assert.match(text, new RegExp(`/meetings/${meetingId}/apologies`));
    assert.match(text, /Where: Town Hall/);

    // Within ten days of the meeting, the same people are asked to send apologies if they cannot come.
    assert.deepEqual(await sent('apologies_requested', meetingId), expected);

    // A second sweep finds nothing new to send.
    const count = (await outboxMessages(t)).length;
    const again = await t.app.services.reminders.sendDue();
    assert.equal((await outboxMessages(t)).length, count);
    assert.equal(again.failed, 0);
    assert.deepEqual(await sent('papers_published', meetingId), expected);
  });

  it('tells members of a paper added after the agenda went out, and only of that paper', async () => {
    await admin.get(`/meetings/${meetingId}/papers/new`);
    const response = await admin.postMultipart(
      `/meetings/${meetingId}/papers/new`,
      { title: 'Late costings', access: 'public', agendaItemId: '' },
      { name: 'file', filename: 'late-costings.pdf', content: pdf, contentType: 'application/pdf' },
    );
    assert.equal(response.statusCode, 303, response.body.slice(0, 300));
    await t.app.services.reminders.settled();
    const paper = await db()
      .selectFrom('papers')
      .select('id')
      .where('title', '=', 'Late costings')
      .executeTakeFirstOrThrow();
    assert.deepEqual(await sent('paper_added', paper.id), await seatHolderAddresses(t, meetingId));
    const messages = await outboxMessages(t);
    assert.ok(messages.some((m) => m.subject === 'Paper added: Late costings, for Winter board'));
  });

  it('lets a member send apologies with a substitute, keeps their answer when something is missing, and withdraw them', async () => {
    let page = await member.get(`/meetings/${meetingId}`);
    assert.match(page.body, /Send your apologies/);
    page = await member.get(`/meetings/${meetingId}/apologies`);
    assert.equal(page.statusCode, 200);
    assert.match(page.body, /Can you come\?/);

    const missing = await member.post(`/meetings/${meetingId}/apologies`, { answer: 'substitute' });
    assert.equal(missing.statusCode, 400);
    assert.match(missing.body, /Choose who from your organisation will come in your place/);
    assert.match(missing.body, /value="substitute" checked/);
    const none = await member.post(`/meetings/${meetingId}/apologies`, {});
    assert.equal(none.statusCode, 400);
    assert.match(none.body, /Choose whether you can come/);

    const user = await db()
      .selectFrom('users')
      .select('person_id')
      .where('email', '=', logins.member)
      .executeTakeFirstOrThrow();
    const seat = await db()
      .selectFrom('memberships')
      .innerJoin('partnerships', 'partnerships.id', 'memberships.partnership_id')
      .select(['memberships.id', 'memberships.organisation_id'])
      .where('memberships.person_id', '=', user.person_id!)
      .where('partnerships.slug', '=', 'kelmsfield-partnership-board')
      .executeTakeFirstOrThrow();
    // A colleague from the same organisation who can come in the member's place.
    const colleague = await db()
      .insertInto('people')
      .values({
        name: 'Priya Colleague',
        slug: 'priya-colleague',
        email: 'priya.colleague@kelmsfield-chamber.example',
        councillor: 0,
        ward_id: null,
        councillor_role: null,
        party: null,
        created_at: new Date().toISOString(),
        updated_at: new Date().toISOString(),
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    await db()
      .insertInto('affiliations')
      .values({
        person_id: colleague.id,
        organisation_id: seat.organisation_id!,
        position: 'Policy officer',
        created_at: new Date().toISOString(),
      })
      .execute();

    await member.get(`/meetings/${meetingId}/apologies`);
    const withSubstitute = await member.post(`/meetings/${meetingId}/apologies`, {
      answer: 'substitute',
      substituteId: String(colleague.id),
    });
    assert.equal(withSubstitute.statusCode, 303);
    page = await member.get(`/meetings/${meetingId}`);
    assert.match(page.body, /Priya Colleague will come in your place/);
    const recorded = await db()
      .selectFrom('attendance')
      .selectAll()
      .where('meeting_id', '=', meetingId)
      .where('membership_id', '=', seat.id)
      .executeTakeFirstOrThrow();
    assert.equal(recorded.status, 'substituted');
    assert.equal(recorded.substitute_person_id, colleague.id);

    page = await member.get(`/meetings/${meetingId}/apologies`);
    assert.match(page.body, /You have already sent apologies for this meeting, and named a substitute/);
    const withdrawn = await member.post(`/meetings/${meetingId}/apologies`, { answer: 'coming' });
    assert.equal(withdrawn.statusCode, 303);
    assert.equal(
      await db()
        .selectFrom('attendance')
        .select('id')
        .where('meeting_id', '=', meetingId)
        .where('membership_id', '=', seat.id)
        .executeTakeFirst(),
      undefined,
    );
  });

  it('does not ask a member who has already sent apologies whether they can come', async () => {
    const nextId = await scheduleBoardMeeting(t, admin, 'Extra board', addDays(todayIso(), 9));
    await member.get(`/meetings/${nextId}/apologies`);
    const response = await member.post(`/meetings/${nextId}/apologies`, { answer: 'apologies' });
    assert.equal(response.statusCode, 303);
    await t.app.services.reminders.sendDue();
    const asked = await sent('apologies_requested', nextId);
    assert.ok(asked.length > 0);
    assert.ok(!asked.includes(logins.member), 'the member who sent apologies is not asked');
    const others = (await seatHolderAddresses(t, nextId)).filter((a) => a !== logins.member);
    assert.deepEqual(asked, others);
  });

  it('refuses apologies for a meeting that has been held, in words', async () => {
    const held = await db()
      .selectFrom('meetings')
      .innerJoin('partnerships', 'partnerships.id', 'meetings.partnership_id')
      .select('meetings.id')
      .where('partnerships.slug', '=', 'kelmsfield-partnership-board')
      .where('meetings.status', '=', 'held')
      .executeTakeFirstOrThrow();
    const page = await member.get(`/meetings/${held.id}/apologies`);
    assert.match(page.body, /This meeting has started or been held/);
    const response = await member.post(`/meetings/${held.id}/apologies`, { answer: 'apologies' });
    assert.equal(response.statusCode, 400);
    assert.match(response.body, /This meeting has started or been held/);
  });

  it('reminds the person accountable for an action a week before it is due, and not once it is done', async () => {
    const person = await db()
      .selectFrom('people')
      .select(['id', 'email'])
      .where('email', 'is not', null)
      .orderBy('id')
      .executeTakeFirstOrThrow();
    const now = new Date().toISOString();
    const action = (title: string, dueOn: string, status: string) =>
      db()
        .insertInto('actions')
        .values({
          title,
          description: null,
          priority_id: null,
          target_id: null,
          organisation_id: null,
          person_id: person.id,
          cash_pence: null,
          staff_fte: null,
          in_kind: null,
          starts_on: null,
          due_on: dueOn,
          status,
          completed_on: status === 'completed' ? todayIso() : null,
          created_at: now,
          updated_at: now,
        })
        .returning('id')
        .executeTakeFirstOrThrow();
    const soon = await action('Open the warm space in Pennyfold', addDays(todayIso(), 3), 'on_track');
    const done = await action('Print the warm spaces leaflet', addDays(todayIso(), 2), 'completed');
    const later = await action('Review the warm spaces', addDays(todayIso(), 30), 'not_started');
    await t.app.services.reminders.sendDue();
    assert.deepEqual(await sent('action_due', soon.id), [person.email]);
    assert.deepEqual(await sent('action_due', done.id), []);
    assert.deepEqual(await sent('action_due', later.id), []);
    const message = (await outboxMessages(t)).find((m) =>
      m.subject?.endsWith('Open the warm space in Pennyfold'),
    );
    assert.ok(message, 'the reminder was written to the outbox');
    assert.match(message.text ?? '', new RegExp(`/actions/${soon.id}`));
  });

  it('lists the reminders sent, and where mail goes, for the administrator', async () => {
    const page = await admin.get('/admin/meetings');
    assert.equal(page.statusCode, 200);
    assert.match(page.body, /E-mail goes to files in .*\(SMTP_URL is not set\)/);
    assert.match(page.body, /Latest reminders sent/);
    assert.match(page.body, /Action due soon/);
    assert.match(page.body, /Agenda and papers published<\/th>\s*<td[^>]*>[1-9]\d*<\/td>/);
  });
});

describe('reminders over a mail server that refuses a message', () => {
  let t: TestApp;
  let server: SMTPServer;
  let refuse = true;
  const delivered: { to: string; subject: string }[] = [];

  before(async () => {
    server = new SMTPServer({
      authOptional: true,
      disabledCommands: ['STARTTLS'],
      logger: false,
      onRcptTo(_address, _session, callback) {
        if (refuse) callback(new Error('Try again later'));
        else callback();
      },
      onData(stream, session, callback) {
        void simpleParser(stream).then((parsed) => {
          for (const r of session.envelope.rcptTo)
            delivered.push({ to: r.address, subject: parsed.subject ?? '' });
          callback();
        }, callback);
      },
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const port = (server.server.address() as AddressInfo).port;
    t = await createTestApp({ env: { SMTP_URL: `smtp://127.0.0.1:${port}` } });
  });
  after(async () => {
    await t.close();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  });

  it('keeps a refused reminder to try again, then sends it exactly once', async () => {
    const admin = new Visitor(t.app);
    await admin.signIn(logins.admin, demoPassword);
    const meetingId = await scheduleBoardMeeting(t, admin, 'Spring board', addDays(todayIso(), 20));
    await admin.get(`/meetings/${meetingId}/items/new`);
    await admin.post(`/meetings/${meetingId}/items/new`, { purpose: 'information', title: 'Updates' });
    await admin.get(`/meetings/${meetingId}`);
    await admin.post(`/meetings/${meetingId}/publish`);
    await t.app.services.reminders.settled();
    const recorded = () =>
      t.database.db
        .selectFrom('reminders_sent')
        .select('recipient')
        .where('kind', '=', 'papers_published')
        .where('subject_id', '=', meetingId)
        .execute();
    assert.deepEqual(await recorded(), [], 'a refused reminder is not recorded as sent');
    assert.equal(delivered.length, 0, 'nothing was delivered while the server refused');

    refuse = false;
    const result = await t.app.services.reminders.sendDue();
    assert.equal(result.failed, 0);
    const expected = await seatHolderAddresses(t, meetingId);
    const papersFor = () =>
      delivered
        .filter((d) => d.subject.startsWith('Agenda and papers: Spring board'))
        .map((d) => d.to)
        .sort();
    assert.deepEqual(papersFor(), expected);
    assert.equal((await recorded()).length, expected.length);
    await t.app.services.reminders.sendDue();
    assert.deepEqual(papersFor(), expected, 'each sent once');
    assert.equal(fs.existsSync(t.app.config.mail.outboxDirectory), false, 'nothing went to the outbox');
  });
});
