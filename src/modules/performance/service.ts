import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema.ts';
import { can, type Actor } from '../../domain/permissions.ts';
import { frameworkPack, frameworkPacks } from '../../platform/framework-packs.ts';
import type { FrameworkPack } from '../../domain/framework-pack.ts';
import { thresholdsProblem, type StatusThresholds } from '../../domain/target-status.ts';
import { financialYearLabel } from '../../domain/periods.ts';
import { NotFoundError, ValidationError } from '../../platform/errors.ts';
import { parseForm } from '../../platform/forms.ts';
import { authorise, formVersion, mustBeInList } from '../../platform/service-rules.ts';
import { historyOf, recordAudit } from '../../platform/audit.ts';
import { nowIso } from '../../platform/time.ts';
import { writeSetting } from '../../platform/settings.ts';
import { uniqueSlug } from '../../platform/slugs.ts';
import { updateWithVersion } from '../../platform/versioned.ts';
import { agreementForm, dataPointForm, indicatorForm, targetForm, thresholdsForm } from './forms.ts';
import * as repo from './repository.ts';
import { readPerformanceSettings, settingKeys } from './place-settings.ts';
import { refreshTargetStatuses } from './target-statuses.ts';
import { currentPriorities } from '../strategy/repository.ts';

type Db = Kysely<Database>;

/** The performance module's use cases: permission check, validation, one transaction with its audit entry. */
export function createPerformanceServices(db: Db) {
  // ---- the place's framework and status thresholds

  const settings = () => readPerformanceSettings(db);

  async function pack() {
    return frameworkPack((await settings()).packId);
  }

  async function saveSettings(actor: Actor | null, input: unknown) {
    authorise(actor, 'place:manage');
    const form = parseForm(thresholdsForm, input);
    if (!frameworkPacks().has(form.packId))
      throw new ValidationError({ packId: 'Choose a framework from the list' });
    const thresholds: StatusThresholds = {
      atRiskShare: (form.atRiskPercent ?? 0) / 100,
      flatTolerance: (form.flatTolerancePercent ?? 0) / 100,
      staleAfterMonths: form.staleAfterMonths ?? 0,
    };
    const problem = thresholdsProblem(thresholds);
    if (problem) throw new ValidationError({ atRiskPercent: problem });
    const before = await settings();
    await db.transaction().execute(async (trx) => {
      const values: [string, string][] = [
        [settingKeys.pack, form.packId],
        [settingKeys.atRiskShare, String(thresholds.atRiskShare)],
        [settingKeys.flatTolerance, String(thresholds.flatTolerance)],
        [settingKeys.staleAfterMonths, String(thresholds.staleAfterMonths)],
      ];
      for (const [key, value] of values) await writeSetting(trx, key, value);
      await refreshTargetStatuses(trx, 'all');
      await recordAudit(trx, actor, {
        entityType: 'place-settings',
        entityId: before.placeAreaId ?? 0,
        action: 'updated',
        summary: 'Changed the framework and the thresholds for on track, at risk and off track',
        before: { framework: before.packId, ...before.thresholds },
        after: { framework: form.packId, ...thresholds },
      });
    });
  }

  // ---- indicators

  function indicatorValues(form: ReturnType<typeof indicatorForm.parse>, placeKind: string | null) {
    return {
      code: form.code,
      title: form.title,
      definition: form.definition,
      unit: form.unit,
      polarity: form.polarity,
      frequency: form.frequency,
      source: form.source,
      area_kinds: JSON.stringify(
        form.reportedForWards ? [placeKind ?? 'place', 'ward'] : [placeKind ?? 'place'],
      ),
    };
  }

  async function placeKind(): Promise<string | null> {
    const { placeAreaId } = await settings();
    if (!placeAreaId) return null;
    return (
      (await db.selectFrom('areas').select('kind').where('id', '=', placeAreaId).executeTakeFirst())?.kind ??
      null
    );
  }

  /** Writes a new indicator and its audit entry: the one way an indicator is added, by form or from the pack. */
  async function insertIndicator(
    trx: Kysely<Database>,
    actor: Actor | null,
    fields: ReturnType<typeof indicatorValues>,
    summary: string,
  ): Promise<number> {
    const now = nowIso();
    const values = { ...fields, created_at: now, updated_at: now };
    const { id } = await trx
      .insertInto('indicators')
      .values(values)
      .returning('id')
      .executeTakeFirstOrThrow();
    await recordAudit(trx, actor, {
      entityType: 'indicator',
      entityId: id,
      action: 'created',
      summary,
      after: values,
    });
    return id;
  }

  async function createIndicator(actor: Actor | null, input: unknown) {
    authorise(actor, 'indicators:manage');
    const form = parseForm(indicatorForm, input);
    const kind = await placeKind();
    return db.transaction().execute(async (trx) => {
      if (await repo.findIndicatorByCode(trx, form.code))
        throw new ValidationError({ code: `There is already an indicator with the code ${form.code}` });
      const id = await insertIndicator(
        trx,
        actor,
        indicatorValues(form, kind),
        `Added the indicator ${form.code} ${form.title}`,
      );
      return { id };
    });
  }

  async function updateIndicator(actor: Actor | null, id: number, input: unknown) {
    authorise(actor, 'indicators:manage');
    const indicator = await repo.findIndicatorById(db, id);
    if (!indicator) throw new NotFoundError('indicator');
    const expected = formVersion(input);
    const form = parseForm(indicatorForm, input);
    const kind = await placeKind();
    await db.transaction().execute(async (trx) => {
      const clash = form.code !== indicator.code ? await repo.findIndicatorByCode(trx, form.code) : undefined;
      if (clash)
        throw new ValidationError({ code: `There is already an indicator with the code ${form.code}` });
      const { before, after } = await updateWithVersion(
        trx,
        'indicators',
        id,
        expected,
        indicatorValues(form, kind),
      );
      // Which way is better, and which figures count, are the indicator's: its targets' statuses follow.
      await refreshTargetStatuses(trx, { indicatorIds: [id] });
      await recordAudit(trx, actor, {
        entityType: 'indicator',
        entityId: id,
        action: 'updated',
        summary: `Edited the indicator ${form.code}`,
        before,
        after,
      });
    });
  }

  /** Adds the framework's own indicator set to the catalogue; those already there are left as they are. */
  async function addPackIndicators(actor: Actor | null): Promise<number> {
    authorise(actor, 'indicators:manage');
    const chosen = await pack();
    const kind = await placeKind();
    return db.transaction().execute(async (trx) => {
      const existing = new Set((await repo.listIndicators(trx)).map((i) => i.code));
      let added = 0;
      for (const item of chosen.indicators.set) {
        if (existing.has(item.code)) continue;
        const values = {
          code: item.code,
          title: item.title,
          definition: null,
          unit: item.unit ?? null,
          polarity: item.polarity ?? 'higher',
          frequency: 'financial_year' as const,
          source: chosen.indicators.name,
          area_kinds: JSON.stringify([kind ?? 'place']),
        };
        await insertIndicator(trx, actor, values, `Added ${item.code} from the ${chosen.indicators.name}`);
        added += 1;
      }
      return added;
    });
  }

  async function indicatorPage(id: number) {
    const indicator = await repo.findIndicatorById(db, id);
    if (!indicator) throw new NotFoundError('indicator');
    const [points, targets] = await Promise.all([
      repo.dataPointsOfIndicator(db, id),
      db
        .selectFrom('targets')
        .innerJoin('agreements', 'agreements.id', 'targets.agreement_id')
        .innerJoin('areas', 'areas.id', 'targets.area_id')
        .select([
          'targets.id',
          'targets.lead_organisation_id',
          'agreements.name as agreement_name',
          'areas.name as area_name',
        ])
        .where('targets.indicator_id', '=', id)
        .execute(),
    ]);
    return { indicator, points, targets };
  }

  // ---- data points

  /** Partner officers record values for the indicators of targets their organisation leads. */
  async function mayRecordData(actor: Actor | null, indicatorId: number): Promise<boolean> {
    if (!actor) return false;
    if (can(actor, 'data:record', {})) return true;
    const leads = await db
      .selectFrom('targets')
      .select('lead_organisation_id')
      .where('indicator_id', '=', indicatorId)
      .execute();
    return leads.some((t) => can(actor, 'data:record', { organisationId: t.lead_organisation_id }));
  }

  async function areasForData() {
    return db.selectFrom('areas').select(['id', 'name', 'kind']).orderBy('name').execute();
  }

  function pointValues(form: ReturnType<typeof dataPointForm.parse>) {
    return {
      area_id: form.areaId,
      period: form.parsedPeriod.code,
      period_kind: form.parsedPeriod.kind,
      period_start: form.parsedPeriod.start,
      period_end: form.parsedPeriod.end,
      value: form.value,
      lower_ci: form.lowerCi,
      upper_ci: form.upperCi,
      numerator: form.numerator,
      denominator: form.denominator,
      provisional: form.provisional ? 1 : 0,
      note: form.note,
    };
  }

  /** Records a value typed in a form. A value already there for the same area and period is never silently replaced. */
  async function recordDataPoint(actor: Actor | null, indicatorId: number, input: unknown) {
    const indicator = await repo.findIndicatorById(db, indicatorId);
    if (!indicator) throw new NotFoundError('indicator');
    if (!(await mayRecordData(actor, indicatorId))) authorise(null, 'data:record');
    const form = parseForm(dataPointForm, input);
    return db.transaction().execute(async (trx) => {
      const area = await trx
        .selectFrom('areas')
        .select(['id', 'name'])
        .where('id', '=', form.areaId)
        .executeTakeFirst();
      if (!area) throw new ValidationError({ areaId: 'Choose an area from the list' });
      const existing = await repo.findDataPointByKey(trx, indicatorId, form.areaId, form.parsedPeriod.code);
      if (existing)
        throw new ValidationError({
          period: `There is already a value for ${area.name} in ${form.parsedPeriod.code}. Change that value instead of adding another.`,
        });
      const now = nowIso();
      const values = {
        ...pointValues(form),
        indicator_id: indicatorId,
        source: 'Recorded by hand',
        import_id: null,
        recorded_by: actor!.userId,
        created_at: now,
        updated_at: now,
      };
      const { id } = await trx
        .insertInto('data_points')
        .values(values)
        .returning('id')
        .executeTakeFirstOrThrow();
      await refreshTargetStatuses(trx, { indicatorIds: [indicatorId] });
      await recordAudit(trx, actor, {
        entityType: 'data_point',
        entityId: id,
        action: 'created',
        summary: `Recorded ${indicator.code} for ${area.name}, ${form.parsedPeriod.code}`,
        after: values,
      });
      return { id };
    });
  }

  async function dataPoint(id: number) {
    const point = await repo.findDataPoint(db, id);
    if (!point) throw new NotFoundError('value');
    const indicator = (await repo.findIndicatorById(db, point.indicator_id))!;
    const revisions = await db
      .selectFrom('data_point_revisions')
      .selectAll()
      .where('data_point_id', '=', id)
      .orderBy('id', 'desc')
      .execute();
    return { point, indicator, revisions };
  }

  /** Corrects a recorded value; the value it replaces is kept as a revision. */
  async function updateDataPoint(actor: Actor | null, id: number, input: unknown) {
    const { point, indicator } = await dataPoint(id);
    if (!(await mayRecordData(actor, indicator.id))) authorise(null, 'data:record');
    const expected = formVersion(input);
    const form = parseForm(dataPointForm, input);
    await db.transaction().execute(async (trx) => {
      if (form.areaId !== point.area_id || form.parsedPeriod.code !== point.period) {
        const clash = await repo.findDataPointByKey(trx, indicator.id, form.areaId, form.parsedPeriod.code);
        if (clash && clash.id !== id)
          throw new ValidationError({
            period: `There is already a value for that area in ${form.parsedPeriod.code}`,
          });
      }
      const { before, after } = await updateWithVersion(trx, 'data_points', id, expected, {
        ...pointValues(form),
        recorded_by: actor!.userId,
        source: 'Recorded by hand',
      });
      await trx
        .insertInto('data_point_revisions')
        .values({
          data_point_id: id,
          value: point.value,
          lower_ci: point.lower_ci,
          upper_ci: point.upper_ci,
          numerator: point.numerator,
          denominator: point.denominator,
          provisional: point.provisional,
          note: point.note,
          source: point.source,
          import_id: point.import_id,
          recorded_by: point.recorded_by,
          replaced_at: nowIso(),
          replaced_by_import_id: null,
          replaced_by_user_id: actor!.userId,
        })
        .execute();
      await refreshTargetStatuses(trx, { indicatorIds: [indicator.id] });
      await recordAudit(trx, actor, {
        entityType: 'data_point',
        entityId: id,
        action: 'updated',
        summary: `Corrected ${indicator.code}, ${form.parsedPeriod.code}`,
        before,
        after,
      });
    });
  }

  // ---- agreements

  async function agreementFormContext() {
    const partnerships = await db
      .selectFrom('partnerships')
      .select(['id', 'name'])
      .where('status', '=', 'active')
      .orderBy('name')
      .execute();
    return { partnerships };
  }

  function agreementValues(form: ReturnType<typeof agreementForm.parse>) {
    return {
      name: form.name,
      partnership_id: form.partnershipId,
      first_year: form.firstYear,
      last_year: form.lastYear,
      status: form.status,
      signed_off_on: form.signedOffOn,
    };
  }

  async function createAgreement(actor: Actor | null, input: unknown) {
    authorise(actor, 'agreements:manage');
    const form = parseForm(agreementForm, input);
    return db.transaction().execute(async (trx) => {
      await mustBeInList(
        trx,
        'partnerships',
        form.partnershipId,
        'partnershipId',
        'Choose a partnership from the list',
      );
      const now = nowIso();
      const slug = await uniqueSlug(form.name, async (s) => Boolean(await repo.findAgreementBySlug(trx, s)));
      const values = { ...agreementValues(form), slug, created_at: now, updated_at: now };
      const { id } = await trx
        .insertInto('agreements')
        .values(values)
        .returning('id')
        .executeTakeFirstOrThrow();
      await recordAudit(trx, actor, {
        entityType: 'agreement',
        entityId: id,
        action: 'created',
        summary: `Added the agreement ${form.name}`,
        after: values,
      });
      return { id, slug };
    });
  }

  async function agreementBySlug(slug: string) {
    const agreement = await repo.findAgreementBySlug(db, slug);
    if (!agreement) throw new NotFoundError('agreement');
    return agreement;
  }

  async function updateAgreement(actor: Actor | null, slug: string, input: unknown) {
    authorise(actor, 'agreements:manage');
    const agreement = await agreementBySlug(slug);
    const expected = formVersion(input);
    const form = parseForm(agreementForm, input);
    await db.transaction().execute(async (trx) => {
      const outside = await trx
        .selectFrom('target_years')
        .innerJoin('targets', 'targets.id', 'target_years.target_id')
        .select(['target_years.year'])
        .where('targets.agreement_id', '=', agreement.id)
        .where((eb) =>
          eb.or([eb('target_years.year', '<', form.firstYear), eb('target_years.year', '>', form.lastYear)]),
        )
        .executeTakeFirst();
      if (outside)
        throw new ValidationError({
          firstYear: `Some targets have a value for ${financialYearLabel(outside.year)}, which would fall outside the agreement. Change those targets first.`,
        });
      const { before, after } = await updateWithVersion(
        trx,
        'agreements',
        agreement.id,
        expected,
        agreementValues(form),
      );
      // A baseline with no period of its own is dated from the agreement's first year.
      await refreshTargetStatuses(trx, { agreementId: agreement.id });
      await recordAudit(trx, actor, {
        entityType: 'agreement',
        entityId: agreement.id,
        action: 'updated',
        summary: `Edited the agreement ${form.name}`,
        before,
        after,
      });
    });
  }

  // ---- targets

  async function targetFormContext() {
    const [indicators, organisations, areas, partnerships, priorities, chosen] = await Promise.all([
      repo.listIndicators(db),
      db.selectFrom('organisations').select(['id', 'name', 'named_partner']).orderBy('name').execute(),
      db.selectFrom('areas').select(['id', 'name', 'kind']).orderBy('name').execute(),
      db
        .selectFrom('partnerships')
        .select(['id', 'name'])
        .where('status', '=', 'active')
        .orderBy('name')
        .execute(),
      currentPriorities(db, { includeDrafts: true }),
      pack(),
    ]);
    return { indicators, organisations, areas, partnerships, priorities, pack: chosen };
  }

  function yearsOf(agreement: { first_year: number; last_year: number }): number[] {
    const years: number[] = [];
    for (let y = agreement.first_year; y <= agreement.last_year; y++) years.push(y);
    return years;
  }

  async function checkTarget(
    trx: Kysely<Database>,
    form: ReturnType<ReturnType<typeof targetForm>['parse']>,
    agreementId: number,
    chosen: FrameworkPack,
    selfId?: number,
  ) {
    if (!chosen.agreement.blocks.terms.some((b) => b.code === form.block))
      throw new ValidationError({ block: 'Choose a block from the list' });
    await mustBeInList(
      trx,
      'indicators',
      form.indicatorId,
      'indicatorId',
      'Choose an indicator from the list',
    );
    const lead = await trx
      .selectFrom('organisations')
      .select(['id', 'name', 'named_partner'])
      .where('id', '=', form.leadOrganisationId)
      .executeTakeFirst();
    if (!lead) throw new ValidationError({ leadOrganisationId: 'Choose the lead partner from the list' });
    if (chosen.agreement.leadMustBeNamedPartner && !lead.named_partner)
      throw new ValidationError({
        leadOrganisationId: `${lead.name} is not a named partner with the duty to co-operate, so it cannot lead a target. Choose a named partner.`,
      });
    await mustBeInList(trx, 'areas', form.areaId, 'areaId', 'Choose an area from the list');
    if (form.contributorIds.includes(form.leadOrganisationId))
      throw new ValidationError({
        contributorIds: 'The lead partner is already responsible: do not tick it as a contributor too',
      });
    const known = await trx
      .selectFrom('organisations')
      .select('id')
      .where('id', 'in', form.contributorIds.length ? form.contributorIds : [0])
      .execute();
    if (known.length !== form.contributorIds.length)
      throw new ValidationError({ contributorIds: 'Choose contributing partners from the list' });
    await mustBeInList(trx, 'priorities', form.priorityId, 'priorityId', 'Choose a priority from the list');
    await mustBeInList(
      trx,
      'partnerships',
      form.partnershipId,
      'partnershipId',
      'Choose a partnership from the list',
    );
    const sameIndicator = await trx
      .selectFrom('targets')
      .select('id')
      .where('agreement_id', '=', agreementId)
      .where('indicator_id', '=', form.indicatorId)
      .where('area_id', '=', form.areaId)
      .executeTakeFirst();
    if (sameIndicator && sameIndicator.id !== selfId)
      throw new ValidationError({
        indicatorId: 'This agreement already has a target on that indicator for that area',
      });
    if (!selfId && chosen.agreement.maxTargets) {
      const count = await trx
        .selectFrom('targets')
        .select('id')
        .where('agreement_id', '=', agreementId)
        .execute();
      if (count.length >= chosen.agreement.maxTargets)
        throw new ValidationError({
          form: `${chosen.agreement.name}s can have at most ${chosen.agreement.maxTargets} targets, and this one has them all. Remove one before adding another.`,
        });
    }
  }

  function targetValues(form: ReturnType<ReturnType<typeof targetForm>['parse']>) {
    return {
      indicator_id: form.indicatorId,
      block: form.block,
      priority_id: form.priorityId,
      partnership_id: form.partnershipId,
      area_id: form.areaId,
      baseline_value: form.baselineValue,
      baseline_period: form.baselinePeriod,
      lead_organisation_id: form.leadOrganisationId,
      reward_bearing: form.rewardBearing ? 1 : 0,
      sign_off_status: form.signOffStatus,
      notes: form.notes,
    };
  }

  async function writeYearsAndContributors(
    trx: Kysely<Database>,
    targetId: number,
    form: ReturnType<ReturnType<typeof targetForm>['parse']>,
  ) {
    await trx.deleteFrom('target_years').where('target_id', '=', targetId).execute();
    for (const t of form.yearTargets)
      await trx
        .insertInto('target_years')
        .values({ target_id: targetId, year: t.year, value: t.value })
        .execute();
    await trx.deleteFrom('target_contributors').where('target_id', '=', targetId).execute();
    for (const organisationId of form.contributorIds)
      await trx
        .insertInto('target_contributors')
        .values({ target_id: targetId, organisation_id: organisationId })
        .execute();
  }

  const yearsRecord = (form: ReturnType<ReturnType<typeof targetForm>['parse']>) => ({
    targets: Object.fromEntries(form.yearTargets.map((t) => [financialYearLabel(t.year), t.value])),
    contributors: form.contributorIds,
  });

  async function createTarget(actor: Actor | null, agreementSlug: string, input: unknown) {
    authorise(actor, 'agreements:manage');
    const agreement = await agreementBySlug(agreementSlug);
    const form = parseForm(targetForm(yearsOf(agreement)), input);
    // Read before the transaction: on SQLite a query outside it would wait for it for ever.
    const chosen = await pack();
    return db.transaction().execute(async (trx) => {
      await checkTarget(trx, form, agreement.id, chosen);
      const now = nowIso();
      const values = { ...targetValues(form), agreement_id: agreement.id, created_at: now, updated_at: now };
      const { id } = await trx.insertInto('targets').values(values).returning('id').executeTakeFirstOrThrow();
      await writeYearsAndContributors(trx, id, form);
      await refreshTargetStatuses(trx, { targetIds: [id] });
      const indicator = (await repo.findIndicatorById(trx, form.indicatorId))!;
      await recordAudit(trx, actor, {
        entityType: 'target',
        entityId: id,
        action: 'created',
        summary: `Added a target on ${indicator.code} to ${agreement.name}`,
        after: { ...values, ...yearsRecord(form) },
      });
      return { id };
    });
  }

  async function targetForEdit(id: number) {
    const target = await repo.findTarget(db, id);
    if (!target) throw new NotFoundError('target');
    const agreement = (await db
      .selectFrom('agreements')
      .selectAll()
      .where('id', '=', target.agreement_id)
      .executeTakeFirst())!;
    const [years, contributors] = await Promise.all([
      repo.yearsOfTargets(db, [id]),
      repo.contributorsOfTargets(db, [id]),
    ]);
    return { target, agreement, years: yearsOf(agreement), yearValues: years, contributors };
  }

  async function updateTarget(actor: Actor | null, id: number, input: unknown) {
    authorise(actor, 'agreements:manage');
    const { target, agreement, years: agreementYears, yearValues, contributors } = await targetForEdit(id);
    const expected = formVersion(input);
    const form = parseForm(targetForm(agreementYears), input);
    const chosen = await pack();
    await db.transaction().execute(async (trx) => {
      await checkTarget(trx, form, agreement.id, chosen, id);
      const { before, after } = await updateWithVersion(trx, 'targets', id, expected, targetValues(form));
      await writeYearsAndContributors(trx, id, form);
      await refreshTargetStatuses(trx, { targetIds: [id] });
      await recordAudit(trx, actor, {
        entityType: 'target',
        entityId: id,
        action: 'updated',
        summary: `Edited the target on ${(await repo.findIndicatorById(trx, form.indicatorId))!.code}`,
        before: {
          ...before,
          targets: Object.fromEntries(yearValues.map((t) => [financialYearLabel(t.year), t.value])),
          contributors: contributors.map((c) => c.id),
        },
        after: { ...after, ...yearsRecord(form) },
      });
    });
    return target;
  }

  async function history(entityType: string, id: number) {
    return historyOf(db, entityType, id);
  }

  return {
    db,
    settings,
    pack,
    saveSettings,
    indicators: {
      list: () => repo.listIndicators(db),
      page: indicatorPage,
      byId: async (id: number) => {
        const found = await repo.findIndicatorById(db, id);
        if (!found) throw new NotFoundError('indicator');
        return found;
      },
      create: createIndicator,
      update: updateIndicator,
      addFromPack: addPackIndicators,
    },
    data: {
      mayRecord: mayRecordData,
      areas: areasForData,
      record: recordDataPoint,
      point: dataPoint,
      update: updateDataPoint,
    },
    agreements: {
      list: () => repo.listAgreements(db),
      bySlug: agreementBySlug,
      formContext: agreementFormContext,
      create: createAgreement,
      update: updateAgreement,
    },
    targets: {
      formContext: targetFormContext,
      forEdit: targetForEdit,
      yearsOf,
      create: createTarget,
      update: updateTarget,
    },
    history,
  };
}

export type PerformanceServices = ReturnType<typeof createPerformanceServices>;
