import type { Kysely, Transaction } from 'kysely';
import type { Database } from '../../db/schema.ts';
import { can, type Actor } from '../../domain/permissions.ts';
import { termName, type FrameworkPack } from '../../domain/framework-pack.ts';
import {
  checkStages,
  currentStage,
  lifecycle,
  overdue as isOverdue,
  refreshDue,
  reviewDue,
  type StrategyFacts,
} from '../../domain/strategy-lifecycle.ts';
import { ConflictError, NotFoundError, ValidationError } from '../../platform/errors.ts';
import { parseForm } from '../../platform/forms.ts';
import { authorise, formVersion, lineFinder, partnershipLine } from '../../platform/service-rules.ts';
import { diffRecords, recordAudit } from '../../platform/audit.ts';
import { formatDate, nowIso, todayIso } from '../../platform/time.ts';
import { uniqueSlug } from '../../platform/slugs.ts';
import { updateWithVersion } from '../../platform/versioned.ts';
import { frameworkPack, frameworkPacks } from '../../platform/framework-packs.ts';
import {
  adoptForm,
  codesFrom,
  planLinkDirectionHeadings,
  planLinkDirectionNames,
  planLinkDirections,
  planLinkForm,
  planLinkKindNames,
  priorityForm,
  refreshForm,
  reviewForm,
  strategyForm,
  versionForm,
  versionStatusNames,
  type PlanLinkDirection,
  type PlanLinkKind,
  type VersionStatus,
} from './forms.ts';
import * as repo from './repository.ts';

type Db = repo.Db;

/** "every year", "every three years", "every 6 months": how often a pack asks for something. */
export function everyWords(months: number): string {
  const numbers = ['', 'one', 'two', 'three', 'four', 'five', 'six', 'seven', 'eight', 'nine', 'ten'];
  if (months === 12) return 'every year';
  if (months % 12 === 0) return `every ${numbers[months / 12] ?? months / 12} years`;
  return months === 1 ? 'every month' : `every ${months} months`;
}

/** A priority as pages show it: its tags in the pack's words. */
function describePriority(pack: FrameworkPack, priority: repo.PriorityWithOwner) {
  const components = codesFrom(priority.components);
  const dimensions = codesFrom(priority.dimensions);
  return {
    ...priority,
    componentCodes: components,
    dimensionCodes: dimensions,
    componentNames: components.map((c) => termName(pack.components.terms, c)),
    dimensionNames: dimensions.map((d) => termName(pack.dimensions.terms, d)),
  };
}

export type DescribedPriority = ReturnType<typeof describePriority>;

/** Plan links grouped by which way the regard goes, each in words. */
function groupLinks(links: repo.PlanLinkWithPartnership[]) {
  return planLinkDirections.map((direction) => ({
    direction,
    heading: planLinkDirectionHeadings[direction],
    links: links
      .filter((l) => l.direction === direction)
      .map((l) => ({ ...l, kindName: planLinkKindNames[l.kind as PlanLinkKind] ?? l.kind })),
  }));
}

function withStatusName<T extends { status: string }>(version: T) {
  return { ...version, statusName: versionStatusNames[version.status as VersionStatus] ?? version.status };
}

/** Why a version cannot be changed, or null for a draft. */
export function lockedMessage(version: { number: number; status: string; adopted_on: string | null }) {
  if (version.status === 'draft') return null;
  if (version.status === 'adopted')
    return `Version ${version.number} was adopted${version.adopted_on ? ` on ${formatDate(version.adopted_on)}` : ''} and is locked: nothing in it can be changed. Start a new draft to change the strategy.`;
  return `Version ${version.number} has been superseded and is locked: nothing in it can be changed.`;
}

function assertDraft(version: { number: number; status: string; adopted_on: string | null }) {
  const message = lockedMessage(version);
  if (message) throw new ValidationError({ form: message });
}

/** "NI 154 Net additional homes provided", with the ward for a ward target. */
function targetName(t: {
  indicator_code: string;
  indicator_title: string;
  area_kind: string;
  area_name: string;
}) {
  return `${t.indicator_code} ${t.indicator_title}${t.area_kind === 'ward' ? `, ${t.area_name}` : ''}`;
}

/** The strategy module's use cases: permission check, validation, one transaction with its audit entry. */
export function createStrategyServices(db: Kysely<Database>) {
  const packOf = (strategy: { framework: string }) => frameworkPack(strategy.framework);

  async function strategyBySlug(dbx: Db, slug: string) {
    const strategy = await repo.findStrategyBySlug(dbx, slug);
    if (!strategy) throw new NotFoundError('strategy');
    return strategy;
  }

  /** The strategy, if this actor may manage it (within its owning partnership's line). */
  async function managed(actor: Actor | null, slug: string) {
    const strategy = await strategyBySlug(db, slug);
    authorise(actor, 'strategy:manage', {
      partnershipLine: await partnershipLine(db, strategy.partnership_id),
    });
    return strategy;
  }

  async function managedVersion(actor: Actor | null, slug: string, number: number) {
    const strategy = await managed(actor, slug);
    const version = await repo.findVersion(db, strategy.id, number);
    if (!version) throw new NotFoundError('strategy version');
    return { strategy, version };
  }

  async function managedPriority(actor: Actor | null, slug: string, priorityId: number) {
    const strategy = await managed(actor, slug);
    const priority = await repo.findPriority(db, strategy.id, priorityId);
    if (!priority) throw new NotFoundError('priority');
    const version = (await repo.findVersion(db, strategy.id, priority.version_number))!;
    return { strategy, version, priority };
  }

  /** A partnership chosen in a form must exist. */
  async function checkPartnership(dbx: Db, id: number | null, field: string) {
    if (id === null) return;
    const found = await dbx.selectFrom('partnerships').select('id').where('id', '=', id).executeTakeFirst();
    if (!found) throw new ValidationError({ [field]: 'Choose a partnership from the list' });
  }

  /** The owner of a strategy must be a partnership this actor looks after. */
  async function checkOwner(dbx: Db, actor: Actor | null, id: number) {
    const partnership = await dbx
      .selectFrom('partnerships')
      .select(['id', 'name'])
      .where('id', '=', id)
      .executeTakeFirst();
    if (!partnership) throw new ValidationError({ partnershipId: 'Choose a partnership from the list' });
    if (!can(actor, 'strategy:manage', { partnershipLine: await partnershipLine(dbx, id) }))
      throw new ValidationError({
        partnershipId: `Choose a partnership you look after: you cannot manage the strategies of ${partnership.name}`,
      });
  }

  // ---- what pages show

  /** What the stages' needs are checked against: the version in force, or the draft before any is adopted. */
  async function factsFor(
    dbx: Db,
    versions: repo.VersionRow[],
    priorities: { id: number; title: string; owning_partnership_id: number | null }[],
  ): Promise<StrategyFacts> {
    const shown = versions.find((v) => v.status === 'adopted') ?? versions.at(-1);
    const priorityIds = priorities.map((p) => p.id);
    const targets = await repo.targetsOf(dbx, priorityIds);
    const [actions, figures] = await Promise.all([
      repo.actionsFor(
        dbx,
        priorityIds,
        targets.map((t) => t.id),
      ),
      repo.countIndicatorFigures(dbx),
    ]);
    const priorityOfTarget = new Map(targets.map((t) => [t.id, t.priority_id]));
    const prioritiesActedOn = new Set(
      actions.flatMap((a) => [
        a.priority_id,
        a.target_id === null ? null : priorityOfTarget.get(a.target_id),
      ]),
    );
    const targetsActedOn = new Set(actions.map((a) => a.target_id));
    return {
      hasVision: (shown?.vision.trim() ?? '') !== '',
      priorities: priorities.length,
      prioritiesWithoutOwners: priorities.filter((p) => p.owning_partnership_id === null).map((p) => p.title),
      indicatorDataPoints: figures,
      targets: targets.length,
      targetsNotSignedOff: targets.filter((t) => t.sign_off_status !== 'signed_off').map(targetName),
      prioritiesWithoutActions: priorities.filter((p) => !prioritiesActedOn.has(p.id)).map((p) => p.title),
      targetsWithoutActions: targets.filter((t) => !targetsActedOn.has(t.id)).map(targetName),
      hasAdoptedVersion: versions.some((v) => v.status === 'adopted'),
    };
  }

  /** The version the public sees: the adopted one, or the latest draft before any is adopted. */
  function shownVersion(versions: repo.VersionRow[]) {
    return versions.find((v) => v.status === 'adopted') ?? versions.at(-1) ?? null;
  }

  async function strategyFacts(dbx: Db, strategyId: number) {
    const versions = await repo.versionsOf(dbx, strategyId);
    const shown = shownVersion(versions);
    const priorities = shown ? await repo.prioritiesOf(dbx, [shown.id]) : [];
    return factsFor(dbx, versions, priorities);
  }

  function dueDates(strategy: repo.StrategyRow, pack: FrameworkPack, today: string) {
    const refresh = refreshDue(
      strategy.adopted_on,
      strategy.last_refreshed_on,
      pack.strategy.refreshEveryMonths,
    );
    const review = reviewDue(strategy.adopted_on, strategy.last_reviewed_on, pack.strategy.reviewEveryMonths);
    // A strategy that has run its course needs no more refreshing.
    const ended = strategy.ends_on !== null && strategy.ends_on < today;
    return {
      ended,
      refresh: {
        dueOn: refresh,
        lastOn: strategy.last_refreshed_on,
        every: everyWords(pack.strategy.refreshEveryMonths),
        overdue: !ended && isOverdue(refresh, today),
      },
      review: {
        dueOn: review,
        lastOn: strategy.last_reviewed_on,
        every: everyWords(pack.strategy.reviewEveryMonths),
        overdue: !ended && isOverdue(review, today),
      },
    };
  }

  async function list(today: string) {
    const strategies = await repo.listStrategies(db);
    return strategies.map((s) => {
      const pack = packOf(s);
      return {
        ...s,
        packName: pack.name,
        strategyTerm: pack.strategy.name,
        stageName: termName(pack.strategy.stages, s.current_stage),
        ...dueDates(s, pack, today),
      };
    });
  }

  /** The public page of a strategy: its version in force, priorities, plan links, lifecycle and dates. */
  async function page(slug: string, today: string) {
    const strategy = await strategyBySlug(db, slug);
    const pack = packOf(strategy);
    const [versions, stageRows, owner, line] = await Promise.all([
      repo.versionsOf(db, strategy.id),
      repo.stagesOf(db, strategy.id),
      db
        .selectFrom('partnerships')
        .select(['id', 'name', 'slug'])
        .where('id', '=', strategy.partnership_id)
        .executeTakeFirstOrThrow(),
      partnershipLine(db, strategy.partnership_id),
    ]);
    const shown = shownVersion(versions);
    const [priorities, links] = shown
      ? await Promise.all([repo.prioritiesOf(db, [shown.id]), repo.linksOf(db, [shown.id])])
      : [[], []];
    const facts = await factsFor(db, versions, priorities);
    const stages = lifecycle(
      pack.strategy.stages,
      facts,
      stageRows.map((s) => ({ stage: s.stage, completedOn: s.completed_on })),
    );
    return {
      strategy,
      pack,
      owner,
      line,
      versions: versions.map(withStatusName).reverse(),
      shown: shown ? withStatusName(shown) : null,
      draft: versions.find((v) => v.status === 'draft') ?? null,
      priorities: priorities.map((p) => describePriority(pack, p)),
      linkGroups: groupLinks(links),
      stages,
      stageName: termName(pack.strategy.stages, strategy.current_stage),
      ...dueDates(strategy, pack, today),
    };
  }

  /** One version of a strategy, as it was or is. */
  async function versionPage(slug: string, number: number) {
    const strategy = await strategyBySlug(db, slug);
    const version = await repo.findVersion(db, strategy.id, number);
    if (!version) throw new NotFoundError('strategy version');
    const pack = packOf(strategy);
    const [versions, priorities, links, line] = await Promise.all([
      repo.versionsOf(db, strategy.id),
      repo.prioritiesOf(db, [version.id]),
      repo.linksOf(db, [version.id]),
      partnershipLine(db, strategy.partnership_id),
    ]);
    // What each carried priority was called in the version it came from.
    const earlier = versions.filter((v) => v.number < version.number).map((v) => v.id);
    const carriedFrom = priorities.some((p) => p.carried_from_id !== null)
      ? await repo.prioritiesOf(db, earlier)
      : [];
    const versionOfPriority = new Map(versions.map((v) => [v.id, v.number]));
    return {
      strategy,
      pack,
      line,
      version: withStatusName(version),
      locked: lockedMessage(version),
      draftExists: versions.some((v) => v.status === 'draft'),
      priorities: priorities.map((p) => {
        const from = carriedFrom.find((c) => c.id === p.carried_from_id);
        return {
          ...describePriority(pack, p),
          carriedFrom: from
            ? { title: from.title, number: versionOfPriority.get(from.strategy_version_id) }
            : null,
        };
      }),
      linkGroups: groupLinks(links),
    };
  }

  /** The home page's flags: strategies whose refresh or review is past due. */
  async function overdue(today: string) {
    const flags: { strategyName: string; slug: string; kind: 'refresh' | 'review'; dueOn: string }[] = [];
    for (const s of await list(today)) {
      if (s.refresh.overdue)
        flags.push({ strategyName: s.name, slug: s.slug, kind: 'refresh', dueOn: s.refresh.dueOn! });
      if (s.review.overdue)
        flags.push({ strategyName: s.name, slug: s.slug, kind: 'review', dueOn: s.review.dueOn! });
    }
    return flags;
  }

  /** What the strategy form chooses from: the partnerships this actor looks after, and the packs. */
  async function formContext(actor: Actor | null, current?: { partnership_id: number }) {
    const partnerships = await repo.listPartnerships(db);
    const lineOf = lineFinder(partnerships);
    return {
      partnerships: partnerships.filter(
        (p) =>
          p.id === current?.partnership_id ||
          (p.status === 'active' && can(actor, 'strategy:manage', { partnershipLine: lineOf(p.id) })),
      ),
      packOptions: [...frameworkPacks().values()].map((p) => ({
        value: p.id,
        text: p.name,
        hint: { text: p.description },
      })),
    };
  }

  /** Every partnership that may own a priority or whose plan a link may be. */
  async function partnershipChoices(current: (number | null)[] = []) {
    return (await repo.listPartnerships(db)).filter((p) => p.status === 'active' || current.includes(p.id));
  }

  // ---- strategies

  async function create(actor: Actor | null, input: unknown) {
    authorise(actor, 'strategy:manage');
    const packs = frameworkPacks();
    const form = parseForm(strategyForm([...packs.keys()]), input);
    return db.transaction().execute(async (trx) => {
      await checkOwner(trx, actor, form.partnershipId);
      const pack = packs.get(form.framework)!;
      const now = nowIso();
      const values = {
        name: form.name,
        slug: await uniqueSlug(form.name, (s) => repo.slugTaken(trx, s)),
        partnership_id: form.partnershipId,
        framework: form.framework,
        current_stage: currentStage(pack.strategy.stages, []),
        adopted_on: form.adoptedOn,
        last_refreshed_on: null,
        last_reviewed_on: null,
        ends_on: form.endsOn,
        created_at: now,
        updated_at: now,
      };
      const { id } = await trx
        .insertInto('strategies')
        .values(values)
        .returning('id')
        .executeTakeFirstOrThrow();
      await recordAudit(trx, actor, {
        entityType: 'strategy',
        entityId: id,
        action: 'created',
        summary: `Set up the strategy ${form.name}`,
        after: values,
      });
      // Every strategy starts with a first draft to write its vision and priorities in.
      const draft = {
        strategy_id: id,
        number: 1,
        title: form.name,
        vision: '',
        status: 'draft',
        adopted_on: null,
        created_at: now,
        updated_at: now,
      };
      const { id: versionId } = await trx
        .insertInto('strategy_versions')
        .values(draft)
        .returning('id')
        .executeTakeFirstOrThrow();
      await recordAudit(trx, actor, {
        entityType: 'strategy_version',
        entityId: versionId,
        action: 'created',
        summary: 'Started version 1 as a draft',
        after: draft,
      });
      return { id, slug: values.slug };
    });
  }

  async function update(actor: Actor | null, slug: string, input: unknown) {
    const strategy = await managed(actor, slug);
    const expected = formVersion(input);
    const packs = frameworkPacks();
    const form = parseForm(strategyForm([...packs.keys()]), input);
    return db.transaction().execute(async (trx) => {
      if (form.partnershipId !== strategy.partnership_id) await checkOwner(trx, actor, form.partnershipId);
      const changes: Record<string, unknown> = {
        name: form.name,
        partnership_id: form.partnershipId,
        framework: form.framework,
        adopted_on: form.adoptedOn,
        ends_on: form.endsOn,
      };
      if (form.framework !== strategy.framework) {
        const completed = (await repo.stagesOf(trx, strategy.id)).filter((s) => s.completed_on !== null);
        if (completed.length)
          throw new ValidationError({
            framework: `Stages of ${packOf(strategy).name} have been completed, so the framework cannot be changed now`,
          });
        changes.current_stage = currentStage(packs.get(form.framework)!.strategy.stages, []);
      }
      const { before, after } = await updateWithVersion(trx, 'strategies', strategy.id, expected, changes);
      await recordAudit(trx, actor, {
        entityType: 'strategy',
        entityId: strategy.id,
        action: 'updated',
        summary: `Edited the strategy ${form.name}`,
        before,
        after,
      });
      return { slug: strategy.slug };
    });
  }

  // ---- versions

  async function startDraft(actor: Actor | null, slug: string) {
    const strategy = await managed(actor, slug);
    return db.transaction().execute(async (trx) => {
      const versions = await repo.versionsOf(trx, strategy.id);
      const draft = versions.find((v) => v.status === 'draft');
      if (draft)
        throw new ValidationError({
          form: `Version ${draft.number} is already a draft. Change it or adopt it before starting another.`,
        });
      const from = versions.at(-1);
      const now = nowIso();
      const values = {
        strategy_id: strategy.id,
        number: (from?.number ?? 0) + 1,
        title: from?.title ?? strategy.name,
        vision: from?.vision ?? '',
        status: 'draft',
        adopted_on: null,
        created_at: now,
        updated_at: now,
      };
      const { id } = await trx
        .insertInto('strategy_versions')
        .values(values)
        .returning('id')
        .executeTakeFirstOrThrow();
      let carried = 0;
      if (from) {
        // Each priority is carried into the draft, remembering where it came from, so the targets
        // and actions behind it can follow it when the draft is adopted.
        const priorities = await repo.prioritiesOf(trx, [from.id]);
        if (priorities.length)
          await trx
            .insertInto('priorities')
            .values(
              priorities.map((p) => ({
                strategy_version_id: id,
                position: p.position,
                title: p.title,
                slug: p.slug,
                description: p.description,
                owning_partnership_id: p.owning_partnership_id,
                components: p.components,
                dimensions: p.dimensions,
                carried_from_id: p.id,
                created_at: now,
                updated_at: now,
              })),
            )
            .execute();
        carried = priorities.length;
        const links = await repo.linksOf(trx, [from.id]);
        if (links.length)
          await trx
            .insertInto('plan_links')
            .values(
              links.map((l) => ({
                strategy_version_id: id,
                title: l.title,
                kind: l.kind,
                url: l.url,
                partnership_id: l.partnership_id,
                direction: l.direction,
                created_at: now,
              })),
            )
            .execute();
      }
      await recordAudit(trx, actor, {
        entityType: 'strategy_version',
        entityId: id,
        action: 'created',
        summary: from
          ? `Started version ${values.number} as a draft from version ${from.number}, carrying its ${carried} priorities and its plan links`
          : `Started version ${values.number} as a draft`,
        after: values,
      });
      return { number: values.number };
    });
  }

  async function updateVersion(actor: Actor | null, slug: string, number: number, input: unknown) {
    const { version } = await managedVersion(actor, slug, number);
    const expected = formVersion(input);
    assertDraft(version);
    const form = parseForm(versionForm, input);
    await db.transaction().execute(async (trx) => {
      const { before, after } = await updateWithVersion(trx, 'strategy_versions', version.id, expected, {
        title: form.title,
        vision: form.vision ?? '',
      });
      await recordAudit(trx, actor, {
        entityType: 'strategy_version',
        entityId: version.id,
        action: 'updated',
        summary: `Edited the title and vision of version ${version.number}`,
        before,
        after,
      });
    });
  }

  /**
   * Adopts a draft: the version adopted before it is superseded, and the targets and actions
   * serving a priority the draft carried forward move to the draft's priority, all at once.
   */
  async function adopt(actor: Actor | null, slug: string, number: number, input: unknown) {
    const { strategy, version } = await managedVersion(actor, slug, number);
    const expected = formVersion(input);
    assertDraft(version);
    const form = parseForm(adoptForm, input);
    const today = todayIso();
    const on = form.adoptedOn ?? today;
    if (on > today)
      throw new ValidationError({ adoptedOn: 'The date it was adopted must be today or in the past' });
    return db.transaction().execute(async (trx) => {
      const versions = await repo.versionsOf(trx, strategy.id);
      const draft = versions.find((v) => v.id === version.id)!;
      const previous = versions.filter((v) => v.status === 'adopted');
      for (const p of previous)
        if (p.adopted_on && on < p.adopted_on)
          throw new ValidationError({
            adoptedOn: `The date it was adopted must be on or after ${formatDate(p.adopted_on)}, when version ${p.number} was adopted`,
          });
      const priorities = await repo.prioritiesOf(trx, [version.id]);
      if (draft.vision.trim() === '')
        throw new ValidationError({ form: `Version ${number} needs a vision before it can be adopted` });
      if (priorities.length === 0)
        throw new ValidationError({
          form: `Version ${number} needs at least one priority before it can be adopted`,
        });

      let adopted;
      try {
        adopted = await updateWithVersion(trx, 'strategy_versions', version.id, expected, {
          status: 'adopted',
          adopted_on: on,
        });
      } catch (error) {
        if (!(error instanceof ConflictError)) throw error;
        throw new ValidationError({
          form: `${error.changedBy ? `${error.changedBy.name} changed` : 'Someone else changed'} version ${number} while you were looking at it. Check it below, then adopt it again.`,
        });
      }
      await recordAudit(trx, actor, {
        entityType: 'strategy_version',
        entityId: version.id,
        action: 'adopted',
        summary: `Adopted version ${number} on ${formatDate(on)}`,
        before: adopted.before,
        after: adopted.after,
      });
      for (const p of previous) {
        const superseded = await updateWithVersion(trx, 'strategy_versions', p.id, p.version, {
          status: 'superseded',
        });
        await recordAudit(trx, actor, {
          entityType: 'strategy_version',
          entityId: p.id,
          action: 'superseded',
          summary: `Version ${p.number} was superseded by version ${number}`,
          before: superseded.before,
          after: superseded.after,
        });
      }

      // The targets and actions behind each carried priority follow it into the new version.
      const now = nowIso();
      let movedTargets = 0;
      let movedActions = 0;
      for (const priority of priorities) {
        const fromId = priority.carried_from_id;
        if (fromId === null) continue;
        const [targets, actions] = await Promise.all([
          trx.selectFrom('targets').select('id').where('priority_id', '=', fromId).execute(),
          trx.selectFrom('actions').select('id').where('priority_id', '=', fromId).execute(),
        ]);
        for (const [table, rows, entityType] of [
          ['targets', targets, 'target'],
          ['actions', actions, 'action'],
        ] as const) {
          if (rows.length === 0) continue;
          // The version moves on too, so a form opened on one of them before now is a stale edit.
          await trx
            .updateTable(table)
            .set((eb) => ({ priority_id: priority.id, version: eb('version', '+', 1), updated_at: now }))
            .where('priority_id', '=', fromId)
            .execute();
          for (const row of rows)
            await recordAudit(trx, actor, {
              entityType,
              entityId: row.id,
              action: 'updated',
              summary: `Moved to the priority ${priority.title} in version ${number} of ${strategy.name}, when it was adopted`,
              before: { priority_id: fromId },
              after: { priority_id: priority.id },
            });
        }
        movedTargets += targets.length;
        movedActions += actions.length;
      }

      // Targets and actions of a priority the new version dropped keep their old priority.
      const carriedFrom = new Set(priorities.map((p) => p.carried_from_id));
      const dropped = (
        await repo.prioritiesOf(
          trx,
          previous.map((p) => p.id),
        )
      )
        .filter((p) => !carriedFrom.has(p.id))
        .map((p) => p.id);
      const leftBehind = dropped.length
        ? (await trx.selectFrom('targets').select('id').where('priority_id', 'in', dropped).execute()).length
        : 0;

      // The strategy's first adoption is this one, unless it was recorded already.
      const current = (await repo.findStrategyBySlug(trx, strategy.slug))!;
      const firstAdoption =
        current.adopted_on === null
          ? await updateWithVersion(trx, 'strategies', strategy.id, current.version, { adopted_on: on })
          : undefined;
      await recordAudit(trx, actor, {
        entityType: 'strategy',
        entityId: strategy.id,
        action: 'updated',
        summary:
          `Adopted version ${number}` +
          (previous.length ? `; version ${previous.map((p) => p.number).join(', ')} superseded` : '') +
          `; ${movedTargets} ${movedTargets === 1 ? 'target' : 'targets'} and ${movedActions} ${movedActions === 1 ? 'action' : 'actions'} moved to the carried priorities`,
        before: firstAdoption?.before,
        after: firstAdoption?.after,
      });
      return { superseded: previous.map((p) => p.number), movedTargets, movedActions, leftBehind };
    });
  }

  // ---- priorities

  /**
   * Puts one priority at a position among its version's priorities and numbers the rest
   * 1, 2, 3… around it. Returns the position it ends up at.
   */
  async function placeAt(
    trx: Transaction<Database>,
    versionId: number,
    priorityId: number | null,
    wanted: number | null,
  ) {
    const others = (
      await trx
        .selectFrom('priorities')
        .select(['id', 'position'])
        .where('strategy_version_id', '=', versionId)
        .orderBy('position')
        .orderBy('id')
        .execute()
    ).filter((p) => p.id !== priorityId);
    const index = Math.min(Math.max((wanted ?? others.length + 1) - 1, 0), others.length);
    const order = [...others.slice(0, index), null, ...others.slice(index)];
    const now = nowIso();
    for (const [i, row] of order.entries())
      if (row && row.position !== i + 1)
        await trx
          .updateTable('priorities')
          .set((eb) => ({ position: i + 1, version: eb('version', '+', 1), updated_at: now }))
          .where('id', '=', row.id)
          .execute();
    return index + 1;
  }

  async function addPriority(actor: Actor | null, slug: string, number: number, input: unknown) {
    const { strategy, version } = await managedVersion(actor, slug, number);
    assertDraft(version);
    const form = parseForm(priorityForm(packOf(strategy)), input);
    return db.transaction().execute(async (trx) => {
      await checkPartnership(trx, form.owningPartnershipId, 'owningPartnershipId');
      const slugs = (
        await trx
          .selectFrom('priorities')
          .select('slug')
          .where('strategy_version_id', '=', version.id)
          .execute()
      ).map((p) => p.slug);
      const now = nowIso();
      const values = {
        strategy_version_id: version.id,
        position: await placeAt(trx, version.id, null, form.position),
        title: form.title,
        slug: await uniqueSlug(form.title, async (s) => slugs.includes(s)),
        description: form.description,
        owning_partnership_id: form.owningPartnershipId,
        components: JSON.stringify(form.components),
        dimensions: JSON.stringify(form.dimensions),
        carried_from_id: null,
        created_at: now,
        updated_at: now,
      };
      const { id } = await trx
        .insertInto('priorities')
        .values(values)
        .returning('id')
        .executeTakeFirstOrThrow();
      await recordAudit(trx, actor, {
        entityType: 'priority',
        entityId: id,
        action: 'created',
        summary: `Added the priority ${form.title} to version ${number}`,
        after: values,
      });
      return { id };
    });
  }

  async function updatePriority(actor: Actor | null, slug: string, priorityId: number, input: unknown) {
    const { strategy, version, priority } = await managedPriority(actor, slug, priorityId);
    const expected = formVersion(input);
    assertDraft(version);
    const form = parseForm(priorityForm(packOf(strategy)), input);
    await db.transaction().execute(async (trx) => {
      await checkPartnership(trx, form.owningPartnershipId, 'owningPartnershipId');
      const position = await placeAt(trx, version.id, priority.id, form.position ?? priority.position);
      const { before, after } = await updateWithVersion(trx, 'priorities', priority.id, expected, {
        title: form.title,
        description: form.description,
        owning_partnership_id: form.owningPartnershipId,
        components: JSON.stringify(form.components),
        dimensions: JSON.stringify(form.dimensions),
        position,
      });
      await recordAudit(trx, actor, {
        entityType: 'priority',
        entityId: priority.id,
        action: 'updated',
        summary: `Edited the priority ${form.title} in version ${version.number}`,
        before,
        after,
      });
    });
    return { versionNumber: version.number };
  }

  // ---- plan links

  async function addLink(actor: Actor | null, slug: string, number: number, input: unknown) {
    const { version } = await managedVersion(actor, slug, number);
    assertDraft(version);
    const form = parseForm(planLinkForm, input);
    await db.transaction().execute(async (trx) => {
      await checkPartnership(trx, form.linkPartnershipId, 'linkPartnershipId');
      const values = {
        strategy_version_id: version.id,
        title: form.linkTitle,
        kind: form.kind,
        url: form.url,
        partnership_id: form.linkPartnershipId,
        direction: form.direction,
        created_at: nowIso(),
      };
      await trx.insertInto('plan_links').values(values).execute();
      await recordAudit(trx, actor, {
        entityType: 'strategy_version',
        entityId: version.id,
        action: 'updated',
        summary: `Added the plan ${form.linkTitle} (${planLinkDirectionNames[form.direction].toLowerCase()}) to version ${number}`,
        after: values,
      });
    });
  }

  /** The link, if this actor may manage its strategy. */
  async function managedLink(actor: Actor | null, slug: string, linkId: number) {
    const strategy = await managed(actor, slug);
    const link = await repo.findLink(db, strategy.id, linkId);
    if (!link) throw new NotFoundError('plan link');
    return { strategy, link };
  }

  async function removeLink(actor: Actor | null, slug: string, linkId: number) {
    const { strategy, link } = await managedLink(actor, slug, linkId);
    const version = (await repo.findVersion(db, strategy.id, link.version_number))!;
    assertDraft(version);
    await db.transaction().execute(async (trx) => {
      const removed = await trx.deleteFrom('plan_links').where('id', '=', link.id).executeTakeFirst();
      if (Number(removed.numDeletedRows) !== 1) throw new NotFoundError('plan link');
      const { version_number: _n, version_status: _s, ...before } = link;
      await recordAudit(trx, actor, {
        entityType: 'strategy_version',
        entityId: version.id,
        action: 'updated',
        summary: `Removed the plan ${link.title} from version ${version.number}`,
        before,
      });
    });
    return { versionNumber: version.number, title: link.title };
  }

  // ---- lifecycle

  async function completeStage(actor: Actor | null, slug: string, stageCode: string) {
    const strategy = await managed(actor, slug);
    const pack = packOf(strategy);
    const stage = pack.strategy.stages.find((s) => s.code === stageCode);
    if (!stage) throw new NotFoundError('stage');
    return db.transaction().execute(async (trx) => {
      const rows = await repo.stagesOf(trx, strategy.id);
      const existing = rows.find((r) => r.stage === stage.code);
      if (existing?.completed_on)
        throw new ValidationError({
          [`stage-${stage.code}`]: `${stage.name} was already completed on ${formatDate(existing.completed_on)}`,
        });
      const [check] = checkStages([stage], await strategyFacts(trx, strategy.id));
      if (!check!.ready)
        throw new ValidationError(
          Object.fromEntries(
            check!.unmet.map((need) => [
              `stage-${stage.code}-${need.kind}`,
              `${stage.name} cannot be completed yet. ${need.sentence}`,
            ]),
          ),
        );
      const today = todayIso();
      if (existing)
        await trx
          .updateTable('strategy_stages')
          .set({ completed_on: today, completed_by: actor?.userId ?? null })
          .where('id', '=', existing.id)
          .execute();
      else
        await trx
          .insertInto('strategy_stages')
          .values({
            strategy_id: strategy.id,
            stage: stage.code,
            completed_on: today,
            note: null,
            completed_by: actor?.userId ?? null,
            created_at: nowIso(),
          })
          .execute();
      const completed = [...rows.filter((r) => r.completed_on !== null).map((r) => r.stage), stage.code];
      const current = (await repo.findStrategyBySlug(trx, strategy.slug))!;
      const { before, after } = await updateWithVersion(trx, 'strategies', strategy.id, current.version, {
        current_stage: currentStage(pack.strategy.stages, completed),
      });
      await recordAudit(trx, actor, {
        entityType: 'strategy',
        entityId: strategy.id,
        action: 'stage completed',
        summary: `Completed the stage ${stage.name} on ${formatDate(today)}`,
        before,
        after,
      });
      return { stageName: stage.name };
    });
  }

  /** Records the annual refresh or the periodic review, on a date (today unless given). */
  async function recordRecurring(
    actor: Actor | null,
    slug: string,
    kind: 'refresh' | 'review',
    input: unknown,
  ) {
    const strategy = await managed(actor, slug);
    const field = kind === 'refresh' ? 'refreshedOn' : 'reviewedOn';
    const column = kind === 'refresh' ? 'last_refreshed_on' : 'last_reviewed_on';
    const given =
      kind === 'refresh'
        ? parseForm(refreshForm, input).refreshedOn
        : parseForm(reviewForm, input).reviewedOn;
    const today = todayIso();
    const on = given ?? today;
    const label = `The date of the ${kind}`;
    if (on > today) throw new ValidationError({ [field]: `${label} must be today or in the past` });
    if (strategy.adopted_on && on < strategy.adopted_on)
      throw new ValidationError({
        [field]: `${label} must be on or after ${formatDate(strategy.adopted_on)}, when the strategy was first adopted`,
      });
    return db.transaction().execute(async (trx) => {
      const current = (await repo.findStrategyBySlug(trx, strategy.slug))!;
      const last = current[column];
      if (last && on < last)
        throw new ValidationError({
          [field]: `The last ${kind} was on ${formatDate(last)}: enter that date or a later one`,
        });
      const { before, after } = await updateWithVersion(trx, 'strategies', strategy.id, current.version, {
        [column]: on,
      });
      await recordAudit(trx, actor, {
        entityType: 'strategy',
        entityId: strategy.id,
        action: 'updated',
        summary: `Recorded the ${kind} of the strategy on ${formatDate(on)}`,
        before,
        after,
      });
      return { on };
    });
  }

  // ---- history

  /** Audit entries in words: partnership names, the pack's names for tags and stages, statuses as words. */
  async function readable(
    rows: {
      occurred_at: string;
      actor_name: string;
      action: string;
      summary: string;
      before_json: string | null;
      after_json: string | null;
    }[],
    pack: FrameworkPack,
  ) {
    const partnerships = new Map((await repo.listPartnerships(db)).map((p) => [p.id, p.name]));
    const packs = frameworkPacks();
    const parse = (json: string | null) => (json ? (JSON.parse(json) as Record<string, unknown>) : null);
    const hidden = new Set(['strategy_id', 'strategy_version_id', 'carried_from_id', 'slug', 'completed_by']);
    const words = (field: string, value: unknown): unknown => {
      if (value === null || value === undefined) return null;
      if ((field === 'partnership_id' || field === 'owning_partnership_id') && typeof value === 'number')
        return partnerships.get(value) ?? `(removed partnership ${value})`;
      if (field === 'framework') return packs.get(String(value))?.name ?? value;
      if (field === 'components' || field === 'dimensions')
        return (
          codesFrom(String(value))
            .map((c) => termName(pack[field].terms, c))
            .join(', ') || null
        );
      if (field === 'status') return versionStatusNames[value as VersionStatus] ?? value;
      if (field === 'current_stage' || field === 'stage')
        return termName(pack.strategy.stages, String(value));
      if (field === 'kind') return planLinkKindNames[value as PlanLinkKind] ?? value;
      if (field === 'direction') return planLinkDirectionNames[value as PlanLinkDirection] ?? value;
      return value;
    };
    return rows.map((row) => ({
      at: row.occurred_at,
      actorName: row.actor_name,
      action: row.action,
      summary: row.summary,
      changes: diffRecords(parse(row.before_json), parse(row.after_json))
        .filter((c) => !hidden.has(c.field))
        .map((c) => ({
          field: c.field.replace(/_id$/, ''),
          before: words(c.field, c.before),
          after: words(c.field, c.after),
        }))
        .filter((c) => JSON.stringify(c.before) !== JSON.stringify(c.after)),
    }));
  }

  /** The history of a strategy, its versions and their priorities, newest first. */
  async function history(strategy: repo.StrategyRow) {
    const versions = await repo.versionsOf(db, strategy.id);
    const priorities = await repo.prioritiesOf(
      db,
      versions.map((v) => v.id),
    );
    const rows = await repo.auditEntriesOf(
      db,
      strategy.id,
      versions.map((v) => v.id),
      priorities.map((p) => p.id),
    );
    return readable(rows, packOf(strategy));
  }

  async function priorityHistory(strategy: repo.StrategyRow, priorityId: number) {
    const rows = await db
      .selectFrom('audit_entries')
      .selectAll()
      .where('entity_type', '=', 'priority')
      .where('entity_id', '=', priorityId)
      .orderBy('id', 'desc')
      .execute();
    return readable(rows, packOf(strategy));
  }

  return {
    lockedMessage,
    list,
    page,
    overdue,
    formContext,
    partnershipChoices,
    forEditing: managed,
    create,
    update,
    history,
    versions: {
      page: versionPage,
      forEditing: managedVersion,
      startDraft,
      update: updateVersion,
      adopt,
    },
    priorities: {
      forEditing: managedPriority,
      add: addPriority,
      update: updatePriority,
      history: priorityHistory,
    },
    links: {
      forEditing: managedLink,
      add: addLink,
      remove: removeLink,
    },
    lifecycle: {
      completeStage,
      recordRefresh: (actor: Actor | null, slug: string, input: unknown) =>
        recordRecurring(actor, slug, 'refresh', input),
      recordReview: (actor: Actor | null, slug: string, input: unknown) =>
        recordRecurring(actor, slug, 'review', input),
    },
  };
}

export type StrategyServices = ReturnType<typeof createStrategyServices>;
