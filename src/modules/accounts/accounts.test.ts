import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { createTestApp, Visitor, type TestApp } from '../../testing/test-app.ts';
import { demoPassword } from '../registry/demo-place.ts';

describe('signing in and out', () => {
  let t: TestApp;
  before(async () => {
    t = await createTestApp();
  });
  after(async () => t.close());

  it('signs in with the right email and password and returns to the page asked for', async () => {
    const visitor = new Visitor(t.app);
    await visitor.get('/sign-in?returnTo=/partnerships/new');
    const response = await visitor.post('/sign-in', {
      email: 'ADMIN@kelmsfield.example',
      password: demoPassword,
      returnTo: '/partnerships/new',
    });
    assert.equal(response.statusCode, 303);
    assert.equal(response.headers.location, '/partnerships/new');
    const form = await visitor.get('/partnerships/new');
    assert.equal(form.statusCode, 200);
    assert.match(form.body, /Signed in as Site administrator/);
  });

  it('sends someone who is not signed in to sign in, then back', async () => {
    const response = await new Visitor(t.app).get('/organisations/new');
    assert.equal(response.statusCode, 303);
    assert.equal(response.headers.location, '/sign-in?returnTo=%2Forganisations%2Fnew');
  });

  it('never follows a return address to another site', async () => {
    const visitor = new Visitor(t.app);
    await visitor.get('/sign-in');
    const response = await visitor.post('/sign-in', {
      email: 'admin@kelmsfield.example',
      password: demoPassword,
      returnTo: '//evil.example/',
    });
    assert.equal(response.headers.location, '/manage');
  });

  it('refuses a wrong password with one message that does not say which part was wrong, keeping the email', async () => {
    const visitor = new Visitor(t.app);
    await visitor.get('/sign-in');
    for (const [email, password] of [
      ['admin@kelmsfield.example', 'wrong-password-123'],
      ['nobody@kelmsfield.example', demoPassword],
    ]) {
      const response = await visitor.post('/sign-in', { email: email!, password: password! });
      assert.equal(response.statusCode, 400);
      assert.match(response.body, /There is a problem/);
      assert.match(response.body, /Enter a correct email address and password/);
      assert.match(response.body, new RegExp(`value="${email}"`));
      assert.doesNotMatch(response.body, new RegExp(password!));
    }
  });

  it('asks for the missing email and password', async () => {
    const visitor = new Visitor(t.app);
    await visitor.get('/sign-in');
    const response = await visitor.post('/sign-in', { email: 'not an email', password: '' });
    assert.match(response.body, /Enter your email address in the correct format/);
    assert.match(response.body, /Enter your password/);
    assert.match(response.body, /href="#email"/);
  });

  it('refuses a form sent without its CSRF token, and saves nothing', async () => {
    const visitor = new Visitor(t.app);
    await visitor.signIn('admin@kelmsfield.example', demoPassword);
    const response = await visitor.post(
      '/organisations/new',
      { name: 'Forged Organisation', sector: 'business', type: 'business' },
      { csrf: null },
    );
    assert.equal(response.statusCode, 403);
    assert.match(response.body, /This form has expired or was sent from another site/);
    const list = await visitor.get('/organisations?q=forged');
    assert.doesNotMatch(list.body, /Forged Organisation/);
  });

  it('signs out, ending the session', async () => {
    const visitor = new Visitor(t.app);
    await visitor.signIn('admin@kelmsfield.example', demoPassword);
    const out = await visitor.post('/sign-out');
    assert.equal(out.statusCode, 303);
    assert.equal((await visitor.get('/manage')).statusCode, 303);
  });

  it('keeps sessions in the database', async () => {
    const visitor = new Visitor(t.app);
    await visitor.signIn('helen.marsh@kelmsfield.example', demoPassword);
    const sessions = await t.database.db.selectFrom('sessions').select(['data']).execute();
    assert.ok(sessions.some((s) => JSON.parse(s.data).userId !== undefined));
  });

  it('changes a password after checking the current one', async () => {
    const visitor = new Visitor(t.app);
    await visitor.signIn('lesley.rutherford@kelmsfield-chamber.example', demoPassword);
    await visitor.get('/account/password');
    let response = await visitor.post('/account/password', {
      currentPassword: 'not-my-password',
      password: 'a-new-long-password',
      confirmPassword: 'a-new-long-password',
    });
    assert.match(response.body, /Your current password is not correct/);
    response = await visitor.post('/account/password', {
      currentPassword: demoPassword,
      password: 'short',
      confirmPassword: 'short',
    });
    assert.match(response.body, /Password must be at least 12 characters long/);
    response = await visitor.post('/account/password', {
      currentPassword: demoPassword,
      password: 'a-new-long-password',
      confirmPassword: 'different-password',
    });
    assert.match(response.body, /The passwords do not match/);
    response = await visitor.post('/account/password', {
      currentPassword: demoPassword,
      password: 'a-new-long-password',
      confirmPassword: 'a-new-long-password',
    });
    assert.equal(response.statusCode, 303);
    const fresh = new Visitor(t.app);
    await fresh.signIn('lesley.rutherford@kelmsfield-chamber.example', 'a-new-long-password');
  });

  it('lets the administrator create an account and give it a scoped role', async () => {
    const admin = new Visitor(t.app);
    await admin.signIn('admin@kelmsfield.example', demoPassword);
    await admin.get('/admin/users/new');
    let response = await admin.post('/admin/users/new', {
      displayName: 'Priya Officer',
      email: 'helen.marsh@kelmsfield.example',
      password: 'long-enough-password',
      confirmPassword: 'long-enough-password',
    });
    assert.match(response.body, /There is already an account with this email address/);
    assert.match(response.body, /value="Priya Officer"/);
    response = await admin.post('/admin/users/new', {
      displayName: 'Priya Officer',
      email: 'priya@kelmsfield.example',
      password: 'long-enough-password',
      confirmPassword: 'long-enough-password',
    });
    assert.equal(response.statusCode, 303);
    const userUrl = String(response.headers.location);
    await admin.get(userUrl);
    response = await admin.post(`${userUrl}/roles`, { role: 'partnership_manager' });
    assert.match(response.body, /Choose the partnership this role is for/);
    const housing = await t.database.db
      .selectFrom('partnerships')
      .select('id')
      .where('slug', '=', 'kelmsfield-housing-partnership')
      .executeTakeFirstOrThrow();
    response = await admin.post(`${userUrl}/roles`, {
      role: 'partnership_manager',
      partnershipId: String(housing.id),
    });
    assert.equal(response.statusCode, 303);

    const priya = new Visitor(t.app);
    await priya.signIn('priya@kelmsfield.example', 'long-enough-password');
    assert.equal((await priya.get('/partnerships/kelmsfield-housing-partnership/edit')).statusCode, 200);
    assert.equal((await priya.get('/partnerships/safer-kelmsfield-partnership/edit')).statusCode, 403);
    const page = await admin.get(userUrl);
    assert.match(page.body, /Gave Priya Officer the role partnership_manager/);
  });
});

describe('disabling an account', () => {
  let t: TestApp;
  before(async () => {
    t = await createTestApp();
  });
  after(async () => t.close());

  it('signs the person out at once, refuses their sign-in, and can be undone', async () => {
    const member = new Visitor(t.app);
    await member.signIn('lesley.rutherford@kelmsfield-chamber.example', demoPassword);
    const admin = new Visitor(t.app);
    await admin.signIn('admin@kelmsfield.example', demoPassword);
    const user = await t.database.db
      .selectFrom('users')
      .select('id')
      .where('email', '=', 'lesley.rutherford@kelmsfield-chamber.example')
      .executeTakeFirstOrThrow();
    await admin.get(`/admin/users/${user.id}`);
    assert.equal((await admin.post(`/admin/users/${user.id}/disable`)).statusCode, 303);
    assert.match((await admin.get(`/admin/users/${user.id}`)).body, /This account is disabled/);
    assert.equal((await member.get('/manage')).statusCode, 303, 'signed out');
    const again = new Visitor(t.app);
    await again.get('/sign-in');
    const refused = await again.post('/sign-in', {
      email: 'lesley.rutherford@kelmsfield-chamber.example',
      password: demoPassword,
    });
    assert.match(refused.body, /Enter a correct email address and password/);
    await admin.post(`/admin/users/${user.id}/enable`);
    await again.signIn('lesley.rutherford@kelmsfield-chamber.example', demoPassword);
  });

  it('does not let administrators lock themselves out', async () => {
    const admin = new Visitor(t.app);
    await admin.signIn('admin@kelmsfield.example', demoPassword);
    const self = await t.database.db
      .selectFrom('users')
      .select('id')
      .where('email', '=', 'admin@kelmsfield.example')
      .executeTakeFirstOrThrow();
    await admin.get(`/admin/users/${self.id}`);
    const response = await admin.post(`/admin/users/${self.id}/disable`);
    assert.equal(response.statusCode, 400);
    assert.match(response.body, /You cannot disable your own account/);
  });
});

describe('rate limiting sign-in', () => {
  let t: TestApp;
  before(async () => {
    t = await createTestApp({ env: { SIGN_IN_ATTEMPTS_PER_10_MINUTES: '3' } });
  });
  after(async () => t.close());

  it('stops a run of attempts with a clear page', async () => {
    const visitor = new Visitor(t.app);
    await visitor.get('/sign-in');
    const statuses: number[] = [];
    for (let i = 0; i < 4; i++)
      statuses.push(
        (await visitor.post('/sign-in', { email: 'admin@kelmsfield.example', password: `guess-${i}` }))
          .statusCode,
      );
    assert.deepEqual(statuses, [400, 400, 400, 429]);
    const blocked = await visitor.post('/sign-in', {
      email: 'admin@kelmsfield.example',
      password: demoPassword,
    });
    assert.equal(blocked.statusCode, 429);
    assert.match(blocked.body, /You have tried too many times/);
  });
});

describe('first run without the demo', () => {
  let t: TestApp;
  before(async () => {
    t = await createTestApp({ demo: false });
  });
  after(async () => t.close());

  it('sends the first visitor to /setup, checks the answers, then creates the place and its administrator', async () => {
    const visitor = new Visitor(t.app);
    const home = await visitor.get('/');
    assert.equal(home.headers.location, '/setup');
    const form = await visitor.get('/setup');
    assert.doesNotMatch(form.body, /fictional place/);
    let response = await visitor.post('/setup', {
      placeName: 'Camden',
      placeKind: 'london_borough',
      gssCode: 'E08000007',
      displayName: 'Sam Secretariat',
      email: 'sam@camden.example',
      password: 'long-enough-password',
      confirmPassword: 'long-enough-password',
    });
    assert.equal(response.statusCode, 400);
    assert.match(response.body, /GSS code E08000007 is not a code for a london borough/);
    assert.match(response.body, /value="Sam Secretariat"/);
    assert.equal((await t.database.db.selectFrom('users').select('id').execute()).length, 0, 'nothing saved');
    response = await visitor.post('/setup', {
      placeName: 'Camden',
      placeKind: 'london_borough',
      gssCode: 'e09000007',
      displayName: 'Sam Secretariat',
      email: 'sam@camden.example',
      password: 'long-enough-password',
      confirmPassword: 'long-enough-password',
    });
    assert.equal(response.statusCode, 303);
    const manage = await visitor.get('/manage');
    assert.match(manage.body, /Camden partnership/);
    const area = await t.database.db.selectFrom('areas').selectAll().executeTakeFirstOrThrow();
    assert.equal(area.gss_code, 'E09000007');
    assert.equal(
      (await new Visitor(t.app).get('/setup')).headers.location,
      '/sign-in',
      'set-up happens once',
    );
  });
});

describe('a deployment whose first administrator was made with npm run create-admin', () => {
  let t: TestApp;
  before(async () => {
    t = await createTestApp({ demo: false });
  });
  after(async () => t.close());

  it('asks the administrator to add and choose the place, then shows its name on every page', async () => {
    await t.app.services.accounts.createUser(
      null,
      {
        displayName: 'Ops Admin',
        email: 'ops@council.example',
        password: 'long-enough-password',
        confirmPassword: 'long-enough-password',
      },
      [{ role: 'site_admin' }],
    );
    const admin = new Visitor(t.app);
    await admin.signIn('ops@council.example', 'long-enough-password');
    let page = await admin.get('/manage');
    assert.match(page.body, /This site does not serve a place yet/);
    page = await admin.get('/admin/place');
    assert.match(page.body, /There are no places yet/);
    await admin.get('/areas/new');
    const created = await admin.post('/areas/new', {
      name: 'Northshire',
      kind: 'county',
      gssCode: 'E10000099',
    });
    assert.equal(created.statusCode, 303);
    await admin.get('/admin/place');
    let response = await admin.post('/admin/place', {});
    assert.match(response.body, /Choose the place this site serves/);
    const area = await t.database.db.selectFrom('areas').select('id').executeTakeFirstOrThrow();
    response = await admin.post('/admin/place', { areaId: String(area.id) });
    assert.equal(response.statusCode, 303);
    page = await admin.get('/manage');
    assert.match(page.body, /Northshire partnership/);
    assert.doesNotMatch(page.body, /This site does not serve a place yet/);
  });
});
