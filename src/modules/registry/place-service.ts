import { z } from 'zod';
import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema.ts';
import { ForbiddenError, ValidationError } from '../../platform/errors.ts';
import {
  choice,
  emailAddress,
  optionalText,
  parseForm,
  requiredId,
  requiredText,
} from '../../platform/forms.ts';
import { can, type Actor } from '../../domain/permissions.ts';
import { recordAudit } from '../../platform/audit.ts';
import { nowIso } from '../../platform/time.ts';
import { readSettings, writeSetting } from '../../platform/settings.ts';
import { slugify } from '../../platform/slugs.ts';
import { gssCodeProblem, normaliseGssCode } from '../../domain/gss.ts';
import { placeKinds } from '../../domain/vocabulary.ts';
import type { AccountServices } from '../accounts/service.ts';
import { newPasswordFields } from '../accounts/service.ts';

export interface SiteSettings {
  placeName: string | null;
  placeAreaId: number | null;
  demo: boolean;
}

const choosePlaceForm = z.object({ areaId: requiredId('Choose the place this site serves') });

const setupForm = z
  .object({
    placeName: requiredText('the name of the place', 120),
    placeKind: choice(placeKinds, 'Choose what kind of place it is'),
    gssCode: optionalText('GSS code', 20),
    displayName: requiredText('your name', 120),
    email: emailAddress('your email address', true),
    ...newPasswordFields,
  })
  .superRefine((value, ctx) => {
    if (value.gssCode) {
      const problem = gssCodeProblem(value.gssCode, value.placeKind);
      if (problem) ctx.addIssue({ code: 'custom', path: ['gssCode'], message: problem });
    }
    if (value.password !== value.confirmPassword) {
      ctx.addIssue({ code: 'custom', path: ['confirmPassword'], message: 'The passwords do not match' });
    }
  });

/** The place this site serves: its name, whether it is demo data, first-run set-up. */
export function createPlaceServices(db: Kysely<Database>, accounts: AccountServices) {
  // Read on every page (two small queries) rather than cached: a renamed place, or a change
  // made through another server on PostgreSQL, shows at once.
  async function siteSettings(): Promise<SiteSettings> {
    const settings = await readSettings(db);
    const value = (key: string) => settings.get(key) ?? null;
    const placeAreaId = value('place_area_id') ? Number(value('place_area_id')) : null;
    const place = placeAreaId
      ? await db.selectFrom('areas').select('name').where('id', '=', placeAreaId).executeTakeFirst()
      : undefined;
    return { placeName: place?.name ?? null, placeAreaId, demo: value('demo') === 'true' };
  }

  /** True until the place has been named and the first administrator created. */
  async function needsSetup(): Promise<boolean> {
    const settings = await siteSettings();
    return settings.placeAreaId === null && (await accounts.countUsers()) === 0;
  }

  /** First run without demo data: name the place and create the first administrator. */
  async function setUp(input: unknown): Promise<number> {
    if (!(await needsSetup()))
      throw new ValidationError({ form: 'This site has already been set up. Sign in instead.' });
    const form = parseForm(setupForm, input);
    const userId = await accounts.createUser(null, form, [{ role: 'site_admin' }]);
    await db.transaction().execute(async (trx) => {
      const now = nowIso();
      const { id } = await trx
        .insertInto('areas')
        .values({
          name: form.placeName,
          slug: slugify(form.placeName),
          gss_code: form.gssCode ? normaliseGssCode(form.gssCode) : null,
          kind: form.placeKind,
          parent_id: null,
          population: null,
          created_at: now,
          updated_at: now,
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      await writeSetting(trx, 'place_area_id', String(id));
      await writeSetting(trx, 'demo', 'false');
      const actor = { userId, name: form.displayName, grants: [] };
      await recordAudit(trx, actor, {
        entityType: 'area',
        entityId: id,
        action: 'created',
        summary: `Set up the site for ${form.placeName}`,
      });
    });
    return userId;
  }

  /** Which area is the place this site serves (its name heads every page). */
  async function choosePlace(actor: Actor | null, input: unknown): Promise<void> {
    if (!can(actor, 'place:manage')) throw new ForbiddenError();
    const form = parseForm(choosePlaceForm, input);
    const area = await db.selectFrom('areas').selectAll().where('id', '=', form.areaId).executeTakeFirst();
    if (!area || !(placeKinds as readonly string[]).includes(area.kind)) {
      throw new ValidationError({ areaId: 'Choose a place (a council area) from the list' });
    }
    const before = await siteSettings();
    await db.transaction().execute(async (trx) => {
      await writeSetting(trx, 'place_area_id', String(area.id));
      await recordAudit(trx, actor, {
        entityType: 'area',
        entityId: area.id,
        action: 'updated',
        summary: `Made ${area.name} the place this site serves`,
        before: { place: before.placeName },
        after: { place: area.name },
      });
    });
  }

  return { siteSettings, needsSetup, setUp, choosePlace };
}

export type PlaceServices = ReturnType<typeof createPlaceServices>;
