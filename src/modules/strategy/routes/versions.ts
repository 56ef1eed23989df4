import type { FastifyInstance, FastifyRequest } from 'fastify';
import { can } from '../../../domain/permissions.ts';
import { termName, type FrameworkPack, type FrameworkTerm } from '../../../domain/framework-pack.ts';
import { flash, renderFormFailure, type ConflictField } from '../../../platform/form-page.ts';
import { idParam } from '../../../platform/params.ts';
import { todayIso } from '../../../platform/time.ts';
import { frameworkPack } from '../../../platform/framework-packs.ts';
import { optionsFrom } from '../../../domain/vocabulary.ts';
import {
  codesFrom,
  planLinkDirectionNames,
  planLinkDirections,
  planLinkKindNames,
  planLinkKinds,
} from '../forms.ts';
import type { Body } from './strategies.ts';

type VersionParams = { slug: string; number: string };
type PriorityParams = { slug: string; id: string };

const versionFields: ConflictField[] = [
  { field: 'title', column: 'title', label: 'Title' },
  { field: 'vision', column: 'vision', label: 'Vision' },
];

/** A priority's fields; its tags are compared in the pack's words: the saved JSON list against the boxes ticked. */
const priorityFields = (pack: FrameworkPack): ConflictField[] => [
  { field: 'title', column: 'title', label: 'Title' },
  { field: 'description', column: 'description', label: 'Description' },
  {
    field: 'owningPartnershipId',
    column: 'owning_partnership_id',
    label: 'Owned by',
    choices: 'partnerships',
  },
  {
    field: 'components',
    column: 'components',
    label: 'Components',
    saved: (json) => inWords(pack.components.terms, codesFrom(String(json))),
    yours: (ticked) => inWords(pack.components.terms, ticked),
  },
  {
    field: 'dimensions',
    column: 'dimensions',
    label: 'Dimensions',
    saved: (json) => inWords(pack.dimensions.terms, codesFrom(String(json))),
    yours: (ticked) => inWords(pack.dimensions.terms, ticked),
  },
  { field: 'position', column: 'position', label: 'Position' },
];

const linkFieldOrder: ConflictField[] = ['linkTitle', 'kind', 'url', 'linkPartnershipId', 'direction'].map(
  (field) => ({ field, column: '', label: field }),
);

/** Codes as the pack names them, for comparing a stale edit in words. */
function inWords(terms: FrameworkTerm[], codes: unknown): string {
  const list = [codes ?? []].flat().filter((c): c is string => typeof c === 'string' && c !== '');
  return list.map((c) => termName(terms, c)).join(', ');
}

/** Versions of a strategy: viewing, drafting, adopting; the priorities and plan links of a draft. */
export function registerVersionRoutes(app: FastifyInstance) {
  const strategies = app.services.strategy;
  const cached = app.publicCache.routeHooks;

  const numberOf = (request: FastifyRequest<{ Params: VersionParams }>) => idParam(request.params.number);

  /** The version page, for showing and for answering a refused action on it. */
  async function versionPage(request: FastifyRequest, slug: string, number: number, values: Body = {}) {
    const page = await strategies.versions.page(slug, number);
    const mayManage = can(request.actor, 'strategy:manage', { partnershipLine: page.line });
    const editable = mayManage && !page.locked;
    return {
      title: `${page.strategy.name}: version ${page.version.number}`,
      ...page,
      mayManage,
      editable,
      partnerships: editable ? await strategies.partnershipChoices() : [],
      kindOptions: optionsFrom(planLinkKinds, planLinkKindNames),
      directionOptions: optionsFrom(planLinkDirections, planLinkDirectionNames),
      values: { adoptedOn: todayIso(), ...values },
    };
  }

  app.get<{ Params: VersionParams }>(
    '/strategies/:slug/versions/:number',
    { config: { access: 'public' }, ...cached },
    async (request, reply) =>
      reply.view('strategy/version.njk', await versionPage(request, request.params.slug, numberOf(request))),
  );

  // ---- title and vision

  app.get<{ Params: VersionParams }>(
    '/strategies/:slug/versions/:number/edit',
    { config: { access: 'strategy:manage' } },
    async (request, reply) => {
      const { strategy, version } = await strategies.versions.forEditing(
        request.actor,
        request.params.slug,
        numberOf(request),
      );
      const page = {
        title: `Edit version ${version.number}`,
        strategy,
        version,
        locked: strategies.lockedMessage(version),
        values: { title: version.title, vision: version.vision, version: version.version },
      };
      return reply.code(page.locked ? 409 : 200).view('strategy/version-form.njk', page);
    },
  );

  app.post<{ Params: VersionParams; Body: Body }>(
    '/strategies/:slug/versions/:number/edit',
    { config: { access: 'strategy:manage' } },
    async (request, reply) => {
      const { strategy, version } = await strategies.versions.forEditing(
        request.actor,
        request.params.slug,
        numberOf(request),
      );
      try {
        await strategies.versions.update(request.actor, strategy.slug, version.number, request.body);
        flash(reply, 'Your changes have been saved.');
        return reply.redirect(`/strategies/${strategy.slug}/versions/${version.number}`, 303);
      } catch (error) {
        return renderFormFailure(
          reply,
          error,
          'strategy/version-form.njk',
          async () => ({
            title: `Edit version ${version.number}`,
            strategy,
            version,
            locked: strategies.lockedMessage(version),
            values: request.body,
          }),
          versionFields,
        );
      }
    },
  );

  app.post<{ Params: VersionParams; Body: Body }>(
    '/strategies/:slug/versions/:number/adopt',
    { config: { access: 'strategy:manage' } },
    async (request, reply) => {
      const { slug } = request.params;
      const number = numberOf(request);
      try {
        const result = await strategies.versions.adopt(request.actor, slug, number, request.body);
        const moved = `${result.movedTargets} ${result.movedTargets === 1 ? 'target' : 'targets'} and ${result.movedActions} ${result.movedActions === 1 ? 'action' : 'actions'}`;
        flash(
          reply,
          `Version ${number} has been adopted.` +
            (result.superseded.length
              ? ` Version ${result.superseded.join(', ')} is superseded; ${moved} moved to the priorities carried into version ${number}.`
              : '') +
            (result.leftBehind
              ? ` ${result.leftBehind} ${result.leftBehind === 1 ? 'target still serves a priority' : 'targets still serve priorities'} that version ${number} did not carry forward.`
              : ''),
        );
        return reply.redirect(`/strategies/${slug}`, 303);
      } catch (error) {
        return renderFormFailure(reply, error, 'strategy/version.njk', () =>
          versionPage(request, slug, number, request.body),
        );
      }
    },
  );

  // ---- priorities

  const priorityContext = async (current: (number | null)[] = []) => ({
    partnerships: await strategies.partnershipChoices(current),
  });

  app.get<{ Params: VersionParams }>(
    '/strategies/:slug/versions/:number/priorities/new',
    { config: { access: 'strategy:manage' } },
    async (request, reply) => {
      const { strategy, version } = await strategies.versions.forEditing(
        request.actor,
        request.params.slug,
        numberOf(request),
      );
      const locked = strategies.lockedMessage(version);
      return reply.code(locked ? 409 : 200).view('strategy/priority-form.njk', {
        title: `Add a priority to version ${version.number}`,
        strategy,
        version,
        pack: frameworkPack(strategy.framework),
        locked,
        values: {},
        ...(await priorityContext()),
      });
    },
  );

  app.post<{ Params: VersionParams; Body: Body }>(
    '/strategies/:slug/versions/:number/priorities/new',
    { config: { access: 'strategy:manage' } },
    async (request, reply) => {
      const { strategy, version } = await strategies.versions.forEditing(
        request.actor,
        request.params.slug,
        numberOf(request),
      );
      try {
        await strategies.priorities.add(request.actor, strategy.slug, version.number, request.body);
        flash(reply, `${String(request.body.title).trim()} has been added to version ${version.number}.`);
        return reply.redirect(`/strategies/${strategy.slug}/versions/${version.number}#priorities`, 303);
      } catch (error) {
        return renderFormFailure(
          reply,
          error,
          'strategy/priority-form.njk',
          async () => ({
            title: `Add a priority to version ${version.number}`,
            strategy,
            version,
            pack: frameworkPack(strategy.framework),
            locked: strategies.lockedMessage(version),
            values: request.body,
            ...(await priorityContext()),
          }),
          priorityFields(frameworkPack(strategy.framework)),
        );
      }
    },
  );

  const priorityFrom = (request: FastifyRequest<{ Params: PriorityParams }>) =>
    strategies.priorities.forEditing(request.actor, request.params.slug, idParam(request.params.id));

  /** The priority form, filled from the saved priority unless the user's input is given. */
  async function priorityEditPage(found: Awaited<ReturnType<typeof priorityFrom>>, values?: Body) {
    const { strategy, version, priority } = found;
    return {
      title: `Edit the priority ${priority.title}`,
      strategy,
      version,
      priority,
      pack: frameworkPack(strategy.framework),
      locked: strategies.lockedMessage(version),
      values: values ?? {
        title: priority.title,
        description: priority.description,
        owningPartnershipId: priority.owning_partnership_id,
        components: codesFrom(priority.components),
        dimensions: codesFrom(priority.dimensions),
        position: priority.position,
        version: priority.version,
      },
      history: await strategies.priorities.history(strategy, priority.id),
      ...(await priorityContext([priority.owning_partnership_id])),
    };
  }

  app.get<{ Params: PriorityParams }>(
    '/strategies/:slug/priorities/:id/edit',
    { config: { access: 'strategy:manage' } },
    async (request, reply) => {
      const page = await priorityEditPage(await priorityFrom(request));
      return reply.code(page.locked ? 409 : 200).view('strategy/priority-form.njk', page);
    },
  );

  app.post<{ Params: PriorityParams; Body: Body }>(
    '/strategies/:slug/priorities/:id/edit',
    { config: { access: 'strategy:manage' } },
    async (request, reply) => {
      const found = await priorityFrom(request);
      const { strategy, version, priority } = found;
      try {
        await strategies.priorities.update(request.actor, strategy.slug, priority.id, request.body);
        flash(reply, 'Your changes have been saved.');
        return reply.redirect(`/strategies/${strategy.slug}/versions/${version.number}#priorities`, 303);
      } catch (error) {
        return renderFormFailure(
          reply,
          error,
          'strategy/priority-form.njk',
          () => priorityEditPage(found, request.body),
          priorityFields(frameworkPack(strategy.framework)),
        );
      }
    },
  );

  // ---- plan links

  app.post<{ Params: VersionParams; Body: Body }>(
    '/strategies/:slug/versions/:number/links',
    { config: { access: 'strategy:manage' } },
    async (request, reply) => {
      const { slug } = request.params;
      const number = numberOf(request);
      try {
        await strategies.links.add(request.actor, slug, number, request.body);
        flash(
          reply,
          `${String(request.body.linkTitle).trim()} has been added to the plans linked to version ${number}.`,
        );
        return reply.redirect(`/strategies/${slug}/versions/${number}#links`, 303);
      } catch (error) {
        return renderFormFailure(
          reply,
          error,
          'strategy/version.njk',
          () => versionPage(request, slug, number, request.body),
          linkFieldOrder,
        );
      }
    },
  );

  app.post<{ Params: PriorityParams; Body: Body }>(
    '/strategies/:slug/links/:id/remove',
    { config: { access: 'strategy:manage' } },
    async (request, reply) => {
      const { slug } = request.params;
      const { link } = await strategies.links.forEditing(request.actor, slug, idParam(request.params.id));
      try {
        const removed = await strategies.links.remove(request.actor, slug, link.id);
        flash(
          reply,
          `${removed.title} has been removed from the plans linked to version ${removed.versionNumber}.`,
        );
        return reply.redirect(`/strategies/${slug}/versions/${removed.versionNumber}#links`, 303);
      } catch (error) {
        return renderFormFailure(reply, error, 'strategy/version.njk', () =>
          versionPage(request, slug, link.version_number),
        );
      }
    },
  );
}
