import type { FastifyInstance } from 'fastify';
import { todayIso } from '../../../platform/time.ts';

/** The annual progress report: a page and a PDF for each year of the agreement. */
export function registerAnnualReportRoutes(app: FastifyInstance) {
  const reports = app.services.annualReports;
  const cached = app.publicCache.routeHooks;

  app.get('/reports/annual', { config: { access: 'public' } }, async (_request, reply) =>
    reply.view('performance/annual-reports.njk', {
      title: 'Annual progress reports',
      years: await reports.years(todayIso()),
    }),
  );

  app.get<{ Params: { year: string } }>(
    '/reports/annual/:year',
    { config: { access: 'public' }, ...cached },
    async (request, reply) => {
      const { year } = request.params;
      if (year.endsWith('.pdf')) {
        const settings = await app.services.place.siteSettings();
        const pdf = await reports.pdf(year.slice(0, -4), todayIso(), settings.placeName ?? 'Placeshaper');
        return reply
          .type('application/pdf')
          .header('content-disposition', `attachment; filename="annual-progress-report-${year}"`)
          .send(pdf);
      }
      const report = await reports.report(year, todayIso());
      return reply.view('performance/annual-report.njk', {
        title: `Annual progress report ${report.label}`,
        ...report,
      });
    },
  );
}
