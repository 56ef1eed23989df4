import PDFDocument from 'pdfkit';
import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema.ts';
import { financialYear, financialYearLabel } from '../../domain/periods.ts';
import { formatValue, ragNames, type Rag } from '../../domain/target-status.ts';
import { NotFoundError } from '../../platform/errors.ts';
import { groupBy } from '../../platform/collections.ts';
import { formatDate } from '../../platform/time.ts';
import { ragOrder, type DashboardServices } from './dashboard.ts';
import type { EvaluatedTarget } from './evaluation.ts';
import { currentPriorities } from '../strategy/repository.ts';

/**
 * The annual progress report for citizens, partners and government: for one financial
 * year, every priority with its targets as they stood at the year's end (or today, for
 * the year under way) and the actions completed, overdue and under way. Made from the
 * data each time it is asked for, as a web page and as a PDF to print and circulate.
 */
export function createAnnualReportServices(db: Kysely<Database>, dashboards: DashboardServices) {
  /** The years a report can be made for: every year of every agreement that has begun. */
  async function years(
    today: string,
  ): Promise<{ year: number; label: string; slug: string; complete: boolean }[]> {
    const agreements = await db.selectFrom('agreements').select(['first_year', 'last_year']).execute();
    const set = new Set<number>();
    for (const a of agreements)
      for (let y = a.first_year; y <= a.last_year; y++) if (financialYear(y).start <= today) set.add(y);
    return [...set]
      .sort((a, b) => b - a)
      .map((year) => ({
        year,
        label: financialYearLabel(year),
        slug: slugOf(year),
        complete: financialYear(year).end < today,
      }));
  }

  async function report(yearSlug: string, today: string) {
    const year = yearFromSlug(yearSlug);
    const available = await years(today);
    if (year === null || !available.some((y) => y.year === year)) throw new NotFoundError('report');
    const period = financialYear(year);
    const asAt = period.end < today ? period.end : today;
    const agreement = await db
      .selectFrom('agreements')
      .selectAll()
      .where('first_year', '<=', year)
      .where('last_year', '>=', year)
      .orderBy('first_year', 'desc')
      .executeTakeFirstOrThrow();
    const targets = await dashboards.evaluate({ agreementId: agreement.id }, asAt, { upTo: asAt });
    const [strategy, priorities, actions] = await Promise.all([
      db
        .selectFrom('strategy_versions')
        .innerJoin('strategies', 'strategies.id', 'strategy_versions.strategy_id')
        .select(['strategies.name', 'strategy_versions.vision'])
        .where('strategy_versions.status', '=', 'adopted')
        .executeTakeFirst(),
      currentPriorities(db),
      db
        .selectFrom('actions')
        .leftJoin('targets', 'targets.id', 'actions.target_id')
        .leftJoin('organisations', 'organisations.id', 'actions.organisation_id')
        .select([
          'actions.id',
          'actions.title',
          'actions.status',
          'actions.due_on',
          'actions.completed_on',
          'actions.starts_on',
          'organisations.name as organisation',
          (eb) => eb.fn.coalesce('actions.priority_id', 'targets.priority_id').as('priority_id'),
        ])
        .execute(),
    ]);
    const inYear = (date: string | null) => date !== null && date >= period.start && date <= asAt;
    const actionsBy = groupBy(actions, (a) => a.priority_id);
    const targetsBy = groupBy(targets, (t) => t.row.priority_id);
    const sections = priorities.map((p) => {
      const mine = actionsBy.get(p.id) ?? [];
      return {
        priority: p,
        targets: (targetsBy.get(p.id) ?? []).map((t) => summarise(t, year)),
        completed: mine.filter((a) => a.status === 'completed' && inYear(a.completed_on)),
        overdue: mine.filter(
          (a) => a.due_on !== null && a.due_on < asAt && !['completed', 'cancelled'].includes(a.status),
        ),
        underWay: mine.filter(
          (a) => !['completed', 'cancelled'].includes(a.status) && (a.due_on === null || a.due_on >= asAt),
        ).length,
      };
    });
    const counts = Object.fromEntries(
      ragOrder.map((rag) => [rag, targets.filter((t) => t.status.rag === rag).length]),
    ) as Record<Rag, number>;
    return {
      year,
      label: financialYearLabel(year),
      slug: slugOf(year),
      asAt,
      complete: period.end < today,
      agreement,
      strategy,
      sections,
      counts,
      total: targets.length,
      met: targets.filter((t) => t.status.targetMet).length,
      rewardBearing: targets.filter((t) => t.row.reward_bearing === 1).map((t) => summarise(t, year)),
    };
  }

  /** The report as a PDF: the same words as the page, laid out for print (A4, accessible fonts, tagged order). */
  async function pdf(yearSlug: string, today: string, placeName: string): Promise<Buffer> {
    const r = await report(yearSlug, today);
    const doc = new PDFDocument({
      size: 'A4',
      margin: 56,
      info: {
        Title: `${placeName} partnership: annual progress report ${r.label}`,
        Author: `${placeName} partnership`,
        Subject: `Progress on the ${r.agreement.name}`,
      },
      lang: 'en-GB',
      displayTitle: true,
    });
    const chunks: Buffer[] = [];
    doc.on('data', (chunk: Buffer) => chunks.push(chunk));
    const done = new Promise<Buffer>((resolve) => doc.on('end', () => resolve(Buffer.concat(chunks))));
    const heading = (text: string, size: number) =>
      doc.moveDown(0.6).font('Helvetica-Bold').fontSize(size).text(text).moveDown(0.3);
    const body = (text: string) => doc.font('Helvetica').fontSize(11).text(text, { paragraphGap: 4 });

    heading(`${placeName} partnership: annual progress report ${r.label}`, 20);
    body(
      `${r.complete ? 'The year to' : 'The year so far, to'} ${formatDate(r.asAt)}: progress on the ${r.agreement.name} and the actions behind it.`,
    );
    if (r.strategy) body(`Our vision (${r.strategy.name}): ${r.strategy.vision}`);
    body(
      `Of ${r.total} targets, ${r.counts.on_track} were on track, ${r.counts.at_risk} at risk, ${r.counts.off_track} off track and ${r.counts.no_data} had no recent data. ${r.met} had already met their final target.`,
    );
    for (const section of r.sections) {
      heading(section.priority.title, 15);
      body(
        section.priority.owner_name
          ? `Led by ${section.priority.owner_name}.`
          : 'No partnership leads it yet.',
      );
      for (const t of section.targets) {
        doc.font('Helvetica-Bold').fontSize(11).text(`${t.code} ${t.title}: ${t.status}`);
        body(`${t.latest}. ${t.target}. ${t.reason}`);
      }
      if (section.targets.length === 0) body('No targets for this priority.');
      body(
        `Actions: ${section.completed.length} completed this year, ${section.overdue.length} overdue, ${section.underWay} under way.`,
      );
      for (const a of section.completed)
        body(`Completed: ${a.title} (${a.organisation ?? 'no organisation named'}).`);
      for (const a of section.overdue)
        body(
          `Overdue: ${a.title}, due ${formatDate(a.due_on)} (${a.organisation ?? 'no one accountable yet'}).`,
        );
    }
    heading('Reward grant', 15);
    body(
      r.rewardBearing.length
        ? r.rewardBearing.map((t) => `${t.code} ${t.title}: ${t.status}`).join('\n')
        : 'No target earns reward grant.',
    );
    doc
      .moveDown()
      .font('Helvetica')
      .fontSize(9)
      .text(
        'Made from the partnership’s open data. Figures may be revised; the dashboard always has the latest.',
      );
    doc.end();
    return done;
  }

  return { years, report, pdf };
}

/** A target as the report states it, in words. */
function summarise(t: EvaluatedTarget, year: number) {
  const unit = t.row.indicator_unit === '%' ? '%' : '';
  const forYear = t.years.find((y) => y.year === year) ?? t.years.at(-1);
  return {
    id: t.id,
    code: t.row.indicator_code,
    title: t.row.indicator_title,
    rag: t.status.rag,
    status: ragNames[t.status.rag],
    reason: t.status.reason,
    lead: t.row.lead_name,
    latest:
      t.status.latest?.value !== null && t.status.latest
        ? `Latest ${formatValue(t.status.latest.value!)}${unit} (${t.status.latest.period})`
        : 'No figures yet',
    target: forYear
      ? `Target for ${forYear.label}: ${formatValue(forYear.value)}${unit}`
      : 'No yearly target',
    direction: t.directionName,
  };
}

/** "2025-26" in addresses for 2025/26 (a slash cannot be in a path segment). */
function slugOf(year: number): string {
  return financialYearLabel(year).replace('/', '-');
}

function yearFromSlug(slug: string): number | null {
  const match = /^(\d{4})-(\d{2})$/.exec(slug);
  if (!match) return null;
  const year = Number(match[1]);
  return slugOf(year) === slug ? year : null;
}

export type AnnualReportServices = ReturnType<typeof createAnnualReportServices>;
