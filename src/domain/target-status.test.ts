import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import {
  defaultThresholds,
  directionOfTravel,
  expectedValue,
  forecast,
  formatValue,
  ragOnTheDay,
  targetStatus,
  thresholdsProblem,
  trajectory,
  type Observation,
  type TargetDefinition,
} from './target-status.ts';

function obs(date: string, value: number | null, period = date, provisional = false): Observation {
  return { period, date, value, provisional };
}

/** A date so many days after another, worked out independently of the code under test. */
function daysAfter(date: string, days: number): string {
  return new Date(Date.parse(`${date}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);
}

function close(actual: number | null | undefined, expected: number, message = ''): void {
  assert.ok(
    typeof actual === 'number' && Math.abs(actual - expected) < 1e-9,
    `${message} expected ${expected}, got ${actual}`,
  );
}

/** Higher is better: 100 to 200 over two years, so the planned change is 100 and the at-risk margin 10. */
const rising: TargetDefinition = {
  polarity: 'higher',
  baseline: { value: 100, date: '2008-03-31' },
  milestones: [
    { date: '2009-03-31', value: 150 },
    { date: '2010-03-31', value: 200 },
  ],
};

/** Lower is better: 100 down to 80, so the planned change is 20 and the at-risk margin 2. */
const falling: TargetDefinition = {
  polarity: 'lower',
  baseline: { value: 100, date: '2008-03-31' },
  milestones: [
    { date: '2009-03-31', value: 90 },
    { date: '2010-03-31', value: 80 },
  ],
};

/** Hold steady at 50: no planned change, so the margin is 5% of 50, 2.5. */
function holdSteady(polarity: 'higher' | 'lower', value = 50): TargetDefinition {
  return {
    polarity,
    baseline: { value, date: '2008-03-31' },
    milestones: [
      { date: '2009-03-31', value },
      { date: '2010-03-31', value },
    ],
  };
}

const today = '2009-06-30';

function statusOn(target: TargetDefinition, value: number, date = '2009-03-31') {
  return targetStatus(target, [obs(date, value, '2008/09')], today);
}

describe('the expected value on a date', () => {
  /** 36.5 a year is 0.1 a day, so 30 days in gives exactly 3 more; the leap year has 366 days for 36.6. */
  const steps: TargetDefinition = {
    polarity: 'higher',
    baseline: { value: 100, date: '2009-03-31' },
    milestones: [
      { date: '2012-03-31', value: 136.6 },
      { date: '2010-03-31', value: 136.5 },
      { date: '2011-03-31', value: 100 },
    ],
  };

  it('is the baseline value on and before the baseline date', () => {
    assert.equal(expectedValue(steps, '2009-03-31'), 100);
    assert.equal(expectedValue(steps, '2001-01-01'), 100);
  });

  it('lies on the straight line between the milestones either side, taking them in date order', () => {
    close(expectedValue(steps, '2009-04-30'), 103, 'rising from the baseline');
    close(expectedValue(steps, '2010-04-30'), 133.5, 'falling after the first milestone');
    close(expectedValue(steps, '2011-04-30'), 103, 'a leap year has 366 days');
  });

  it('is the milestone value on a milestone date', () => {
    assert.equal(expectedValue(steps, '2010-03-31'), 136.5);
    assert.equal(expectedValue(steps, '2011-03-31'), 100);
  });

  it('stays at the last milestone after it', () => {
    assert.equal(expectedValue(steps, '2012-04-01'), 136.6);
    assert.equal(expectedValue(steps, '2030-01-01'), 136.6);
  });

  it('is unknown when there are no milestones', () => {
    assert.equal(expectedValue({ ...steps, milestones: [] }, '2010-03-31'), null);
  });

  it('refuses a date that is not a real date', () => {
    assert.throws(
      () => expectedValue(steps, '2010-02-30'),
      /"2010-02-30" is not a date written as year-month-day/,
    );
    assert.throws(() => expectedValue(steps, '31/03/2010'), /not a date/);
  });
});

describe('the trajectory', () => {
  it('is the baseline then each milestone in date order, leaving the target as it was', () => {
    const target: TargetDefinition = {
      ...rising,
      milestones: [
        { date: '2010-03-31', value: 200 },
        { date: '2009-03-31', value: 150 },
      ],
    };
    assert.deepEqual(trajectory(target), [
      { date: '2008-03-31', value: 100 },
      { date: '2009-03-31', value: 150 },
      { date: '2010-03-31', value: 200 },
    ]);
    assert.equal(target.milestones[0]?.date, '2010-03-31');
  });

  it('is empty without milestones', () => {
    assert.deepEqual(trajectory({ ...rising, milestones: [] }), []);
  });
});

describe('direction of travel', () => {
  it('compares with the same period a year earlier, setting aside the seasons', () => {
    const quarters = [
      obs('2008-09-30', 50),
      obs('2008-12-31', 70),
      obs('2009-03-31', 65),
      obs('2009-06-30', 60),
      obs('2009-09-30', 55),
    ];
    assert.equal(directionOfTravel('higher', quarters), 'improving', '55 against 50 a year earlier, not 60');
    assert.equal(directionOfTravel('lower', quarters), 'worsening');
  });

  it('falls back to the previous value when there is none from a year earlier', () => {
    const quarters = [obs('2009-06-30', 60), obs('2009-09-30', 55)];
    assert.equal(directionOfTravel('higher', quarters), 'worsening');
    assert.equal(directionOfTravel('lower', quarters), 'improving');
  });

  it('takes a year earlier as 365 days give or take 20', () => {
    const latest = '2009-09-30';
    const withEarlier = (days: number) => [
      obs(daysAfter(latest, -days), 90),
      obs(daysAfter(latest, -100), 110),
      obs(latest, 100),
    ];
    for (const days of [345, 365, 385]) {
      assert.equal(directionOfTravel('higher', withEarlier(days)), 'improving', `${days} days: against 90`);
    }
    for (const days of [344, 386]) {
      assert.equal(directionOfTravel('higher', withEarlier(days)), 'worsening', `${days} days: against 110`);
    }
  });

  it('uses the one closest to a year when several could be a year earlier', () => {
    const latest = '2009-09-30';
    const series = [
      obs(daysAfter(latest, -366), 90),
      obs(daysAfter(latest, -350), 110),
      obs(daysAfter(latest, -30), 110),
      obs(latest, 100),
    ];
    assert.equal(directionOfTravel('higher', series), 'improving');
  });

  it('counts a change of less than 1% of the earlier value as no change', () => {
    const from100 = (latest: number) => [obs('2008-03-31', 100), obs('2009-03-31', latest)];
    assert.equal(directionOfTravel('higher', from100(100)), 'no_change');
    assert.equal(directionOfTravel('higher', from100(100.99)), 'no_change');
    assert.equal(directionOfTravel('higher', from100(99.01)), 'no_change');
    assert.equal(directionOfTravel('higher', from100(101)), 'improving', 'exactly 1% is a change');
    assert.equal(directionOfTravel('higher', from100(99)), 'worsening');
    assert.equal(directionOfTravel('lower', from100(101)), 'worsening');
    assert.equal(directionOfTravel('lower', from100(99)), 'improving');
  });

  it('measures the 1% by the size of a negative earlier value', () => {
    const fromMinus100 = (latest: number) => [obs('2008-03-31', -100), obs('2009-03-31', latest)];
    assert.equal(directionOfTravel('higher', fromMinus100(-100.5)), 'no_change');
    assert.equal(directionOfTravel('higher', fromMinus100(-99)), 'improving');
    assert.equal(directionOfTravel('higher', fromMinus100(-101)), 'worsening');
  });

  it('counts any change from zero', () => {
    const fromZero = (latest: number) => [obs('2008-03-31', 0), obs('2009-03-31', latest)];
    assert.equal(directionOfTravel('higher', fromZero(0)), 'no_change');
    assert.equal(directionOfTravel('higher', fromZero(0.001)), 'improving');
    assert.equal(directionOfTravel('lower', fromZero(0.001)), 'worsening');
  });

  it('skips missing values and takes observations in any order', () => {
    const series = [
      obs('2009-09-30', null),
      obs('2009-03-31', 80),
      obs('2009-06-30', null),
      obs('2008-03-31', 60),
    ];
    assert.equal(directionOfTravel('higher', series), 'improving');
  });

  it('is unknown with fewer than two values', () => {
    assert.equal(directionOfTravel('higher', []), 'unknown');
    assert.equal(directionOfTravel('higher', [obs('2009-03-31', 5)]), 'unknown');
    assert.equal(directionOfTravel('higher', [obs('2009-03-31', 5), obs('2009-06-30', null)]), 'unknown');
  });
});

describe('the forecast if nothing changes', () => {
  /** Quarterly values on an exact straight line: `perDay` more each day after 31 March 2008. */
  function line(perDay: number, dates = ['2008-06-30', '2008-09-30', '2008-12-31', '2009-03-31']) {
    return dates.map((date) => obs(date, 100 + perDay * daysFrom2008(date)));
  }
  function daysFrom2008(date: string): number {
    return (Date.parse(date) - Date.parse('2008-03-31')) / 86_400_000;
  }

  it('follows a rising line to the final date, a point at each quarter end', () => {
    const result = forecast(rising, line(0.1))!;
    assert.deepEqual(
      result.points.map((p) => p.date),
      ['2009-03-31', '2009-06-30', '2009-09-30', '2009-12-31', '2010-03-31'],
    );
    for (const p of result.points) close(p.value, 100 + 0.1 * daysFrom2008(p.date), p.date);
    assert.equal(result.finalDate, '2010-03-31');
    close(result.finalValue, 173);
    assert.equal(result.meetsTarget, false, '173 falls short of 200');
  });

  it('says when the line reaches the target', () => {
    const result = forecast(rising, line(0.2))!;
    close(result.finalValue, 246);
    assert.equal(result.meetsTarget, true);
  });

  it('follows a falling line, judged by which way is better', () => {
    const down = line(-0.05);
    const lower = forecast(falling, down)!;
    close(lower.finalValue, 63.5);
    assert.equal(lower.meetsTarget, true, '63.5 is below 80, and lower is better');
    const higher = forecast({ ...falling, polarity: 'higher' }, down)!;
    assert.equal(higher.meetsTarget, false);
    const tooSlow = forecast(falling, line(-0.01))!;
    close(tooSlow.finalValue, 92.7);
    assert.equal(tooSlow.meetsTarget, false);
  });

  it('stays level for a level series, which meets a target at that level', () => {
    const level = line(0);
    const result = forecast(rising, level)!;
    for (const p of result.points) close(p.value, 100);
    assert.equal(result.meetsTarget, false);
    assert.equal(
      forecast({ ...rising, milestones: [{ date: '2010-03-31', value: 100 }] }, level)?.meetsTarget,
      true,
    );
  });

  it('fits the least-squares line, not a line through the end points', () => {
    // Around the middle point, 14 on 30 June 2009, the best line rises by 2 over 182 days.
    const result = forecast(rising, [obs('2009-03-31', 10), obs('2009-06-30', 14), obs('2009-09-29', 12)])!;
    assert.deepEqual(
      result.points.map((p) => p.date),
      ['2009-09-29', '2009-09-30', '2009-12-31', '2010-03-31'],
    );
    close(result.points[0]?.value, 13, 'read off the line, not the last value of 12');
    close(result.finalValue, 12 + 274 / 91);
  });

  it('uses only the last 8 values', () => {
    const dates = [
      '2006-12-31',
      '2007-03-31',
      ...Array.from({ length: 8 }, (_, i) => daysAfter('2007-06-30', i * 91)),
    ];
    const series = line(0.1, dates).map((o, i) => (i < 2 ? { ...o, value: 1000 } : o));
    const result = forecast(rising, series)!;
    close(result.finalValue, 100 + 0.1 * daysFrom2008('2010-03-31'));
  });

  it('skips missing values and takes observations in any order', () => {
    const series = [...line(0.1)].reverse();
    series.splice(1, 0, obs('2009-06-30', null));
    const result = forecast(rising, series)!;
    assert.equal(result.points[0]?.date, '2009-03-31');
    close(result.finalValue, 173);
  });

  it('ends on a final date that is not a quarter end, and starts from a date that is not', () => {
    const target = { ...rising, milestones: [{ date: '2010-02-28', value: 200 }] };
    const monthly = line(0.1, ['2009-08-31', '2009-09-30', '2009-10-31']);
    assert.deepEqual(
      forecast(target, monthly)?.points.map((p) => p.date),
      ['2009-10-31', '2009-12-31', '2010-02-28'],
    );
  });

  it('needs at least 3 values', () => {
    assert.equal(
      forecast(rising, [obs('2008-06-30', 1), obs('2008-09-30', null), obs('2008-12-31', 2)]),
      null,
    );
    assert.notEqual(forecast(rising, line(0.1, ['2008-06-30', '2008-09-30', '2008-12-31'])), null);
  });

  it('needs milestones, and a final date still to come', () => {
    assert.equal(forecast({ ...rising, milestones: [] }, line(0.1)), null);
    assert.equal(
      forecast(rising, line(0.1, ['2009-09-30', '2009-12-31', '2010-03-31'])),
      null,
      'on the date',
    );
    assert.equal(forecast(rising, line(0.1, ['2009-12-31', '2010-03-31', '2010-06-30'])), null, 'after it');
    assert.notEqual(forecast(rising, line(0.1, ['2009-09-30', '2009-12-31', '2010-03-30'])), null);
  });
});

describe('status against the trajectory', () => {
  it('is on track when better than expected, or exactly on the line', () => {
    assert.equal(statusOn(rising, 160).rag, 'on_track');
    assert.equal(statusOn(falling, 85).rag, 'on_track');
    const onLine = statusOn(rising, 150);
    assert.equal(onLine.rag, 'on_track');
    assert.equal(onLine.reason, 'Latest value 150 (2008/09) matches the 150 expected by then.');
    assert.equal(statusOn(falling, 90).rag, 'on_track');
  });

  it('explains being ahead in one plain sentence', () => {
    const ahead: TargetDefinition = {
      polarity: 'higher',
      baseline: { value: 20, date: '2008-03-31' },
      milestones: [
        { date: '2009-03-31', value: 40 },
        { date: '2010-03-31', value: 60 },
      ],
    };
    assert.equal(
      statusOn(ahead, 42.1).reason,
      'Latest value 42.1 (2008/09) is better than the 40 expected by then.',
    );
  });

  it('forgives the tiny remainders left by arithmetic', () => {
    assert.equal(statusOn(rising, 150 - 1e-10).rag, 'on_track');
    assert.equal(statusOn(falling, 90.0000000001).rag, 'on_track');
    assert.equal(statusOn(holdSteady('lower', 0), 1e-12).rag, 'on_track');
  });

  it('is at risk when worse by no more than a tenth of the planned change (higher is better)', () => {
    const edge = statusOn(rising, 140);
    assert.equal(edge.rag, 'at_risk');
    assert.equal(
      edge.reason,
      'Latest value 140 (2008/09) is worse than the 150 expected by then, but within the margin of 10.',
    );
    assert.equal(statusOn(rising, 149).rag, 'at_risk');
  });

  it('is at risk when worse by no more than a tenth of the planned change (lower is better)', () => {
    assert.equal(statusOn(falling, 92).rag, 'at_risk');
    assert.equal(statusOn(falling, 90.5).rag, 'at_risk');
  });

  it('is off track when worse by more than the margin', () => {
    const justOver = statusOn(rising, 139.99);
    assert.equal(justOver.rag, 'off_track');
    assert.equal(
      justOver.reason,
      'Latest value 139.99 (2008/09) is worse than the 150 expected by then, by more than the margin of 10.',
    );
    assert.equal(statusOn(rising, 110).rag, 'off_track');
    assert.equal(statusOn(falling, 92.01).rag, 'off_track');
    assert.equal(statusOn(falling, 99).rag, 'off_track');
  });

  it('takes a place’s own at-risk share', () => {
    const lenient = { ...defaultThresholds, atRiskShare: 0.2 };
    assert.equal(targetStatus(rising, [obs('2009-03-31', 130)], today, lenient).rag, 'at_risk');
    assert.equal(targetStatus(rising, [obs('2009-03-31', 130)], today).rag, 'off_track');
    const strict = { ...defaultThresholds, atRiskShare: 0 };
    assert.equal(targetStatus(rising, [obs('2009-03-31', 149.99)], today, strict).rag, 'off_track');
  });

  it('compares with the line between milestones, and with the final target after the last', () => {
    // Half way through 2009/10, roughly 175 is expected.
    const expected = 150 + (50 * 183) / 365;
    const midYear = targetStatus(rising, [obs('2009-09-30', 170)], today);
    close(midYear.expected, expected);
    assert.equal(midYear.rag, 'at_risk');
    assert.equal(targetStatus(rising, [obs('2009-09-30', 164)], today).rag, 'off_track');
    const late = targetStatus(rising, [obs('2010-06-30', 189.99)], '2010-09-30');
    assert.equal(late.expected, 200);
    assert.equal(late.rag, 'off_track');
  });

  it('fills in the facts behind the status', () => {
    const series = [obs('2008-03-31', 120), obs('2008-09-30', 130), obs('2009-03-31', 145, '2008/09')];
    const status = targetStatus(rising, series, today);
    assert.equal(status.rag, 'at_risk');
    assert.deepEqual(status.latest, series[2]);
    assert.equal(status.expected, 150);
    assert.deepEqual(status.finalTarget, { date: '2010-03-31', value: 200 });
    assert.equal(status.targetMet, false);
    assert.equal(status.direction, 'improving');
    assert.deepEqual(status.forecast, forecast(rising, series));
    assert.equal(status.provisional, false);
    assert.equal(status.stale, false);
  });

  it('takes milestones and observations in any order', () => {
    const shuffled = { ...rising, milestones: [...rising.milestones].reverse() };
    const status = targetStatus(shuffled, [obs('2009-03-31', 145), obs('2008-09-30', 130)], today);
    assert.equal(status.rag, 'at_risk');
    assert.equal(status.latest?.date, '2009-03-31');
    assert.deepEqual(status.finalTarget, { date: '2010-03-31', value: 200 });
  });

  it('treats a value dated after today like any other', () => {
    const status = targetStatus(rising, [obs('2009-03-31', 150), obs('2009-09-30', 110)], today);
    assert.equal(status.latest?.date, '2009-09-30');
    assert.equal(status.rag, 'off_track');
  });
});

describe('hold-steady targets', () => {
  it('allow 5% of the baseline either side of better (higher is better)', () => {
    assert.equal(statusOn(holdSteady('higher'), 52).rag, 'on_track');
    assert.equal(statusOn(holdSteady('higher'), 47.5).rag, 'at_risk');
    assert.equal(statusOn(holdSteady('higher'), 47.49).rag, 'off_track');
  });

  it('allow 5% of the baseline either side of better (lower is better)', () => {
    assert.equal(statusOn(holdSteady('lower'), 48).rag, 'on_track');
    assert.equal(statusOn(holdSteady('lower'), 52.5).rag, 'at_risk');
    assert.equal(statusOn(holdSteady('lower'), 52.51).rag, 'off_track');
  });

  it('measure the 5% by the size of a negative baseline', () => {
    assert.equal(statusOn(holdSteady('higher', -50), -52.5).rag, 'at_risk');
    assert.equal(statusOn(holdSteady('higher', -50), -52.51).rag, 'off_track');
  });

  it('take a place’s own tolerance', () => {
    const wider = { ...defaultThresholds, flatTolerance: 0.1 };
    assert.equal(targetStatus(holdSteady('higher'), [obs('2009-03-31', 45.5)], today, wider).rag, 'at_risk');
  });

  it('say the level is to be held, not that it was met early', () => {
    const status = statusOn(holdSteady('higher'), 50);
    assert.equal(status.rag, 'on_track');
    assert.equal(status.targetMet, true);
    assert.equal(
      status.reason,
      'Latest value 50 (2008/09) meets the final target of 50, which is to be held until 31 March 2010.',
    );
  });

  it('allow nothing worse when the baseline is zero', () => {
    const zero = holdSteady('lower', 0);
    assert.equal(statusOn(zero, 0).rag, 'on_track');
    const over = statusOn(zero, 0.01);
    assert.equal(over.rag, 'off_track');
    assert.equal(over.reason, 'Latest value 0.01 (2008/09) is worse than the 0 expected by then.');
  });
});

describe('targets met', () => {
  it('early, when higher is better', () => {
    const status = statusOn(rising, 205);
    assert.equal(status.rag, 'on_track');
    assert.equal(status.targetMet, true);
    assert.equal(
      status.reason,
      'Latest value 205 (2008/09) has met the final target of 200 early: that target is for 31 March 2010.',
    );
  });

  it('early, when lower is better, including exactly at the target', () => {
    assert.equal(statusOn(falling, 79).targetMet, true);
    const exactly = statusOn(falling, 80);
    assert.equal(exactly.targetMet, true);
    assert.match(exactly.reason, /has met the final target of 80 early/);
  });

  it('on the final date', () => {
    const status = targetStatus(rising, [obs('2010-03-31', 200, '2009/10')], '2010-06-30');
    assert.equal(status.rag, 'on_track');
    assert.equal(status.targetMet, true);
    assert.equal(status.reason, 'Latest value 200 (2009/10) meets the final target of 200.');
  });

  it('count as on track even when the line runs ahead of the final target', () => {
    // The first year asks for more than the last, so 130 is well behind the 150 expected but past the 120 finally wanted.
    const overshoot = { ...rising, milestones: [rising.milestones[0]!, { date: '2010-03-31', value: 120 }] };
    const status = statusOn(overshoot, 130);
    assert.equal(status.expected, 150);
    assert.equal(status.rag, 'on_track');
    assert.equal(status.targetMet, true);
  });

  it('are not met while short of the final target', () => {
    assert.equal(statusOn(rising, 199.9).targetMet, false);
    assert.equal(statusOn(falling, 80.1).targetMet, false);
    const missed = targetStatus(rising, [obs('2010-03-31', 195)], '2010-06-30');
    assert.equal(missed.targetMet, false);
    assert.equal(missed.rag, 'at_risk');
  });
});

describe('missing data', () => {
  it('says there are no yearly targets yet, still showing the latest value', () => {
    const status = targetStatus({ ...rising, milestones: [] }, [obs('2009-03-31', 150)], today);
    assert.equal(status.rag, 'no_data');
    assert.equal(status.reason, 'This target has no yearly targets yet, so progress cannot be judged.');
    assert.equal(status.latest?.value, 150);
    assert.equal(status.expected, null);
    assert.equal(status.finalTarget, null);
    assert.equal(status.targetMet, false);
    assert.equal(status.forecast, null);
  });

  it('says there is no data yet', () => {
    assert.deepEqual(targetStatus(rising, [], today), {
      rag: 'no_data',
      reason: 'No data yet.',
      latest: null,
      expected: null,
      finalTarget: { date: '2010-03-31', value: 200 },
      targetMet: false,
      direction: 'unknown',
      forecast: null,
      provisional: false,
      stale: false,
    });
  });

  it('says when every value so far is missing or suppressed', () => {
    const status = targetStatus(
      rising,
      [obs('2008-09-30', null), obs('2009-03-31', null, '2008/09', true)],
      today,
    );
    assert.equal(status.rag, 'no_data');
    assert.equal(status.reason, 'No data yet: every value recorded so far is missing or suppressed.');
    assert.equal(status.latest, null);
    assert.equal(status.provisional, false);
  });

  it('judges by the latest value there is when the newest is missing', () => {
    const status = targetStatus(rising, [obs('2009-06-30', null), obs('2009-03-31', 145, '2008/09')], today);
    assert.equal(status.latest?.date, '2009-03-31');
    assert.equal(status.expected, 150);
    assert.equal(status.rag, 'at_risk');
  });
});

describe('provisional data', () => {
  it('is judged as usual and says it is provisional', () => {
    const status = targetStatus(rising, [obs('2009-03-31', 145, '2008/09', true)], today);
    assert.equal(status.rag, 'at_risk');
    assert.equal(status.provisional, true);
    assert.match(status.reason, /^Latest value 145 \(2008\/09\) is worse than the 150 expected by then/);
    assert.ok(status.reason.endsWith(' (provisional).'), status.reason);
  });

  it('matters only for the latest value', () => {
    const status = targetStatus(rising, [obs('2008-09-30', 120, 'Q2', true), obs('2009-03-31', 145)], today);
    assert.equal(status.provisional, false);
    assert.doesNotMatch(status.reason, /provisional/);
  });
});

describe('out-of-date data', () => {
  const quarters = [
    obs('2008-06-30', 110),
    obs('2008-09-30', 120),
    obs('2008-12-31', 130),
    obs('2009-03-31', 140, '2008/09'),
  ];

  it('counts as no data, still showing what there is', () => {
    const status = targetStatus(rising, quarters, '2010-09-30');
    assert.equal(status.rag, 'no_data');
    assert.equal(status.stale, true);
    assert.equal(status.reason, 'No recent data: the latest is for 2008/09, more than 15 months ago.');
    assert.equal(status.latest?.value, 140);
    assert.equal(status.expected, 150);
    assert.equal(status.direction, 'improving');
    assert.notEqual(status.forecast, null);
  });

  it('starts more than 15 months before today', () => {
    const recent = [...quarters, obs('2009-06-30', 160)];
    assert.equal(targetStatus(rising, recent, '2010-09-30').stale, false);
    assert.equal(targetStatus(rising, recent, '2010-10-01').stale, true);
  });

  it('counts back to the end of a shorter month', () => {
    // 15 months before 31 May 2010 is 28 February 2009, there being no 31st.
    assert.equal(targetStatus(rising, [obs('2009-02-28', 140)], '2010-05-31').stale, false);
    assert.equal(targetStatus(rising, [obs('2009-02-27', 140)], '2010-05-31').stale, true);
  });

  it('takes a place’s own limit', () => {
    const quick = { ...defaultThresholds, staleAfterMonths: 3 };
    assert.equal(targetStatus(rising, quarters, '2009-06-30', quick).stale, false);
    assert.equal(targetStatus(rising, quarters, '2009-07-01', quick).stale, true);
  });

  it('still says when the latest value is provisional', () => {
    const status = targetStatus(rising, [obs('2009-03-31', 140, '2008/09', true)], '2011-03-31');
    assert.equal(
      status.reason,
      'No recent data: the latest is for 2008/09, more than 15 months ago (provisional).',
    );
  });
});

describe('a status saved on an earlier day', () => {
  const quarters = [obs('2008-12-31', 130), obs('2009-03-31', 150)];
  const savedOn = (day: string, thresholds = defaultThresholds) => {
    const status = targetStatus(rising, quarters, day, thresholds);
    return { rag: status.rag, latestDate: status.latest?.date ?? null };
  };

  it('stands as saved while the latest figure is recent', () => {
    const saved = savedOn('2009-06-30');
    assert.equal(saved.rag, 'on_track');
    assert.equal(ragOnTheDay(saved, '2010-06-30'), 'on_track');
  });

  it('turns to no data on the very day working it out afresh would', () => {
    const saved = savedOn('2009-06-30');
    for (const day of ['2010-06-29', '2010-06-30', '2010-07-01', '2011-01-01']) {
      assert.equal(ragOnTheDay(saved, day), targetStatus(rising, quarters, day).rag, day);
    }
    assert.equal(ragOnTheDay(saved, '2010-07-01'), 'no_data');
  });

  it('follows a place’s own limit', () => {
    const quick = { ...defaultThresholds, staleAfterMonths: 3 };
    const saved = savedOn('2009-06-30', quick);
    assert.equal(ragOnTheDay(saved, '2009-06-30', quick), 'on_track');
    assert.equal(ragOnTheDay(saved, '2009-07-01', quick), 'no_data');
  });

  it('keeps no data, and a status with no figures, as they were', () => {
    assert.equal(ragOnTheDay({ rag: 'no_data', latestDate: null }, '2030-01-01'), 'no_data');
    assert.equal(ragOnTheDay({ rag: 'no_data', latestDate: '2009-03-31' }, '2009-06-30'), 'no_data');
  });
});

describe('thresholds', () => {
  it('are a tenth of the planned change, 5% for hold-steady targets and 15 months by default', () => {
    assert.deepEqual(defaultThresholds, { atRiskShare: 0.1, flatTolerance: 0.05, staleAfterMonths: 15 });
    assert.equal(thresholdsProblem(defaultThresholds), null);
  });

  it('accept shares from 0 to 1 and whole months from 1 to 60', () => {
    assert.equal(thresholdsProblem({ atRiskShare: 0, flatTolerance: 1, staleAfterMonths: 1 }), null);
    assert.equal(thresholdsProblem({ atRiskShare: 1, flatTolerance: 0, staleAfterMonths: 60 }), null);
  });

  it('refuse nonsense in plain words', () => {
    for (const atRiskShare of [-0.1, 1.5, NaN, Infinity]) {
      assert.match(
        thresholdsProblem({ ...defaultThresholds, atRiskShare })!,
        /at-risk margin must be from 0% to 100% of the planned change/,
      );
    }
    for (const flatTolerance of [-0.01, 5]) {
      assert.match(
        thresholdsProblem({ ...defaultThresholds, flatTolerance })!,
        /hold-steady targets must be from 0% to 100% of the baseline/,
      );
    }
    for (const staleAfterMonths of [0, 61, 1.5, -3, NaN]) {
      assert.match(
        thresholdsProblem({ ...defaultThresholds, staleAfterMonths })!,
        /whole number of months from 1 to 60/,
      );
    }
  });

  it('are checked before any status is given', () => {
    assert.throws(
      () => targetStatus(rising, [], today, { ...defaultThresholds, atRiskShare: 10 }),
      /at-risk margin must be from 0% to 100%/,
    );
  });

  it('need a real date for today', () => {
    assert.throws(() => targetStatus(rising, [], '2010-13-01'), /not a date/);
  });
});

describe('formatting values', () => {
  it('groups thousands and keeps at most 2 decimal places', () => {
    assert.equal(formatValue(12345.5), '12,345.5');
    assert.equal(formatValue(1234567.891), '1,234,567.89');
    assert.equal(formatValue(40), '40');
    assert.equal(formatValue(42.1), '42.1');
    assert.equal(formatValue(0.005), '0.01');
    assert.equal(formatValue(-3.456), '-3.46');
  });

  it('never shows minus nought', () => {
    assert.equal(formatValue(-0.001), '0');
    assert.equal(formatValue(-0), '0');
  });
});
