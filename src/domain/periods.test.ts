import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import {
  addMonths,
  financialYear,
  financialYearLabel,
  financialYearOf,
  lastCompletedQuarter,
  nextQuarter,
  parsePeriod,
  periodKindNames,
  periodKinds,
  periodProblem,
  previousQuarter,
  quarterOf,
  quarterPeriod,
  quartersBetween,
  samePeriodLastYear,
  type Period,
} from './periods.ts';

const year = (code: string, start: string, end: string): Period => ({ code, kind: 'year', start, end });
const fy = (code: string, start: string, end: string): Period => ({
  code,
  kind: 'financial_year',
  start,
  end,
});
const quarter = (code: string, start: string, end: string): Period => ({ code, kind: 'quarter', start, end });
const month = (code: string, start: string, end: string): Period => ({ code, kind: 'month', start, end });

const fy2024 = fy('2024/25', '2024-04-01', '2025-03-31');
const q1 = quarter('2024/25 Q1', '2024-04-01', '2024-06-30');

const notAPeriod = (text: string) =>
  `“${text}” is not a period. Use a year like 2024, a financial year like 2024/25, a quarter like 2024/25 Q1 or a month like 2024-05`;
const multiYear =
  'Periods that cover more than one year, like 2016 - 18, cannot be used: give one year, financial year, quarter or month';
const notConsecutive = (pair: string) =>
  `“${pair}” is not a financial year: its two years must be consecutive, like 2024/25`;
const outside = (text: string) =>
  `“${text}” is outside the years that can be used: give a period between 1900 and 2100`;

/** Each text must read as exactly this period, and have no problem. */
function assertReads(texts: string[], expected: Period): void {
  for (const text of texts) {
    assert.deepEqual(parsePeriod(text), expected, text);
    assert.equal(periodProblem(text), null, text);
  }
}

/** Each text must be refused with exactly this problem. */
function assertRefused(texts: string[], problem: string | ((text: string) => string)): void {
  for (const text of texts) {
    assert.equal(parsePeriod(text), null, text);
    assert.equal(periodProblem(text), typeof problem === 'string' ? problem : problem(text), text);
  }
}

describe('kinds of period', () => {
  it('names each kind for people', () => {
    assert.deepEqual(periodKinds, ['year', 'financial_year', 'quarter', 'month']);
    assert.deepEqual(periodKindNames, {
      year: 'Calendar year',
      financial_year: 'Financial year',
      quarter: 'Quarter',
      month: 'Month',
    });
  });
});

describe('reading a calendar year', () => {
  it('reads four digits as the whole calendar year', () => {
    assertReads(['2024', ' 2024 ', '\t2024\n'], year('2024', '2024-01-01', '2024-12-31'));
  });

  it('reads the first and last years that can be used', () => {
    assertReads(['1900'], year('1900', '1900-01-01', '1900-12-31'));
    assertReads(['2100'], year('2100', '2100-01-01', '2100-12-31'));
  });
});

describe('reading a financial year', () => {
  it('reads every usual way of writing it as the same financial year', () => {
    assertReads(
      [
        '2024/25',
        '2024-25',
        '2024/2025',
        '2024-2025',
        'FY 2024/25',
        '2024/25 FY',
        'fy 2024/25',
        'FY2024/25',
        'Fy 2024-2025',
        '  2024/25  ',
        '2024–25',
      ],
      fy2024,
    );
  });

  it('reads a financial year across the turn of the century', () => {
    const fy1999 = fy('1999/00', '1999-04-01', '2000-03-31');
    assertReads(['1999/00', '1999-00', '1999/2000', '1999-2000', 'FY 1999/00'], fy1999);
    assertReads(['2099/00'], fy('2099/00', '2099-04-01', '2100-03-31'));
  });

  it('reads yyyy-mm as a month even when the years could be a financial year', () => {
    assertReads(['2011-12'], month('2011-12', '2011-12-01', '2011-12-31'));
    assertReads(['2000-01'], month('2000-01', '2000-01-01', '2000-01-31'));
    assertReads(
      ['2011/12', 'FY 2011-12', '2011-12 FY', '2011-2012'],
      fy('2011/12', '2011-04-01', '2012-03-31'),
    );
  });
});

describe('reading a financial quarter', () => {
  it('reads every usual way of writing it as the same quarter', () => {
    assertReads(
      [
        '2024/25 Q1',
        'Q1 2024/25',
        '2024/25 q1',
        'q1 2024/25',
        '2024-25 Q1',
        'Q1 2024-25',
        '2024/2025 Q1',
        'FY 2024/25 Q1',
        'Q1 FY 2024/25',
        '2024/25Q1',
        '  2024/25   Q1 ',
      ],
      q1,
    );
  });

  it('reads all four quarters, the fourth in the next calendar year', () => {
    assertReads(['2024/25 Q1'], quarter('2024/25 Q1', '2024-04-01', '2024-06-30'));
    assertReads(['2024/25 Q2'], quarter('2024/25 Q2', '2024-07-01', '2024-09-30'));
    assertReads(['2024/25 Q3'], quarter('2024/25 Q3', '2024-10-01', '2024-12-31'));
    assertReads(['2024/25 Q4'], quarter('2024/25 Q4', '2025-01-01', '2025-03-31'));
  });

  it('reads a hyphenated financial year before a quarter as a year, not a month', () => {
    assertReads(['2011-12 Q3'], quarter('2011/12 Q3', '2011-10-01', '2011-12-31'));
  });
});

describe('reading a calendar quarter as Fingertips writes it', () => {
  it('turns each calendar quarter into the financial quarter of the same months', () => {
    assertReads(['2024 Q1', '2024 q1', '2024Q1'], quarter('2023/24 Q4', '2024-01-01', '2024-03-31'));
    assertReads(['2024 Q2'], quarter('2024/25 Q1', '2024-04-01', '2024-06-30'));
    assertReads(['2024 Q3'], quarter('2024/25 Q2', '2024-07-01', '2024-09-30'));
    assertReads(['2024 Q4'], quarter('2024/25 Q3', '2024-10-01', '2024-12-31'));
  });

  it('reads the first calendar quarter of 1900, whose financial year began in 1899', () => {
    assertReads(['1900 Q1', '1899/00 Q4'], quarter('1899/00 Q4', '1900-01-01', '1900-03-31'));
  });
});

describe('reading a month', () => {
  it('reads every usual way of writing it as the same month', () => {
    assertReads(
      ['2024-05', 'May 2024', 'may 2024', 'MAY 2024', 'May-2024', 'May - 2024', '2024 May', ' May  2024 '],
      month('2024-05', '2024-05-01', '2024-05-31'),
    );
  });

  it('reads every month by its full name and its three letters, ending on its last day', () => {
    const lastDays2023 = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];
    const names = [
      'January',
      'February',
      'March',
      'April',
      'May',
      'June',
      'July',
      'August',
      'September',
      'October',
      'November',
      'December',
    ];
    names.forEach((name, index) => {
      const mm = String(index + 1).padStart(2, '0');
      const expected = month(`2023-${mm}`, `2023-${mm}-01`, `2023-${mm}-${lastDays2023[index]}`);
      assertReads([`${name} 2023`, `${name.slice(0, 3)} 2023`, `2023-${mm}`], expected);
    });
  });

  it('reads Sept, as it is often written', () => {
    assertReads(['Sept 2024'], month('2024-09', '2024-09-01', '2024-09-30'));
  });

  it('ends February on the 29th in leap years only', () => {
    assertReads(['Feb 2024'], month('2024-02', '2024-02-01', '2024-02-29'));
    assertReads(['Feb 2023'], month('2023-02', '2023-02-01', '2023-02-28'));
    assertReads(['Feb 2000'], month('2000-02', '2000-02-01', '2000-02-29'));
    assertReads(['Feb 1900'], month('1900-02', '1900-02-01', '1900-02-28'));
  });
});

describe('reading canonical codes back', () => {
  it('reads the code of every period as that same period', () => {
    const periods: Period[] = [];
    for (let y = 1900; y <= 2099; y += 1) {
      periods.push(financialYear(y));
      for (const q of [1, 2, 3, 4] as const) periods.push(quarterPeriod(y, q));
    }
    // Months of 2000 to 2012 are the ones whose codes also look like financial years (2011-12).
    const monthNames = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
    for (let y = 1999; y <= 2013; y += 1) {
      for (const name of monthNames) periods.push(parsePeriod(`${name} ${y}`)!);
    }
    periods.push(parsePeriod('2024')!, parsePeriod('1900')!);
    for (const period of periods) assert.deepEqual(parsePeriod(period.code), period, period.code);
  });
});

describe('refusing what is not a period', () => {
  it('says when the period is blank', () => {
    assertRefused(['', '   ', '\t\n'], 'The period is blank');
  });

  it('refuses periods of several years, as Fingertips writes them', () => {
    assertRefused(
      [
        '2016 - 18',
        '2015/16 - 17/18',
        '2015/16 - 2017/18',
        '2016 - 2018',
        '2016 – 18',
        '2024 - 25',
        '2016 to 2018',
      ],
      multiYear,
    );
  });

  it('refuses a financial year whose years are not consecutive', () => {
    assertRefused(['2024/26'], notConsecutive('2024/26'));
    assertRefused(['2024/2026', 'FY 2024/2026'], notConsecutive('2024/2026'));
    assertRefused(['2024-2026'], notConsecutive('2024-2026'));
    assertRefused(['2016-18'], notConsecutive('2016-18'));
    assertRefused(['2024/24'], notConsecutive('2024/24'));
    assertRefused(['2024/26 Q1', 'Q1 2024/26'], notConsecutive('2024/26'));
  });

  it('suggests the month when a year and month are written with a slash', () => {
    assertRefused(['2024/05'], `${notConsecutive('2024/05')}. For May 2024, write 2024-05`);
    assertRefused(['2024/12'], `${notConsecutive('2024/12')}. For December 2024, write 2024-12`);
    assertRefused(['2024/13'], notConsecutive('2024/13'));
    assertRefused(['2024/05 Q1'], notConsecutive('2024/05'));
  });

  it('refuses a quarter that does not exist', () => {
    const noQuarter = (n: string) => `There is no quarter ${n}: quarters run from Q1 to Q4, like 2024/25 Q1`;
    assertRefused(['2024/25 Q5', 'Q5 2024/25', '2024 Q5', 'Q5 2024'], noQuarter('5'));
    assertRefused(['2024/25 Q0', '2024 Q0'], noQuarter('0'));
    assertRefused(['2024/25 Q12'], noQuarter('12'));
  });

  it('refuses a month that does not exist', () => {
    assertRefused(['2024-13'], 'There is no month 13: months run from 01 to 12, like 2024-05');
    assertRefused(['2024-00'], 'There is no month 00: months run from 01 to 12, like 2024-05');
  });

  it('asks which quarter is meant when “Q1 2024” could be calendar or financial', () => {
    assertRefused(
      ['Q1 2024'],
      '“Q1 2024” could mean January to March 2024 or April to June 2024: write 2024 Q1 for January to March 2024, or 2024/25 Q1 for April to June 2024',
    );
    assertRefused(
      ['q4 2024'],
      '“q4 2024” could mean October to December 2024 or January to March 2025: write 2024 Q4 for October to December 2024, or 2024/25 Q4 for January to March 2025',
    );
  });

  it('refuses years before 1900 and after 2100', () => {
    assertRefused(
      ['1899', '2101', '0999', '1899/00', '2100/01', '2100-01 FY', 'Dec 1899', 'Jan 2101'],
      outside,
    );
    assertRefused(
      ['1899-12', '2101-01', '1899/00 Q3', '2100/01 Q4', '1899 Q4', 'Q1 1899', 'Q4 2100'],
      outside,
    );
  });

  it('accepts the periods at the edges of those years', () => {
    assertReads(['Dec 2100', '2100-12'], month('2100-12', '2100-12-01', '2100-12-31'));
    assertReads(['2100/01 Q3'], quarter('2100/01 Q3', '2100-10-01', '2100-12-31'));
    assertReads(['Jan 1900'], month('1900-01', '1900-01-01', '1900-01-31'));
  });

  it('explains what a period looks like when the text is nothing like one', () => {
    assertRefused(
      [
        'xyz',
        'Mya 2024',
        '24/25',
        '2024-5',
        '2024-05-01',
        'Q1',
        '20245',
        'May 24',
        '2024/25 Q',
        'FY 2024',
        'Quarter 1 2024/25',
        'Spring 2024',
      ],
      notAPeriod,
    );
  });

  it('quotes the text as written, trimmed and with single spaces', () => {
    assert.equal(periodProblem('  some   thing \n'), notAPeriod('some thing'));
  });
});

describe('financial years', () => {
  it('labels a financial year with both years', () => {
    assert.equal(financialYearLabel(2008), '2008/09');
    assert.equal(financialYearLabel(2009), '2009/10');
    assert.equal(financialYearLabel(1999), '1999/00');
    assert.equal(financialYearLabel(2024), '2024/25');
  });

  it('runs from 1 April to 31 March', () => {
    assert.deepEqual(financialYear(2008), fy('2008/09', '2008-04-01', '2009-03-31'));
    assert.deepEqual(financialYear(1999), fy('1999/00', '1999-04-01', '2000-03-31'));
  });

  it('puts January to March in the financial year that began the April before', () => {
    assert.equal(financialYearOf('2009-02-10'), 2008);
    assert.equal(financialYearOf('2009-01-01'), 2008);
    assert.equal(financialYearOf('2009-03-31'), 2008);
    assert.equal(financialYearOf('2009-04-01'), 2009);
    assert.equal(financialYearOf('2009-12-31'), 2009);
  });

  it('refuses a year that is not a whole four-digit year', () => {
    assert.throws(() => financialYearLabel(2008.5), RangeError);
    assert.throws(() => financialYear(999), RangeError);
    assert.throws(() => financialYear(9999), RangeError);
  });

  it('refuses a date that is not a real date in ISO form', () => {
    for (const bad of [
      '2009-02-30',
      '2023-02-29',
      '2009-2-10',
      '10/02/2009',
      '2009-13-01',
      '2009-00-10',
      'today',
    ]) {
      assert.throws(() => financialYearOf(bad), RangeError, bad);
    }
    assert.equal(financialYearOf('2024-02-29'), 2023, 'a real leap day');
  });
});

describe('quarters', () => {
  it('makes each financial quarter, the fourth in the next calendar year', () => {
    assert.deepEqual(quarterPeriod(2008, 1), quarter('2008/09 Q1', '2008-04-01', '2008-06-30'));
    assert.deepEqual(quarterPeriod(2008, 2), quarter('2008/09 Q2', '2008-07-01', '2008-09-30'));
    assert.deepEqual(quarterPeriod(2008, 3), quarter('2008/09 Q3', '2008-10-01', '2008-12-31'));
    assert.deepEqual(quarterPeriod(2008, 4), quarter('2008/09 Q4', '2009-01-01', '2009-03-31'));
    assert.deepEqual(quarterPeriod(1999, 4), quarter('1999/00 Q4', '2000-01-01', '2000-03-31'));
  });

  it('refuses a quarter number other than 1 to 4', () => {
    assert.throws(() => quarterPeriod(2024, 5 as 1), RangeError);
    assert.throws(() => quarterPeriod(2024, 0 as 1), RangeError);
  });

  it('finds the quarter a date is in, at each edge of each quarter', () => {
    const cases: [string, string][] = [
      ['2024-04-01', '2024/25 Q1'],
      ['2024-06-30', '2024/25 Q1'],
      ['2024-07-01', '2024/25 Q2'],
      ['2024-09-30', '2024/25 Q2'],
      ['2024-10-01', '2024/25 Q3'],
      ['2024-12-31', '2024/25 Q3'],
      ['2025-01-01', '2024/25 Q4'],
      ['2025-03-31', '2024/25 Q4'],
      ['2025-04-01', '2025/26 Q1'],
      ['2024-02-29', '2023/24 Q4'],
    ];
    for (const [date, code] of cases) assert.equal(quarterOf(date).code, code, date);
    assert.deepEqual(quarterOf('2025-02-14'), quarter('2024/25 Q4', '2025-01-01', '2025-03-31'));
  });

  it('steps back and forward within a financial year', () => {
    assert.equal(previousQuarter(parsePeriod('2024/25 Q3')!).code, '2024/25 Q2');
    assert.equal(nextQuarter(parsePeriod('2024/25 Q2')!).code, '2024/25 Q3');
  });

  it('steps across the end of the calendar year into Q4', () => {
    assert.deepEqual(
      nextQuarter(parsePeriod('2024/25 Q3')!),
      quarter('2024/25 Q4', '2025-01-01', '2025-03-31'),
    );
    assert.deepEqual(
      previousQuarter(parsePeriod('2024/25 Q4')!),
      quarter('2024/25 Q3', '2024-10-01', '2024-12-31'),
    );
  });

  it('steps across the end of the financial year', () => {
    assert.deepEqual(previousQuarter(q1), quarter('2023/24 Q4', '2024-01-01', '2024-03-31'));
    assert.deepEqual(nextQuarter(parsePeriod('2023/24 Q4')!), q1);
    assert.deepEqual(
      nextQuarter(parsePeriod('1999/00 Q4')!),
      quarter('2000/01 Q1', '2000-04-01', '2000-06-30'),
    );
  });

  it('comes back to the same quarter after a step each way', () => {
    for (const code of ['2024/25 Q1', '2024/25 Q2', '2024/25 Q3', '2024/25 Q4']) {
      const period = parsePeriod(code)!;
      assert.deepEqual(nextQuarter(previousQuarter(period)), period, code);
      assert.deepEqual(previousQuarter(nextQuarter(period)), period, code);
    }
  });

  it('refuses to step from a period that is not a quarter', () => {
    assert.throws(() => previousQuarter(fy2024), { message: '2024/25 is a financial year, not a quarter' });
    assert.throws(() => nextQuarter(parsePeriod('2024')!), {
      message: '2024 is a calendar year, not a quarter',
    });
    assert.throws(() => nextQuarter(parsePeriod('2024-05')!), {
      message: '2024-05 is a month, not a quarter',
    });
  });
});

describe('the last completed quarter', () => {
  it('is the quarter just ended on the first day of a new quarter', () => {
    assert.equal(lastCompletedQuarter('2026-10-01').code, '2026/27 Q2');
    assert.equal(lastCompletedQuarter('2026-07-01').code, '2026/27 Q1');
    assert.equal(lastCompletedQuarter('2026-01-01').code, '2025/26 Q3');
  });

  it('is the quarter before the current one in the middle of a quarter', () => {
    assert.deepEqual(lastCompletedQuarter('2026-11-15'), quarter('2026/27 Q2', '2026-07-01', '2026-09-30'));
    assert.equal(lastCompletedQuarter('2026-02-10').code, '2025/26 Q3');
  });

  it('is still the one before on the last day of a quarter, which has not yet ended', () => {
    assert.equal(lastCompletedQuarter('2026-09-30').code, '2026/27 Q1');
    assert.equal(lastCompletedQuarter('2026-03-31').code, '2025/26 Q3');
  });

  it('is Q4 of the previous financial year from April', () => {
    assert.deepEqual(lastCompletedQuarter('2026-04-01'), quarter('2025/26 Q4', '2026-01-01', '2026-03-31'));
  });
});

describe('quarters between two quarters', () => {
  it('lists the quarters in order, across financial years, both ends included', () => {
    const between = quartersBetween(parsePeriod('2023/24 Q3')!, parsePeriod('2024/25 Q2')!);
    assert.deepEqual(
      between.map((period) => period.code),
      ['2023/24 Q3', '2023/24 Q4', '2024/25 Q1', '2024/25 Q2'],
    );
  });

  it('lists quarters with no gaps or overlaps over several years', () => {
    const between = quartersBetween(quarterPeriod(2019, 2), quarterPeriod(2024, 1));
    assert.equal(between.length, 20);
    between.slice(1).forEach((period, index) => {
      assert.equal(period.start, addMonths(between[index]!.start, 3), period.code);
    });
  });

  it('lists just the one quarter when both ends are the same', () => {
    assert.deepEqual(quartersBetween(q1, q1), [q1]);
  });

  it('lists none when the end comes before the start', () => {
    assert.deepEqual(quartersBetween(parsePeriod('2024/25 Q2')!, q1), []);
  });

  it('refuses ends that are not quarters', () => {
    assert.throws(() => quartersBetween(fy2024, q1), /not a quarter/);
    assert.throws(() => quartersBetween(q1, fy2024), /not a quarter/);
  });
});

describe('adding months', () => {
  it('adds whole months, keeping the day', () => {
    assert.equal(addMonths('2024-05-15', 12), '2025-05-15');
    assert.equal(addMonths('2024-05-15', 1), '2024-06-15');
    assert.equal(addMonths('2024-12-15', 1), '2025-01-15');
    assert.equal(addMonths('2024-05-15', 0), '2024-05-15');
  });

  it('takes months away when the number is negative, across years', () => {
    assert.equal(addMonths('2024-05-15', -12), '2023-05-15');
    assert.equal(addMonths('2025-01-15', -1), '2024-12-15');
    assert.equal(addMonths('2025-01-15', -25), '2022-12-15');
  });

  it('moves the day back to the end of a shorter month', () => {
    assert.equal(addMonths('2024-01-31', 1), '2024-02-29');
    assert.equal(addMonths('2023-01-31', 1), '2023-02-28');
    assert.equal(addMonths('2024-03-31', 1), '2024-04-30');
    assert.equal(addMonths('2024-03-31', -1), '2024-02-29');
    assert.equal(addMonths('2024-11-30', 3), '2025-02-28');
  });

  it('knows which years are leap years', () => {
    assert.equal(addMonths('2024-02-29', 12), '2025-02-28');
    assert.equal(addMonths('2024-02-29', 48), '2028-02-29');
    assert.equal(addMonths('2000-01-31', 1), '2000-02-29', '2000 divides by 400');
    assert.equal(addMonths('1900-01-31', 1), '1900-02-28', '1900 is a century');
  });

  it('refuses part months and dates that are not dates', () => {
    assert.throws(() => addMonths('2024-01-31', 1.5), RangeError);
    assert.throws(() => addMonths('2024-02-30', 1), RangeError);
  });
});

describe('the same period a year earlier', () => {
  it('finds the previous calendar year', () => {
    assert.deepEqual(samePeriodLastYear(parsePeriod('2024')!), year('2023', '2023-01-01', '2023-12-31'));
  });

  it('finds the previous financial year', () => {
    assert.deepEqual(samePeriodLastYear(fy2024), fy('2023/24', '2023-04-01', '2024-03-31'));
    assert.deepEqual(samePeriodLastYear(financialYear(2000)), fy('1999/00', '1999-04-01', '2000-03-31'));
  });

  it('finds the same quarter of the previous financial year', () => {
    assert.deepEqual(samePeriodLastYear(q1), quarter('2023/24 Q1', '2023-04-01', '2023-06-30'));
    assert.deepEqual(
      samePeriodLastYear(parsePeriod('2024/25 Q4')!),
      quarter('2023/24 Q4', '2024-01-01', '2024-03-31'),
    );
  });

  it('finds the same month of the previous year', () => {
    assert.deepEqual(
      samePeriodLastYear(parsePeriod('2024-02')!),
      month('2023-02', '2023-02-01', '2023-02-28'),
    );
    assert.deepEqual(
      samePeriodLastYear(parsePeriod('2024-01')!),
      month('2023-01', '2023-01-01', '2023-01-31'),
    );
  });
});
