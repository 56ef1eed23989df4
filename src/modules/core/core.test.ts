import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { createTestApp, Visitor, type TestApp } from '../../testing/test-app.ts';

describe('the site itself', () => {
  let t: TestApp;
  before(async () => {
    t = await createTestApp();
  });
  after(async () => t.close());

  it('answers /health with the database it runs on', async () => {
    const response = await t.app.inject('/health');
    assert.equal(response.statusCode, 200);
    assert.deepEqual(response.json(), {
      status: 'ok',
      database: process.env.DATABASE_URL?.startsWith('postgres') ? 'postgres' : 'sqlite',
    });
  });

  it('shows the demo banner and the place name on every page', async () => {
    for (const url of ['/', '/partnerships', '/sign-in', '/no-such-page']) {
      const response = await t.app.inject(url);
      assert.match(response.body, /fictional place with made-up people/, url);
      assert.match(response.body, /Kelmsfield partnership/, url);
    }
  });

  it('shows the 404 page for an unknown address or record, never a stack trace', async () => {
    for (const url of [
      '/no-such-page',
      '/partnerships/no-such-partnership',
      '/people/nobody',
      '/organisations/none',
      '/areas/nowhere',
      '/partnerships/safer-kelmsfield-partnership/members/abc/edit',
    ]) {
      const response = await t.app.inject(url);
      assert.equal(response.statusCode, url.includes('/members/') ? 303 : 404, url);
      if (response.statusCode === 404) {
        assert.match(response.body, /Page not found/);
        assert.doesNotMatch(response.body, /at .*\.ts:\d+|Error:/);
      }
    }
  });

  it('sends secure headers, a content security policy with a nonce, and no framing', async () => {
    const response = await t.app.inject('/');
    // The nonce for this response, and the hash of GOV.UK's inline script for pages served from the cache.
    assert.match(
      String(response.headers['content-security-policy']),
      /script-src 'self' 'sha256-[A-Za-z0-9+/]+=*' 'nonce-[^']+'/,
    );
    assert.equal(response.headers['x-frame-options'], 'SAMEORIGIN');
    assert.equal(response.headers['x-content-type-options'], 'nosniff');
    const nonce = /'nonce-([^']+)'/.exec(String(response.headers['content-security-policy']))![1];
    assert.match(
      response.body,
      new RegExp(`<script nonce="${nonce}">`),
      'the inline GOV.UK script carries the nonce',
    );
  });

  it('does not use the GOV.UK crown, crest or Transport font', async () => {
    const page = await t.app.inject('/');
    assert.doesNotMatch(page.body, /govuk-logo|govuk-crest|copyright-logo/);
    assert.match(
      page.body,
      /<a href="\/" class="govuk-generic-header__homepage-link">\s*Kelmsfield partnership/,
    );
  });

  it('answers 503 on /health when the database cannot be reached', async () => {
    const broken = await createTestApp();
    await broken.database.db.destroy();
    const response = await broken.app.inject('/health');
    assert.equal(response.statusCode, 503);
    assert.deepEqual(response.json(), { status: 'unavailable', database: broken.database.kind });
    await broken.app.close();
  });
});

describe('the signed-in workspace', () => {
  let t: TestApp;
  before(async () => {
    t = await createTestApp();
  });
  after(async () => t.close());

  it('shows each person what is theirs to look after', async () => {
    const officer = new Visitor(t.app);
    await officer.signIn('carol.denholm@brackenshire-police.example', 'demo-password-2026');
    const page = await officer.get('/manage');
    assert.match(page.body, /Brackenshire Constabulary<\/a>: you keep its details up to date/);
    assert.match(page.body, /href="\/organisations\/brackenshire-constabulary\/edit"/);
    assert.doesNotMatch(page.body, /Add an organisation/, 'no links to what they may not do');
    assert.equal(page.headers['cache-control'], 'private, no-store');
    const chair = new Visitor(t.app);
    await chair.signIn('susan.pettifer@kelmsfield.example', 'demo-password-2026');
    assert.match(
      (await chair.get('/manage')).body,
      /Safer Kelmsfield Partnership<\/a>: you are its chair or secretary/,
    );
  });
});
