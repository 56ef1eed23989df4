import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import {
  agreementYears,
  annualCompliance,
  attendanceCompliance,
  obligationCompliance,
  organisationAttendance,
  quarterReturn,
  resourcesCompliance,
  returnQuarters,
  returnsCompliance,
  returnsTally,
  termsInWords,
  type Contribution,
  type HeldMeeting,
  type ReturnRecords,
} from './compliance.ts';
import { lastCompletedQuarter, quarterPeriod } from '../../domain/periods.ts';
import { returnStatus } from '../../domain/action-plan.ts';

const period = { startsOn: '2025-04-01', endsOn: '2028-03-31' };
const money = (on: string, pounds: number): Contribution => ({
  on,
  amountPence: pounds * 100,
  staffFte: null,
  resources: null,
});
const staff = (on: string, fte: number): Contribution => ({
  on,
  amountPence: null,
  staffFte: fte,
  resources: null,
});

describe('attendance from the records', () => {
  const meetings: HeldMeeting[] = [
    { id: 1, date: '2025-05-01', attendanceRecorded: true },
    { id: 2, date: '2025-07-01', attendanceRecorded: true },
    { id: 3, date: '2025-09-01', attendanceRecorded: true },
    { id: 4, date: '2025-11-01', attendanceRecorded: true },
    { id: 5, date: '2026-01-10', attendanceRecorded: false },
  ];
  const seats = [
    { membershipId: 10, startsOn: '2020-01-01', endsOn: null },
    { membershipId: 11, startsOn: '2025-08-01', endsOn: null },
  ];

  it('counts a meeting once when any of the organisation’s seats was present or substituted', () => {
    const tally = organisationAttendance(meetings, seats, [
      { meetingId: 1, membershipId: 10, status: 'present' },
      { meetingId: 2, membershipId: 10, status: 'apologies' },
      { meetingId: 3, membershipId: 10, status: 'absent' },
      { meetingId: 3, membershipId: 11, status: 'substituted' },
      { meetingId: 4, membershipId: 10, status: 'present' },
      { meetingId: 4, membershipId: 11, status: 'present' },
      { meetingId: 4, membershipId: 99, status: 'present' },
    ]);
    assert.deepEqual(tally, { meetingsHeld: 5, unrecorded: 1, expected: 4, attended: 3, rate: 0.75 });
    assert.deepEqual(attendanceCompliance(75, tally, period, '2026-02-01'), {
      state: 'met',
      stateName: 'Met',
      summary: 'Attended 3 of 4 meetings (75%); the agreement asks for at least 75%.',
    });
    assert.equal(attendanceCompliance(80, tally, period, '2026-02-01').state, 'not_met');
  });

  it('leaves out meetings before its seat began and counts a seat with no row as not there', () => {
    const tally = organisationAttendance(
      meetings,
      [{ membershipId: 11, startsOn: '2025-08-01', endsOn: '2025-10-31' }],
      [{ meetingId: 4, membershipId: 99, status: 'present' }],
    );
    assert.equal(tally.expected, 1, 'only the meeting of 1 September');
    assert.equal(tally.attended, 0);
    assert.equal(tally.rate, 0);
  });

  it('says when no meetings have been held, or none recorded, rather than judging', () => {
    const none = organisationAttendance([], seats, []);
    assert.deepEqual(attendanceCompliance(75, none, period, '2025-06-01'), {
      state: 'not_yet_due',
      stateName: 'Not yet due',
      summary: 'No meetings held yet in this period.',
    });
    const unrecorded = organisationAttendance([meetings[4]!], seats, []);
    assert.match(
      attendanceCompliance(75, unrecorded, period, '2026-02-01').summary,
      /1 meeting held, but attendance has not been recorded yet/,
    );
    const seatless = organisationAttendance(meetings.slice(0, 1), [], []);
    assert.match(
      attendanceCompliance(75, seatless, period, '2026-02-01').summary,
      /none while the partner had a seat/,
    );
    assert.match(attendanceCompliance(75, none, period, '2025-03-01').summary, /starts on 1 April 2025/);
  });
});

describe('money and staff time, year by year', () => {
  it('cuts the period into years from its start, the last one short', () => {
    assert.deepEqual(
      agreementYears({ startsOn: '2025-04-01', endsOn: '2026-09-30' }).map((y) => [
        y.start,
        y.end,
        y.fraction.toFixed(3),
      ]),
      [
        ['2025-04-01', '2026-03-31', '1.000'],
        ['2026-04-01', '2026-09-30', (183 / 365).toFixed(3)],
      ],
    );
    assert.equal(agreementYears(period).length, 3);
  });

  it('is met when each year that has ended got at least its amount', () => {
    const c = annualCompliance(
      'pence',
      2_000_000,
      [money('2025-06-01', 12_000), money('2026-01-15', 8_000)],
      period,
      '2026-05-01',
    );
    assert.equal(c.state, 'met');
    assert.equal(
      c.summary,
      'Given in full in the year to 31 March 2026. £0 of £20,000 given so far in the year to 31 March 2027.',
    );
    assert.deepEqual(
      c.years.map((y) => y.state),
      ['met', 'not_yet_due', 'not_yet_due'],
    );
  });

  it('is not met when a year ended short, and says by how much', () => {
    const c = annualCompliance('pence', 2_000_000, [money('2025-06-01', 15_000)], period, '2026-04-01');
    assert.deepEqual(
      { state: c.state, summary: c.summary },
      { state: 'not_met', summary: '£15,000 of £20,000 given in the year to 31 March 2026.' },
    );
  });

  it('is not yet due in the first year until the amount is in, and met as soon as it is', () => {
    assert.equal(
      annualCompliance('pence', 2_000_000, [money('2025-06-01', 5_000)], period, '2025-12-01').state,
      'not_yet_due',
    );
    const c = annualCompliance('pence', 2_000_000, [money('2025-06-01', 20_000)], period, '2025-12-01');
    assert.equal(c.state, 'met');
    assert.equal(c.summary, '£20,000 of £20,000 given in the year to 31 March 2026.');
  });

  it('ignores contributions outside the year and after today', () => {
    const c = annualCompliance(
      'pence',
      100,
      [money('2025-03-31', 1), money('2025-12-01', 1)],
      period,
      '2025-11-01',
    );
    assert.equal(c.years[0]!.given, 0);
  });

  it('adds staff time without rounding slips and asks a short last year for its share', () => {
    const short = { startsOn: '2025-04-01', endsOn: '2026-09-30' };
    const c = annualCompliance(
      'fte',
      0.8,
      [staff('2025-05-01', 0.7), staff('2025-06-01', 0.1), staff('2026-05-01', 0.4)],
      short,
      '2026-12-01',
    );
    assert.deepEqual(
      c.years.map((y) => [y.due, y.state]),
      [
        [0.8, 'met'],
        [0.4, 'met'],
      ],
    );
    assert.equal(c.state, 'met');
    assert.equal(c.summary, 'Given in full in each of the 2 years so far.');
  });
});

describe('quarterly returns, decided as the action plan decides them', () => {
  const records: ReturnRecords = {
    actions: [
      {
        id: 1,
        title: 'Run the scheme',
        status: 'on_track',
        starts_on: '2025-01-01',
        updatesOn: ['2025-07-10', '2025-10-05', '2026-04-20'],
      },
      { id: 2, title: 'Finished', status: 'completed', starts_on: '2025-01-01', updatesOn: [] },
    ],
    targets: [{ id: 7, label: 'NI 20', frequency: 'quarter', indicatorId: 3, areaId: 4 }],
    figures: new Set(['3:4:2025/26 Q1', '3:4:2025/26 Q2', '3:4:2025/26 Q3', '3:4:2025/26 Q4']),
  };

  it('counts an update for a quarter when made after it ended and by the end of the next', () => {
    assert.equal(quarterReturn(records, quarterPeriod(2025, 1)).state, 'made');
    assert.equal(quarterReturn(records, quarterPeriod(2025, 2)).state, 'made');
    assert.equal(
      quarterReturn(records, quarterPeriod(2025, 3)).state,
      'not_made',
      'figure in, but no update',
    );
    assert.equal(quarterReturn(records, quarterPeriod(2025, 4)).state, 'made');
  });

  it('gives the same answer as the action plan for the quarter being reported on', () => {
    const quarter = quarterPeriod(2025, 4);
    const delivery = returnStatus(
      quarter,
      records.actions.map(({ updatesOn, ...a }) => ({ ...a, latestUpdateOn: updatesOn.at(-1) ?? null })),
      [{ id: 7, label: 'NI 20', frequency: 'quarter', hasValue: true }],
    );
    assert.deepEqual(quarterReturn(records, quarter), delivery);
  });

  it('judges quarters once the next one is over, and the open one only once made', () => {
    const { closed, open } = returnQuarters('2025-04-01', '2028-03-31', '2026-05-15');
    assert.deepEqual(
      closed.map((q) => q.code),
      ['2025/26 Q1', '2025/26 Q2', '2025/26 Q3'],
    );
    assert.equal(open?.code, '2025/26 Q4');
    assert.equal(lastCompletedQuarter('2026-05-15').code, '2025/26 Q4');
    assert.deepEqual(returnQuarters('2026-04-01', '2027-03-31', '2026-05-15'), { closed: [], open: null });
    const tally = returnsTally(records, '2025-04-01', '2028-03-31', '2026-05-15');
    assert.deepEqual(
      tally.quarters.map((q) => [q.quarter.code, q.state, q.counted]),
      [
        ['2025/26 Q1', 'made', true],
        ['2025/26 Q2', 'made', true],
        ['2025/26 Q3', 'not_made', true],
        ['2025/26 Q4', 'made', true],
      ],
    );
    const c = returnsCompliance(75, tally, period, '2026-05-15');
    assert.deepEqual(
      { state: c.state, summary: c.summary },
      { state: 'met', summary: '3 of 4 quarterly returns made (75%); the agreement asks for at least 75%.' },
    );
    assert.equal(returnsCompliance(80, tally, period, '2026-05-15').state, 'not_met');
  });

  it('leaves the open quarter out while its return is still being made', () => {
    const noFigures = { ...records, figures: new Set<string>() };
    const tally = returnsTally(noFigures, '2026-01-01', '2028-03-31', '2026-05-15');
    assert.equal(tally.counted, 0);
    assert.equal(tally.pending?.code, '2025/26 Q4');
    assert.deepEqual(returnsCompliance(75, tally, period, '2026-05-15'), {
      state: 'not_yet_due',
      stateName: 'Not yet due',
      summary:
        'No quarterly return has fallen due yet in this period. The return for 2025/26 Q4 is being made now.',
    });
  });
});

describe('resources and the words for each obligation', () => {
  const shared: Contribution = {
    on: '2025-09-01',
    amountPence: null,
    staffFte: null,
    resources: 'Meeting rooms',
  };

  it('is met by one resource contribution in the period, not met if the period ends with none', () => {
    assert.equal(resourcesCompliance([shared], period, '2025-10-01').state, 'met');
    assert.match(
      resourcesCompliance([shared], period, '2025-10-01').summary,
      /1 contribution of resources recorded, the latest on 1 September 2025: Meeting rooms\./,
    );
    assert.equal(resourcesCompliance([], period, '2025-10-01').state, 'not_yet_due');
    assert.equal(resourcesCompliance([], period, '2028-04-01').state, 'not_met');
    assert.equal(resourcesCompliance([shared], period, '2025-08-01').state, 'not_yet_due', 'not yet given');
  });

  it('says what each obligation asks and judges each kind from its own records', () => {
    assert.equal(
      termsInWords({
        kind: 'financial',
        target_percent: null,
        amount_pence: 2_000_000,
        staff_fte: null,
        description: null,
      }),
      '£20,000 a year',
    );
    assert.equal(
      termsInWords({
        kind: 'staff_time',
        target_percent: null,
        amount_pence: null,
        staff_fte: 0.5,
        description: null,
      }),
      '0.5 FTE of staff time a year',
    );
    assert.equal(
      termsInWords({
        kind: 'attendance',
        target_percent: 75,
        amount_pence: null,
        staff_fte: null,
        description: null,
      }),
      'At least 75% of the partnership’s meetings',
    );
    assert.equal(
      termsInWords({
        kind: 'data_returns',
        target_percent: 100,
        amount_pence: null,
        staff_fte: null,
        description: null,
      }),
      'At least 100% of quarterly returns made',
    );
    const records = {
      attendance: { meetingsHeld: 0, unrecorded: 0, expected: 0, attended: 0, rate: null },
      contributions: [shared, money('2025-05-01', 100)],
      returns: { quarters: [], counted: 0, made: 0, rate: null, pending: null },
    };
    const judge = (kind: 'attendance' | 'financial' | 'staff_time' | 'data_returns' | 'resources') =>
      obligationCompliance(
        { kind, target_percent: 50, amount_pence: 10_000, staff_fte: 0.1, description: 'Rooms' },
        records,
        period,
        '2025-10-01',
      ).state;
    assert.deepEqual(
      [
        judge('attendance'),
        judge('financial'),
        judge('staff_time'),
        judge('data_returns'),
        judge('resources'),
      ],
      ['not_yet_due', 'met', 'not_yet_due', 'not_yet_due', 'met'],
    );
  });
});
