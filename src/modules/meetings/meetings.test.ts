import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import JSZip from 'jszip';
import ExcelJS from 'exceljs';
import { createTestApp, Visitor, type TestApp } from '../../testing/test-app.ts';
import { demoPassword } from '../registry/demo-place.ts';
import { logins } from '../../testing/route-roles.ts';
import { todayIso } from '../../platform/time.ts';

const pdf = Buffer.from(
  '%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n',
  'latin1',
);

async function docx(): Promise<Buffer> {
  const zip = new JSZip();
  zip.file(
    '[Content_Types].xml',
    '<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>',
  );
  zip.file(
    'word/document.xml',
    '<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"/>',
  );
  return zip.generateAsync({ type: 'nodebuffer' });
}

async function xlsx(): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  workbook.addWorksheet('Figures').addRow(['Quarter', 'Value']);
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

function addDays(day: string, days: number): string {
  return new Date(Date.parse(`${day}T12:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);
}

describe('meetings, papers, attendance, decisions and minutes', () => {
  let t: TestApp;
  let admin: Visitor;
  let boardId: number;
  const db = () => t.database.db;
  const errorsOn = (body: string) =>
    [...body.matchAll(/<a href="#[^"]*">([^<]*)<\/a>/g)].map((m) => m[1]!.replace(/&#39;|&rsquo;|’/g, "'"));

  before(async () => {
    t = await createTestApp();
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

  async function schedule(fields: Record<string, string>) {
    await admin.get('/meetings/new');
    return admin.post('/meetings/new', {
      partnershipId: String(boardId),
      title: 'Board meeting',
      startTime: '10:00',
      endTime: '12:00',
      location: 'Town Hall',
      visibility: 'public',
      ...fields,
    });
  }
  const idFrom = (location: unknown) => Number(String(location).split('/').pop());

  async function addItem(meetingId: number, fields: Record<string, string | string[]>) {
    await admin.get(`/meetings/${meetingId}/items/new`);
    const response = await admin.post(`/meetings/${meetingId}/items/new`, { purpose: 'decision', ...fields });
    assert.equal(response.statusCode, 303, response.body.slice(0, 300));
  }

  async function upload(
    meetingId: number,
    fields: Record<string, string>,
    file: { filename: string; content: Buffer | string },
  ) {
    await admin.get(`/meetings/${meetingId}/papers/new`);
    return admin.postMultipart(
      `/meetings/${meetingId}/papers/new`,
      { access: 'public', ...fields },
      {
        name: 'file',
        contentType: 'application/octet-stream',
        ...file,
      },
    );
  }

  describe('scheduling', () => {
    it('stores a summer meeting in UTC and shows it in UK time', async () => {
      const response = await schedule({ date: '2027-07-01', title: 'Summer board' });
      assert.equal(response.statusCode, 303);
      const meeting = await db()
        .selectFrom('meetings')
        .selectAll()
        .where('id', '=', idFrom(response.headers.location))
        .executeTakeFirstOrThrow();
      assert.equal(meeting.starts_at, '2027-07-01T09:00:00.000Z');
      const page = await t.app.inject(`/meetings/${meeting.id}`);
      assert.match(page.body, /1 July 2027, 10:00am to 12:00/);
    });

    it('refuses a time the clocks skip, and a meeting with nowhere to meet, keeping what was typed', async () => {
      const skipped = await schedule({ date: '2027-03-28', startTime: '01:30', title: 'Night owls' });
      assert.equal(skipped.statusCode, 400);
      assert.match(skipped.body, /01:30 does not happen in London on 28 March 2027: the clocks go forward/);
      assert.match(skipped.body, /value="Night owls"/);
      const nowhere = await schedule({ date: '2027-07-08', location: '', title: 'Nowhere' });
      assert.equal(nowhere.statusCode, 400);
      assert.ok(
        errorsOn(nowhere.body).includes('Enter where the meeting is held, or an online link, or both'),
      );
      const badLink = await schedule({ date: '2027-07-08', onlineUrl: 'javascript:alert(1)' });
      assert.equal(badLink.statusCode, 400);
      assert.match(badLink.body, /starting https:\/\//);
      assert.equal(
        (
          await db()
            .selectFrom('meetings')
            .select('id')
            .where('title', 'in', ['Night owls', 'Nowhere'])
            .execute()
        ).length,
        0,
      );
    });
  });

  describe('agenda and papers', () => {
    let meetingId: number;
    before(async () => {
      // A meeting in three days: its five clear working days have passed, so what is published now is late.
      meetingId = idFrom((await schedule({ date: addDays(todayIso(), 3), title: 'Soon' })).headers.location);
      await addItem(meetingId, { title: 'Budget' });
      await addItem(meetingId, { title: 'Performance report', purpose: 'information' });
    });

    it('keeps the agenda private until published, then marks late papers', async () => {
      const before = await t.app.inject(`/meetings/${meetingId}`);
      assert.doesNotMatch(before.body, /Budget/);
      assert.match(before.body, /To be published by/);
      const paper = await upload(
        meetingId,
        { title: 'Budget report' },
        { filename: 'budget.pdf', content: pdf },
      );
      assert.equal(paper.statusCode, 303);
      assert.equal((await admin.post(`/meetings/${meetingId}/publish`)).statusCode, 303);
      const after = await t.app.inject(`/meetings/${meetingId}`);
      assert.match(after.body, /1\. Budget/);
      assert.match(after.body, /Budget report/);
      assert.match(after.body, /Late paper/);
      assert.match(
        after.body,
        /id="publication">Published[^<]*<strong class="govuk-tag govuk-tag--orange">Late<\/strong>/,
      );
    });

    it('lets the public download a public paper, and only see the title of a restricted one', async () => {
      await upload(
        meetingId,
        { title: 'Word briefing' },
        { filename: 'briefing.docx', content: await docx() },
      );
      await upload(
        meetingId,
        { title: 'Figures', access: 'restricted' },
        { filename: 'figures.xlsx', content: await xlsx() },
      );
      const papers = await db()
        .selectFrom('papers')
        .selectAll()
        .where('meeting_id', '=', meetingId)
        .orderBy('id')
        .execute();
      assert.deepEqual(
        papers.map((p) => [p.title, p.content_type.split('.').pop(), p.access]),
        [
          ['Budget report', 'application/pdf', 'public'],
          ['Word briefing', 'document', 'public'],
          ['Figures', 'sheet', 'restricted'],
        ],
      );
      const open = await t.app.inject(`/meetings/${meetingId}/papers/${papers[0]!.id}`);
      assert.equal(open.statusCode, 200);
      assert.equal(open.headers['content-type'], 'application/pdf');
      assert.ok(open.rawPayload.equals(pdf), 'the file comes back as uploaded');
      const restricted = await t.app.inject(`/meetings/${meetingId}/papers/${papers[2]!.id}`);
      assert.equal(restricted.statusCode, 404);
      const page = await t.app.inject(`/meetings/${meetingId}`);
      assert.match(page.body, /Figures <span class="govuk-body-s">\(restricted to members\)<\/span>/);
      assert.equal((await admin.get(`/meetings/${meetingId}/papers/${papers[2]!.id}`)).statusCode, 200);
    });

    it('refuses a wrong type, a renamed program, a path in the name, a file with macros and an oversize file', async () => {
      const before = await db().selectFrom('papers').select('id').execute();
      const macroZip = new JSZip();
      macroZip.file(
        '[Content_Types].xml',
        '<Types><Default ContentType="application/vnd.ms-excel.sheet.macroEnabled.main+xml"/></Types>',
      );
      macroZip.file('xl/workbook.xml', '<workbook/>');
      macroZip.file('xl/vbaProject.bin', 'macro');
      const cases: [string, Buffer | string, string][] = [
        [
          'notes.txt',
          'plain text',
          'The file must be a PDF, a Word document (.docx) or an Excel workbook (.xlsx)',
        ],
        [
          'report.pdf',
          Buffer.concat([Buffer.from('MZ'), Buffer.alloc(100)]),
          'The file is a program, not a document: only PDF, Word and Excel files can be papers',
        ],
        ['report.pdf', 'just text pretending', 'The file is called report.pdf but is not a PDF'],
        [
          '../../etc/report.pdf',
          pdf,
          'The file name must be just a name, like agenda-item-4.pdf, without a folder path',
        ],
        [
          'C:\\Users\\clerk\\report.pdf',
          pdf,
          'The file name must be just a name, like agenda-item-4.pdf, without a folder path',
        ],
        [
          'figures.xlsx',
          await macroZip.generateAsync({ type: 'nodebuffer' }),
          'The file contains macros: save it without macros (as .docx or .xlsx) and upload it again',
        ],
        [
          'huge.pdf',
          Buffer.concat([pdf, Buffer.alloc(20 * 1024 * 1024 + 10)]),
          'The file must be smaller than 20 MB',
        ],
      ];
      for (const [filename, content, message] of cases) {
        const response = await upload(meetingId, { title: 'Typed title' }, { filename, content });
        assert.equal(response.statusCode, 400, filename);
        assert.ok(
          errorsOn(response.body).includes(message),
          `${filename}: ${errorsOn(response.body).join(' | ')}`,
        );
        assert.match(response.body, /value="Typed title"/, 'keeps what was typed');
      }
      assert.equal(
        (await db().selectFrom('papers').select('id').execute()).length,
        before.length,
        'nothing saved',
      );
    });
  });

  describe('attendance, quorum, decisions and minutes', () => {
    let first: number;
    let second: number;
    before(async () => {
      first = idFrom(
        (await schedule({ date: addDays(todayIso(), -30), title: 'Earlier meeting' })).headers.location,
      );
      second = idFrom(
        (await schedule({ date: addDays(todayIso(), -2), title: 'Later meeting' })).headers.location,
      );
      await addItem(first, { title: 'Housing strategy' });
    });

    const seatsOf = async (meetingId: number) => {
      const form = await admin.get(`/meetings/${meetingId}/attendance`);
      return [...new Set([...form.body.matchAll(/name="seat-(\d+)"/g)].map((m) => m[1]!))];
    };

    it('asks for a substitute’s name and keeps the answers, then checks the quorum', async () => {
      const seats = await seatsOf(first);
      assert.ok(seats.length >= 6, `${seats.length} seats`);
      const answers: Record<string, string> = Object.fromEntries(seats.map((s) => [`seat-${s}`, 'present']));
      answers[`seat-${seats[0]}`] = 'substituted';
      const missing = await admin.post(`/meetings/${first}/attendance`, answers);
      assert.equal(missing.statusCode, 400);
      assert.match(missing.body, /Choose who attended in place of/);
      assert.match(
        missing.body,
        new RegExp(`name="seat-${seats[0]}" type="radio" value="substituted" checked`),
      );
      const substitute = await db()
        .selectFrom('people')
        .select('id')
        .orderBy('id', 'desc')
        .executeTakeFirstOrThrow();
      answers[`substitute-${seats[0]}`] = String(substitute.id);
      // Everyone else sends apologies: too few seats represented.
      for (const s of seats.slice(2)) answers[`seat-${s}`] = 'apologies';
      assert.equal((await admin.post(`/meetings/${first}/attendance`, answers)).statusCode, 303);
      const page = await t.app.inject(`/meetings/${first}`);
      assert.match(
        page.body,
        /<strong class="govuk-tag govuk-tag--red">Not quorate<\/strong> Not quorate: 2 of \d+ seats represented but at least 6 are needed/,
      );
      for (const s of seats) answers[`seat-${s}`] = 'present';
      answers[`seat-${seats[0]}`] = 'substituted';
      assert.equal((await admin.post(`/meetings/${first}/attendance`, answers)).statusCode, 303);
      assert.match((await t.app.inject(`/meetings/${first}`)).body, /govuk-tag--green">Quorate<\/strong>/);
      const rows = await db().selectFrom('attendance').selectAll().where('meeting_id', '=', first).execute();
      assert.equal(rows.length, seats.length, 'one row per seat, updated rather than added again');
    });

    it('records a decision whose actions arising join the action plan, and finds it in the register', async () => {
      const item = await db()
        .selectFrom('agenda_items')
        .select('id')
        .where('meeting_id', '=', first)
        .executeTakeFirstOrThrow();
      const organisation = await db()
        .selectFrom('organisations')
        .select('id')
        .orderBy('id')
        .executeTakeFirstOrThrow();
      await admin.get(`/meetings/${first}/decisions/new`);
      const bad = await admin.post(`/meetings/${first}/decisions/new`, {
        agendaItemId: String(item.id),
        resolution: 'Adopt the housing strategy',
        outcome: 'agreed',
        votesFor: '9',
        action1Title: 'Publish the housing strategy',
      });
      assert.equal(bad.statusCode, 400);
      assert.deepEqual(errorsOn(bad.body), [
        'Enter all three vote counts (use 0 where there were none), or leave all three blank',
        'Action 1: enter the date it is due',
      ]);
      const saved = await admin.post(`/meetings/${first}/decisions/new`, {
        agendaItemId: String(item.id),
        resolution: 'Adopt the housing strategy',
        outcome: 'agreed',
        votesFor: '9',
        votesAgainst: '1',
        votesAbstaining: '0',
        action1Title: 'Publish the housing strategy',
        action1OrganisationId: String(organisation.id),
        action1DueOn: addDays(todayIso(), 60),
      });
      assert.equal(saved.statusCode, 303);
      const decision = await db()
        .selectFrom('decisions')
        .selectAll()
        .where('meeting_id', '=', first)
        .executeTakeFirstOrThrow();
      assert.match(decision.reference, /^KPB\/\d{4}\/\d{2}$/);
      const action = await db()
        .selectFrom('actions')
        .selectAll()
        .where('decision_id', '=', decision.id)
        .executeTakeFirstOrThrow();
      assert.equal(action.title, 'Publish the housing strategy');
      assert.match((await t.app.inject(`/actions/${action.id}`)).body, /Publish the housing strategy/);
      const page = await t.app.inject(`/meetings/${first}`);
      assert.match(page.body, /9 for, 1 against, 0 abstaining/);
      const found = await t.app.inject(
        '/decisions?q=HOUSING+strategy&partnership=kelmsfield-partnership-board',
      );
      assert.match(found.body, /id="found">1 decision found/);
      assert.match(found.body, new RegExp(decision.reference));
      const none = await t.app.inject(`/decisions?q=housing&to=${addDays(todayIso(), -60)}`);
      assert.match(none.body, /id="found">0 decisions found/);
    });

    it('keeps draft minutes from the public, approves them at the next meeting, then locks them', async () => {
      await admin.get(`/meetings/${first}/minutes`);
      assert.equal((await admin.post(`/meetings/${first}/minutes`, { body: 'First draft' })).statusCode, 303);
      const draft = await db()
        .selectFrom('minutes')
        .selectAll()
        .where('meeting_id', '=', first)
        .executeTakeFirstOrThrow();
      assert.equal(
        (
          await admin.post(`/meetings/${first}/minutes`, {
            body: 'Second draft',
            version: String(draft.version),
          })
        ).statusCode,
        303,
      );
      assert.doesNotMatch((await t.app.inject(`/meetings/${first}`)).body, /Second draft/);
      await addItem(second, { title: 'Minutes of the last meeting', approvesMinutesOfId: String(first) });
      const item = await db()
        .selectFrom('agenda_items')
        .select('id')
        .where('meeting_id', '=', second)
        .executeTakeFirstOrThrow();
      await admin.get(`/meetings/${second}`);
      assert.equal(
        (await admin.post(`/meetings/${second}/items/${item.id}/approve-minutes`)).statusCode,
        303,
      );
      const published = await t.app.inject(`/meetings/${first}`);
      assert.match(published.body, /Second draft/);
      assert.match(published.body, /Approved/);
      await admin.get(`/meetings/${first}/minutes`);
      const locked = await admin.post(`/meetings/${first}/minutes`, { body: 'Rewritten', version: '99' });
      assert.equal(locked.statusCode, 400);
      assert.match(locked.body, /These minutes have been approved and can no longer be changed/);
      const revisions = await db()
        .selectFrom('minutes_revisions')
        .select(['body', 'status'])
        .where('minutes_id', '=', draft.id)
        .orderBy('id')
        .execute();
      assert.deepEqual(
        revisions.map((r) => [r.body, r.status]),
        [
          ['First draft', 'draft'],
          ['Second draft', 'draft'],
          ['Second draft', 'approved'],
        ],
      );
    });
  });

  describe('members-only meetings and declarations', () => {
    it('shows a members-only meeting’s agenda to its members only, and lets a member declare only their own interests', async () => {
      const response = await schedule({
        date: addDays(todayIso(), 20),
        title: 'Private session',
        visibility: 'members',
      });
      const id = idFrom(response.headers.location);
      await addItem(id, { title: 'Confidential contract' });
      await admin.post(`/meetings/${id}/publish`);
      assert.doesNotMatch((await t.app.inject(`/meetings/${id}`)).body, /Confidential contract/);
      const member = new Visitor(t.app);
      await member.signIn(logins.member, demoPassword);
      assert.match((await member.get(`/meetings/${id}`)).body, /Confidential contract/);
      const item = await db()
        .selectFrom('agenda_items')
        .select('id')
        .where('meeting_id', '=', id)
        .executeTakeFirstOrThrow();
      const user = await db()
        .selectFrom('users')
        .select('person_id')
        .where('email', '=', logins.member)
        .executeTakeFirstOrThrow();
      const other = await db()
        .selectFrom('people')
        .select('id')
        .where('id', '!=', user.person_id!)
        .executeTakeFirstOrThrow();
      await member.get(`/meetings/${id}/declarations/new`);
      const notMine = await member.post(`/meetings/${id}/declarations/new`, {
        agendaItemId: String(item.id),
        personId: String(other.id),
        kind: 'pecuniary',
        description: 'Owns the company',
      });
      assert.equal(notMine.statusCode, 400);
      assert.match(notMine.body, /You can declare only your own interests/);
      const mine = await member.post(`/meetings/${id}/declarations/new`, {
        agendaItemId: String(item.id),
        personId: String(user.person_id),
        kind: 'non_pecuniary',
        description: 'Trustee of a bidder',
        withdrew: 'yes',
      });
      assert.equal(mine.statusCode, 303);
      assert.match(
        (await member.get(`/meetings/${id}`)).body,
        /Trustee of a bidder \(took no part in this item\)/,
      );
    });
  });

  describe('the place’s rule for publishing papers', () => {
    it('accepts whole numbers of clear working days and refuses the rest', async () => {
      await admin.get('/admin/meetings');
      const bad = await admin.post('/admin/meetings', { clearDays: 'five' });
      assert.equal(bad.statusCode, 400);
      assert.match(bad.body, /whole number from 0 to 30/);
      assert.match(bad.body, /value="five"/);
      assert.equal((await admin.post('/admin/meetings', { clearDays: '3' })).statusCode, 303);
      assert.equal(await t.app.services.meetings.clearDays(), 3);
    });
  });

  describe('the demo place', () => {
    it('has a year of meetings with attendance, decisions, actions arising and approved minutes', async () => {
      const calendar = await t.app.inject('/meetings?when=past&partnership=safer-kelmsfield-partnership');
      assert.equal(calendar.statusCode, 200);
      assert.ok((calendar.body.match(/href="\/meetings\/\d+"/g) ?? []).length >= 4);
      const approved = await db()
        .selectFrom('minutes')
        .select('id')
        .where('status', '=', 'approved')
        .execute();
      assert.ok(approved.length >= 6, `${approved.length} approved minutes`);
      const arising = await db()
        .selectFrom('actions')
        .select('id')
        .where('decision_id', 'is not', null)
        .execute();
      assert.ok(arising.length >= 6, `${arising.length} actions arising`);
    });
  });
});
