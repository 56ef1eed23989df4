import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { createTestApp, Visitor, type TestApp } from '../../testing/test-app.ts';
import { demoPassword } from './demo-place.ts';

/** Awkward input, races and edge cases: clear messages, nothing partial, never a 500. */
describe('awkward input to the registry', () => {
  let t: TestApp;
  let admin: Visitor;
  before(async () => {
    t = await createTestApp();
    admin = new Visitor(t.app);
    await admin.signIn('admin@kelmsfield.example', demoPassword);
  });
  after(async () => t.close());

  const db = () => t.database.db;

  it('answers odd addresses and query strings without an error page', async () => {
    const cases: [string, number][] = [
      ['/people?q=a&q=b', 200],
      ['/organisations?q=a&q=b&sector=faith&sector=public', 200],
      ['/organisations.csv?q=a&q=b', 200],
      ['/people?q=%00', 200],
      ['/organisations?q=a%00b', 200],
      ['/partnerships/a%00b', 404],
      ['/partnerships/UPPER-case', 404],
      ['/admin/users/3000000000', 404],
      ['/partnerships/safer-kelmsfield-partnership/members/99999999999/edit', 404],
      ['/partnerships/safer-kelmsfield-partnership/members/-1/edit', 404],
    ];
    for (const [url, status] of cases) {
      const response = await admin.get(url);
      assert.equal(response.statusCode, status, url);
    }
  });

  it('treats % and _ in a search as themselves, and matches accented letters in any case', async () => {
    await admin.get('/organisations/new');
    await admin.post('/organisations/new', {
      name: 'Église Saint-Ōmer',
      sector: 'faith',
      type: 'faith_group',
    });
    let response = await admin.get('/organisations?q=%C3%89GLISE');
    assert.match(response.body, /Église Saint-Ōmer/);
    response = await admin.get('/organisations?q=%25');
    assert.match(response.body, /<caption[^>]*>\s*0 organisations/);
    response = await admin.post('/organisations/new', {
      name: 'église saint-ōmer',
      sector: 'faith',
      type: 'faith_group',
    });
    assert.match(response.body, /There is already an organisation called église saint-ōmer/);
  });

  it('removes invisible control characters from what is saved', async () => {
    await admin.get('/organisations/new');
    const response = await admin.post('/organisations/new', {
      name: 'Nul\u0000Org',
      sector: 'business',
      type: 'business',
    });
    assert.equal(response.statusCode, 303);
    const saved = await db()
      .selectFrom('organisations')
      .select('name')
      .where('slug', '=', 'nulorg')
      .executeTakeFirstOrThrow();
    assert.equal(saved.name, 'NulOrg');
  });

  it('refuses ids and numbers that do not exist or cannot be stored, with a message', async () => {
    await admin.get('/organisations/new');
    let response = await admin.post('/organisations/new', {
      name: 'Nowhere Org',
      sector: 'business',
      type: 'business',
      areaId: '9999',
    });
    assert.equal(response.statusCode, 400);
    assert.match(response.body, /Choose an area from the list/);
    response = await admin.post('/organisations/new', {
      name: 'Nowhere Org',
      sector: 'business',
      type: 'business',
      areaId: '99999999999',
    });
    assert.equal(response.statusCode, 400);
    const place = await db()
      .selectFrom('areas')
      .select('id')
      .where('parent_id', 'is', null)
      .executeTakeFirstOrThrow();
    await admin.get('/areas/new');
    response = await admin.post('/areas/new', {
      name: 'Huge Ward',
      kind: 'ward',
      parentId: String(place.id),
      population: '99999999999',
    });
    assert.match(response.body, /Population must be a real number of people/);
    await admin.get('/admin/users/new');
    response = await admin.post('/admin/users/new', {
      displayName: 'X',
      email: 'x@example.org',
      personId: '9999',
      password: 'long-enough-password',
      confirmPassword: 'long-enough-password',
    });
    assert.match(response.body, /Choose a person from the list/);
    assert.equal(
      await db().selectFrom('users').select('id').where('email', '=', 'x@example.org').executeTakeFirst(),
      undefined,
    );
  });

  it('never gives a record an address the site itself uses', async () => {
    await admin.get('/organisations/new');
    const response = await admin.post('/organisations/new', {
      name: 'New',
      sector: 'business',
      type: 'business',
    });
    assert.equal(response.headers.location, '/organisations/new-2');
    assert.equal((await admin.get('/organisations/new-2')).statusCode, 200);
  });

  it('refuses to make an area part of one of its own wards', async () => {
    const place = await db()
      .selectFrom('areas')
      .selectAll()
      .where('parent_id', 'is', null)
      .executeTakeFirstOrThrow();
    const ward = await db()
      .selectFrom('areas')
      .select('id')
      .where('parent_id', '=', place.id)
      .executeTakeFirstOrThrow();
    await admin.get(`/areas/${place.slug}/edit`);
    const response = await admin.post(`/areas/${place.slug}/edit`, {
      name: place.name,
      kind: place.kind,
      gssCode: place.gss_code ?? '',
      parentId: String(ward.id),
      version: String(place.version),
    });
    assert.equal(response.statusCode, 400);
    assert.match(response.body, /An area cannot be part of itself or of an area within it/);
    assert.ok((await admin.get('/areas')).body.includes(place.name));
  });

  it('shows a renamed place in the header at once', async () => {
    const place = await db()
      .selectFrom('areas')
      .selectAll()
      .where('parent_id', 'is', null)
      .executeTakeFirstOrThrow();
    await admin.get(`/areas/${place.slug}/edit`);
    await admin.post(`/areas/${place.slug}/edit`, {
      name: 'Kelmsfield Borough',
      kind: place.kind,
      gssCode: place.gss_code ?? '',
      version: String(place.version),
    });
    assert.match((await t.app.inject('/')).body, /Kelmsfield Borough partnership/);
  });

  it('records a past seat beside a current one, but not two seats over the same dates', async () => {
    const safer = await db()
      .selectFrom('partnerships')
      .select(['id', 'slug'])
      .where('slug', '=', 'safer-kelmsfield-partnership')
      .executeTakeFirstOrThrow();
    const current = await db()
      .selectFrom('memberships')
      .selectAll()
      .where('partnership_id', '=', safer.id)
      .where('role', '=', 'member')
      .where('ends_on', 'is', null)
      .where('starts_on', '>', '2002-01-01')
      .executeTakeFirstOrThrow();
    const url = `/partnerships/${safer.slug}/members/new`;
    await admin.get(url);
    const seat = { personId: String(current.person_id), role: 'member', sector: 'public' };
    let response = await admin.post(url, { ...seat, startsOn: '2001-01-01', endsOn: '2002-01-01' });
    assert.equal(response.statusCode, 303, 'a past seat that ended before the current one began');
    response = await admin.post(url, { ...seat, startsOn: '2001-06-01', endsOn: '2003-01-01' });
    assert.equal(response.statusCode, 400);
    assert.match(
      response.body,
      /already holds a member seat on Safer Kelmsfield Partnership from 2001-01-01 to 2002-01-01/,
    );
    const past = await db()
      .selectFrom('memberships')
      .selectAll()
      .where('person_id', '=', current.person_id)
      .where('ends_on', '=', '2002-01-01')
      .executeTakeFirstOrThrow();
    await admin.get(`/partnerships/${safer.slug}/members/${past.id}/edit`);
    response = await admin.post(`/partnerships/${safer.slug}/members/${past.id}/edit`, {
      ...seat,
      startsOn: '2001-01-01',
      endsOn: '',
      version: String(past.version),
    });
    assert.equal(response.statusCode, 400, 'editing into an overlap is refused too');
  });

  it('does not tell a chair whose email address it is', async () => {
    const chair = new Visitor(t.app);
    await chair.signIn('susan.pettifer@kelmsfield.example', demoPassword);
    await chair.get('/people/new');
    const response = await chair.post('/people/new', {
      name: 'Probe',
      email: 'carol.denholm@brackenshire-police.example',
    });
    assert.match(response.body, /Someone in the registry already has this email address/);
    assert.doesNotMatch(response.body, /Carol Denholm/);
  });

  it('imports a checked file once even when confirmed several times at once', async () => {
    await admin.get('/import/organisations');
    const report = await admin.postMultipart(
      '/import/organisations',
      {},
      { name: 'file', filename: 'o.csv', content: 'name,sector,type\nRace Org,business,business\n' },
    );
    const action = /action="(\/import\/batches\/\d+\/confirm)"/.exec(report.body)![1]!;
    const responses = await Promise.all([admin.post(action), admin.post(action), admin.post(action)]);
    assert.deepEqual(responses.map((r) => r.statusCode).sort(), [303, 400, 400]);
    assert.equal(
      (await db().selectFrom('organisations').select('id').where('name', '=', 'Race Org').execute()).length,
      1,
    );
  });

  it('writes history in words: names for ids, yes or no for ticks', async () => {
    const page = await admin.get('/partnerships/safer-kelmsfield-partnership');
    const history = page.body.slice(page.body.indexOf('id="history"'));
    assert.doesNotMatch(history, /person id|organisation id/);
    assert.match(history, /<dt class="govuk-summary-list__key">person<\/dt>/);
  });

  it('keeps open-data links to the configured address, whatever Host the request names', async () => {
    const withBase = await createTestApp({ env: { BASE_URL: 'https://partnership.example.gov.uk/' } });
    const response = await withBase.app.inject({
      url: '/api/v1/organisations',
      headers: { host: 'evil.example' },
    });
    const body = response.json() as { organisations: { url: string }[] };
    assert.ok(
      body.organisations.every((o) => o.url.startsWith('https://partnership.example.gov.uk/organisations/')),
    );
    await withBase.close();
  });

  it('cleans control characters from websites and from uploaded files too', async () => {
    await admin.get('/organisations/new');
    let response = await admin.post('/organisations/new', {
      name: 'Web Nul',
      sector: 'business',
      type: 'business',
      website: 'https://a.example/\u0000x',
    });
    assert.equal(response.statusCode, 303);
    const saved = await db()
      .selectFrom('organisations')
      .select('website')
      .where('name', '=', 'Web Nul')
      .executeTakeFirstOrThrow();
    assert.equal(saved.website, 'https://a.example/x');
    await admin.get('/import/organisations');
    response = await admin.postMultipart(
      '/import/organisations',
      {},
      {
        name: 'file',
        filename: 'nul.csv',
        content: 'name,sector,type,description\nNul Import,business,business,a\u0000b\n',
      },
    );
    assert.equal(response.statusCode, 200);
    assert.match(response.body, /ready to import/);
  });

  it('lets a record that already shares its name with another be saved unchanged', async () => {
    const original = await db()
      .selectFrom('partnerships')
      .selectAll()
      .where('slug', '=', 'kelmsfield-housing-partnership')
      .executeTakeFirstOrThrow();
    const now = new Date().toISOString();
    await db()
      .insertInto('partnerships')
      .values({
        name: original.name,
        slug: 'old-housing-partnership',
        parent_id: original.parent_id,
        statutory: 0,
        status: 'abolished',
        status_changed_on: '2009-01-01',
        created_at: now,
        updated_at: now,
      })
      .execute();
    await admin.get('/partnerships/old-housing-partnership/edit');
    const old = await db()
      .selectFrom('partnerships')
      .selectAll()
      .where('slug', '=', 'old-housing-partnership')
      .executeTakeFirstOrThrow();
    const response = await admin.post('/partnerships/old-housing-partnership/edit', {
      name: old.name,
      parentId: String(old.parent_id),
      status: 'abolished',
      statusChangedOn: '2009-01-01',
      theme: 'Housing',
      version: String(old.version),
    });
    assert.equal(response.statusCode, 303);
  });

  it('ignores a return address that could not be followed, instead of failing', async () => {
    const visitor = new Visitor(t.app);
    await visitor.get('/sign-in');
    for (const returnTo of ['/people\u0000', '/people?q=€', '/\\evil.example']) {
      const response = await visitor.post('/sign-in', {
        email: 'helen.marsh@kelmsfield.example',
        password: demoPassword,
        returnTo,
      });
      assert.equal(response.statusCode, 303, returnTo);
      assert.equal(response.headers.location, '/manage', returnTo);
      await visitor.post('/sign-out');
      await visitor.get('/sign-in');
    }
  });

  it('shows a partner officer the area their organisation covers, and history in words', async () => {
    const officer = new Visitor(t.app);
    await officer.signIn('carol.denholm@brackenshire-police.example', demoPassword);
    const form = await officer.get('/organisations/brackenshire-constabulary/edit');
    assert.match(form.body, /Area covered\s*<\/dt>\s*<dd class="govuk-summary-list__value">\s*Kelmsfield/);
    await admin.get('/organisations/new');
    const created = await admin.post('/organisations/new', {
      name: 'Sector Shift',
      sector: 'business',
      type: 'business',
    });
    const url = String(created.headers.location);
    const org = await db()
      .selectFrom('organisations')
      .selectAll()
      .where('name', '=', 'Sector Shift')
      .executeTakeFirstOrThrow();
    await admin.get(`${url}/edit`);
    await admin.post(`${url}/edit`, {
      name: org.name,
      sector: 'faith',
      type: 'faith_group',
      version: String(org.version),
    });
    const page = await admin.get(url);
    assert.match(page.body, /Business → Faith/);
    assert.match(page.body, /Business → Faith group/);
  });
});
