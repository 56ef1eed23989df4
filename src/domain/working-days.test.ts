import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import {
  bankHolidays,
  clearWorkingDaysBetween,
  easterSunday,
  firstBankHolidayYear,
  isWorkingDay,
  lastBankHolidayYear,
  londonDate,
  publicationDeadline,
  publishedLate,
} from './working-days.ts';

/** The lists published on GOV.UK (and, before it, by the DTI and the Cabinet Office), copied by hand. */
const published: Record<number, string[]> = {
  1995: ['01-02', '04-14', '04-17', '05-08', '05-29', '08-28', '12-25', '12-26'],
  1999: ['01-01', '04-02', '04-05', '05-03', '05-31', '08-30', '12-27', '12-28', '12-31'],
  2000: ['01-03', '04-21', '04-24', '05-01', '05-29', '08-28', '12-25', '12-26'],
  2002: ['01-01', '03-29', '04-01', '05-06', '06-03', '06-04', '08-26', '12-25', '12-26'],
  2011: ['01-03', '04-22', '04-25', '04-29', '05-02', '05-30', '08-29', '12-26', '12-27'],
  2012: ['01-02', '04-06', '04-09', '05-07', '06-04', '06-05', '08-27', '12-25', '12-26'],
  2019: ['01-01', '04-19', '04-22', '05-06', '05-27', '08-26', '12-25', '12-26'],
  2020: ['01-01', '04-10', '04-13', '05-08', '05-25', '08-31', '12-25', '12-28'],
  2021: ['01-01', '04-02', '04-05', '05-03', '05-31', '08-30', '12-27', '12-28'],
  2022: ['01-03', '04-15', '04-18', '05-02', '06-02', '06-03', '08-29', '09-19', '12-26', '12-27'],
  2023: ['01-02', '04-07', '04-10', '05-01', '05-08', '05-29', '08-28', '12-25', '12-26'],
  2024: ['01-01', '03-29', '04-01', '05-06', '05-27', '08-26', '12-25', '12-26'],
  2025: ['01-01', '04-18', '04-21', '05-05', '05-26', '08-25', '12-25', '12-26'],
  2026: ['01-01', '04-03', '04-06', '05-04', '05-25', '08-31', '12-25', '12-28'],
  2027: ['01-01', '03-26', '03-29', '05-03', '05-31', '08-30', '12-27', '12-28'],
};

/** Day of the week worked out independently of the code under test: 0 is Sunday. */
function dayOfWeek(date: string): number {
  return new Date(`${date}T12:00:00Z`).getUTCDay();
}

describe('bank holidays in England and Wales', () => {
  for (const [year, days] of Object.entries(published)) {
    it(`match the published list for ${year}`, () => {
      assert.deepEqual(
        bankHolidays(Number(year)),
        days.map((day) => `${year}-${day}`),
      );
    });
  }

  it('move New Year to Monday 3 January when 1 January is a Saturday, and to Monday 2 January when a Sunday', () => {
    assert.equal(bankHolidays(2022)[0], '2022-01-03');
    assert.equal(bankHolidays(2023)[0], '2023-01-02');
    assert.equal(bankHolidays(2028)[0], '2028-01-03');
  });

  it('give Christmas on a Saturday the Monday and Boxing Day the Tuesday', () => {
    assert.deepEqual(bankHolidays(2021).slice(-2), ['2021-12-27', '2021-12-28']);
    assert.deepEqual(bankHolidays(2027).slice(-2), ['2027-12-27', '2027-12-28']);
  });

  it('keep Boxing Day on Monday 26 when Christmas is a Sunday, and give Christmas the Tuesday', () => {
    assert.deepEqual(bankHolidays(2022).slice(-2), ['2022-12-26', '2022-12-27']);
    assert.deepEqual(bankHolidays(2033).slice(-2), ['2033-12-26', '2033-12-27']);
  });

  it('move Boxing Day to Monday 28 when Christmas is a Friday', () => {
    assert.deepEqual(bankHolidays(2026).slice(-2), ['2026-12-25', '2026-12-28']);
  });

  it('include every one-off day: the millennium, jubilees, royal wedding, state funeral and coronation', () => {
    for (const date of [
      '1999-12-31',
      '2002-06-03',
      '2011-04-29',
      '2012-06-05',
      '2022-06-03',
      '2022-09-19',
      '2023-05-08',
    ]) {
      assert.ok(bankHolidays(Number(date.slice(0, 4))).includes(date), date);
    }
  });

  it('move the early May holiday for VE Day anniversaries, dropping the usual first Monday', () => {
    assert.ok(bankHolidays(1995).includes('1995-05-08'));
    assert.ok(!bankHolidays(1995).includes('1995-05-01'));
    assert.ok(bankHolidays(2020).includes('2020-05-08'));
    assert.ok(!bankHolidays(2020).includes('2020-05-04'));
  });

  it('move the spring holiday for jubilees, dropping the usual last Monday of May', () => {
    assert.ok(!bankHolidays(2002).includes('2002-05-27'));
    assert.ok(!bankHolidays(2012).includes('2012-05-28'));
    assert.ok(!bankHolidays(2022).includes('2022-05-30'));
  });

  it('follow the ordinary rules in years yet to be proclaimed', () => {
    assert.deepEqual(bankHolidays(2100), [
      '2100-01-01',
      '2100-03-26',
      '2100-03-29',
      '2100-05-03',
      '2100-05-31',
      '2100-08-30',
      '2100-12-27',
      '2100-12-28',
    ]);
  });

  it('are sorted, never repeated and never at a weekend, in every year they are known for', () => {
    for (let year = firstBankHolidayYear; year <= lastBankHolidayYear; year++) {
      const days = bankHolidays(year);
      assert.deepEqual(days, [...new Set(days)].sort(), `${year} sorted and unique`);
      assert.ok(days.length >= 8 && days.length <= 10, `${year} has ${days.length}`);
      for (const day of days) {
        assert.ok(day.startsWith(`${year}-`), day);
        assert.ok(![0, 6].includes(dayOfWeek(day)), `${day} is at a weekend`);
      }
    }
  });

  it('hand out a copy, so changing the list does not change later answers', () => {
    const days = bankHolidays(2026);
    days.length = 0;
    assert.equal(bankHolidays(2026).length, 8);
  });

  it('refuse years outside 1995 to 2100 and years that are not whole numbers', () => {
    for (const year of [1994, 2101, 2026.5, NaN]) {
      assert.throws(() => bankHolidays(year), RangeError, String(year));
    }
  });
});

describe('Easter Sunday', () => {
  it('falls on the known dates, including the earliest and latest in range', () => {
    assert.equal(easterSunday(1995), '1995-04-16');
    assert.equal(easterSunday(2000), '2000-04-23');
    assert.equal(easterSunday(2008), '2008-03-23');
    assert.equal(easterSunday(2024), '2024-03-31');
    assert.equal(easterSunday(2038), '2038-04-25');
    assert.equal(easterSunday(2100), '2100-03-28');
  });

  it('always falls on a Sunday between 22 March and 25 April', () => {
    for (let year = firstBankHolidayYear; year <= lastBankHolidayYear; year++) {
      const easter = easterSunday(year);
      assert.equal(dayOfWeek(easter), 0, easter);
      assert.ok(easter >= `${year}-03-22` && easter <= `${year}-04-25`, easter);
    }
  });

  it('gives Good Friday and Easter Monday as bank holidays', () => {
    assert.ok(bankHolidays(2038).includes('2038-04-23'));
    assert.ok(bankHolidays(2038).includes('2038-04-26'));
  });
});

describe('a working day', () => {
  it('is a weekday that is not a bank holiday', () => {
    assert.equal(isWorkingDay('2026-03-31'), true);
    assert.equal(isWorkingDay('2026-04-03'), false, 'Good Friday');
    assert.equal(isWorkingDay('2026-04-06'), false, 'Easter Monday');
    assert.equal(isWorkingDay('2026-12-28'), false, 'substitute for Boxing Day');
    assert.equal(isWorkingDay('2022-09-19'), false, 'state funeral');
  });

  it('is never a Saturday or a Sunday', () => {
    assert.equal(isWorkingDay('2026-03-28'), false);
    assert.equal(isWorkingDay('2026-03-29'), false);
  });

  it('counts Christmas Eve and New Year’s Eve as working days (only the millennium was a holiday)', () => {
    assert.equal(isWorkingDay('2026-12-24'), true);
    assert.equal(isWorkingDay('2026-12-31'), true);
    assert.equal(isWorkingDay('1999-12-31'), false);
  });

  it('refuses dates that are not real or not written as year-month-day', () => {
    for (const date of ['2026-02-30', '2026-1-5', '05/01/2026', '2026-01-05T10:00Z', '']) {
      assert.throws(() => isWorkingDay(date), /not a date written as year-month-day/, date);
    }
  });

  it('refuses dates in years whose bank holidays are not known', () => {
    assert.throws(() => isWorkingDay('1994-06-01'), RangeError);
  });
});

describe('the date in London', () => {
  it('is the same as the UTC date in winter, when London keeps Greenwich Mean Time', () => {
    assert.equal(londonDate('2026-01-15T23:59:59Z'), '2026-01-15');
    assert.equal(londonDate('2026-01-16T00:00:00Z'), '2026-01-16');
  });

  it('is a day ahead of UTC late in the evening during British Summer Time', () => {
    assert.equal(londonDate('2026-07-01T22:59:59Z'), '2026-07-01');
    assert.equal(londonDate('2026-07-01T23:00:00Z'), '2026-07-02');
    assert.equal(londonDate('2026-07-01T23:30Z'), '2026-07-02');
  });

  it('follows the spring clock change: 00:30 UTC on 29 March 2026 is still 00:30 GMT', () => {
    assert.equal(londonDate('2026-03-28T23:30Z'), '2026-03-28');
    assert.equal(londonDate('2026-03-29T00:30Z'), '2026-03-29');
    assert.equal(londonDate('2026-03-29T23:30Z'), '2026-03-30', '00:30 BST on the Monday');
  });

  it('follows the autumn clock change: 23:30 UTC on 24 October 2026 is 00:30 BST on the 25th', () => {
    assert.equal(londonDate('2026-10-24T23:30Z'), '2026-10-25');
    assert.equal(londonDate('2026-10-25T00:30Z'), '2026-10-25', '01:30 BST, before the clocks go back');
    assert.equal(londonDate('2026-10-25T23:30Z'), '2026-10-25', '23:30 GMT, after they have gone back');
  });

  it('reads instants written with an offset other than Z', () => {
    assert.equal(londonDate('2026-07-02T00:30+01:00'), '2026-07-02');
    assert.equal(londonDate('2026-07-01T20:00-05:00'), '2026-07-02');
  });

  it('refuses times without an offset, which would be read in the server’s own time zone', () => {
    assert.throws(() => londonDate('2026-07-01T23:30'), /with its offset/);
  });

  it('refuses dates alone, impossible dates and impossible times', () => {
    for (const instant of [
      '2026-07-01',
      '2026-02-30T10:00Z',
      '2026-07-01T24:00Z',
      '2026-07-01T10:60Z',
      'soon',
    ]) {
      assert.throws(() => londonDate(instant), /with its offset/, instant);
    }
  });
});

describe('clear working days between two dates', () => {
  it('counts neither end', () => {
    assert.equal(clearWorkingDaysBetween('2024-01-08', '2024-01-12'), 3, 'Tuesday to Thursday');
    assert.equal(clearWorkingDaysBetween('2024-01-07', '2024-01-15'), 5);
  });

  it('is 0 for the same date, the next date or an earlier date', () => {
    assert.equal(clearWorkingDaysBetween('2024-01-10', '2024-01-10'), 0);
    assert.equal(clearWorkingDaysBetween('2024-01-10', '2024-01-11'), 0);
    assert.equal(clearWorkingDaysBetween('2024-01-15', '2024-01-08'), 0);
  });

  it('skips the weekend between a Friday and a Monday', () => {
    assert.equal(clearWorkingDaysBetween('2024-01-12', '2024-01-15'), 0);
    assert.equal(clearWorkingDaysBetween('2024-01-11', '2024-01-16'), 2);
  });

  it('skips Christmas, Boxing Day and New Year', () => {
    // Friday 20 December 2024 to Monday 6 January 2025: 23, 24, 27, 30 and 31 December, 2 and 3 January.
    assert.equal(clearWorkingDaysBetween('2024-12-20', '2025-01-06'), 7);
  });

  it('runs across years', () => {
    // All of 2026: 261 weekdays (52 weeks and Thursday 31 December) less 8 bank holidays.
    assert.equal(clearWorkingDaysBetween('2025-12-31', '2027-01-01'), 253);
  });

  it('refuses dates that are not real', () => {
    assert.throws(() => clearWorkingDaysBetween('2024-02-30', '2024-03-10'), /not a date/);
  });
});

describe('the publication deadline', () => {
  it('leaves five clear working days before a Monday meeting: publish by the Sunday eight days before', () => {
    // Meeting Monday 15 January 2024 at 10:00 (GMT): Monday 8 to Friday 12 are the clear days.
    assert.equal(publicationDeadline('2024-01-15T10:00Z', 5), '2024-01-07');
    assert.equal(clearWorkingDaysBetween('2024-01-07', '2024-01-15'), 5);
    assert.equal(clearWorkingDaysBetween('2024-01-08', '2024-01-15'), 4);
  });

  it('goes back over weekends for a midweek meeting', () => {
    // Wednesday 17 January: clear days are 16, 15, 12, 11, 10.
    assert.equal(publicationDeadline('2024-01-17T18:30Z', 5), '2024-01-09');
    assert.equal(publicationDeadline('2024-01-17T18:30Z', 1), '2024-01-15');
  });

  it('is a day earlier when a bank holiday Monday falls in the notice period', () => {
    // Thursday 30 May 2024, after the spring bank holiday on the 27th: clear days are 29, 28, 24, 23, 22.
    assert.equal(publicationDeadline('2024-05-30T09:00Z', 5), '2024-05-21');
    assert.equal(
      publicationDeadline('2024-05-16T09:00Z', 5),
      '2024-05-08',
      'the same weekday a fortnight earlier',
    );
  });

  it('goes back past New Year and Christmas into the previous year', () => {
    // Monday 8 January 2024: clear days are 5, 4, 3, 2 January and Friday 29 December.
    assert.equal(publicationDeadline('2024-01-08T10:00Z', 5), '2023-12-28');
    // Tuesday 5 January 2027: 4 January, 31, 30 and 29 December, then 24 December past both Christmas holidays.
    assert.equal(publicationDeadline('2027-01-05T10:00Z', 5), '2026-12-23');
  });

  it('goes back past Good Friday and Easter Monday', () => {
    // Tuesday 7 April 2026, 10:00 BST: clear days are 2 and 1 April, then 31, 30 and 27 March.
    assert.equal(publicationDeadline('2026-04-07T09:00Z', 5), '2026-03-26');
  });

  it('uses the London date of a meeting just after midnight in summer time', () => {
    // 23:30 UTC on 1 July is 00:30 BST on Thursday 2 July: clear days are 1 July, 30, 29, 26 and 25 June.
    assert.equal(publicationDeadline('2026-07-01T23:30Z', 5), '2026-06-24');
  });

  it('uses the London date across the spring clock change', () => {
    // 23:30 UTC on Monday 30 March is 00:30 BST on Tuesday 31 March: clear days are 30 and 27 March.
    assert.equal(publicationDeadline('2026-03-30T23:30Z', 2), '2026-03-26');
    // 00:30 UTC on Monday 30 March is 01:30 BST, still the Monday: clear days are 27 and 26 March.
    assert.equal(publicationDeadline('2026-03-30T00:30Z', 2), '2026-03-25');
  });

  it('uses the London date across the autumn clock change', () => {
    // 23:30 UTC on Thursday 22 October is 00:30 BST on Friday 23 October: clear days are 22 and 21 October.
    assert.equal(publicationDeadline('2026-10-22T23:30Z', 2), '2026-10-20');
    // 23:30 UTC on Monday 26 October is 23:30 GMT, still the Monday: clear days are 23 and 22 October.
    assert.equal(publicationDeadline('2026-10-26T23:30Z', 2), '2026-10-21');
  });

  it('with 0 clear days is the meeting’s own date: papers may be tabled on the day', () => {
    assert.equal(publicationDeadline('2024-01-15T10:00Z', 0), '2024-01-15');
    assert.equal(publicationDeadline('2026-07-01T23:30Z', 0), '2026-07-02');
  });

  it('allows up to 30 clear days', () => {
    // Six weeks of weekdays back from Monday 15 January 2024, with New Year's Day, Christmas and Boxing Day out.
    assert.equal(publicationDeadline('2024-01-15T10:00Z', 30), '2023-11-28');
    assert.equal(clearWorkingDaysBetween('2023-11-28', '2024-01-15'), 30);
    assert.equal(clearWorkingDaysBetween('2023-11-29', '2024-01-15'), 29);
  });

  it('always leaves exactly the clear days asked for, and one fewer the day after', () => {
    const meetings = ['2024-01-15T10:00Z', '2026-04-07T09:00Z', '2026-12-29T14:00Z', '2026-07-01T23:30Z'];
    for (const meeting of meetings) {
      for (let clearDays = 1; clearDays <= 30; clearDays++) {
        const deadline = publicationDeadline(meeting, clearDays);
        const meetingDate = londonDate(meeting);
        const dayAfter = new Date(Date.parse(deadline) + 86_400_000).toISOString().slice(0, 10);
        assert.equal(clearWorkingDaysBetween(deadline, meetingDate), clearDays, `${meeting} ${clearDays}`);
        assert.equal(
          clearWorkingDaysBetween(dayAfter, meetingDate),
          clearDays - 1,
          `${meeting} ${clearDays}`,
        );
      }
    }
  });

  it('refuses clear days that are negative, above 30 or not whole numbers', () => {
    for (const clearDays of [-1, 31, 2.5, NaN, Infinity]) {
      assert.throws(() => publicationDeadline('2024-01-15T10:00Z', clearDays), RangeError, String(clearDays));
    }
  });

  it('refuses a meeting time it cannot read', () => {
    assert.throws(() => publicationDeadline('2024-01-15', 5), /with its offset/);
  });
});

describe('whether papers were published late', () => {
  it('is on time at any time on the deadline date, and late from midnight after it (winter)', () => {
    assert.equal(publishedLate('2024-01-05T09:00Z', '2024-01-15T10:00Z', 5), false);
    assert.equal(publishedLate('2024-01-07T23:59:59Z', '2024-01-15T10:00Z', 5), false);
    assert.equal(publishedLate('2024-01-08T00:00:00Z', '2024-01-15T10:00Z', 5), true);
  });

  it('uses London midnight, not UTC midnight, in summer time', () => {
    // Thursday 2 July 2026 at 10:00 BST: the deadline is Wednesday 24 June.
    assert.equal(
      publishedLate('2026-06-24T22:59:59Z', '2026-07-02T09:00Z', 5),
      false,
      '23:59:59 BST on the 24th',
    );
    assert.equal(
      publishedLate('2026-06-24T23:00:00Z', '2026-07-02T09:00Z', 5),
      true,
      '00:00 BST on the 25th',
    );
  });

  it('with 0 clear days is on time up to the end of the meeting day', () => {
    assert.equal(publishedLate('2024-01-15T09:00Z', '2024-01-15T10:00Z', 0), false);
    assert.equal(publishedLate('2024-01-16T00:00Z', '2024-01-15T10:00Z', 0), true);
  });

  it('refuses invalid clear days', () => {
    assert.throws(() => publishedLate('2024-01-05T09:00Z', '2024-01-15T10:00Z', -2), RangeError);
  });
});
