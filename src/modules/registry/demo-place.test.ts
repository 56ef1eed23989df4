import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import {
  demoPassword,
  demoPlace,
  demoThemes,
  membershipRoles,
  organisationTypes,
  sectors,
  type DemoMembership,
} from './demo-place.ts';

const demo = demoPlace();
const slugPattern = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;
const datePattern = /^\d{4}-\d{2}-\d{2}$/;

function isValidDate(value: string): boolean {
  if (!datePattern.test(value)) return false;
  const date = new Date(`${value}T00:00:00Z`);
  return !Number.isNaN(date.getTime()) && date.toISOString().slice(0, 10) === value;
}

function assertUnique(values: string[], what: string): void {
  const seen = new Set<string>();
  const duplicates = values.filter((v) => (seen.has(v) ? true : (seen.add(v), false)));
  assert.deepEqual(duplicates, [], `duplicate ${what}`);
}

const organisationByKey = new Map(demo.organisations.map((o) => [o.key, o]));
const personByKey = new Map(demo.people.map((p) => [p.key, p]));
const partnershipByKey = new Map(demo.partnerships.map((p) => [p.key, p]));
const wardSlugs = new Set(demo.wards.map((w) => w.slug));
const current = (m: DemoMembership) => m.endsOn === null;
const seatsOf = (key: string) => demo.memberships.filter((m) => m.partnershipKey === key);

describe('demo place', () => {
  it('is a pure generator returning fresh, equal copies', () => {
    const a = demoPlace();
    const b = demoPlace();
    assert.deepEqual(a, b);
    assert.notEqual(a, b);
    a.people.pop();
    a.memberships[0]!.role = 'observer';
    assert.deepEqual(demoPlace(), b);
  });

  it('describes a fictional place with twelve wards and valid GSS codes', () => {
    assert.equal(demo.place.name, 'Kelmsfield');
    assert.match(demo.place.gssCode, /^E0[6-9]\d{6}$|^E10\d{6}$/);
    assert.equal(demo.wards.length, 12);
    for (const ward of demo.wards) assert.match(ward.gssCode, /^E05\d{6}$/, ward.name);
    assert.equal(
      demo.place.population,
      demo.wards.reduce((sum, w) => sum + w.population, 0),
    );
    if (demo.parentPlace) assert.match(demo.parentPlace.gssCode, /^E0[6-9]\d{6}$|^E10\d{6}$/);
    assert.ok(demo.neighbourhoods.length >= 3);
  });

  it('has unique slugs, keys and emails, all well formed', () => {
    const lists: [string, { slug: string }[]][] = [
      ['ward', demo.wards],
      ['neighbourhood', demo.neighbourhoods],
      ['organisation', demo.organisations],
      ['person', demo.people],
      ['partnership', demo.partnerships],
    ];
    for (const [what, items] of lists) {
      assertUnique(
        items.map((i) => i.slug),
        `${what} slug`,
      );
      for (const item of items) assert.match(item.slug, slugPattern, `${what} slug ${item.slug}`);
    }
    assertUnique(
      demo.wards.map((w) => w.gssCode),
      'ward GSS code',
    );
    assertUnique(
      demo.organisations.map((o) => o.key),
      'organisation key',
    );
    assertUnique(
      demo.people.map((p) => p.key),
      'person key',
    );
    assertUnique(
      demo.partnerships.map((p) => p.key),
      'partnership key',
    );
    assertUnique(
      demo.people.map((p) => p.email),
      'person email',
    );
    assertUnique(
      demo.logins.map((l) => l.email),
      'login email',
    );
    for (const email of [...demo.people.map((p) => p.email), ...demo.logins.map((l) => l.email)]) {
      assert.match(email, /^[a-z0-9.]+@[a-z0-9-]+\.example$/, email);
    }
    for (const o of demo.organisations) {
      if (o.website !== null) assert.match(o.website, /^https:\/\/www\.[a-z0-9-]+\.example\/$/, o.key);
    }
  });

  it('has at least 40 organisations across all five sectors, with the named partners', () => {
    assert.ok(demo.organisations.length >= 40, `${demo.organisations.length} organisations`);
    for (const sector of sectors) {
      assert.ok(
        demo.organisations.some((o) => o.sector === sector),
        `no organisation in sector ${sector}`,
      );
    }
    for (const o of demo.organisations) {
      assert.ok(sectors.includes(o.sector), o.key);
      assert.ok(organisationTypes.includes(o.type), o.key);
      assert.ok(o.description.length > 0, o.key);
    }
    const namedTypes = new Set(demo.organisations.filter((o) => o.namedPartner).map((o) => o.type));
    for (const type of [
      'council',
      'police',
      'probation',
      'nhs_body',
      'fire_and_rescue',
      'jobcentre_plus',
    ] as const) {
      assert.ok(namedTypes.has(type), `no named partner of type ${type}`);
    }
    assert.ok(demo.organisations.every((o) => !o.namedPartner || o.sector === 'public'));
    for (const type of [
      'business_association',
      'vcs_infrastructure',
      'faith_group',
      'residents_association',
      'school_college',
    ] as const) {
      assert.ok(
        demo.organisations.some((o) => o.type === type),
        `no organisation of type ${type}`,
      );
    }
  });

  it('has at least 80 people, each in an organisation that exists, and every organisation has someone', () => {
    assert.ok(demo.people.length >= 80, `${demo.people.length} people`);
    for (const p of demo.people) {
      assert.ok(organisationByKey.has(p.organisationKey), `${p.key}: ${p.organisationKey}`);
      assert.ok(p.position.length > 0, p.key);
      assert.match(p.name, /^\S+ \S+$/, p.name);
    }
    for (const o of demo.organisations) {
      assert.ok(
        demo.people.some((p) => p.organisationKey === o.key),
        `nobody works for ${o.key}`,
      );
    }
  });

  it('has at least 12 councillors of the council, covering every ward', () => {
    const councillors = demo.people.filter((p) => p.councillor);
    assert.ok(councillors.length >= 12, `${councillors.length} councillors`);
    for (const c of councillors) {
      assert.equal(organisationByKey.get(c.organisationKey)?.type, 'council', c.key);
      assert.ok(wardSlugs.has(c.councillor!.wardSlug), `${c.key}: ${c.councillor!.wardSlug}`);
      assert.ok(['executive', 'backbench'].includes(c.councillor!.role), c.key);
      assert.ok(c.councillor!.party.length > 0, c.key);
    }
    assert.ok(councillors.some((c) => c.councillor!.role === 'executive'));
    assert.ok(councillors.some((c) => c.councillor!.role === 'backbench'));
    for (const ward of demo.wards) {
      assert.ok(
        councillors.some((c) => c.councillor!.wardSlug === ward.slug),
        `no councillor for ${ward.slug}`,
      );
    }
    for (const n of demo.neighbourhoods) assert.ok(wardSlugs.has(n.wardSlug), n.slug);
  });

  it('has a board with thematic partnerships for the six themes and at least 20 partnerships', () => {
    assert.ok(demo.partnerships.length >= 20, `${demo.partnerships.length} partnerships`);
    const roots = demo.partnerships.filter((p) => p.parentKey === null);
    assert.equal(roots.length, 1);
    const board = roots[0]!;
    assert.match(board.name, /Partnership Board/);
    const thematic = demo.partnerships.filter((p) => p.parentKey === board.key);
    assert.ok(thematic.length >= 7, `${thematic.length} thematic partnerships`);
    const themes = new Set(thematic.map((p) => p.theme));
    for (const theme of [
      demoThemes.communitySafety,
      demoThemes.children,
      demoThemes.health,
      demoThemes.economy,
      demoThemes.sustainability,
      demoThemes.housing,
    ]) {
      assert.ok(themes.has(theme), `no thematic partnership for ${theme}`);
    }
    for (const p of thematic) {
      const subGroups = demo.partnerships.filter((s) => s.parentKey === p.key);
      assert.ok(
        subGroups.length >= 1 && subGroups.length <= 3,
        `${p.key} has ${subGroups.length} sub-groups`,
      );
      assert.ok(
        subGroups.every((s) => s.theme === p.theme),
        `${p.key} sub-groups share its theme`,
      );
    }
    const safer = thematic.find((p) => p.theme === demoThemes.communitySafety)!;
    const children = thematic.find((p) => p.theme === demoThemes.children)!;
    assert.ok(safer.statutory, 'the CDRP is statutory');
    assert.ok(children.statutory, 'the children’s trust is statutory');
  });

  it('has one abolished and one merged sub-group, the rest active', () => {
    const abolished = demo.partnerships.filter((p) => p.status === 'abolished');
    const merged = demo.partnerships.filter((p) => p.status === 'merged');
    assert.equal(abolished.length, 1);
    assert.equal(merged.length, 1);
    for (const p of [...abolished, ...merged]) {
      assert.ok(p.statusChangedOn && isValidDate(p.statusChangedOn), p.key);
      assert.ok(p.establishedOn < p.statusChangedOn!, p.key);
      assert.notEqual(p.parentKey, null);
    }
    const target = partnershipByKey.get(merged[0]!.mergedIntoKey!);
    assert.ok(target, 'merged into a partnership that exists');
    assert.equal(target.status, 'active');
    assert.equal(abolished[0]!.mergedIntoKey, null);
    for (const p of demo.partnerships.filter((p) => p.status === 'active')) {
      assert.equal(p.statusChangedOn, null, p.key);
      assert.equal(p.mergedIntoKey, null, p.key);
    }
  });

  it('resolves every partnership reference and has no cycles', () => {
    for (const p of demo.partnerships) {
      if (p.parentKey !== null)
        assert.ok(partnershipByKey.has(p.parentKey), `${p.key} parent ${p.parentKey}`);
      if (p.mergedIntoKey !== null) assert.ok(partnershipByKey.has(p.mergedIntoKey), p.key);
      const line = new Set<string>();
      let at: string | null = p.key;
      while (at !== null) {
        assert.ok(!line.has(at), `cycle through ${at}`);
        line.add(at);
        at = partnershipByKey.get(at)?.parentKey ?? null;
      }
    }
  });

  it('gives every partnership terms of reference in Markdown with a bullet list', () => {
    for (const p of demo.partnerships) {
      assert.match(p.termsOfReference, /^## /m, p.key);
      assert.match(p.termsOfReference, /^- \S/m, p.key);
      assert.ok(p.termsOfReference.split('\n\n').length >= 4, p.key);
      assert.ok(!/\bthe the\b/i.test(p.termsOfReference), p.key);
    }
  });

  it('has valid dates between 2006 and June 2026', () => {
    const dates: [string, string][] = [];
    for (const p of demo.partnerships) {
      dates.push([p.key, p.establishedOn]);
      if (p.statusChangedOn) dates.push([p.key, p.statusChangedOn]);
    }
    for (const m of demo.memberships) {
      dates.push([`${m.partnershipKey}/${m.personKey}`, m.startsOn]);
      if (m.endsOn) dates.push([`${m.partnershipKey}/${m.personKey}`, m.endsOn]);
    }
    for (const [where, date] of dates) {
      assert.ok(isValidDate(date), `${where}: ${date}`);
      assert.ok(date >= '2006-01-01' && date <= '2026-06-30', `${where}: ${date}`);
    }
  });

  it('resolves every membership reference and matches the organisation’s sector', () => {
    for (const m of demo.memberships) {
      const where = `${m.partnershipKey}/${m.personKey}/${m.role}`;
      const partnership = partnershipByKey.get(m.partnershipKey);
      const person = personByKey.get(m.personKey);
      const organisation = organisationByKey.get(m.organisationKey);
      assert.ok(partnership, where);
      assert.ok(person, where);
      assert.ok(organisation, where);
      assert.ok(membershipRoles.includes(m.role), where);
      assert.equal(m.sector, organisation.sector, where);
      assert.equal(m.organisationKey, person.organisationKey, where);
      assert.ok(m.startsOn >= partnership.establishedOn, `${where} starts before the partnership`);
      if (m.endsOn !== null) assert.ok(m.startsOn <= m.endsOn, `${where} ends before it starts`);
      if (partnership.status !== 'active') {
        assert.ok(m.endsOn !== null && m.endsOn < partnership.statusChangedOn!, `${where} outlives it`);
      }
    }
  });

  it('gives each active partnership one current chair, a secretariat and 5 to 14 members', () => {
    for (const p of demo.partnerships.filter((p) => p.status === 'active')) {
      const seats = seatsOf(p.key).filter(current);
      assert.equal(seats.filter((m) => m.role === 'chair').length, 1, `${p.key} chairs`);
      assert.ok(
        seats.some((m) => m.role === 'secretariat'),
        `${p.key} has no secretariat`,
      );
      const members = seats.filter((m) => m.role === 'member').length;
      assert.ok(members >= 5 && members <= 14, `${p.key} has ${members} members`);
      assert.ok(new Set(seats.map((m) => m.sector)).size >= 2, `${p.key} has one sector only`);
    }
    for (const p of demo.partnerships.filter((p) => p.status !== 'active')) {
      assert.equal(seatsOf(p.key).filter(current).length, 0, `${p.key} has current seats`);
    }
  });

  it('never has two chairs or vice-chairs at the same time', () => {
    for (const p of demo.partnerships) {
      for (const role of ['chair', 'vice_chair'] as const) {
        const terms = seatsOf(p.key)
          .filter((m) => m.role === role)
          .sort((a, b) => a.startsOn.localeCompare(b.startsOn));
        for (let i = 1; i < terms.length; i += 1) {
          const before = terms[i - 1]!;
          assert.ok(
            before.endsOn !== null && before.endsOn < terms[i]!.startsOn,
            `${p.key}: overlapping ${role}s`,
          );
        }
      }
    }
  });

  it('has no person in two seats of one partnership at the same time', () => {
    const byPersonAndPartnership = new Map<string, DemoMembership[]>();
    for (const m of demo.memberships) {
      const key = `${m.partnershipKey}|${m.personKey}`;
      byPersonAndPartnership.set(key, [...(byPersonAndPartnership.get(key) ?? []), m]);
    }
    for (const [key, seats] of byPersonAndPartnership) {
      assert.ok(seats.filter(current).length <= 1, `${key} has two current seats`);
      const sorted = [...seats].sort((a, b) => a.startsOn.localeCompare(b.startsOn));
      for (let i = 1; i < sorted.length; i += 1) {
        const before = sorted[i - 1]!;
        assert.ok(before.endsOn !== null && before.endsOn < sorted[i]!.startsOn, `${key} overlaps`);
      }
    }
  });

  it('shows history, substitutes, observers and people on several partnerships', () => {
    assert.ok(demo.memberships.filter((m) => m.role === 'substitute').length >= 5);
    assert.ok(demo.memberships.some((m) => m.role === 'observer' && m.endsOn === null));
    const active = new Set(demo.partnerships.filter((p) => p.status === 'active').map((p) => p.key));
    const past = demo.memberships.filter((m) => m.endsOn !== null && active.has(m.partnershipKey));
    assert.ok(past.length >= 10, `${past.length} past seats on active partnerships`);
    assert.ok(
      past.some((m) => m.role === 'chair'),
      'a past chair',
    );
    assert.ok(past.every((m) => m.endsOn! < '2026-01-01'));
    const partnershipsPerPerson = new Map<string, Set<string>>();
    for (const m of demo.memberships.filter(current)) {
      const set = partnershipsPerPerson.get(m.personKey) ?? new Set<string>();
      set.add(m.partnershipKey);
      partnershipsPerPerson.set(m.personKey, set);
    }
    assert.ok([...partnershipsPerPerson.values()].some((s) => s.size >= 3));
    for (const sector of sectors) {
      assert.ok(
        demo.memberships.some((m) => m.sector === sector && current(m)),
        `no current seat for sector ${sector}`,
      );
    }
  });

  it('has the demo logins, linked to people and partnerships that exist', () => {
    for (const login of demo.logins) {
      assert.equal(login.password, demoPassword);
      assert.ok(login.password.length >= 12);
      assert.ok(login.grants.length >= 1, login.email);
      if (login.personKey !== null) {
        const person = personByKey.get(login.personKey);
        assert.ok(person, login.email);
        assert.equal(login.email, person.email);
        assert.equal(login.displayName, person.name);
      }
      for (const grant of login.grants) {
        if ('partnershipKey' in grant) assert.ok(partnershipByKey.has(grant.partnershipKey), login.email);
        if ('organisationKey' in grant) assert.ok(organisationByKey.has(grant.organisationKey), login.email);
      }
    }
    const find = (predicate: (l: (typeof demo.logins)[number]) => boolean) => demo.logins.find(predicate);

    const admin = find((l) => l.email === 'admin@kelmsfield.example');
    assert.ok(admin?.grants.some((g) => g.role === 'site_admin'));
    assert.ok(find((l) => l.grants.some((g) => g.role === 'secretariat')));

    const safer = demo.partnerships.find((p) => p.theme === demoThemes.communitySafety && p.statutory)!;
    const chairOfSafer = seatsOf(safer.key).find((m) => m.role === 'chair' && current(m))!;
    const manager = find((l) =>
      l.grants.some((g) => g.role === 'partnership_manager' && g.partnershipKey === safer.key),
    );
    assert.equal(manager?.personKey, chairOfSafer.personKey, 'the manager login is the chair');

    const police = demo.organisations.find(
      (o) => o.type === 'police' && o.namedPartner && o.key === 'police',
    )!;
    const officer = find((l) =>
      l.grants.some((g) => g.role === 'partner_officer' && g.organisationKey === police.key),
    );
    assert.equal(personByKey.get(officer!.personKey!)?.organisationKey, police.key);

    const board = demo.partnerships.find((p) => p.parentKey === null)!;
    const member = find((l) => l.grants.some((g) => g.role === 'member' && g.partnershipKey === board.key));
    assert.ok(
      seatsOf(board.key).some((m) => m.personKey === member?.personKey && current(m)),
      'the board member login sits on the board',
    );
  });
});
