import type { FastifyInstance, FastifyRequest } from 'fastify';
import { londonDate } from '../../../domain/working-days.ts';
import { optionsFrom } from '../../../domain/vocabulary.ts';
import { sendCsv, toCsv, type CsvColumn } from '../../../platform/csv.ts';
import { queryText } from '../../../platform/forms.ts';
import {
  measuresWindowNames,
  measuresWindows,
  percentFigure,
  readMeasuresWindow,
  type AttendanceFigures,
  type HealthCheck,
} from '../measures-service.ts';

type Query = Record<string, unknown>;

/** One row of the download: a partnership, sector, organisation or member, or the whole place. */
interface CsvRow {
  group: 'place' | 'partnership' | 'sector' | 'organisation' | 'person';
  name: string;
  page: string | null;
  meetingsHeld?: number;
  attendance: AttendanceFigures | null;
  meetingsAttended?: { attended: number; expected: number };
  seatShare?: number | null;
  effectiveness?: HealthCheck['effectiveness'];
  seatsIndex?: number | null;
  seatsReading?: string;
  itemsIndex?: number | null;
  itemsReading?: string;
}

/** The health check of the partnerships' meetings: public, as its figures come from public records. */
export function registerHealthCheckRoutes(app: FastifyInstance) {
  const measures = app.services.meetingMeasures;
  const cached = app.publicCache.routeHooks;

  const read = (request: FastifyRequest) => {
    const query = request.query as Query;
    return measures.healthCheck(request.actor, {
      today: londonDate(new Date().toISOString()),
      window: readMeasuresWindow(query.window),
      partnershipSlug: queryText(query.partnership),
    });
  };

  app.get('/health-check', { config: { access: 'public' }, ...cached }, async (request, reply) => {
    const check = await read(request);
    const query = new URLSearchParams({
      ...(check.partnership ? { partnership: check.partnership.slug } : {}),
      window: check.period.window,
    }).toString();
    return reply.view('meetings/health-check.njk', {
      title: check.partnership
        ? `How ${check.partnership.name} works`
        : 'Health check: how the partnerships work',
      ...check,
      windowOptions: optionsFrom(measuresWindows, measuresWindowNames),
      csvHref: `/health-check.csv?${query}`,
    });
  });

  app.get('/health-check.csv', { config: { access: 'public' }, ...cached }, async (request, reply) => {
    const check = await read(request);
    const rows: CsvRow[] = [
      ...(check.partnership
        ? []
        : [
            {
              group: 'place' as const,
              name: 'All partnerships',
              page: '/health-check',
              meetingsHeld: check.meetingsHeld,
              attendance: check.attendance,
              effectiveness: check.effectiveness,
              seatsIndex: check.seats.index,
              seatsReading: check.seats.words,
              itemsIndex: check.items.index,
              itemsReading: check.items.words,
            },
          ]),
      ...check.partnerships.map((p) => ({
        group: 'partnership' as const,
        name: p.partnership.name,
        page: `/partnerships/${p.partnership.slug}`,
        meetingsHeld: p.meetingsHeld,
        attendance: p.attendance,
        effectiveness: p.effectiveness,
        seatsIndex: p.seats.index,
        seatsReading: p.seats.words,
        itemsIndex: p.items.index,
        itemsReading: p.items.words,
      })),
      ...check.sectors.map((s) => ({
        group: 'sector' as const,
        name: s.name,
        page: null,
        attendance: s.attendance,
        seatShare: s.seatShare,
      })),
      ...check.organisations.map((o) => ({
        group: 'organisation' as const,
        name: o.name,
        page: o.slug ? `/organisations/${o.slug}` : null,
        attendance: o.attendance,
        meetingsAttended: o.meetingsAttended,
      })),
      ...check.people.map((p) => ({
        group: 'person' as const,
        name: p.name,
        page: `/people/${p.slug}`,
        attendance: p.attendance,
      })),
    ];
    const a = (pick: (a: AttendanceFigures) => number | null) => (row: CsvRow) =>
      row.attendance ? pick(row.attendance) : null;
    const columns: CsvColumn<CsvRow>[] = [
      { header: 'window', value: () => check.period.name },
      { header: 'from', value: () => check.period.from },
      { header: 'to', value: () => check.period.to },
      { header: 'group', value: (r) => r.group },
      { header: 'name', value: (r) => r.name },
      { header: 'web page', value: (r) => r.page },
      { header: 'meetings held', value: (r) => r.meetingsHeld },
      { header: 'meetings with attendance recorded', value: a((m) => m.meetings) },
      { header: 'seats at meetings', value: a((m) => m.seats) },
      { header: 'member present', value: a((m) => m.present) },
      { header: 'substitute attended', value: a((m) => m.substituted) },
      { header: 'apologies', value: a((m) => m.apologies) },
      { header: 'absent', value: a((m) => m.absent) },
      { header: 'seats filled (%)', value: a((m) => percentFigure(m.attendanceRate)) },
      { header: 'seats filled by a substitute (%)', value: a((m) => percentFigure(m.substitutionRate)) },
      { header: 'seats left empty', value: a((m) => m.emptySeats) },
      {
        header: 'filled seats taken by the member in person (%)',
        value: a((m) => percentFigure(m.principalShare)),
      },
      { header: 'meetings attended by the organisation', value: (r) => r.meetingsAttended?.attended },
      { header: 'meetings the organisation had a seat at', value: (r) => r.meetingsAttended?.expected },
      {
        header: 'share of seats (%)',
        value: (r) => (r.seatShare === undefined ? null : percentFigure(r.seatShare)),
      },
      { header: 'agenda items', value: (r) => r.effectiveness?.items },
      {
        header: 'items for decision (%)',
        value: (r) => percentFigure(r.effectiveness?.decisionShare ?? null),
      },
      {
        header: 'items for discussion (%)',
        value: (r) => percentFigure(r.effectiveness?.discussionShare ?? null),
      },
      {
        header: 'items for information (%)',
        value: (r) => percentFigure(r.effectiveness?.informationShare ?? null),
      },
      { header: 'decisions', value: (r) => r.effectiveness?.decisions },
      {
        header: 'decisions per hour',
        value: (r) =>
          r.effectiveness?.decisionsPerHour === null || r.effectiveness === undefined
            ? null
            : Math.round(r.effectiveness.decisionsPerHour * 100) / 100,
      },
      { header: 'actions arising due', value: (r) => r.effectiveness?.actionsDue },
      { header: 'actions arising done on time', value: (r) => r.effectiveness?.actionsCompletedOnTime },
      { header: 'seat concentration (Herfindahl, 0 to 1)', value: (r) => rounded(r.seatsIndex) },
      { header: 'seat concentration in words', value: (r) => r.seatsReading },
      { header: 'items presented concentration (Herfindahl, 0 to 1)', value: (r) => rounded(r.itemsIndex) },
      { header: 'items presented concentration in words', value: (r) => r.itemsReading },
    ];
    const name = check.partnership ? `${check.partnership.slug}-health-check` : 'health-check';
    return sendCsv(
      reply,
      `${name}-${check.period.window === 'all' ? 'all-time' : 'last-12-months'}.csv`,
      toCsv(columns, rows),
    );
  });
}

function rounded(index: number | null | undefined): number | null {
  return index === null || index === undefined ? null : Math.round(index * 10_000) / 10_000;
}
