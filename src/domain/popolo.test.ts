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

describe('Popolo events: partnership meetings', () => {
  const meeting = {
    partnership_id: 2,
    title: 'Partnership meeting',
    starts_at: '2027-07-01T09:00:00.000Z',
    ends_at: '2027-07-01T11:00:00.000Z',
    location: 'Town Hall',
    online_url: 'https://meet.example/board',
    status: 'held',
    visibility: 'public',
    uid: 'abc@placeshaper',
    attendees: [
      { person_id: 1, role: 'member' as const },
      { person_id: 3, role: 'substitute' as const },
    ],
  };
  const doc = popoloDocument({
    ...input,
    meetings: [
      { ...meeting, id: 7 },
      // Members-only: listed, but whoever is passed in as attending is left out.
      { ...meeting, id: 8, visibility: 'members', title: 'Private session' },
      { ...meeting, id: 9, ends_at: null, location: null, status: 'cancelled', attendees: [] },
    ],
  });
  const event = (id: string) => doc.events.find((e) => e.id === id) as Record<string, unknown>;

  it('has each meeting as an event of its partnership, in UTC, with who attended and in what role', () => {
    assert.deepEqual(event('meeting/7'), {
      id: 'meeting/7',
      name: 'Partnership meeting',
      classification: 'meeting',
      start_date: '2027-07-01T09:00:00Z',
      end_date: '2027-07-01T11:00:00Z',
      location: 'Town Hall',
      status: 'held',
      organization_id: 'partnership/2',
      open_to_public: true,
      identifiers: [{ scheme: 'icalendar-uid', identifier: 'abc@placeshaper' }],
      attendees: [
        { id: 'person/1', role: 'member' },
        { id: 'person/3', role: 'substitute' },
      ],
      links: [{ url: 'https://lsp.example/meetings/7', note: 'web page' }],
    });
  });

  it('keeps the dates within the Popolo date-time pattern (no fractions of a second)', () => {
    const pattern =
      /^[0-9]{4}((-[0-9]{2}){0,2}|(-[0-9]{2}){2}T[0-9]{2}(:[0-9]{2}){0,2}(Z|[+-][0-9]{2}(:[0-9]{2})?))$/;
    for (const e of doc.events as Record<string, unknown>[])
      for (const field of ['start_date', 'end_date'])
        if (field in e) assert.match(String(e[field]), pattern, `${String(e.id)} ${field}`);
  });

  it('lists a members-only meeting without its attendees', () => {
    const members = event('meeting/8');
    assert.equal(members.open_to_public, false);
    assert.equal(members.name, 'Private session');
    assert.ok(!('attendees' in members));
  });

  it('leaves out what is not known, and says an online-only meeting is online', () => {
    const cancelled = event('meeting/9');
    assert.equal(cancelled.status, 'cancelled');
    assert.equal(cancelled.location, 'Online only');
    assert.ok(!('end_date' in cancelled));
    assert.ok(!('attendees' in cancelled), 'no attendance recorded');
  });

  it('has no events when no meetings are given', () => {
    assert.deepEqual(popoloDocument(input).events, []);
  });
});
