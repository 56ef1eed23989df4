import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { createTestApp, Visitor, type TestApp } from './testing/test-app.ts';
import { demoPassword } from './modules/registry/demo-place.ts';
import { admins, everyone, logins, roles, signedIn, type Role } from './testing/route-roles.ts';
import { moduleRouteExpectations } from './testing/module-route-expectations.ts';

/**
 * Walks every route the app declares, as every role, and checks who is let in.
 * The expectations are written out here, route by route: a new route that is not
 * in this table fails the test until someone decides who may use it.
 */

// Who may reach each route, with parameters filled in the scope of the chair and the officer.
const registryExpectations: Record<string, Role[]> = {
  'GET /': everyone,
  'GET /health': everyone,
  'GET /about': everyone,
  'GET /manage': signedIn,
  'GET /public/javascripts/govuk-frontend.min.js': everyone,
  'GET /sign-in': everyone,
  'POST /sign-in': everyone,
  'POST /sign-out': everyone,
  'GET /account': signedIn,
  'GET /account/password': signedIn,
  'POST /account/password': signedIn,
  'GET /setup': everyone,
  'POST /setup': everyone,
  'GET /admin/users': ['admin'],
  'GET /admin/users/new': ['admin'],
  'POST /admin/users/new': ['admin'],
  'GET /admin/users/:id': ['admin'],
  'POST /admin/users/:id/roles': ['admin'],
  'POST /admin/users/:id/disable': ['admin'],
  'POST /admin/users/:id/enable': ['admin'],
  'POST /admin/users/:id/roles/:grantId/remove': ['admin'],
  'GET /structure': everyone,
  'GET /structure.svg': everyone,
  'GET /partnerships': everyone,
  'GET /partnerships.csv': everyone,
  'GET /partnerships/new': [...admins, 'chair'],
  'POST /partnerships/new': [...admins, 'chair'],
  'GET /partnerships/:slug': everyone,
  'GET /partnerships/:slug/members.csv': everyone,
  'GET /partnerships/:slug/edit': [...admins, 'chair'],
  'POST /partnerships/:slug/edit': [...admins, 'chair'],
  'GET /partnerships/:slug/members/new': [...admins, 'chair'],
  'POST /partnerships/:slug/members/new': [...admins, 'chair'],
  'GET /partnerships/:slug/members/:id/edit': [...admins, 'chair'],
  'POST /partnerships/:slug/members/:id/edit': [...admins, 'chair'],
  'POST /partnerships/:slug/members/:id/end': [...admins, 'chair'],
  'GET /organisations': everyone,
  'GET /organisations.csv': everyone,
  'GET /organisations/new': admins,
  'POST /organisations/new': admins,
  'GET /organisations/:slug': everyone,
  'GET /organisations/:slug/edit': [...admins, 'officer'],
  'POST /organisations/:slug/edit': [...admins, 'officer'],
  'GET /people': everyone,
  'GET /people.csv': everyone,
  'GET /people/new': [...admins, 'chair'],
  'POST /people/new': [...admins, 'chair'],
  'GET /people/:slug': everyone,
  'GET /people/:slug/edit': admins,
  'POST /people/:slug/edit': admins,
  'POST /people/:slug/organisations': admins,
  'POST /people/:slug/organisations/:id/remove': admins,
  'GET /admin/place': admins,
  'POST /admin/place': admins,
  'GET /areas': everyone,
  'GET /areas.csv': everyone,
  'GET /areas/new': admins,
  'POST /areas/new': admins,
  'GET /areas/:slug': everyone,
  'GET /areas/:slug/edit': admins,
  'POST /areas/:slug/edit': admins,
  'GET /open-data': everyone,
  'GET /api/v1/popolo.json': everyone,
  'GET /api/v1/partnerships': everyone,
  'GET /api/v1/organisations': everyone,
  'GET /import/:kind': admins,
  'POST /import/:kind': admins,
  'POST /import/batches/:id/confirm': admins,
};

const expected: Record<string, Role[]> = {
  ...registryExpectations,
  ...Object.assign({}, ...moduleRouteExpectations.map((m) => m.expected)),
};

describe('every route × every role', () => {
  let t: TestApp;
  let params: Record<string, string>;
  const fragments: Record<string, string> = {};

  before(async () => {
    t = await createTestApp();
    const db = t.database.db;
    const safer = await db
      .selectFrom('partnerships')
      .selectAll()
      .where('slug', '=', 'safer-kelmsfield-partnership')
      .executeTakeFirstOrThrow();
    const seat = await db
      .selectFrom('memberships')
      .select('id')
      .where('partnership_id', '=', safer.id)
      .executeTakeFirstOrThrow();
    const police = await db
      .selectFrom('organisations')
      .select('slug')
      .where('slug', '=', 'brackenshire-constabulary')
      .executeTakeFirstOrThrow();
    const person = await db.selectFrom('people').select('slug').orderBy('id').executeTakeFirstOrThrow();
    const ward = await db
      .selectFrom('areas')
      .select('slug')
      .where('kind', '=', 'ward')
      .executeTakeFirstOrThrow();
    const user = await db
      .selectFrom('users')
      .select('id')
      .where('email', '=', logins.member)
      .executeTakeFirstOrThrow();
    params = {
      ':slug/members/:id': `${safer.slug}/members/${seat.id}`,
      ':kind': 'organisations',
      ':grantId': '999999',
      'batches/:id': 'batches/999999',
      'organisations/:id': 'organisations/999999',
      'users/:id': `users/${user.id}`,
    };
    params.partnerships = safer.slug;
    params.organisations = police.slug;
    params.people = person.slug;
    params.areas = ward.slug;
    for (const module of moduleRouteExpectations) Object.assign(fragments, await module.params?.(db));
  });

  after(async () => t.close());

  function concreteUrl(url: string): string {
    let concrete = url;
    const longestFirst = Object.keys(fragments).sort((a, b) => b.length - a.length);
    for (const fragment of longestFirst) concrete = concrete.replace(fragment, fragments[fragment]!);
    for (const [pattern, value] of Object.entries(params))
      if (pattern.includes(':')) concrete = concrete.replace(pattern, value);
    return concrete.replace(
      /^\/(partnerships|organisations|people|areas)\/:slug/,
      (_m, kind: string) => `/${kind}/${params[kind]}`,
    );
  }

  it('has an expectation for every declared route, and every expectation is a route', () => {
    const declared = t.app.declaredRoutes.map((r) => `${r.method} ${r.url}`);
    assert.deepEqual(
      declared.filter((r) => !(r in expected)),
      [],
      'routes without an expectation in this test',
    );
    assert.deepEqual(
      Object.keys(expected).filter((r) => !declared.includes(r)),
      [],
      'expectations for routes that do not exist',
    );
  });

  for (const role of roles) {
    it(`lets ${role === 'public' ? 'the public' : `the ${role}`} reach exactly the routes they may`, async () => {
      const visitor = new Visitor(t.app);
      if (role !== 'public') await visitor.signIn(logins[role], demoPassword);
      const wrong: string[] = [];
      // Sign-out last, so the visitor stays signed in for the rest.
      const routes = [...t.app.declaredRoutes].sort(
        (a, b) => Number(a.url === '/sign-out') - Number(b.url === '/sign-out'),
      );
      for (const route of routes) {
        const key = `${route.method} ${route.url}`;
        const url = concreteUrl(route.url);
        assert.ok(!url.includes(':'), `no parameters left in ${url}`);
        if (route.method === 'GET') await visitor.get('/manage'); // a fresh CSRF token for the next POST
        const response = route.method === 'GET' ? await visitor.get(url) : await visitor.post(url, {});
        const deniedAsPublic =
          response.statusCode === 303 && String(response.headers.location).startsWith('/sign-in?returnTo=');
        const denied = response.statusCode === 403 || deniedAsPublic;
        const shouldAllow = (expected[key] ?? []).includes(role);
        if (shouldAllow === denied)
          wrong.push(
            `${key} (${url}) → ${response.statusCode}, expected ${shouldAllow ? 'allowed' : 'denied'}`,
          );
        if (response.statusCode >= 500) wrong.push(`${key} (${url}) → ${response.statusCode}`);
        // A breadcrumb with nothing in it is read out as an empty "current page" link.
        if (
          response.statusCode === 200 &&
          /<li class="govuk-breadcrumbs__list-item"[^>]*>\s*<\/li>/.test(response.body)
        )
          wrong.push(`${key} (${url}) has an empty breadcrumb`);
      }
      assert.deepEqual(wrong, []);
    });
  }

  it('keeps a chair to their own partnership and its sub-groups', async () => {
    const chair = new Visitor(t.app);
    await chair.signIn(logins.chair, demoPassword);
    assert.equal((await chair.get('/partnerships/kelmsfield-partnership-board/edit')).statusCode, 403);
    assert.equal(
      (await chair.get('/partnerships/kelmsfield-childrens-trust-board/members/new')).statusCode,
      403,
    );
    assert.equal(
      (await chair.get('/partnerships/anti-social-behaviour-group/edit')).statusCode,
      200,
      'a sub-group of their partnership',
    );
  });

  it('keeps a partner officer to their own organisation', async () => {
    const officer = new Visitor(t.app);
    await officer.signIn(logins.officer, demoPassword);
    assert.equal((await officer.get('/organisations/brackenshire-constabulary/edit')).statusCode, 200);
    assert.equal(
      (await officer.get('/organisations/brackenshire-fire-and-rescue-service/edit')).statusCode,
      403,
    );
  });
});
