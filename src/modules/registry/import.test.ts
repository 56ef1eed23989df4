import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { createTestApp, Visitor, type TestApp } from '../../testing/test-app.ts';
import { demoPassword } from './demo-place.ts';

describe('importing organisations and people from CSV', () => {
  let t: TestApp;
  let admin: Visitor;
  before(async () => {
    t = await createTestApp();
    admin = new Visitor(t.app);
    await admin.signIn('helen.marsh@kelmsfield.example', demoPassword);
  });
  after(async () => t.close());

  const count = async (table: 'organisations' | 'people') =>
    (await t.database.db.selectFrom(table).select('id').execute()).length;
  const upload = async (kind: string, content: string) => {
    await admin.get(`/import/${kind}`);
    return admin.postMultipart(`/import/${kind}`, {}, { name: 'file', filename: `${kind}.csv`, content });
  };

  it('lists every bad row with its row number and reasons, and saves nothing', async () => {
    const before = await count('organisations');
    const csv = [
      'Name,Sector,Type,Named partner,Area,Website',
      'Kelmsfield Food Bank,Voluntary and community,charity,no,Kelmsfield,https://food.example',
      ',business,business,,,',
      'Brackenshire Constabulary,public,police,yes,,',
      'Allotment Society,gardening,community_group,,,',
      'Kelmsfield Food Bank,voluntary_community,charity,,,',
      'Market Traders,business,business,,Atlantis,',
    ].join('\n');
    const response = await upload('organisations', csv);
    assert.equal(response.statusCode, 400);
    assert.match(response.body, /5 rows have problems. Nothing has been imported./);
    const rowOf = (n: number) => new RegExp(`<td class="govuk-table__cell">${n}</td>`);
    for (const n of [3, 4, 5, 6, 7]) assert.match(response.body, rowOf(n));
    assert.doesNotMatch(response.body, rowOf(2));
    assert.match(response.body, /Enter the name of the organisation/);
    assert.match(response.body, /There is already an organisation called Brackenshire Constabulary/);
    assert.match(response.body, /Choose the sector the organisation belongs to/);
    assert.match(response.body, /Kelmsfield Food Bank appears more than once in the file/);
    assert.match(response.body, /Area &quot;Atlantis&quot; is not a known area name or GSS code/);
    assert.equal(await count('organisations'), before);
  });

  it('explains a file that is not the right shape', async () => {
    let response = await upload('organisations', 'Title,Colour\nA,red\n');
    assert.equal(response.statusCode, 400);
    assert.match(
      response.body,
      /The file is missing the columns &quot;name&quot;, &quot;sector&quot;, &quot;type&quot;/,
    );
    response = await upload('organisations', '');
    assert.match(response.body, /The selected file is empty/);
    response = await upload('organisations', 'name,sector,type\n"unclosed,business,business\n');
    assert.match(response.body, /The file could not be read as CSV/);
  });

  it('imports a clean file only when confirmed, all together, with an audit entry each, and only once', async () => {
    const before = await count('organisations');
    const csv =
      'name,sector,type,named partner,area\nKelmsfield Food Bank,Voluntary and community,charity,no,Kelmsfield\nBrindlemoor Traders,business,business_association,,\n';
    const response = await upload('organisations', csv);
    assert.equal(response.statusCode, 200);
    assert.match(response.body, /All 2 rows passed the checks. Nothing has been saved yet./);
    assert.equal(await count('organisations'), before);
    const action = /action="(\/import\/batches\/\d+\/confirm)"/.exec(response.body)![1]!;
    const confirmed = await admin.post(action);
    assert.equal(confirmed.statusCode, 303);
    assert.equal(await count('organisations'), before + 2);
    const list = await admin.get('/organisations');
    assert.match(list.body, /2 organisations imported/);
    const audit = await t.database.db
      .selectFrom('audit_entries')
      .select('summary')
      .where('action', '=', 'imported')
      .execute();
    assert.ok(audit.some((a) => a.summary === 'Imported Kelmsfield Food Bank from upload.csv'));
    const again = await admin.post(action);
    assert.match(again.body, /This file was already imported/);
    assert.equal(await count('organisations'), before + 2);
  });

  it('imports people with their organisation and councillors with their ward, checking references', async () => {
    const before = await count('people');
    const ward = await t.database.db
      .selectFrom('areas')
      .select(['name', 'gss_code'])
      .where('kind', '=', 'ward')
      .executeTakeFirstOrThrow();
    const bad = `name,email,organisation,position,ward,councillor role\nJo Bloggs,jo@example.org,No Such Org,Manager,,\nCllr Ann,ann@example.org,,,${ward.gss_code},\n`;
    let response = await upload('people', bad);
    assert.equal(response.statusCode, 400);
    assert.match(response.body, /Organisation &quot;No Such Org&quot; is not in the registry/);
    assert.match(response.body, /Choose whether the councillor is executive or backbench/);
    const noWard = await upload('people', 'name,councillor role,party\nRole Without Ward,executive,Green\n');
    assert.match(noWard.body, /Councillor role and party are only for councillors/);
    assert.equal(await count('people'), before);
    const good = `name,email,organisation,position,ward,councillor role\nJo Bloggs,jo@example.org,Brackenshire Constabulary,Analyst,,\nCllr Ann,ann@example.org,,,${ward.name},executive\n`;
    response = await upload('people', good);
    const action = /action="(\/import\/batches\/\d+\/confirm)"/.exec(response.body)![1]!;
    assert.equal((await admin.post(action)).statusCode, 303);
    assert.equal(await count('people'), before + 2);
    const jo = await t.app.inject('/people/jo-bloggs');
    assert.match(
      jo.body,
      /Analyst, <a class="govuk-link" href="\/organisations\/brackenshire-constabulary">/,
    );
    assert.doesNotMatch(jo.body, /jo@example.org/);
  });
});
