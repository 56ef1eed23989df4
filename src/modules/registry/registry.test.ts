import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { createTestApp, Visitor, type TestApp } from '../../testing/test-app.ts';
import { demoPassword } from './demo-place.ts';

describe('the registry', () => {
  let t: TestApp;
  let admin: Visitor;
  before(async () => {
    t = await createTestApp();
    admin = new Visitor(t.app);
    await admin.signIn('admin@kelmsfield.example', demoPassword);
  });
  after(async () => t.close());

  const count = async (
    table: 'organisations' | 'people' | 'partnerships' | 'memberships' | 'areas' | 'audit_entries',
  ) => (await t.database.db.selectFrom(table).select('id').execute()).length;

  describe('the demo place', () => {
    it('has a board, at least six thematic partnerships with sub-groups, 40+ organisations, 80+ people and 12 wards', async () => {
      const db = t.database.db;
      const partnerships = await db.selectFrom('partnerships').selectAll().execute();
      const board = partnerships.filter((p) => p.parent_id === null);
      assert.equal(board.length, 1);
      const thematic = partnerships.filter((p) => p.parent_id === board[0]!.id);
      assert.ok(thematic.length >= 6);
      assert.ok(
        thematic.every((p) => partnerships.some((c) => c.parent_id === p.id)),
        'every thematic partnership has sub-groups',
      );
      assert.ok((await count('organisations')) >= 40);
      assert.ok((await count('people')) >= 80);
      assert.equal(
        (await db.selectFrom('areas').select('id').where('kind', '=', 'ward').execute()).length,
        12,
      );
      const sectors = new Set(
        (await db.selectFrom('organisations').select('sector').execute()).map((o) => o.sector),
      );
      assert.equal(sectors.size, 5);
    });
  });

  describe('partnerships', () => {
    it('lists partnerships as a tree with their sector mix, and as CSV and JSON', async () => {
      const page = await t.app.inject('/partnerships');
      assert.match(page.body, /Safer Kelmsfield Partnership/);
      assert.match(page.body, /seats: \d+ public/);
      const csv = await t.app.inject('/partnerships.csv');
      assert.equal(csv.headers['content-type'], 'text/csv; charset=utf-8');
      assert.match(csv.body, /^\uFEFFid,name,short name,reports to,statutory/);
      assert.match(csv.body, /Safer Kelmsfield Partnership,.*,Kelmsfield Partnership Board,yes/);
      const json = (await t.app.inject('/api/v1/partnerships')).json() as {
        partnerships: { name: string; statutory: boolean }[];
      };
      assert.ok(json.partnerships.find((p) => p.name === 'Safer Kelmsfield Partnership')?.statutory);
    });

    it('shows a partnership with its members, past members, terms of reference and its part of the map', async () => {
      const page = await t.app.inject('/partnerships/safer-kelmsfield-partnership');
      assert.equal(page.statusCode, 200);
      assert.match(page.body, /<h1 class="govuk-heading-l">Safer Kelmsfield Partnership<\/h1>/);
      assert.match(page.body, /Susan Pettifer<\/a><\/td>\s*<td class="govuk-table__cell">Chair/);
      assert.match(page.body, /Past members/);
      assert.match(page.body, /Crime and Disorder Act 1998/);
      assert.match(page.body, /<svg[^>]*aria-labelledby="[^"]+"/);
      assert.match(page.body, /href="\/partnerships\/kelmsfield-partnership-board"/);
      assert.doesNotMatch(
        page.body,
        /@kelmsfield\.example|@brackenshire/,
        'no email addresses on public pages',
      );
      const csv = await t.app.inject('/partnerships/safer-kelmsfield-partnership/members.csv');
      assert.match(csv.body, /^\uFEFFname,role,representing,sector,starts on,ends on,current,web page\n/);
      assert.match(csv.body, /Susan Pettifer,Chair,[^,]+,Public sector,[\d-]+,,yes,\/people\/susan-pettifer/);
      assert.match(csv.body, /,no,\/people\//, 'past members too');
      assert.doesNotMatch(csv.body, /@/);
    });

    it('sets up a thematic partnership with a member, recording both in the history', async () => {
      const before = await count('partnerships');
      const board = await t.database.db
        .selectFrom('partnerships')
        .select('id')
        .where('parent_id', 'is', null)
        .executeTakeFirstOrThrow();
      await admin.get('/partnerships/new');
      let response = await admin.post('/partnerships/new', {
        name: '',
        parentId: String(board.id),
        status: 'active',
        theme: 'Digital inclusion',
      });
      assert.equal(response.statusCode, 400);
      assert.match(response.body, /Enter the name of the partnership/);
      assert.match(response.body, /value="Digital inclusion"/, 'keeps what was typed');
      assert.equal(await count('partnerships'), before, 'nothing saved');

      response = await admin.post('/partnerships/new', {
        name: 'Digital Inclusion Partnership',
        parentId: String(board.id),
        status: 'active',
        theme: 'Digital inclusion',
        statutory: 'yes',
        termsOfReference:
          '## Purpose\n\nGet **everyone** online.\n\n<script>alert(1)</script><img src=x onerror=alert(2)>',
      });
      assert.equal(response.statusCode, 303);
      assert.equal(response.headers.location, '/partnerships/digital-inclusion-partnership');
      const page = await admin.get('/partnerships/digital-inclusion-partnership');
      assert.match(page.body, /Digital Inclusion Partnership has been set up/);
      assert.match(page.body, /<strong>everyone<\/strong>/);
      assert.doesNotMatch(page.body, /<script>alert|onerror=/, 'rich text is sanitised');

      const person = await t.database.db
        .selectFrom('people')
        .select(['id', 'name'])
        .where('slug', '=', 'adebayo-coker')
        .executeTakeFirstOrThrow();
      const council = await t.database.db
        .selectFrom('organisations')
        .select('id')
        .where('type', '=', 'council')
        .executeTakeFirstOrThrow();
      await admin.get('/partnerships/digital-inclusion-partnership/members/new');
      response = await admin.post('/partnerships/digital-inclusion-partnership/members/new', {
        personId: String(person.id),
        role: 'chair',
        organisationId: String(council.id),
        startsOn: '2026-13-01',
      });
      assert.match(response.body, /The date the membership starts must be a real date/);
      response = await admin.post('/partnerships/digital-inclusion-partnership/members/new', {
        personId: String(person.id),
        role: 'chair',
        organisationId: String(council.id),
        startsOn: '2026-04-01',
      });
      assert.equal(response.statusCode, 303);
      const withMember = await admin.get('/partnerships/digital-inclusion-partnership');
      assert.match(
        withMember.body,
        new RegExp(`${person.name}</a></td>\\s*<td class="govuk-table__cell">Chair`),
      );
      assert.match(
        withMember.body,
        /Public sector/,
        'the seat takes the sector of the organisation it represents',
      );
      assert.match(withMember.body, /joined Digital Inclusion Partnership as chair/);
      assert.match(withMember.body, /Set up Digital Inclusion Partnership/);

      const structure = await t.app.inject('/structure');
      assert.match(structure.body, /href="\/partnerships\/digital-inclusion-partnership"/);
    });

    it('ends a seat, keeping it as a past membership', async () => {
      const seat = await t.database.db
        .selectFrom('memberships')
        .innerJoin('partnerships', 'partnerships.id', 'memberships.partnership_id')
        .innerJoin('people', 'people.id', 'memberships.person_id')
        .select(['memberships.id', 'memberships.version', 'memberships.starts_on', 'people.name'])
        .where('partnerships.slug', '=', 'kelmsfield-housing-partnership')
        .where('memberships.ends_on', 'is', null)
        .where('memberships.role', '=', 'member')
        .executeTakeFirstOrThrow();
      const url = `/partnerships/kelmsfield-housing-partnership/members/${seat.id}`;
      await admin.get(`${url}/edit`);
      let response = await admin.post(`${url}/end`, { version: String(seat.version), endsOn: '1999-01-01' });
      assert.equal(response.statusCode, 400);
      assert.match(response.body, /The end date must be on or after the start date/);
      assert.match(response.body, /href="#endSeatOn"/, 'the message links to the end date field');
      assert.match(
        response.body,
        /id="endSeatOn" name="endsOn" type="text" value="1999-01-01"/,
        'keeps what was typed',
      );
      response = await admin.post(`${url}/end`, { version: String(seat.version), endsOn: '2026-01-31' });
      assert.equal(response.statusCode, 303);
      const page = await t.app.inject('/partnerships/kelmsfield-housing-partnership');
      const past = page.body.slice(page.body.indexOf('Past members'));
      assert.match(past, new RegExp(seat.name));
      assert.match(past, /31 January 2026/);
    });

    it('refuses to make a partnership report to its own sub-group', async () => {
      const safer = await t.database.db
        .selectFrom('partnerships')
        .selectAll()
        .where('slug', '=', 'safer-kelmsfield-partnership')
        .executeTakeFirstOrThrow();
      const child = await t.database.db
        .selectFrom('partnerships')
        .select('id')
        .where('parent_id', '=', safer.id)
        .executeTakeFirstOrThrow();
      await admin.get('/partnerships/safer-kelmsfield-partnership/edit');
      const response = await admin.post('/partnerships/safer-kelmsfield-partnership/edit', {
        name: safer.name,
        parentId: String(child.id),
        status: 'active',
        version: String(safer.version),
      });
      assert.equal(response.statusCode, 400);
      assert.match(response.body, /cannot report to itself or to one of its own sub-groups/);
    });

    it('asks for the date and the partnership when a partnership is marked merged', async () => {
      const housing = await t.database.db
        .selectFrom('partnerships')
        .selectAll()
        .where('slug', '=', 'kelmsfield-housing-partnership')
        .executeTakeFirstOrThrow();
      await admin.get('/partnerships/kelmsfield-housing-partnership/edit');
      const response = await admin.post('/partnerships/kelmsfield-housing-partnership/edit', {
        name: housing.name,
        parentId: String(housing.parent_id),
        status: 'merged',
        version: String(housing.version),
      });
      assert.equal(response.statusCode, 400);
      assert.match(response.body, /Choose the partnership it merged into/);
      assert.match(response.body, /Enter the date the partnership was merged/);
    });
  });

  describe('editing a record someone else has just changed', () => {
    it('does not overwrite: it shows what changed, keeps my input, and saves on a second, informed submit', async () => {
      const police = await t.database.db
        .selectFrom('organisations')
        .selectAll()
        .where('slug', '=', 'brackenshire-constabulary')
        .executeTakeFirstOrThrow();
      const form = {
        name: police.name,
        sector: police.sector,
        type: police.type,
        namedPartner: 'yes',
        areaId: String(police.area_id),
        version: String(police.version),
      };
      const ward = await t.database.db
        .selectFrom('areas')
        .select(['id', 'name'])
        .where('kind', '=', 'ward')
        .executeTakeFirstOrThrow();
      const secretariat = new Visitor(t.app);
      await secretariat.signIn('helen.marsh@kelmsfield.example', demoPassword);
      await secretariat.get('/organisations/brackenshire-constabulary/edit');
      await admin.get('/organisations/brackenshire-constabulary/edit');

      let response = await admin.post('/organisations/brackenshire-constabulary/edit', {
        ...form,
        areaId: String(ward.id),
        website: 'https://police.example/kelmsfield',
      });
      assert.equal(response.statusCode, 303);
      response = await secretariat.post('/organisations/brackenshire-constabulary/edit', {
        ...form,
        description: 'Neighbourhood policing for Kelmsfield.',
      });
      assert.equal(response.statusCode, 409);
      assert.match(response.body, /Someone else changed this while you were editing it/);
      assert.match(response.body, /Site administrator saved changes/);
      assert.match(
        response.body,
        /https:\/\/police.example\/kelmsfield/,
        'shows the change the other person made',
      );
      assert.match(response.body, /Neighbourhood policing for Kelmsfield\./, 'keeps my input');
      assert.match(
        response.body,
        new RegExp(
          `Area covered</th>\\s*<td class="govuk-table__cell">${ward.name}</td>\\s*<td class="govuk-table__cell">Kelmsfield</td>`,
        ),
        'ids are shown by name',
      );
      let saved = await t.database.db
        .selectFrom('organisations')
        .selectAll()
        .where('id', '=', police.id)
        .executeTakeFirstOrThrow();
      assert.equal(saved.website, 'https://police.example/kelmsfield');
      assert.equal(saved.description, null);

      const newVersion = /name="version" value="(\d+)"/.exec(response.body)![1]!;
      response = await secretariat.post('/organisations/brackenshire-constabulary/edit', {
        ...form,
        version: newVersion,
        areaId: String(ward.id),
        website: 'https://police.example/kelmsfield',
        description: 'Neighbourhood policing for Kelmsfield.',
      });
      assert.equal(response.statusCode, 303);
      saved = await t.database.db
        .selectFrom('organisations')
        .selectAll()
        .where('id', '=', police.id)
        .executeTakeFirstOrThrow();
      assert.equal(saved.description, 'Neighbourhood policing for Kelmsfield.');
      assert.equal(saved.version, police.version + 2);
      const page = await admin.get('/organisations/brackenshire-constabulary');
      assert.match(page.body, /History/);
      assert.match(page.body, /Helen Marsh/);
    });
  });

  describe('a partner officer', () => {
    it('updates their organisation’s website and description but not its standing', async () => {
      const officer = new Visitor(t.app);
      await officer.signIn('carol.denholm@brackenshire-police.example', demoPassword);
      const before = await t.database.db
        .selectFrom('organisations')
        .selectAll()
        .where('slug', '=', 'brackenshire-constabulary')
        .executeTakeFirstOrThrow();
      const form = await officer.get('/organisations/brackenshire-constabulary/edit');
      assert.match(form.body, /set by the partnership’s secretariat/);
      assert.doesNotMatch(form.body, /name="namedPartner"/);
      const response = await officer.post('/organisations/brackenshire-constabulary/edit', {
        name: 'Renamed Police',
        sector: 'business',
        type: 'business',
        namedPartner: '',
        website: 'https://police.example/new',
        description: before.description ?? '',
        version: String(before.version),
      });
      assert.equal(response.statusCode, 303);
      const after = await t.database.db
        .selectFrom('organisations')
        .selectAll()
        .where('id', '=', before.id)
        .executeTakeFirstOrThrow();
      assert.equal(after.website, 'https://police.example/new');
      assert.deepEqual(
        [after.name, after.sector, after.type, after.named_partner, after.area_id],
        [before.name, before.sector, before.type, before.named_partner, before.area_id],
      );
    });
  });

  describe('organisations', () => {
    it('filters by sector, type and duty to co-operate, and downloads the filtered list as CSV', async () => {
      const named = await t.app.inject('/organisations?namedPartner=yes');
      assert.match(named.body, /Brackenshire Constabulary/);
      assert.doesNotMatch(named.body, /Kelmsfield Chamber of Commerce/);
      const faith = await t.app.inject('/organisations?sector=faith');
      assert.match(faith.body, /Faith/);
      assert.doesNotMatch(faith.body, /Brackenshire Constabulary/);
      const csv = await t.app.inject('/organisations.csv?sector=faith');
      const rows = csv.body.trim().split('\n');
      assert.ok(rows.length > 2);
      assert.ok(rows.slice(1).every((row) => row.includes(',Faith,')));
    });

    it('refuses bad input in the person’s own words and escapes HTML', async () => {
      const before = await count('organisations');
      await admin.get('/organisations/new');
      let response = await admin.post('/organisations/new', {
        name: '<b>Bold</b> & Co',
        sector: 'nonsense',
        type: '',
        website: 'not a url',
      });
      assert.equal(response.statusCode, 400);
      assert.match(response.body, /Choose the sector the organisation belongs to/);
      assert.match(response.body, /Choose the type of organisation/);
      assert.match(response.body, /Enter the website address in full/);
      assert.match(response.body, /value="&lt;b&gt;Bold&lt;\/b&gt; &amp; Co"/);
      assert.equal(await count('organisations'), before);
      response = await admin.post('/organisations/new', {
        name: '<b>Bold</b> & Co',
        sector: 'business',
        type: 'business',
      });
      assert.equal(response.statusCode, 303);
      const page = await admin.get(String(response.headers.location));
      assert.match(page.body, /&lt;b&gt;Bold&lt;\/b&gt; &amp; Co/);
      response = await admin.post('/organisations/new', {
        name: '<B>bold</B> & co',
        sector: 'business',
        type: 'business',
      });
      assert.match(response.body, /There is already an organisation called/);
    });

    it('writes CSV that a spreadsheet will not run as a formula', async () => {
      await admin.get('/organisations/new');
      await admin.post('/organisations/new', {
        name: '=HYPERLINK("http://evil.example")',
        sector: 'business',
        type: 'business',
      });
      const csv = await t.app.inject('/organisations.csv');
      assert.match(csv.body, /"'=HYPERLINK\(""http:\/\/evil.example""\)"/);
    });
  });

  describe('people', () => {
    it('never shows email addresses publicly: pages, CSV or open data', async () => {
      for (const url of [
        '/people',
        '/people.csv',
        '/people/adebayo-coker',
        '/api/v1/popolo.json',
        '/organisations/brackenshire-constabulary',
      ]) {
        const response = await t.app.inject(url);
        assert.equal(response.statusCode, 200, url);
        assert.doesNotMatch(response.body, /@[a-z-]+\.example/, url);
      }
    });

    it('adds a councillor, who must have a ward and a role', async () => {
      await admin.get('/people/new');
      let response = await admin.post('/people/new', {
        name: 'Cllr Test Person',
        councillor: 'yes',
        email: 'not-an-email',
      });
      assert.equal(response.statusCode, 400);
      assert.match(response.body, /Choose the ward the councillor represents/);
      assert.match(response.body, /Choose whether the councillor is executive or backbench/);
      assert.match(response.body, /Enter an email address in the correct format/);
      const ward = await t.database.db
        .selectFrom('areas')
        .select(['id', 'name'])
        .where('kind', '=', 'ward')
        .executeTakeFirstOrThrow();
      response = await admin.post('/people/new', {
        name: 'Cllr Test Person',
        councillor: 'yes',
        wardId: String(ward.id),
        councillorRole: 'backbench',
        email: 'cllr.test@kelmsfield.example',
      });
      assert.equal(response.statusCode, 303);
      const page = await t.app.inject(String(response.headers.location));
      assert.match(page.body, new RegExp(`Councillor for ${ward.name} \\(backbench\\)`));
      assert.doesNotMatch(page.body, /cllr.test@kelmsfield.example/);
      const privatePage = await admin.get(String(response.headers.location));
      assert.match(privatePage.body, /cllr.test@kelmsfield.example/, 'the administrator sees it');
    });
  });

  describe('areas', () => {
    it('checks GSS codes against the kind of area', async () => {
      const place = await t.database.db
        .selectFrom('areas')
        .select('id')
        .where('kind', '!=', 'ward')
        .where('parent_id', 'is', null)
        .executeTakeFirstOrThrow();
      await admin.get('/areas/new');
      let response = await admin.post('/areas/new', {
        name: 'New Ward',
        kind: 'ward',
        gssCode: 'E09000007',
        parentId: String(place.id),
      });
      assert.match(response.body, /GSS code E09000007 is not a code for a ward/);
      response = await admin.post('/areas/new', {
        name: 'New Ward',
        kind: 'ward',
        gssCode: 'X123',
        parentId: String(place.id),
      });
      assert.match(response.body, /GSS code must be a letter \(E, W, S or N\) followed by 8 digits/);
      response = await admin.post('/areas/new', {
        name: 'New Ward',
        kind: 'ward',
        gssCode: 'E05099999',
        parentId: String(place.id),
        population: '12,000',
      });
      assert.equal(response.statusCode, 303);
      const page = await t.app.inject(String(response.headers.location));
      assert.match(page.body, /E05099999/);
      assert.match(page.body, /12,000/);
      const csv = await t.app.inject('/areas.csv');
      assert.match(csv.body, /New Ward,Ward,E05099999,Kelmsfield,12000,\/areas\/new-ward/);
    });
  });

  describe('open data', () => {
    it('publishes the registry as Popolo JSON', async () => {
      const response = await t.app.inject('/api/v1/popolo.json');
      assert.equal(response.headers['access-control-allow-origin'], '*');
      const doc = response.json() as {
        persons: { id: string; name: string }[];
        organizations: { id: string; name: string; classification: string; parent_id?: string }[];
        memberships: { person_id: string; organization_id: string; post_id?: string; role?: string }[];
        posts: { id: string; organization_id: string }[];
        areas: { id: string; identifiers?: { scheme: string; identifier: string }[] }[];
      };
      assert.ok(doc.persons.length >= 80);
      const ids = new Set([...doc.persons, ...doc.organizations].map((x) => x.id));
      assert.ok(
        doc.memberships.every((m) => ids.has(m.person_id) && ids.has(m.organization_id)),
        'memberships point at real records',
      );
      const postIds = new Set(doc.posts.map((p) => p.id));
      assert.ok(doc.memberships.filter((m) => m.post_id).every((m) => postIds.has(m.post_id!)));
      const safer = doc.organizations.find((o) => o.name === 'Safer Kelmsfield Partnership')!;
      assert.ok(safer.parent_id);
      assert.ok(
        doc.areas.some((a) => a.identifiers?.some((i) => i.scheme === 'gss' && /^E05/.test(i.identifier))),
      );
      assert.ok(!JSON.stringify(doc).includes('email'));
    });

    it('keeps the Popolo JSON for the next visitor, as open to other sites, until something changes', async () => {
      const first = await t.app.inject('/api/v1/popolo.json');
      const etag = first.headers.etag as string;
      assert.ok(etag, 'it has an ETag');
      const again = await t.app.inject('/api/v1/popolo.json');
      assert.equal(again.body, first.body);
      assert.equal(again.headers['access-control-allow-origin'], '*', 'a kept copy is as open as the first');
      assert.equal(again.headers['content-type'], first.headers['content-type']);
      const unchanged = await t.app.inject({
        url: '/api/v1/popolo.json',
        headers: { 'if-none-match': etag },
      });
      assert.equal(unchanged.statusCode, 304);
      await admin.get('/organisations/new');
      const added = await admin.post('/organisations/new', {
        name: 'Kelmsfield Open Data Trust',
        sector: 'business',
        type: 'business',
      });
      assert.equal(added.statusCode, 303);
      const after = await t.app.inject({ url: '/api/v1/popolo.json', headers: { 'if-none-match': etag } });
      assert.equal(after.statusCode, 200, 'a write makes the kept copy stale');
      assert.match(after.body, /Kelmsfield Open Data Trust/);
    });
  });
});
