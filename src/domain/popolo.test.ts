import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { popoloDocument, type PopoloInput } from './popolo.ts';

const input: PopoloInput = {
  baseUrl: 'https://lsp.example',
  areas: [
    { id: 1, name: 'Kelmsfield', gss_code: 'E06000099', kind: 'unitary', parent_id: null },
    { id: 2, name: 'Brindlemoor', gss_code: null, kind: 'ward', parent_id: 1 },
  ],
  organisations: [
    {
      id: 1,
      name: 'Police',
      slug: 'police',
      sector: 'public',
      type: 'police',
      named_partner: 1,
      area_id: 1,
      website: 'https://police.example',
    },
  ],
  partnerships: [
    {
      id: 1,
      name: 'Board',
      slug: 'board',
      parent_id: null,
      statutory: 0,
      theme: null,
      status: 'active',
      established_on: '2006-04-01',
      status_changed_on: null,
      area_id: 1,
    },
    {
      id: 2,
      name: 'Old Group',
      slug: 'old',
      parent_id: 1,
      statutory: 1,
      theme: 'Safety',
      status: 'abolished',
      established_on: null,
      status_changed_on: '2010-03-31',
      area_id: null,
    },
  ],
  people: [
    {
      id: 1,
      name: 'Ann',
      slug: 'ann',
      councillor: 1,
      ward_id: 2,
      councillor_role: 'executive',
      party: 'Independent',
    },
  ],
  affiliations: [{ id: 1, person_id: 1, organisation_id: 1, position: 'Inspector' }],
  memberships: [
    {
      id: 1,
      person_id: 1,
      partnership_id: 1,
      organisation_id: 1,
      role: 'vice_chair',
      sector: 'public',
      starts_on: '2008-01-01',
      ends_on: null,
    },
    {
      id: 2,
      person_id: 1,
      partnership_id: 2,
      organisation_id: null,
      role: 'member',
      sector: 'public',
      starts_on: '2007-01-01',
      ends_on: '2010-03-31',
    },
  ],
};

describe('Popolo JSON', () => {
  const doc = popoloDocument(input);

  it('has organisations and partnerships as organizations, with the partnership tree', () => {
    assert.deepEqual(
      doc.organizations.map((o) => o.id),
      ['organisation/1', 'partnership/1', 'partnership/2'],
    );
    const old = doc.organizations.find((o) => o.id === 'partnership/2') as Record<string, unknown>;
    assert.equal(old.parent_id, 'partnership/1');
    assert.equal(old.dissolution_date, '2010-03-31');
  });

  it('has memberships with posts, dates and whom the member represents, plus affiliations', () => {
    const seat = doc.memberships.find((m) => m.id === 'membership/1') as Record<string, unknown>;
    assert.deepEqual(seat, {
      id: 'membership/1',
      person_id: 'person/1',
      organization_id: 'partnership/1',
      post_id: 'post/1/vice_chair',
      role: 'vice-chair',
      on_behalf_of_id: 'organisation/1',
      sector: 'public',
      start_date: '2008-01-01',
    });
    assert.equal(
      (doc.memberships.find((m) => m.id === 'membership/2') as Record<string, unknown>).end_date,
      '2010-03-31',
    );
    assert.ok(
      doc.memberships.some((m) => m.id === 'affiliation/1' && m.organization_id === 'organisation/1'),
    );
    assert.deepEqual(
      doc.posts.map((p) => p.id),
      ['post/1/vice_chair', 'post/2/member'],
    );
  });

  it('has areas with GSS identifiers and parents', () => {
    assert.deepEqual(doc.areas[0], {
      id: 'area/1',
      name: 'Kelmsfield',
      classification: 'unitary',
      identifiers: [{ scheme: 'gss', identifier: 'E06000099' }],
    });
    assert.equal((doc.areas[1] as Record<string, unknown>).parent_id, 'area/1');
  });

  it('publishes public fields of people only, with links to their pages', () => {
    assert.deepEqual(doc.persons[0], {
      id: 'person/1',
      name: 'Ann',
      councillor: { ward_id: 'area/2', role: 'executive', party: 'Independent' },
      links: [{ url: 'https://lsp.example/people/ann', note: 'web page' }],
    });
  });
});
