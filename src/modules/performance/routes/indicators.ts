import type { FastifyInstance } from 'fastify';
import { flash, renderFormFailure, type ConflictField } from '../../../platform/form-page.ts';
import { idParam } from '../../../platform/params.ts';
import { queryText } from '../../../platform/forms.ts';
import { ForbiddenError } from '../../../platform/errors.ts';
import { can } from '../../../domain/permissions.ts';
import { optionsFrom } from '../../../domain/vocabulary.ts';
import { periodKindNames, periodKinds } from '../../../domain/periods.ts';
import { polarities, polarityNames } from '../forms.ts';

type Body = Record<string, unknown>;

const indicatorFields: ConflictField[] = [
  { field: 'code', column: 'code', label: 'Code' },
  { field: 'title', column: 'title', label: 'Title' },
  { field: 'definition', column: 'definition', label: 'Definition' },
  { field: 'unit', column: 'unit', label: 'Unit' },
  { field: 'polarity', column: 'polarity', label: 'Better when', names: polarityNames },
  { field: 'frequency', column: 'frequency', label: 'Reported', names: periodKindNames },
  { field: 'source', column: 'source', label: 'Source' },
];

const pointFields: ConflictField[] = [
  { field: 'areaId', column: 'area_id', label: 'Area', choices: 'areas' },
  { field: 'period', column: 'period', label: 'Period' },
  { field: 'value', column: 'value', label: 'Value' },
  { field: 'lowerCi', column: 'lower_ci', label: 'Lower confidence limit' },
  { field: 'upperCi', column: 'upper_ci', label: 'Upper confidence limit' },
  { field: 'numerator', column: 'numerator', label: 'Count' },
  { field: 'denominator', column: 'denominator', label: 'Denominator' },
  { field: 'provisional', column: 'provisional', label: 'Provisional', flag: true },
  { field: 'note', column: 'note', label: 'Note' },
];

/** The indicator catalogue and the figures recorded against it. */
export function registerIndicatorRoutes(app: FastifyInstance) {
  const performance = app.services.performance;
  const indicatorForm = () => ({
    polarityOptions: optionsFrom(polarities, polarityNames),
    frequencyOptions: optionsFrom(periodKinds, periodKindNames),
  });

  app.get('/indicators', { config: { access: 'public' } }, async (_request, reply) => {
    const [indicators, pack] = await Promise.all([performance.indicators.list(), performance.pack()]);
    const known = new Set(indicators.map((i) => i.code));
    return reply.view('performance/indicators.njk', {
      title: 'Indicators',
      indicators,
      polarityNames,
      periodKindNames,
      pack,
      missingFromPack: pack.indicators.set.filter((i) => !known.has(i.code)).length,
    });
  });

  app.post('/indicators/from-pack', { config: { access: 'indicators:manage' } }, async (request, reply) => {
    const added = await performance.indicators.addFromPack(request.actor);
    flash(
      reply,
      added
        ? `${added} indicators added to the catalogue.`
        : 'Every indicator of the framework is already in the catalogue.',
    );
    return reply.redirect('/indicators', 303);
  });

  app.get('/indicators/new', { config: { access: 'indicators:manage' } }, async (_request, reply) =>
    reply.view('performance/indicator-form.njk', {
      title: 'Add an indicator',
      values: { polarity: 'higher', frequency: 'financial_year' },
      ...indicatorForm(),
    }),
  );

  app.post<{ Body: Body }>(
    '/indicators/new',
    { config: { access: 'indicators:manage' } },
    async (request, reply) => {
      try {
        const { id } = await performance.indicators.create(request.actor, request.body);
        flash(reply, 'The indicator has been added.');
        return reply.redirect(`/indicators/${id}`, 303);
      } catch (error) {
        return renderFormFailure(
          reply,
          error,
          'performance/indicator-form.njk',
          { title: 'Add an indicator', values: request.body, ...indicatorForm() },
          indicatorFields,
        );
      }
    },
  );

  app.get<{ Params: { id: string } }>(
    '/indicators/:id',
    { config: { access: 'public' } },
    async (request, reply) => {
      const page = await performance.indicators.page(idParam(request.params.id));
      return reply.view('performance/indicator.njk', {
        title: `${page.indicator.code} ${page.indicator.title}`,
        ...page,
        polarityNames,
        periodKindNames,
        mayRecord: await performance.data.mayRecord(request.actor, page.indicator.id),
        history: can(request.actor, 'history:view')
          ? await performance.history('indicator', page.indicator.id)
          : null,
      });
    },
  );

  app.get<{ Params: { id: string } }>(
    '/indicators/:id/edit',
    { config: { access: 'indicators:manage' } },
    async (request, reply) => {
      const indicator = await performance.indicators.byId(idParam(request.params.id));
      return reply.view('performance/indicator-form.njk', {
        title: `Edit ${indicator.code}`,
        indicator,
        values: {
          code: indicator.code,
          title: indicator.title,
          definition: indicator.definition,
          unit: indicator.unit,
          polarity: indicator.polarity,
          frequency: indicator.frequency,
          source: indicator.source,
          reportedForWards: (JSON.parse(indicator.area_kinds) as string[]).includes('ward') ? 'yes' : '',
          version: indicator.version,
        },
        ...indicatorForm(),
      });
    },
  );

  app.post<{ Params: { id: string }; Body: Body }>(
    '/indicators/:id/edit',
    { config: { access: 'indicators:manage' } },
    async (request, reply) => {
      const indicator = await performance.indicators.byId(idParam(request.params.id));
      try {
        await performance.indicators.update(request.actor, indicator.id, request.body);
        flash(reply, 'Your changes have been saved.');
        return reply.redirect(`/indicators/${indicator.id}`, 303);
      } catch (error) {
        return renderFormFailure(
          reply,
          error,
          'performance/indicator-form.njk',
          { title: `Edit ${indicator.code}`, indicator, values: request.body, ...indicatorForm() },
          indicatorFields,
        );
      }
    },
  );

  // Recording values: partner officers for the indicators of targets their organisation leads.

  const pointContext = async (indicatorId: number) => ({
    indicator: await performance.indicators.byId(indicatorId),
    areas: await performance.data.areas(),
  });

  app.get<{ Params: { id: string } }>(
    '/indicators/:id/data/new',
    { config: { access: 'data:record' } },
    async (request, reply) => {
      const id = idParam(request.params.id);
      if (!(await performance.data.mayRecord(request.actor, id))) throw new ForbiddenError();
      const context = await pointContext(id);
      const query = request.query as Body;
      return reply.view('performance/data-point-form.njk', {
        title: `Record a value for ${context.indicator.code}`,
        ...context,
        values: {
          areaId: queryText(query.area, 12),
          period: queryText(query.period, 20),
          returnTo: returnTo({ returnTo: queryText(query.returnTo, 200) }),
        },
      });
    },
  );

  app.post<{ Params: { id: string }; Body: Body }>(
    '/indicators/:id/data/new',
    { config: { access: 'data:record' } },
    async (request, reply) => {
      const id = idParam(request.params.id);
      const context = await pointContext(id);
      try {
        await performance.data.record(request.actor, id, request.body);
        flash(reply, `The value for ${context.indicator.code} has been recorded.`);
        return reply.redirect(returnTo(request.body) ?? `/indicators/${id}`, 303);
      } catch (error) {
        return renderFormFailure(
          reply,
          error,
          'performance/data-point-form.njk',
          { title: `Record a value for ${context.indicator.code}`, ...context, values: request.body },
          pointFields,
        );
      }
    },
  );

  app.get<{ Params: { id: string } }>(
    '/data-points/:id/edit',
    { config: { access: 'data:record' } },
    async (request, reply) => {
      const { point, indicator, revisions } = await performance.data.point(idParam(request.params.id));
      if (!(await performance.data.mayRecord(request.actor, indicator.id))) throw new ForbiddenError();
      return reply.view('performance/data-point-form.njk', {
        title: `Correct the value for ${indicator.code}, ${point.period}`,
        indicator,
        point,
        revisions,
        areas: await performance.data.areas(),
        values: {
          areaId: point.area_id,
          period: point.period,
          value: point.value,
          lowerCi: point.lower_ci,
          upperCi: point.upper_ci,
          numerator: point.numerator,
          denominator: point.denominator,
          provisional: point.provisional ? 'yes' : '',
          note: point.note,
          version: point.version,
        },
      });
    },
  );

  app.post<{ Params: { id: string }; Body: Body }>(
    '/data-points/:id/edit',
    { config: { access: 'data:record' } },
    async (request, reply) => {
      const { point, indicator, revisions } = await performance.data.point(idParam(request.params.id));
      try {
        await performance.data.update(request.actor, point.id, request.body);
        flash(reply, 'The value has been corrected. The value it replaced is kept in its history.');
        return reply.redirect(`/indicators/${indicator.id}`, 303);
      } catch (error) {
        return renderFormFailure(
          reply,
          error,
          'performance/data-point-form.njk',
          async () => ({
            title: `Correct the value for ${indicator.code}, ${point.period}`,
            indicator,
            point,
            revisions,
            areas: await performance.data.areas(),
            values: request.body,
          }),
          pointFields,
        );
      }
    },
  );
}

/** Where to go after recording a value: only a path on this site (never another site). */
function returnTo(body: Body): string | undefined {
  const value = body.returnTo;
  return typeof value === 'string' && /^\/(?!\/)[\w\-/?=&%.]*$/.test(value) ? value : undefined;
}
