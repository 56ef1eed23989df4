import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { createTestApp, type TestApp } from '../../testing/test-app.ts';

describe('the structure map at scale', () => {
  let t: TestApp;
  before(async () => {
    t = await createTestApp();
    // Grow the demo to 120 partnerships: more sub-groups under each thematic partnership.
    const db = t.database.db;
    const existing = await db.selectFrom('partnerships').select(['id', 'parent_id']).execute();
    const board = existing.find((p) => p.parent_id === null)!;
    const thematic = existing.filter((p) => p.parent_id === board.id);
    const now = new Date().toISOString();
    for (let i = existing.length; i < 120; i++) {
      await db
        .insertInto('partnerships')
        .values({
          name: `Task and finish group ${i}`,
          slug: `task-and-finish-group-${i}`,
          parent_id: thematic[i % thematic.length]!.id,
          statutory: 0,
          status: 'active',
          created_at: now,
          updated_at: now,
        })
        .execute();
    }
  });
  after(async () => t.close());

  it('draws all 120 partnerships, each a link, with the same nested list beside it', async () => {
    const response = await t.app.inject('/structure');
    assert.equal(response.statusCode, 200);
    const svg = response.body.slice(response.body.indexOf('<svg'), response.body.indexOf('</svg>'));
    const list = response.body.slice(response.body.indexOf('id="structure-as-list"'));
    const partnerships = await t.database.db.selectFrom('partnerships').select('slug').execute();
    assert.equal(partnerships.length, 120);
    for (const { slug } of partnerships) {
      assert.ok(svg.includes(`href="/partnerships/${slug}"`), `${slug} on the map`);
      assert.ok(list.includes(`href="/partnerships/${slug}"`), `${slug} in the list`);
    }
    const width = Number(/<svg[^>]*\swidth="(\d+)"/.exec(svg)![1]);
    assert.ok(width <= 960, `the map fits the page width (${width}px) and grows downwards instead`);
    assert.match(svg, /font-size="1[1-4]"/, 'text keeps a readable size');
  });
});
