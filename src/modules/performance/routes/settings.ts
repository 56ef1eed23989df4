import type { FastifyInstance } from 'fastify';
import { flash, renderFormFailure } from '../../../platform/form-page.ts';
import { frameworkPacks } from '../../../platform/framework-packs.ts';

type Body = Record<string, unknown>;

/** The place's framework pack and the thresholds that decide on track, at risk and off track. */
export function registerPerformanceSettingsRoutes(app: FastifyInstance) {
  const performance = app.services.performance;
  const context = () => ({
    title: 'Framework and target statuses',
    packs: [...frameworkPacks().values()].map((p) => ({
      value: p.id,
      text: p.name,
      hint: { text: p.description },
    })),
  });

  app.get('/admin/performance', { config: { access: 'place:manage' } }, async (_request, reply) => {
    const { packId, thresholds } = await performance.settings();
    return reply.view('performance/settings.njk', {
      ...context(),
      values: {
        packId,
        atRiskPercent: thresholds.atRiskShare * 100,
        flatTolerancePercent: thresholds.flatTolerance * 100,
        staleAfterMonths: thresholds.staleAfterMonths,
      },
    });
  });

  app.post<{ Body: Body }>(
    '/admin/performance',
    { config: { access: 'place:manage' } },
    async (request, reply) => {
      try {
        await performance.saveSettings(request.actor, request.body);
        flash(reply, 'The framework and thresholds have been saved. The dashboard uses them now.');
        return reply.redirect('/manage', 303);
      } catch (error) {
        return renderFormFailure(
          reply,
          error,
          'performance/settings.njk',
          { ...context(), values: request.body },
          [
            { field: 'packId', column: '', label: 'Framework' },
            { field: 'atRiskPercent', column: '', label: 'At risk' },
            { field: 'flatTolerancePercent', column: '', label: 'Hold steady' },
            { field: 'staleAfterMonths', column: '', label: 'Stale' },
          ],
        );
      }
    },
  );
}
