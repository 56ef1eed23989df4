import type { FastifyInstance } from 'fastify';
import ExcelJS from 'exceljs';
import { queryText } from '../../../platform/forms.ts';
import { idParam } from '../../../platform/params.ts';
import { sendCsv, toCsv, type CsvColumn } from '../../../platform/csv.ts';
import { todayIso } from '../../../platform/time.ts';
import { financialYearLabel } from '../../../domain/periods.ts';
import { ragNames } from '../../../domain/target-status.ts';
import { ragOrder } from '../dashboard.ts';
import type { EvaluatedTarget } from '../evaluation.ts';
import { polarityNames } from '../forms.ts';

type Query = Record<string, unknown>;

/** The columns of a target in the downloads (CSV and the workbook's first sheet). */
function targetColumns(years: number[]): CsvColumn<EvaluatedTarget>[] {
  const latest = (t: EvaluatedTarget) => t.status.latest;
  return [
    { header: 'target id', value: (t) => t.id },
    { header: 'agreement', value: (t) => t.row.agreement_name },
    { header: 'block', value: (t) => t.blockName },
    { header: 'priority', value: (t) => t.row.priority_title },
    { header: 'partnership', value: (t) => t.row.partnership_name },
    { header: 'indicator code', value: (t) => t.row.indicator_code },
    { header: 'indicator', value: (t) => t.row.indicator_title },
    { header: 'unit', value: (t) => t.row.indicator_unit },
    { header: 'better when', value: (t) => polarityNames[t.row.polarity as 'higher' | 'lower'] },
    { header: 'area', value: (t) => t.row.area_name },
    { header: 'lead partner', value: (t) => t.row.lead_name },
    { header: 'contributing partners', value: (t) => t.contributors.map((c) => c.name).join('; ') },
    { header: 'reward grant', value: (t) => t.row.reward_bearing === 1 },
    { header: 'sign-off', value: (t) => t.signOffName },
    { header: 'baseline', value: (t) => t.row.baseline_value },
    { header: 'baseline period', value: (t) => t.row.baseline_period },
    ...years.map((year) => ({
      header: `target ${financialYearLabel(year)}`,
      value: (t: EvaluatedTarget) => t.years.find((y) => y.year === year)?.value,
    })),
    { header: 'latest value', value: (t) => latest(t)?.value },
    { header: 'latest period', value: (t) => latest(t)?.period },
    { header: 'provisional', value: (t) => (latest(t) ? t.status.provisional : null) },
    { header: 'expected by then', value: (t) => t.status.expected },
    { header: 'status', value: (t) => t.ragName },
    { header: 'why', value: (t) => t.status.reason },
    { header: 'direction of travel', value: (t) => t.directionName },
    { header: 'forecast at end', value: (t) => t.status.forecast?.finalValue },
    { header: 'web page', value: (t) => `/dashboard/targets/${t.id}` },
  ];
}

function yearsOf(targets: EvaluatedTarget[]): number[] {
  return [...new Set(targets.flatMap((t) => t.years.map((y) => y.year)))].sort((a, b) => a - b);
}

/** The public dashboard: every priority, its targets and their status; downloads and open data. */
export function registerDashboardRoutes(app: FastifyInstance) {
  const dashboards = app.services.dashboards;
  const cached = app.publicCache.routeHooks;

  app.get('/dashboard', { config: { access: 'public' }, ...cached }, async (request, reply) => {
    const query = request.query as Query;
    const page = Number(queryText(query.page, 6) ?? 1);
    const model = await dashboards.dashboard(
      {
        agreement: queryText(query.agreement),
        block: queryText(query.block),
        partnership: queryText(query.partnership),
        ward: queryText(query.ward),
        page: Number.isInteger(page) ? page : 1,
      },
      todayIso(),
    );
    const filterQuery = new URLSearchParams(
      Object.entries({ agreement: queryText(query.agreement), ...model.filters }).filter(
        (entry): entry is [string, string] => typeof entry[1] === 'string',
      ),
    ).toString();
    const placeName = String(reply.locals?.placeName ?? 'the place');
    return reply.view('performance/dashboard.njk', {
      title: 'Dashboard',
      ...model,
      filterOptions: {
        ...model.filterOptions,
        ward: [{ value: '', text: `The whole of ${placeName}` }, ...model.filterOptions.ward],
      },
      ragOrder,
      filterQuery,
    });
  });

  app.get<{ Params: { id: string } }>(
    '/dashboard/targets/:id',
    { config: { access: 'public' }, ...cached },
    async (request, reply) => {
      const id = idParam(request.params.id);
      const page = await dashboards.targetPage(id, todayIso());
      const actions = await app.services.delivery.actionsForTarget(id);
      const mayRecord = await app.services.performance.data.mayRecord(
        request.actor,
        page.target.row.indicator_id,
      );
      return reply.view('performance/target.njk', {
        title: `${page.target.row.indicator_code} ${page.target.row.indicator_title}`,
        ...page,
        actions,
        mayRecord,
        polarityNames,
      });
    },
  );

  app.get('/dashboard.csv', { config: { access: 'public' }, ...cached }, async (_request, reply) => {
    const { targets } = await dashboards.allTargets(todayIso());
    return sendCsv(reply, 'dashboard.csv', toCsv(targetColumns(yearsOf(targets)), targets));
  });

  app.get('/dashboard.xlsx', { config: { access: 'public' }, ...cached }, async (_request, reply) => {
    const { agreement, targets } = await dashboards.allTargets(todayIso());
    const workbook = new ExcelJS.Workbook();
    workbook.creator = 'Placeshaper';
    workbook.created = new Date(`${todayIso()}T00:00:00Z`);
    const columns = targetColumns(yearsOf(targets));
    const sheet = workbook.addWorksheet('Targets', { views: [{ state: 'frozen', ySplit: 1 }] });
    sheet.columns = columns.map((c) => ({
      header: c.header,
      width: Math.min(40, Math.max(10, c.header.length + 2)),
    }));
    for (const target of targets) sheet.addRow(columns.map((c) => c.value(target) ?? null));
    sheet.getRow(1).font = { bold: true };
    const data = workbook.addWorksheet('Data', { views: [{ state: 'frozen', ySplit: 1 }] });
    data.columns = [
      { header: 'target id', width: 10 },
      { header: 'indicator code', width: 14 },
      { header: 'area', width: 24 },
      { header: 'period', width: 14 },
      { header: 'value', width: 12 },
      { header: 'lower 95% limit', width: 14 },
      { header: 'upper 95% limit', width: 14 },
      { header: 'provisional', width: 12 },
      { header: 'note', width: 30 },
    ];
    data.getRow(1).font = { bold: true };
    for (const target of targets)
      for (const o of target.observations)
        data.addRow([
          target.id,
          target.row.indicator_code,
          target.dataArea.name,
          o.period,
          o.value,
          o.lowerCi,
          o.upperCi,
          o.provisional ? 'yes' : 'no',
          o.note,
        ]);
    const about = workbook.addWorksheet('About');
    about.addRows([
      ['Dashboard of targets', agreement?.name ?? 'No agreement yet'],
      ['Made on', todayIso()],
      ['Statuses used', ragOrder.map((r) => ragNames[r]).join(', ')],
      ['Licence', 'Open data, free to reuse'],
    ]);
    const buffer = Buffer.from(await workbook.xlsx.writeBuffer());
    return reply
      .type('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
      .header('content-disposition', 'attachment; filename="dashboard.xlsx"')
      .send(buffer);
  });

  app.get(
    '/api/v1/targets',
    { config: { access: 'public', page: false }, ...cached },
    async (_request, reply) => {
      const { agreement, targets } = await dashboards.allTargets(todayIso());
      const base = app.config.baseUrl ?? '';
      return reply.send({
        agreement: agreement
          ? {
              name: agreement.name,
              slug: agreement.slug,
              firstYear: financialYearLabel(agreement.first_year),
              lastYear: financialYearLabel(agreement.last_year),
              status: agreement.status,
            }
          : null,
        targets: targets.map((t) => ({
          id: t.id,
          url: `${base}/dashboard/targets/${t.id}`,
          indicator: {
            code: t.row.indicator_code,
            title: t.row.indicator_title,
            unit: t.row.indicator_unit,
            polarity: t.row.polarity,
          },
          block: { code: t.row.block, name: t.blockName },
          priority: t.row.priority_title,
          partnership: t.row.partnership_name,
          area: t.row.area_name,
          leadPartner: t.row.lead_name,
          contributingPartners: t.contributors.map((c) => c.name),
          rewardBearing: t.row.reward_bearing === 1,
          signOff: t.row.sign_off_status,
          baseline: { value: t.row.baseline_value, period: t.row.baseline_period },
          targets: t.years.map((y) => ({ year: y.label, value: y.value })),
          latest: t.status.latest
            ? {
                period: t.status.latest.period,
                value: t.status.latest.value,
                provisional: t.status.provisional,
              }
            : null,
          expected: t.status.expected,
          status: { code: t.status.rag, name: t.ragName, reason: t.status.reason },
          directionOfTravel: { code: t.status.direction, name: t.directionName },
          targetMet: t.status.targetMet,
          forecast: t.status.forecast
            ? {
                finalDate: t.status.forecast.finalDate,
                value: t.status.forecast.finalValue,
                meetsTarget: t.status.forecast.meetsTarget,
              }
            : null,
          data: t.observations.map((o) => ({
            period: o.period,
            value: o.value,
            lowerCi: o.lowerCi,
            upperCi: o.upperCi,
            provisional: o.provisional,
            note: o.note,
          })),
        })),
      });
    },
  );
}
