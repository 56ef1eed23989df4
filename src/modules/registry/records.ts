import type { Kysely, Transaction } from 'kysely';
import type { Database } from '../../db/schema.ts';
import type { Actor } from '../../domain/permissions.ts';
import { recordAudit } from '../../platform/audit.ts';
import { nowIso } from '../../platform/time.ts';
import { uniqueSlug } from '../../platform/slugs.ts';
import type { organisationForm, personForm } from './forms.ts';

/**
 * Writing new registry records, shared by the forms and the CSV import so both save
 * exactly the same way. Callers have checked permission and input, and pass a transaction.
 */

type Db = Kysely<Database> | Transaction<Database>;
type HowAdded = { action: 'created' | 'imported'; summary: string };

export async function slugTaken(
  db: Db,
  table: 'areas' | 'organisations' | 'people' | 'partnerships',
  slug: string,
): Promise<boolean> {
  const t = db as unknown as Kysely<Record<string, { slug: string }>>;
  return !!(await t.selectFrom(table).select('slug').where('slug', '=', slug).executeTakeFirst());
}

export function organisationValues(form: ReturnType<typeof organisationForm.parse>) {
  return {
    name: form.name,
    sector: form.sector,
    type: form.type,
    named_partner: form.namedPartner ? 1 : 0,
    area_id: form.areaId,
    website: form.website,
    description: form.description,
  };
}

export async function insertOrganisation(
  trx: Transaction<Database>,
  actor: Actor | null,
  form: ReturnType<typeof organisationForm.parse>,
  how: HowAdded,
) {
  const now = nowIso();
  const values = {
    ...organisationValues(form),
    slug: await uniqueSlug(form.name, (s) => slugTaken(trx, 'organisations', s)),
    created_at: now,
    updated_at: now,
  };
  const { id } = await trx
    .insertInto('organisations')
    .values(values)
    .returning('id')
    .executeTakeFirstOrThrow();
  await recordAudit(trx, actor, { entityType: 'organisation', entityId: id, ...how, after: values });
  return { id, slug: values.slug };
}

/** A person, with their first organisation and position when given; councillor details only for councillors. */
export async function insertPerson(
  trx: Transaction<Database>,
  actor: Actor | null,
  form: ReturnType<typeof personForm.parse>,
  how: HowAdded,
) {
  const now = nowIso();
  const values = {
    name: form.name,
    slug: await uniqueSlug(form.name, (s) => slugTaken(trx, 'people', s)),
    email: form.email,
    councillor: form.councillor ? 1 : 0,
    ward_id: form.councillor ? form.wardId : null,
    councillor_role: form.councillor ? form.councillorRole : null,
    party: form.councillor ? form.party : null,
    created_at: now,
    updated_at: now,
  };
  const { id } = await trx.insertInto('people').values(values).returning('id').executeTakeFirstOrThrow();
  if (form.organisationId) {
    await trx
      .insertInto('affiliations')
      .values({
        person_id: id,
        organisation_id: form.organisationId,
        position: form.position,
        created_at: now,
      })
      .execute();
  }
  await recordAudit(trx, actor, {
    entityType: 'person',
    entityId: id,
    ...how,
    after: { ...values, organisation_id: form.organisationId, position: form.position },
  });
  return { id, slug: values.slug };
}

/** A change to a seat is history of both the seat and the partnership it is on. */
export async function recordSeatChange(
  trx: Transaction<Database>,
  actor: Actor | null,
  seat: { membershipId: number; partnershipId: number },
  change: { action: 'created' | 'updated' | 'ended'; summary: string; before?: unknown; after?: unknown },
) {
  await recordAudit(trx, actor, { entityType: 'membership', entityId: seat.membershipId, ...change });
  await recordAudit(trx, actor, {
    entityType: 'partnership',
    entityId: seat.partnershipId,
    ...change,
    action: 'updated',
  });
}
