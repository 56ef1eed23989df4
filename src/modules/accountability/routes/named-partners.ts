import type { FastifyInstance } from 'fastify';
import { sendCsv, toCsv } from '../../../platform/csv.ts';
import { todayIso } from '../../../platform/time.ts';
import type { AccountabilityServices } from '../service.ts';

const percent = (share: number | null) => (share === null ? null : Math.round(share * 100));

/** Named partners with a duty to co-operate: what each leads and contributes to, its attendance and its returns. */
export function registerNamedPartnerRoutes(app: FastifyInstance, services: AccountabilityServices) {
  const cached = app.publicCache.routeHooks;

  app.get('/named-partners', { config: { access: 'public' }, ...cached }, async (_request, reply) =>
    reply.view('accountability/named-partners.njk', {
      title: 'Named partners',
      ...(await services.namedPartners(todayIso())),
    }),
  );

  app.get('/named-partners.csv', { config: { access: 'public' }, ...cached }, async (_request, reply) => {
    const { window, partners } = await services.namedPartners(todayIso());
    return sendCsv(
      reply,
      'named-partners.csv',
      toCsv(
        [
          { header: 'organisation', value: (p) => p.name },
          { header: 'targets led', value: (p) => p.leads.length },
          { header: 'targets led (indicators)', value: (p) => p.leads.map((t) => t.name).join('; ') },
          { header: 'targets contributed to', value: (p) => p.contributesTo.length },
          {
            header: 'targets contributed to (indicators)',
            value: (p) => p.contributesTo.map((t) => t.name).join('; '),
          },
          { header: 'attendance from', value: () => window.from },
          { header: 'attendance to', value: () => window.to },
          { header: 'meetings with a seat', value: (p) => p.attendance.expected },
          { header: 'meetings attended', value: (p) => p.attendance.attended },
          { header: 'attendance (%)', value: (p) => percent(p.attendance.rate) },
          { header: 'quarterly returns due', value: (p) => p.returns.judged },
          { header: 'quarterly returns made', value: (p) => p.returns.judgedMade },
          { header: 'return being made now for', value: (p) => p.returns.reporting.code },
          { header: 'return being made now', value: (p) => p.returns.current?.stateName },
          { header: 'web page', value: (p) => `/named-partners/${p.slug}` },
        ],
        partners,
      ),
    );
  });

  app.get<{ Params: { slug: string } }>(
    '/named-partners/:slug',
    { config: { access: 'public' }, ...cached },
    async (request, reply) => {
      const page = await services.namedPartner(request.params.slug, todayIso());
      return reply.view('accountability/named-partner.njk', { title: page.partner.name, ...page });
    },
  );
}
