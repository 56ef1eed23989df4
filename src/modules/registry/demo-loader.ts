import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema.ts';
import { nowIso } from '../../platform/time.ts';
import { recordAudit } from '../../platform/audit.ts';
import { hashPassword } from '../accounts/passwords.ts';
import { demoPlace } from './demo-place.ts';

/**
 * Loads the fictional demo place in one transaction. Called only when the
 * database has no place yet, so starting twice never loads it twice.
 */
export async function loadDemoPlace(db: Kysely<Database>): Promise<void> {
  const demo = demoPlace();
  const hashes = new Map<string, string>();
  for (const login of demo.logins) {
    if (!hashes.has(login.password)) hashes.set(login.password, await hashPassword(login.password));
  }
  await db.transaction().execute(async (trx) => {
    const now = nowIso();
    const stamp = { created_at: now, updated_at: now };
    const insertArea = async (values: {
      name: string;
      slug: string;
      gss_code: string | null;
      kind: string;
      parent_id: number | null;
      population: number | null;
    }) =>
      (
        await trx
          .insertInto('areas')
          .values({ ...values, ...stamp })
          .returning('id')
          .executeTakeFirstOrThrow()
      ).id;

    const parentId = demo.parentPlace
      ? await insertArea({
          name: demo.parentPlace.name,
          slug: demo.parentPlace.slug,
          gss_code: demo.parentPlace.gssCode,
          kind: demo.parentPlace.kind,
          parent_id: null,
          population: demo.parentPlace.population,
        })
      : null;
    const placeId = await insertArea({
      name: demo.place.name,
      slug: demo.place.slug,
      gss_code: demo.place.gssCode,
      kind: demo.place.kind,
      parent_id: parentId,
      population: demo.place.population,
    });
    const wardIds = new Map<string, number>();
    for (const ward of demo.wards) {
      wardIds.set(
        ward.slug,
        await insertArea({
          name: ward.name,
          slug: ward.slug,
          gss_code: ward.gssCode,
          kind: 'ward',
          parent_id: placeId,
          population: ward.population,
        }),
      );
    }
    for (const n of demo.neighbourhoods) {
      await insertArea({
        name: n.name,
        slug: n.slug,
        gss_code: null,
        kind: 'neighbourhood',
        parent_id: wardIds.get(n.wardSlug) ?? placeId,
        population: null,
      });
    }

    const organisationIds = new Map<string, number>();
    for (const o of demo.organisations) {
      const { id } = await trx
        .insertInto('organisations')
        .values({
          name: o.name,
          slug: o.slug,
          sector: o.sector,
          type: o.type,
          named_partner: o.namedPartner ? 1 : 0,
          area_id: placeId,
          website: o.website,
          description: o.description,
          ...stamp,
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      organisationIds.set(o.key, id);
    }

    const personIds = new Map<string, number>();
    for (const p of demo.people) {
      const { id } = await trx
        .insertInto('people')
        .values({
          name: p.name,
          slug: p.slug,
          email: p.email,
          councillor: p.councillor ? 1 : 0,
          ward_id: p.councillor ? (wardIds.get(p.councillor.wardSlug) ?? null) : null,
          councillor_role: p.councillor?.role ?? null,
          party: p.councillor?.party ?? null,
          ...stamp,
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      personIds.set(p.key, id);
      await trx
        .insertInto('affiliations')
        .values({
          person_id: id,
          organisation_id: organisationIds.get(p.organisationKey)!,
          position: p.position,
          created_at: now,
        })
        .execute();
    }

    const partnershipIds = new Map<string, number>();
    // Parents first, so every parent id exists when its children are inserted.
    const pending = [...demo.partnerships];
    while (pending.length) {
      const index = pending.findIndex((p) => !p.parentKey || partnershipIds.has(p.parentKey));
      const [p] = pending.splice(index === -1 ? 0 : index, 1);
      const { id } = await trx
        .insertInto('partnerships')
        .values({
          name: p!.name,
          slug: p!.slug,
          short_name: p!.shortName,
          parent_id: p!.parentKey ? (partnershipIds.get(p!.parentKey) ?? null) : null,
          statutory: p!.statutory ? 1 : 0,
          theme: p!.theme,
          terms_of_reference: p!.termsOfReference,
          status: p!.status,
          established_on: p!.establishedOn,
          status_changed_on: p!.statusChangedOn,
          merged_into_id: null,
          area_id: placeId,
          ...stamp,
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      partnershipIds.set(p!.key, id);
    }
    for (const p of demo.partnerships) {
      if (p.mergedIntoKey) {
        await trx
          .updateTable('partnerships')
          .set({ merged_into_id: partnershipIds.get(p.mergedIntoKey)! })
          .where('id', '=', partnershipIds.get(p.key)!)
          .execute();
      }
    }

    for (const m of demo.memberships) {
      await trx
        .insertInto('memberships')
        .values({
          partnership_id: partnershipIds.get(m.partnershipKey)!,
          person_id: personIds.get(m.personKey)!,
          role: m.role,
          organisation_id: organisationIds.get(m.organisationKey) ?? null,
          sector: m.sector,
          starts_on: m.startsOn,
          ends_on: m.endsOn,
          ...stamp,
        })
        .execute();
    }

    for (const login of demo.logins) {
      const { id: userId } = await trx
        .insertInto('users')
        .values({
          email: login.email,
          display_name: login.displayName,
          password_hash: hashes.get(login.password)!,
          person_id: login.personKey ? (personIds.get(login.personKey) ?? null) : null,
          disabled: 0,
          ...stamp,
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      for (const grant of login.grants) {
        await trx
          .insertInto('role_grants')
          .values({
            user_id: userId,
            role: grant.role,
            partnership_id: 'partnershipKey' in grant ? partnershipIds.get(grant.partnershipKey)! : null,
            organisation_id: 'organisationKey' in grant ? organisationIds.get(grant.organisationKey)! : null,
            created_at: now,
          })
          .execute();
      }
    }

    for (const [key, value] of [
      ['place_area_id', String(placeId)],
      ['demo', 'true'],
    ] as const) {
      await trx
        .insertInto('settings')
        .values({ key, value })
        .onConflict((oc) => oc.column('key').doUpdateSet({ value }))
        .execute();
    }
    await recordAudit(trx, null, {
      entityType: 'area',
      entityId: placeId,
      action: 'created',
      summary: `Loaded the demo place ${demo.place.name}`,
    });
  });
}

/** The demo sign-ins with what each may do, for the start-up message. */
export function demoLogins() {
  const demo = demoPlace();
  const partnership = (key: string) => demo.partnerships.find((p) => p.key === key)?.name ?? key;
  const organisation = (key: string) => demo.organisations.find((o) => o.key === key)?.name ?? key;
  return demo.logins.map((login) => ({
    email: login.email,
    password: login.password,
    displayName: login.displayName,
    roles: login.grants
      .map((grant) => {
        switch (grant.role) {
          case 'site_admin':
            return 'site administrator';
          case 'secretariat':
            return 'secretariat';
          case 'partnership_manager':
            return `chair/secretary of ${partnership(grant.partnershipKey)}`;
          case 'partner_officer':
            return `partner officer of ${organisation(grant.organisationKey)}`;
          case 'member':
            return `member of ${partnership(grant.partnershipKey)}`;
          case 'councillor':
            return 'councillor (may raise a Councillor Call for Action)';
          case 'scrutiny_officer':
            return 'overview and scrutiny officer';
        }
      })
      .join('; '),
  }));
}
