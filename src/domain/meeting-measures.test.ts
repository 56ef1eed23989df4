import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import {
  attendanceMeasures,
  concentrationBand,
  concentrationReading,
  concentrationWords,
  herfindahl,
  meetingEffectiveness,
  sectorBalance,
  type ActionArising,
  type AttendanceRecord,
  type ItemPurpose,
  type MeetingRecord,
} from './meeting-measures.ts';
import type { AttendanceStatus } from './quorum.ts';

function close(actual: number | null | undefined, expected: number, message = ''): void {
  assert.ok(
    typeof actual === 'number' && Math.abs(actual - expected) < 1e-9,
    `${message} expected ${expected}, got ${actual}`,
  );
}

function record(meetingId: number, key: string, status: AttendanceStatus): AttendanceRecord {
  return { meetingId, key, status };
}

describe('attendance measures', () => {
  /** The council: four meetings, two seats at the third (one sent apologies, one did not come). */
  const council = [
    record(1, 'council', 'present'),
    record(2, 'council', 'substituted'),
    record(3, 'council', 'apologies'),
    record(3, 'council', 'absent'),
    record(4, 'council', 'present'),
  ];

  it('count seat-meetings, meetings and each kind of attendance', () => {
    const measure = attendanceMeasures(council).get('council')!;
    assert.equal(measure.meetings, 4);
    assert.equal(measure.seats, 5);
    assert.equal(measure.present, 2);
    assert.equal(measure.substituted, 1);
    assert.equal(measure.apologies, 1);
    assert.equal(measure.absent, 1);
    assert.equal(measure.emptySeats, 2, 'apologies and absences both leave the seat empty');
  });

  it('count a substitute as attendance, and measure how often the principal member came', () => {
    const measure = attendanceMeasures(council).get('council')!;
    close(measure.attendanceRate, 3 / 5, 'attendance');
    close(measure.substitutionRate, 1 / 5, 'substitution');
    close(measure.principalShare, 2 / 3, 'principal');
  });

  it('give a principal share of null when nobody represented the group, since 0% would claim substitutes came', () => {
    const measure = attendanceMeasures([record(1, 'faith', 'apologies'), record(2, 'faith', 'absent')]).get(
      'faith',
    )!;
    assert.equal(measure.attendanceRate, 0);
    assert.equal(measure.substitutionRate, 0);
    assert.equal(measure.principalShare, null);
    assert.equal(measure.emptySeats, 2);
  });

  it('give a principal share of 1 when the member always came in person, and 0 when only substitutes came', () => {
    const measures = attendanceMeasures([
      record(1, 'police', 'present'),
      record(2, 'police', 'present'),
      record(1, 'fire', 'substituted'),
    ]);
    assert.equal(measures.get('police')!.principalShare, 1);
    assert.equal(measures.get('fire')!.principalShare, 0);
    assert.equal(measures.get('fire')!.attendanceRate, 1);
  });

  it('keep groups apart, in the order they first appear', () => {
    const measures = attendanceMeasures([
      record(1, 'public', 'present'),
      record(1, 'business', 'apologies'),
      record(2, 'public', 'absent'),
      record(2, 'business', 'present'),
    ]);
    assert.deepEqual([...measures.keys()], ['public', 'business']);
    assert.equal(measures.get('public')!.seats, 2);
    assert.equal(measures.get('business')!.attendanceRate, 0.5);
  });

  it('describe a single group completely', () => {
    assert.deepEqual(attendanceMeasures([record(7, '12', 'present')]).get('12'), {
      meetings: 1,
      seats: 1,
      present: 1,
      substituted: 0,
      apologies: 0,
      absent: 0,
      attendanceRate: 1,
      substitutionRate: 0,
      emptySeats: 0,
      principalShare: 1,
    });
  });

  it('are empty with no records', () => {
    assert.equal(attendanceMeasures([]).size, 0);
  });

  it('count every record they are given: choosing the window of dates is the caller’s job', () => {
    const years = [record(2008, 'council', 'present'), record(2026, 'council', 'absent')];
    assert.equal(attendanceMeasures(years).get('council')!.seats, 2);
  });
});

function meeting(
  id: number,
  minutes: number | null,
  purposes: ItemPurpose[],
  decisions: number,
): MeetingRecord {
  return { id, minutes, items: purposes.map((purpose) => ({ purpose })), decisions };
}

function action(dueOn: string, completedOn: string | null = null): ActionArising {
  return { dueOn, completedOn };
}

describe('meeting effectiveness', () => {
  const meetings = [
    meeting(1, 120, ['decision', 'decision', 'discussion', 'information'], 3),
    meeting(2, null, ['decision', 'information'], 2),
    meeting(3, 60, [], 0),
  ];
  const today = '2026-03-31';
  const actions = [
    action('2026-03-01', '2026-02-28'), // done early
    action('2026-03-15', '2026-03-15'), // done on the day it was due
    action('2026-03-20', '2026-03-25'), // done late
    action('2026-03-31'), // due today, not done
    action('2026-04-10', '2026-03-10'), // done, but not due yet
    action('2026-05-01'), // not due yet
  ];

  it('shares the agenda between decision, discussion and information items', () => {
    const result = meetingEffectiveness(meetings, [], today);
    assert.equal(result.meetings, 3);
    assert.equal(result.items, 6);
    close(result.decisionShare, 3 / 6);
    close(result.discussionShare, 1 / 6);
    close(result.informationShare, 2 / 6);
  });

  it('counts decisions per hour only over meetings whose length is known', () => {
    // 3 decisions in 120 minutes and none in 60: 3 in 3 hours. The untimed meeting's 2 are left out.
    const result = meetingEffectiveness(meetings, [], today);
    assert.equal(result.decisions, 5);
    close(result.decisionsPerHour, 1);
  });

  it('treats a length of 0 minutes as unknown', () => {
    const result = meetingEffectiveness([meeting(1, 0, ['decision'], 1), meeting(2, 30, [], 1)], [], today);
    close(result.decisionsPerHour, 2);
  });

  it('gives no decisions per hour when no meeting’s length is known', () => {
    const result = meetingEffectiveness([meeting(1, null, ['decision'], 4)], [], today);
    assert.equal(result.decisionsPerHour, null);
  });

  it('counts actions due by today and those done by their due date', () => {
    const result = meetingEffectiveness(meetings, actions, today);
    assert.equal(result.actionsDue, 4);
    assert.equal(result.actionsCompletedOnTime, 2);
    close(result.onTimeShare, 0.5);
  });

  it('leaves out an action done early that is not yet due, so the share is always of the same actions', () => {
    const result = meetingEffectiveness([], [action('2026-04-10', '2026-03-10')], today);
    assert.equal(result.actionsDue, 0);
    assert.equal(result.actionsCompletedOnTime, 0);
    assert.equal(result.onTimeShare, null);
  });

  it('gives null shares and rates, not zeros, with no meetings and no actions', () => {
    assert.deepEqual(meetingEffectiveness([], [], today), {
      meetings: 0,
      items: 0,
      decisionShare: null,
      discussionShare: null,
      informationShare: null,
      decisions: 0,
      decisionsPerHour: null,
      actionsDue: 0,
      actionsCompletedOnTime: 0,
      onTimeShare: null,
    });
  });

  it('gives null agenda shares for meetings with no items', () => {
    const result = meetingEffectiveness([meeting(1, 90, [], 0)], [], today);
    assert.equal(result.items, 0);
    assert.equal(result.decisionShare, null);
    close(result.decisionsPerHour, 0);
  });

  it('refuses dates not written as year-month-day, which cannot be compared as text', () => {
    assert.throws(() => meetingEffectiveness([], [action('2026-03-01')], '31/03/2026'), /year-month-day/);
    assert.throws(() => meetingEffectiveness([], [action('1 March 2026')], today), /year-month-day/);
    assert.throws(
      () => meetingEffectiveness([], [action('2026-03-01', '2026-03-01T10:00Z')], today),
      /year-month-day/,
    );
  });
});

describe('the Herfindahl–Hirschman index', () => {
  it('is the sum of squared shares', () => {
    close(herfindahl([1, 1, 1, 1]), 0.25);
    close(herfindahl([3, 1]), 0.625);
    close(herfindahl([5, 0, 5]), 0.5);
  });

  it('is 1 for a single group', () => {
    assert.equal(herfindahl([12]), 1);
  });

  it('is null when there is nothing to share out', () => {
    assert.equal(herfindahl([]), null);
    assert.equal(herfindahl([0, 0]), null);
  });

  it('refuses negative and non-finite counts', () => {
    assert.throws(() => herfindahl([3, -1]), RangeError);
    assert.throws(() => herfindahl([NaN]), RangeError);
    assert.throws(() => herfindahl([Infinity]), RangeError);
  });
});

describe('concentration bands', () => {
  it('follow the US Department of Justice bands on a 0 to 1 scale', () => {
    assert.equal(concentrationBand(0), 'unconcentrated');
    assert.equal(concentrationBand(0.1499), 'unconcentrated');
    assert.equal(concentrationBand(0.15), 'moderately concentrated');
    assert.equal(concentrationBand(0.25), 'moderately concentrated');
    assert.equal(concentrationBand(0.2501), 'highly concentrated');
    assert.equal(concentrationBand(1), 'highly concentrated');
  });

  it('are not thrown off a boundary by rounding in arithmetic', () => {
    assert.equal(concentrationBand(0.15000000000000002), 'moderately concentrated');
    assert.equal(concentrationBand(0.25000000000000006), 'moderately concentrated');
    assert.equal(concentrationBand(0.14999999999999999), 'moderately concentrated');
  });
});

function counts(...pairs: [string, number][]) {
  return pairs.map(([name, count]) => ({ name, count }));
}

const items = concentrationWords.itemsPresented;

describe('reading concentration in words', () => {
  it('names one organisation with at least half', () => {
    const reading = concentrationReading(
      counts(
        ['Kelmsfield Primary Care Trust', 2],
        ['Kelmsfield Borough Council', 7],
        ['Voluntary Action Kelmsfield', 1],
      ),
      items,
    );
    close(reading.index, 0.54);
    assert.equal(reading.band, 'highly concentrated');
    assert.equal(
      reading.words,
      'One organisation, Kelmsfield Borough Council, presents 70% of items (highly concentrated).',
    );
  });

  it('names one organisation with exactly half', () => {
    assert.equal(
      concentrationReading(counts(['Police', 5], ['Council', 3], ['Fire', 2]), items).words,
      'One organisation, Police, presents 50% of items (highly concentrated).',
    );
  });

  it('says "all" when a single organisation has everything', () => {
    const reading = concentrationReading(counts(['Kelmsfield Borough Council', 4]), items);
    assert.equal(reading.index, 1);
    assert.equal(
      reading.words,
      'One organisation, Kelmsfield Borough Council, presents all items (highly concentrated).',
    );
  });

  it('names the top two when together they have at least three quarters, largest first', () => {
    const reading = concentrationReading(
      counts(['Police', 35], ['Council', 45], ['Fire', 10], ['Probation', 10]),
      items,
    );
    close(reading.index, 0.345);
    assert.equal(
      reading.words,
      'Two organisations present 80% of items (highly concentrated): Council and Police.',
    );
  });

  it('names the top two at exactly three quarters', () => {
    assert.equal(
      concentrationReading(counts(['B', 3], ['A', 3], ['C', 1], ['D', 1]), items).words,
      'Two organisations present 75% of items (highly concentrated): A and B.',
    );
  });

  it('names two organisations sharing everything equally as two, not one', () => {
    assert.equal(
      concentrationReading(counts(['Police', 6], ['Council', 6]), items).words,
      'Two organisations present all items (highly concentrated): Council and Police.',
    );
  });

  it('describes the spread and the largest otherwise', () => {
    const reading = concentrationReading(
      counts(
        ['Council', 5],
        ['Police', 4],
        ['NHS Kelmsfield', 4],
        ['Fire', 3],
        ['Jobcentre Plus', 2],
        ['College', 2],
      ),
      items,
    );
    close(reading.index, 0.185);
    assert.equal(
      reading.words,
      'Spread across 6 organisations (moderately concentrated); the largest, Council, presents 25% of items.',
    );
  });

  it('stays with the spread just below half and three quarters', () => {
    assert.equal(
      concentrationReading(counts(['A', 49], ['B', 25], ['C', 25], ['D', 1]), items).words,
      'Spread across 4 organisations (highly concentrated); the largest, A, presents 49% of items.',
    );
  });

  it('names the first alphabetically when the largest are tied', () => {
    const ten = ['Kilo', 'Alpha', 'Juliet', 'Bravo', 'India', 'Charlie', 'Hotel', 'Delta', 'Golf', 'Echo'];
    const reading = concentrationReading(
      ten.map((name) => ({ name, count: 1 })),
      items,
    );
    close(reading.index, 0.1);
    assert.equal(
      reading.words,
      'Spread across 10 organisations (unconcentrated); the largest, Alpha, presents 10% of items.',
    );
  });

  it('rounds percentages to whole numbers, a half upwards', () => {
    assert.equal(
      concentrationReading(counts(['A', 1], ['B', 1], ['C', 1]), items).words,
      'Spread across 3 organisations (highly concentrated); the largest, A, presents 33% of items.',
    );
    assert.equal(
      concentrationReading(counts(['A', 2], ['B', 1]), items).words,
      'One organisation, A, presents 67% of items (highly concentrated).',
    );
    assert.equal(
      concentrationReading(counts(['A', 5], ['B', 2], ['C', 1]), items).words,
      'One organisation, A, presents 63% of items (highly concentrated).',
    );
  });

  it('never rounds up to 100% when another organisation has some', () => {
    assert.equal(
      concentrationReading(counts(['A', 999], ['B', 1]), items).words,
      'One organisation, A, presents 99% of items (highly concentrated).',
    );
  });

  it('never rounds down to 0% for the largest of very many', () => {
    const many = Array.from({ length: 300 }, (_, i) => ({
      name: `Org ${String(i).padStart(3, '0')}`,
      count: 1,
    }));
    assert.equal(
      concentrationReading(many, items).words,
      'Spread across 300 organisations (unconcentrated); the largest, Org 000, presents 1% of items.',
    );
  });

  it('leaves out organisations with none', () => {
    assert.equal(
      concentrationReading(counts(['A', 1], ['B', 1], ['C', 1], ['D', 0]), items).words,
      'Spread across 3 organisations (highly concentrated); the largest, A, presents 33% of items.',
    );
  });

  it('says so when there is nothing yet', () => {
    assert.deepEqual(concentrationReading([], items), {
      index: null,
      band: null,
      words: 'No items presented yet.',
    });
    assert.deepEqual(concentrationReading(counts(['A', 0]), items), {
      index: null,
      band: null,
      words: 'No items presented yet.',
    });
  });

  it('reads naturally for seats and actions too', () => {
    assert.equal(
      concentrationReading(
        counts(['Public sector', 6], ['Business', 2], ['Faith', 2]),
        concentrationWords.seatsHeldBySector,
      ).words,
      'One sector, Public sector, holds 60% of seats (highly concentrated).',
    );
    assert.equal(
      concentrationReading(counts(['Council', 4], ['Police', 4], ['Fire', 2]), concentrationWords.actionsLed)
        .words,
      'Two organisations lead 80% of actions (highly concentrated): Council and Police.',
    );
    assert.equal(concentrationReading([], concentrationWords.seatsHeld).words, 'No seats held yet.');
    assert.equal(concentrationReading([], concentrationWords.actionsLed).words, 'No actions led yet.');
  });

  it('takes the caller’s own words', () => {
    const papers = {
      holder: 'officer',
      holders: 'officers',
      verb: 'writes',
      verbPlural: 'write',
      noun: 'papers',
      none: 'No papers written yet.',
    };
    assert.equal(
      concentrationReading(counts(['Jo Bloggs', 3]), papers).words,
      'One officer, Jo Bloggs, writes all papers (highly concentrated).',
    );
  });

  it('refuses negative counts', () => {
    assert.throws(() => concentrationReading(counts(['A', -1]), items), RangeError);
  });
});

describe('sector balance', () => {
  it('gives each sector’s share of seats and how often its seats were filled', () => {
    const rows = sectorBalance([
      { sector: 'public', held: 40, attended: 30 },
      { sector: 'business', held: 10, attended: 4 },
      { sector: 'voluntary_community', held: 30, attended: 27 },
    ]);
    assert.deepEqual(
      rows.map((r) => r.sector),
      ['public', 'business', 'voluntary_community'],
    );
    close(rows[0]!.seatShare, 0.5);
    close(rows[0]!.attendanceRate, 0.75);
    close(rows[1]!.seatShare, 0.125);
    close(rows[1]!.attendanceRate, 0.4);
    close(rows[2]!.seatShare, 0.375);
    close(rows[2]!.attendanceRate, 0.9);
  });

  it('gives a sector with no seats a share of 0 and no attendance rate', () => {
    const rows = sectorBalance([
      { sector: 'public', held: 4, attended: 4 },
      { sector: 'faith', held: 0, attended: 0 },
    ]);
    assert.deepEqual(rows[1], { sector: 'faith', held: 0, attended: 0, seatShare: 0, attendanceRate: null });
  });

  it('gives no shares when no seats were held at all', () => {
    assert.deepEqual(sectorBalance([{ sector: 'public', held: 0, attended: 0 }]), [
      { sector: 'public', held: 0, attended: 0, seatShare: null, attendanceRate: null },
    ]);
  });

  it('gives a single sector the whole share', () => {
    assert.deepEqual(sectorBalance([{ sector: 'public', held: 8, attended: 6 }]), [
      { sector: 'public', held: 8, attended: 6, seatShare: 1, attendanceRate: 0.75 },
    ]);
  });

  it('adds together rows for the same sector', () => {
    const rows = sectorBalance([
      { sector: 'public', held: 5, attended: 5 },
      { sector: 'business', held: 5, attended: 0 },
      { sector: 'public', held: 10, attended: 4 },
    ]);
    assert.equal(rows.length, 2);
    assert.deepEqual(rows[0], {
      sector: 'public',
      held: 15,
      attended: 9,
      seatShare: 0.75,
      attendanceRate: 0.6,
    });
  });

  it('is empty with no seats', () => {
    assert.deepEqual(sectorBalance([]), []);
  });

  it('refuses more attended than held, negative counts and fractions', () => {
    for (const row of [
      { sector: 'public', held: 3, attended: 4 },
      { sector: 'public', held: -1, attended: 0 },
      { sector: 'public', held: 2.5, attended: 1 },
    ]) {
      assert.throws(() => sectorBalance([row]), RangeError, JSON.stringify(row));
    }
  });
});
