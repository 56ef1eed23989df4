import type { Kysely, Transaction } from 'kysely';
import type { Database, PartnershipRow } from '../../db/schema.ts';
import { can, type Actor } from '../../domain/permissions.ts';
import {
  areaKindNames,
  membershipRoleNames,
  organisationTypeNames,
  partnershipStatusNames,
  placeKinds,
  sectorNames,
  sectors,
  type Sector,
} from '../../domain/vocabulary.ts';
import { NotFoundError, ValidationError } from '../../platform/errors.ts';
import { parseForm } from '../../platform/forms.ts';
import { authorise, formVersion, partnershipLine } from '../../platform/service-rules.ts';
import { historyOf, recordAudit } from '../../platform/audit.ts';
import { nowIso, todayIso } from '../../platform/time.ts';
import { uniqueSlug } from '../../platform/slugs.ts';
import { updateWithVersion } from '../../platform/versioned.ts';
import {
  affiliationForm,
  areaForm,
  endMembershipForm,
  membershipForm,
  organisationForm,
  partnershipForm,
  personForm,
} from './forms.ts';
import * as repo from './repository.ts';
import { isPostgres } from '../../db/database.ts';
import {
  insertOrganisation,
  insertPerson,
  organisationValues,
  recordSeatChange,
  slugTaken,
} from './records.ts';
import { groupBy } from '../../platform/collections.ts';

type Db = Kysely<Database> | Transaction<Database>;

export function emptySeats(): Record<Sector, number> {
  return Object.fromEntries(sectors.map((s) => [s, 0])) as Record<Sector, number>;
}

export function createRegistryServices(db: Kysely<Database>) {
  // ---- areas

  async function checkAreaParent(dbx: Db, kind: string, parentId: number | null, selfId?: number) {
    if (!parentId) {
      if (!(placeKinds as readonly string[]).includes(kind)) {
        throw new ValidationError({
          parentId: 'Choose the place this ward, parish or neighbourhood is part of',
        });
      }
      return;
    }
    const areas = await dbx.selectFrom('areas').select(['id', 'parent_id']).execute();
    const parentOf = new Map(areas.map((a) => [a.id, a.parent_id]));
    if (!parentOf.has(parentId)) throw new ValidationError({ parentId: 'Choose an area from the list' });
    // Walk up from the new parent: meeting this area again would make a loop.
    const seen = new Set<number>();
    for (
      let current: number | null | undefined = parentId;
      current && !seen.has(current);
      current = parentOf.get(current)
    ) {
      if (current === selfId) {
        throw new ValidationError({ parentId: 'An area cannot be part of itself or of an area within it' });
      }
      seen.add(current);
    }
  }

  async function createArea(actor: Actor | null, input: unknown) {
    authorise(actor, 'areas:manage');
    const form = parseForm(areaForm, input);
    return db.transaction().execute(async (trx) => {
      await checkAreaParent(trx, form.kind, form.parentId);
      if (form.gssCode && (await repo.findAreaByGss(trx, form.gssCode))) {
        throw new ValidationError({ gssCode: `Another area already has the GSS code ${form.gssCode}` });
      }
      const now = nowIso();
      const values = {
        name: form.name,
        slug: await uniqueSlug(form.name, (s) => slugTaken(trx, 'areas', s)),
        gss_code: form.gssCode,
        kind: form.kind,
        parent_id: form.parentId,
        population: form.population,
        created_at: now,
        updated_at: now,
      };
      const { id } = await trx.insertInto('areas').values(values).returning('id').executeTakeFirstOrThrow();
      await recordAudit(trx, actor, {
        entityType: 'area',
        entityId: id,
        action: 'created',
        summary: `Added the area ${form.name}`,
        after: values,
      });
      return { id, slug: values.slug };
    });
  }

  async function updateArea(actor: Actor | null, slug: string, input: unknown) {
    authorise(actor, 'areas:manage');
    const area = await repo.findAreaBySlug(db, slug);
    if (!area) throw new NotFoundError('area');
    const expected = formVersion(input);
    const form = parseForm(areaForm, input);
    return db.transaction().execute(async (trx) => {
      await checkAreaParent(trx, form.kind, form.parentId, area.id);
      const clash = form.gssCode ? await repo.findAreaByGss(trx, form.gssCode) : undefined;
      if (clash && clash.id !== area.id)
        throw new ValidationError({ gssCode: `Another area already has the GSS code ${form.gssCode}` });
      const { before, after } = await updateWithVersion(trx, 'areas', area.id, expected, {
        name: form.name,
        gss_code: form.gssCode,
        kind: form.kind,
        parent_id: form.parentId,
        population: form.population,
      });
      await recordAudit(trx, actor, {
        entityType: 'area',
        entityId: area.id,
        action: 'updated',
        summary: `Edited the area ${form.name}`,
        before,
        after,
      });
      return { slug: area.slug };
    });
  }

  async function areaPage(slug: string) {
    const area = await repo.findAreaBySlug(db, slug);
    if (!area) throw new NotFoundError('area');
    const areas = await repo.listAreas(db);
    return {
      area,
      parent: areas.find((a) => a.id === area.parent_id) ?? null,
      children: areas.filter((a) => a.parent_id === area.id),
      partnerships: await db
        .selectFrom('partnerships')
        .selectAll()
        .where('area_id', '=', area.id)
        .orderBy('name')
        .execute(),
      councillors: await db
        .selectFrom('people')
        .selectAll()
        .where('ward_id', '=', area.id)
        .orderBy('name')
        .execute(),
    };
  }

  // ---- organisations

  async function checkOrganisationLinks(
    trx: Db,
    form: ReturnType<typeof organisationForm.parse>,
    self?: { id: number; name: string },
  ) {
    // Only a new or changed name is checked, so a record that already shares its name can still be saved.
    const clash = renamed(self, form.name) ? await repo.findOrganisationByName(trx, form.name) : undefined;
    if (clash && clash.id !== self?.id) {
      throw new ValidationError({ name: `There is already an organisation called ${form.name}` });
    }
    if (form.areaId && !(await repo.findAreaById(trx, form.areaId))) {
      throw new ValidationError({ areaId: 'Choose an area from the list' });
    }
  }

  async function createOrganisation(actor: Actor | null, input: unknown) {
    authorise(actor, 'organisations:create');
    const form = parseForm(organisationForm, input);
    return db.transaction().execute(async (trx) => {
      await checkOrganisationLinks(trx, form);
      return insertOrganisation(trx, actor, form, {
        action: 'created',
        summary: `Added the organisation ${form.name}`,
      });
    });
  }

  async function updateOrganisation(actor: Actor | null, slug: string, input: unknown) {
    const organisation = await repo.findOrganisationBySlug(db, slug);
    if (!organisation) throw new NotFoundError('organisation');
    authorise(actor, 'organisations:edit', { organisationId: organisation.id });
    const expected = formVersion(input);
    // A partner officer keeps their organisation's description and website up to date;
    // its name, sector, type, named-partner status and area stay as the secretariat set them.
    const submitted = can(actor, 'organisations:edit-standing')
      ? input
      : {
          ...(input as object),
          name: organisation.name,
          sector: organisation.sector,
          type: organisation.type,
          namedPartner: organisation.named_partner ? 'yes' : '',
          areaId: organisation.area_id ?? '',
        };
    const form = parseForm(organisationForm, submitted);
    return db.transaction().execute(async (trx) => {
      await checkOrganisationLinks(trx, form, organisation);
      const { before, after } = await updateWithVersion(
        trx,
        'organisations',
        organisation.id,
        expected,
        organisationValues(form),
      );
      await recordAudit(trx, actor, {
        entityType: 'organisation',
        entityId: organisation.id,
        action: 'updated',
        summary: `Edited the organisation ${form.name}`,
        before,
        after,
      });
      return { slug: organisation.slug };
    });
  }

  async function organisationPage(slug: string) {
    const organisation = await repo.findOrganisationBySlug(db, slug);
    if (!organisation) throw new NotFoundError('organisation');
    const today = todayIso();
    const [area, people, seats] = await Promise.all([
      organisation.area_id ? repo.findAreaById(db, organisation.area_id) : undefined,
      repo.affiliations(db).where('affiliations.organisation_id', '=', organisation.id).execute(),
      repo
        .memberships(db)
        .where('memberships.organisation_id', '=', organisation.id)
        .orderBy('partnerships.name')
        .orderBy('people.name')
        .execute(),
    ]);
    return {
      organisation,
      area: area ?? null,
      people,
      currentSeats: seats.filter((m) => isCurrent(m, today)),
      pastSeats: seats.filter((m) => !isCurrent(m, today)),
    };
  }

  // ---- people

  async function createPerson(actor: Actor | null, input: unknown) {
    authorise(actor, 'people:create');
    const form = parseForm(personForm, input);
    return db.transaction().execute(async (trx) => {
      await checkPerson(actor, trx, form);
      return insertPerson(trx, actor, form, { action: 'created', summary: `Added ${form.name}` });
    });
  }

  async function checkPerson(
    actor: Actor,
    trx: Db,
    form: { email: string | null; wardId: number | null; organisationId: number | null },
    selfId?: number,
  ) {
    if (form.email) {
      const clash = await repo.findPersonByEmail(trx, form.email);
      if (clash && clash.id !== selfId)
        // Only those who may see private fields learn whose address it is.
        throw new ValidationError({
          email: can(actor, 'people:view-private')
            ? `${clash.name} already has this email address`
            : 'Someone in the registry already has this email address',
        });
    }
    if (form.wardId) {
      const ward = await repo.findAreaById(trx, form.wardId);
      if (!ward || ward.kind !== 'ward') throw new ValidationError({ wardId: 'Choose a ward from the list' });
    }
    if (form.organisationId && !(await repo.findOrganisationById(trx, form.organisationId))) {
      throw new ValidationError({ organisationId: 'Choose an organisation from the list' });
    }
  }

  async function updatePerson(actor: Actor | null, slug: string, input: unknown) {
    authorise(actor, 'people:edit');
    const person = await repo.findPersonBySlug(db, slug);
    if (!person) throw new NotFoundError('person');
    const expected = formVersion(input);
    const form = parseForm(personForm, { ...(input as object), organisationId: '', position: '' });
    return db.transaction().execute(async (trx) => {
      await checkPerson(actor, trx, form, person.id);
      const { before, after } = await updateWithVersion(trx, 'people', person.id, expected, {
        name: form.name,
        email: form.email,
        councillor: form.councillor ? 1 : 0,
        ward_id: form.councillor ? form.wardId : null,
        councillor_role: form.councillor ? form.councillorRole : null,
        party: form.councillor ? form.party : null,
      });
      await recordAudit(trx, actor, {
        entityType: 'person',
        entityId: person.id,
        action: 'updated',
        summary: `Edited ${form.name}`,
        before,
        after,
      });
      return { slug: person.slug };
    });
  }

  async function addAffiliation(actor: Actor | null, slug: string, input: unknown) {
    authorise(actor, 'people:edit');
    const person = await repo.findPersonBySlug(db, slug);
    if (!person) throw new NotFoundError('person');
    const form = parseForm(affiliationForm, input);
    await db.transaction().execute(async (trx) => {
      const organisation = await repo.findOrganisationById(trx, form.organisationId);
      if (!organisation)
        throw new ValidationError({ organisationId: 'Choose an organisation from the list' });
      const values = {
        person_id: person.id,
        organisation_id: organisation.id,
        position: form.position,
        created_at: nowIso(),
      };
      await trx.insertInto('affiliations').values(values).execute();
      await recordAudit(trx, actor, {
        entityType: 'person',
        entityId: person.id,
        action: 'updated',
        summary: `Added ${organisation.name}${form.position ? ` (${form.position})` : ''} to ${person.name}’s organisations`,
        after: values,
      });
    });
  }

  async function removeAffiliation(actor: Actor | null, slug: string, affiliationId: number) {
    authorise(actor, 'people:edit');
    const person = await repo.findPersonBySlug(db, slug);
    if (!person) throw new NotFoundError('person');
    await db.transaction().execute(async (trx) => {
      const affiliation = await repo
        .affiliations(trx)
        .where('affiliations.id', '=', affiliationId)
        .where('affiliations.person_id', '=', person.id)
        .executeTakeFirst();
      if (!affiliation) throw new NotFoundError('affiliation');
      await trx.deleteFrom('affiliations').where('id', '=', affiliationId).execute();
      await recordAudit(trx, actor, {
        entityType: 'person',
        entityId: person.id,
        action: 'updated',
        summary: `Removed ${affiliation.organisation_name} from ${person.name}’s organisations`,
        before: affiliation,
      });
    });
  }

  /** People with the organisations they belong to: two queries, grouped in memory. */
  async function peopleWithOrganisations(q?: string) {
    const [people, affiliations] = await Promise.all([
      repo.listPeople(db, q),
      repo.affiliations(db).execute(),
    ]);
    const byPerson = groupBy(affiliations, (a) => a.person_id);
    return people.map((person) => ({ ...person, organisations: byPerson.get(person.id) ?? [] }));
  }

  async function personPage(slug: string) {
    const person = await repo.findPersonBySlug(db, slug);
    if (!person) throw new NotFoundError('person');
    const today = todayIso();
    const [ward, organisations, seats] = await Promise.all([
      person.ward_id ? repo.findAreaById(db, person.ward_id) : undefined,
      repo.affiliations(db).where('affiliations.person_id', '=', person.id).execute(),
      repo
        .memberships(db)
        .where('memberships.person_id', '=', person.id)
        .orderBy('memberships.starts_on', 'desc')
        .execute(),
    ]);
    return {
      person,
      ward: ward ?? null,
      organisations,
      currentSeats: seats.filter((m) => isCurrent(m, today)),
      pastSeats: seats.filter((m) => !isCurrent(m, today)),
    };
  }

  // ---- partnerships

  async function checkPartnershipLinks(
    trx: Db,
    actor: Actor,
    form: ReturnType<typeof partnershipForm.parse>,
    self?: { id: number; parent_id: number | null; name: string },
  ) {
    const selfId = self?.id;
    const parentUnchanged = self !== undefined && self.parent_id === form.parentId;
    if (parentUnchanged) {
      // Keeping where it sits needs no further right.
    } else if (form.parentId) {
      if (!(await repo.findPartnershipById(trx, form.parentId)))
        throw new ValidationError({ parentId: 'Choose a partnership from the list' });
      const line = await partnershipLine(trx, form.parentId);
      if (selfId && line.includes(selfId)) {
        throw new ValidationError({
          parentId: 'A partnership cannot report to itself or to one of its own sub-groups',
        });
      }
      if (!can(actor, 'partnerships:create', { partnershipLine: line })) {
        throw new ValidationError({ parentId: 'You can only place it under a partnership you manage' });
      }
    } else if (!can(actor, 'partnerships:create', {})) {
      throw new ValidationError({ parentId: 'Choose the partnership this one reports to' });
    }
    if (
      form.mergedIntoId &&
      (form.mergedIntoId === selfId || !(await repo.findPartnershipById(trx, form.mergedIntoId)))
    ) {
      throw new ValidationError({ mergedIntoId: 'Choose another partnership from the list' });
    }
    if (form.areaId && !(await repo.findAreaById(trx, form.areaId)))
      throw new ValidationError({ areaId: 'Choose an area from the list' });
    const sameName = renamed(self, form.name) ? await repo.findPartnershipByName(trx, form.name) : undefined;
    if (sameName && sameName.id !== selfId) {
      throw new ValidationError({ name: `There is already a partnership called ${form.name}` });
    }
  }

  function partnershipValues(form: ReturnType<typeof partnershipForm.parse>) {
    return {
      name: form.name,
      short_name: form.shortName,
      parent_id: form.parentId,
      statutory: form.statutory ? 1 : 0,
      theme: form.theme,
      terms_of_reference: form.termsOfReference,
      status: form.status,
      established_on: form.establishedOn,
      status_changed_on: form.statusChangedOn,
      merged_into_id: form.mergedIntoId,
      area_id: form.areaId,
    };
  }

  async function createPartnership(actor: Actor | null, input: unknown) {
    authorise(actor, 'partnerships:create');
    const form = parseForm(partnershipForm, input);
    return db.transaction().execute(async (trx) => {
      await checkPartnershipLinks(trx, actor, form);
      const now = nowIso();
      const values = {
        ...partnershipValues(form),
        slug: await uniqueSlug(form.name, (s) => slugTaken(trx, 'partnerships', s)),
        created_at: now,
        updated_at: now,
      };
      const { id } = await trx
        .insertInto('partnerships')
        .values(values)
        .returning('id')
        .executeTakeFirstOrThrow();
      await recordAudit(trx, actor, {
        entityType: 'partnership',
        entityId: id,
        action: 'created',
        summary: `Set up ${form.name}`,
        after: values,
      });
      return { id, slug: values.slug };
    });
  }

  async function updatePartnership(actor: Actor | null, slug: string, input: unknown) {
    const partnership = await repo.findPartnershipBySlug(db, slug);
    if (!partnership) throw new NotFoundError('partnership');
    authorise(actor, 'partnerships:edit', { partnershipLine: await partnershipLine(db, partnership.id) });
    const expected = formVersion(input);
    const form = parseForm(partnershipForm, input);
    return db.transaction().execute(async (trx) => {
      await checkPartnershipLinks(trx, actor, form, partnership);
      const { before, after } = await updateWithVersion(
        trx,
        'partnerships',
        partnership.id,
        expected,
        partnershipValues(form),
      );
      await recordAudit(trx, actor, {
        entityType: 'partnership',
        entityId: partnership.id,
        action: 'updated',
        summary: `Edited ${form.name}`,
        before,
        after,
      });
      return { slug: partnership.slug };
    });
  }

  async function partnershipBySlug(slug: string): Promise<PartnershipRow> {
    const partnership = await repo.findPartnershipBySlug(db, slug);
    if (!partnership) throw new NotFoundError('partnership');
    return partnership;
  }

  /** The partnership, if this actor may do this to it (the edit forms ask before showing). */
  async function partnershipFor(
    actor: Actor | null,
    slug: string,
    action: 'partnerships:edit' | 'memberships:manage',
  ) {
    const partnership = await partnershipBySlug(slug);
    authorise(actor, action, { partnershipLine: await partnershipLine(db, partnership.id) });
    return partnership;
  }

  async function organisationFor(actor: Actor | null, slug: string) {
    const organisation = await repo.findOrganisationBySlug(db, slug);
    if (!organisation) throw new NotFoundError('organisation');
    authorise(actor, 'organisations:edit', { organisationId: organisation.id });
    return organisation;
  }

  async function partnershipPage(slug: string) {
    const partnership = await partnershipBySlug(slug);
    const today = todayIso();
    const [all, seats, area] = await Promise.all([
      repo.listPartnerships(db),
      repo
        .memberships(db)
        .where('memberships.partnership_id', '=', partnership.id)
        .orderBy('people.name')
        .execute(),
      partnership.area_id ? repo.findAreaById(db, partnership.area_id) : undefined,
    ]);
    const roleOrder = ['chair', 'vice_chair', 'member', 'substitute', 'observer', 'secretariat'];
    const byRole = (a: { role: string; person_name: string }, b: { role: string; person_name: string }) =>
      roleOrder.indexOf(a.role) - roleOrder.indexOf(b.role) || a.person_name.localeCompare(b.person_name);
    return {
      partnership,
      parent: all.find((p) => p.id === partnership.parent_id) ?? null,
      children: all.filter((p) => p.parent_id === partnership.id),
      mergedInto: all.find((p) => p.id === partnership.merged_into_id) ?? null,
      area: area ?? null,
      currentSeats: seats.filter((m) => isCurrent(m, today)).sort(byRole),
      pastSeats: seats
        .filter((m) => !isCurrent(m, today))
        .sort((a, b) => (b.ends_on ?? '').localeCompare(a.ends_on ?? '')),
      line: await partnershipLine(db, partnership.id),
    };
  }

  /** Every partnership with its current seats by sector: what the structure map draws. */
  async function structure() {
    const [partnerships, seats] = await Promise.all([
      repo.listPartnerships(db),
      repo.currentSeatsBySector(db, todayIso()),
    ]);
    const seatsByPartnership = groupBy(seats, (row) => row.partnership_id);
    return partnerships.map((p) => {
      const sectorSeats = emptySeats();
      for (const row of seatsByPartnership.get(p.id) ?? [])
        if (row.sector in sectorSeats) sectorSeats[row.sector as Sector] += Number(row.seats);
      return {
        id: p.id,
        parentId: p.parent_id,
        name: p.name,
        slug: p.slug,
        status: p.status as 'active' | 'merged' | 'abolished',
        statutory: p.statutory === 1,
        sectorSeats,
      };
    });
  }

  // ---- memberships

  async function membershipValues(trx: Db, form: ReturnType<typeof membershipForm.parse>) {
    const person = await repo.findPersonById(trx, form.personId);
    if (!person) throw new ValidationError({ personId: 'Choose a person from the list' });
    let sector = form.sector;
    if (form.organisationId) {
      const organisation = await repo.findOrganisationById(trx, form.organisationId);
      if (!organisation)
        throw new ValidationError({ organisationId: 'Choose an organisation from the list' });
      sector ??= organisation.sector as Sector;
    }
    return {
      person,
      values: {
        person_id: person.id,
        role: form.role,
        organisation_id: form.organisationId,
        sector: sector!,
        starts_on: form.startsOn!,
        ends_on: form.endsOn,
      },
    };
  }

  /** One person may not hold the same role on one partnership twice over the same dates. */
  async function checkNoOverlap(
    trx: Db,
    partnership: { id: number; name: string },
    personName: string,
    seat: { person_id: number; role: string; starts_on: string; ends_on: string | null },
    selfId?: number,
  ) {
    if (isPostgres(trx)) {
      // Two people seating the same person at once: the second waits here, then sees the first.
      await trx
        .selectFrom('partnerships')
        .select('id')
        .where('id', '=', partnership.id)
        .forUpdate()
        .execute();
    }
    let query = trx
      .selectFrom('memberships')
      .select(['starts_on', 'ends_on'])
      .where('partnership_id', '=', partnership.id)
      .where('person_id', '=', seat.person_id)
      .where('role', '=', seat.role)
      .where((eb) => eb.or([eb('ends_on', 'is', null), eb('ends_on', '>=', seat.starts_on)]));
    if (seat.ends_on) query = query.where('starts_on', '<=', seat.ends_on);
    if (selfId) query = query.where('id', '!=', selfId);
    const clash = await query.executeTakeFirst();
    if (clash) {
      const role = seat.role.replace('_', '-');
      const when = clash.ends_on ? `from ${clash.starts_on} to ${clash.ends_on}` : `from ${clash.starts_on}`;
      throw new ValidationError({
        personId: `${personName} already holds a ${role} seat on ${partnership.name} ${when}, which overlaps these dates`,
      });
    }
  }

  async function addMembership(actor: Actor | null, partnershipSlug: string, input: unknown) {
    const partnership = await partnershipBySlug(partnershipSlug);
    authorise(actor, 'memberships:manage', { partnershipLine: await partnershipLine(db, partnership.id) });
    const form = parseForm(membershipForm, input);
    return db.transaction().execute(async (trx) => {
      const { person, values } = await membershipValues(trx, form);
      await checkNoOverlap(trx, partnership, person.name, values);
      const now = nowIso();
      const row = { ...values, partnership_id: partnership.id, created_at: now, updated_at: now };
      const { id } = await trx
        .insertInto('memberships')
        .values(row)
        .returning('id')
        .executeTakeFirstOrThrow();
      const summary = `${person.name} joined ${partnership.name} as ${form.role.replace('_', '-')}`;
      await recordSeatChange(
        trx,
        actor,
        { membershipId: id, partnershipId: partnership.id },
        {
          action: 'created',
          summary,
          after: row,
        },
      );
      return { id };
    });
  }

  async function membershipFor(partnershipSlug: string, membershipId: number, actor?: Actor | null) {
    const partnership =
      actor !== undefined
        ? await partnershipFor(actor, partnershipSlug, 'memberships:manage')
        : await partnershipBySlug(partnershipSlug);
    const membership = await repo
      .memberships(db)
      .where('memberships.id', '=', membershipId)
      .where('memberships.partnership_id', '=', partnership.id)
      .executeTakeFirst();
    if (!membership) throw new NotFoundError('membership');
    return { partnership, membership };
  }

  async function updateMembership(
    actor: Actor | null,
    partnershipSlug: string,
    membershipId: number,
    input: unknown,
  ) {
    const { partnership, membership } = await membershipFor(partnershipSlug, membershipId);
    authorise(actor, 'memberships:manage', { partnershipLine: await partnershipLine(db, partnership.id) });
    const expected = formVersion(input);
    const form = parseForm(membershipForm, input);
    await db.transaction().execute(async (trx) => {
      const { person, values } = await membershipValues(trx, form);
      await checkNoOverlap(trx, partnership, person.name, values, membership.id);
      const { before, after } = await updateWithVersion(trx, 'memberships', membership.id, expected, values);
      await recordSeatChange(
        trx,
        actor,
        { membershipId: membership.id, partnershipId: partnership.id },
        {
          action: 'updated',
          summary: `Edited ${person.name}’s seat on ${partnership.name}`,
          before,
          after,
        },
      );
    });
  }

  /** Ends a seat: the membership stays on record as history. */
  async function endMembership(
    actor: Actor | null,
    partnershipSlug: string,
    membershipId: number,
    input: unknown,
  ) {
    const { partnership, membership } = await membershipFor(partnershipSlug, membershipId);
    authorise(actor, 'memberships:manage', { partnershipLine: await partnershipLine(db, partnership.id) });
    const expected = formVersion(input);
    const form = parseForm(endMembershipForm, input);
    if (form.endsOn! < membership.starts_on) {
      throw new ValidationError({
        endsOn: `The end date must be on or after the start date (${membership.starts_on})`,
      });
    }
    await db.transaction().execute(async (trx) => {
      const { before, after } = await updateWithVersion(trx, 'memberships', membership.id, expected, {
        ends_on: form.endsOn,
      });
      await recordSeatChange(
        trx,
        actor,
        { membershipId: membership.id, partnershipId: partnership.id },
        {
          action: 'ended',
          summary: `${membership.person_name} left ${partnership.name} on ${form.endsOn}`,
          before,
          after,
        },
      );
    });
  }

  return {
    partnershipLine: (id: number) => partnershipLine(db, id),
    areas: {
      list: () => repo.listAreas(db),
      page: areaPage,
      bySlug: async (slug: string) => {
        const area = await repo.findAreaBySlug(db, slug);
        if (!area) throw new NotFoundError('area');
        return area;
      },
      create: createArea,
      update: updateArea,
    },
    organisations: {
      list: (filter?: repo.OrganisationFilter) => repo.listOrganisations(db, filter),
      page: organisationPage,
      forEditing: organisationFor,
      create: createOrganisation,
      update: updateOrganisation,
    },
    people: {
      list: (q?: string) => repo.listPeople(db, q),
      listWithOrganisations: peopleWithOrganisations,
      page: personPage,
      create: createPerson,
      update: updatePerson,
      addAffiliation,
      removeAffiliation,
      allAffiliations: () => repo.affiliations(db).execute(),
    },
    partnerships: {
      list: () => repo.listPartnerships(db),
      page: partnershipPage,
      bySlug: partnershipBySlug,
      forEditing: partnershipFor,
      create: createPartnership,
      update: updatePartnership,
      structure,
    },
    memberships: {
      all: () => repo.memberships(db).orderBy('partnerships.name').orderBy('people.name').execute(),
      get: membershipFor,
      add: addMembership,
      update: updateMembership,
      end: endMembership,
    },
    history: readableHistory,
  };

  /**
   * A record's history in words: ids shown as the names they point at, ticks as yes or no,
   * and private fields left out for those who may not see them.
   */
  async function readableHistory(entityType: string, entityId: number, hiddenFields: string[] = []) {
    const history = await historyOf(db, entityType, entityId, hiddenFields);
    const tableOf = (field: string): 'areas' | 'organisations' | 'people' | 'partnerships' | undefined =>
      field === 'parent_id' ? (entityType === 'area' ? 'areas' : 'partnerships') : referenceTables[field];
    const wanted = new Map<string, Set<number>>();
    for (const change of history.flatMap((entry) => entry.changes)) {
      const table = tableOf(change.field);
      if (!table) continue;
      for (const value of [change.before, change.after]) {
        if (typeof value === 'number') wanted.set(table, (wanted.get(table) ?? new Set()).add(value));
      }
    }
    const names = new Map<string, string>();
    for (const [table, ids] of wanted) {
      const t = db as unknown as Kysely<Record<string, { id: number; name: string }>>;
      const rows = await t
        .selectFrom(table)
        .select(['id', 'name'])
        .where('id', 'in', [...ids])
        .execute();
      for (const row of rows) names.set(`${table}:${row.id}`, row.name);
    }
    const readable = (field: string, value: unknown) => {
      const table = tableOf(field);
      if (table && typeof value === 'number')
        return names.get(`${table}:${value}`) ?? `(removed record ${value})`;
      if (flagFields.has(field))
        return value === null || value === undefined ? value : value === 1 ? 'Yes' : 'No';
      const words = codeNames[field];
      if (words && typeof value === 'string') return words[value] ?? value;
      return value;
    };
    return history.map((entry) => ({
      ...entry,
      changes: entry.changes.map((change) => ({
        field: tableOf(change.field) ? change.field.replace(/_id$/, '') : change.field,
        before: readable(change.field, change.before),
        after: readable(change.field, change.after),
      })),
    }));
  }
}

function renamed(self: { name: string } | undefined, name: string): boolean {
  return !self || self.name.toLowerCase() !== name.toLowerCase();
}

const referenceTables: Record<string, 'areas' | 'organisations' | 'people' | 'partnerships'> = {
  person_id: 'people',
  organisation_id: 'organisations',
  partnership_id: 'partnerships',
  merged_into_id: 'partnerships',
  area_id: 'areas',
  ward_id: 'areas',
};

const flagFields = new Set(['named_partner', 'statutory', 'councillor', 'disabled']);

/** Stored codes shown in the history by the words the forms use. */
const codeNames: Record<string, Record<string, string>> = {
  sector: sectorNames,
  type: organisationTypeNames,
  role: membershipRoleNames,
  status: partnershipStatusNames,
  kind: areaKindNames,
};

/** A seat not yet ended (including one that starts in the future); ended seats are history. */
export function isCurrent(seat: { ends_on: string | null }, today: string): boolean {
  return seat.ends_on === null || seat.ends_on >= today;
}

export type RegistryServices = ReturnType<typeof createRegistryServices>;
