/**
 * Working days in England and Wales, for publication deadlines. Partnerships, like
 * councils, promise to publish agendas and papers a number of "clear" working days
 * before a meeting: neither the day of publication nor the day of the meeting counts,
 * and weekends and bank holidays do not count either.
 *
 * Bank holidays are worked out by rule (with the one-off changes since 1995), so no
 * list needs downloading each year. Times are stored in UTC, but deadlines are about
 * the calendar in London, so every instant is read as a Europe/London date first.
 *
 * Pure: no clock is read; the same inputs always give the same answer.
 */

import { inLondon } from './london-time.ts';

/** The years whose bank holidays are known: the rules below have held since 1995, and 2100 is far enough. */
export const firstBankHolidayYear = 1995;
export const lastBankHolidayYear = 2100;

/** Most clear days a partnership may ask for: six weeks of working days is already generous. */
export const maximumClearDays = 30;

const msPerDay = 86_400_000;
const isoDate = /^(\d{4})-(\d{2})-(\d{2})$/;

/** Whether a string is a real date written as year-month-day. */
function isRealDate(date: string): boolean {
  const match = isoDate.exec(date);
  if (!match) return false;
  // Date.UTC rolls 30 February over to 2 March; reading the date back catches that.
  return dateOf(Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3])) / msPerDay) === date;
}

/** Days since 1 January 1970 in UTC, counted in whole days so clock changes never shift a date. */
function dayNumber(date: string): number {
  if (!isRealDate(date))
    throw new Error(`"${date}" is not a date written as year-month-day, like 2026-03-31`);
  return Date.parse(date) / msPerDay;
}

function dateOf(day: number): string {
  return new Date(day * msPerDay).toISOString().slice(0, 10);
}

function dayOf(year: number, month: number, date: number): number {
  return Date.UTC(year, month - 1, date) / msPerDay;
}

/** 0 is Sunday, 6 is Saturday. */
function weekday(day: number): number {
  return new Date(day * msPerDay).getUTCDay();
}

function yearOf(day: number): number {
  return new Date(day * msPerDay).getUTCFullYear();
}

/**
 * Easter Sunday by the anonymous Gregorian algorithm (Meeus, Jones and Butcher), as a
 * date. Good Friday and Easter Monday hang off it.
 */
export function easterSunday(year: number): string {
  const a = year % 19;
  const b = Math.floor(year / 100);
  const c = year % 100;
  const d = Math.floor(b / 4);
  const e = b % 4;
  const f = Math.floor((b + 8) / 25);
  const g = Math.floor((b - f + 1) / 3);
  const h = (19 * a + b - d - g + 15) % 30;
  const i = Math.floor(c / 4);
  const k = c % 4;
  const l = (32 + 2 * e + 2 * i - h - k) % 7;
  const m = Math.floor((a + 11 * h + 22 * l) / 451);
  const month = Math.floor((h + l - 7 * m + 114) / 31);
  const date = ((h + l - 7 * m + 114) % 31) + 1;
  return dateOf(dayOf(year, month, date));
}

function firstMonday(year: number, month: number): number {
  const first = dayOf(year, month, 1);
  return first + ((8 - weekday(first)) % 7);
}

function lastMonday(year: number, month: number): number {
  // Day 0 of the next month is the last day of this one.
  const last = dayOf(year, month + 1, 0);
  return last - ((weekday(last) + 6) % 7);
}

/** The early May bank holiday moved for the 50th and 75th anniversaries of VE Day. */
const earlyMayMoved: Record<number, string> = { 1995: '1995-05-08', 2020: '2020-05-08' };

/** The spring bank holiday moved for the Golden, Diamond and Platinum Jubilees. */
const springMoved: Record<number, string> = { 2002: '2002-06-04', 2012: '2012-06-04', 2022: '2022-06-02' };

/** Extra days by proclamation: the millennium, three jubilees, a royal wedding, a state funeral and a coronation. */
const oneOffs = [
  '1999-12-31',
  '2002-06-03',
  '2011-04-29',
  '2012-06-05',
  '2022-06-03',
  '2022-09-19',
  '2023-05-08',
];

/** New Year's Day, or the Monday after when it falls at a weekend. */
function newYearsDay(year: number): number {
  const day = dayOf(year, 1, 1);
  const shift: Record<number, number> = { 6: 2, 0: 1 };
  return day + (shift[weekday(day)] ?? 0);
}

/**
 * Christmas Day and Boxing Day, with substitute days. When Christmas is on a Saturday
 * the substitutes are Monday 27 and Tuesday 28; on a Sunday, Boxing Day keeps Monday 26
 * and Christmas takes Tuesday 27; on a Friday, Boxing Day moves to Monday 28.
 */
function christmas(year: number): number[] {
  const day = dayOf(year, 12, 25);
  const offsets: Record<number, [number, number]> = { 6: [2, 3], 0: [1, 2], 5: [0, 3] };
  const [first, second] = offsets[weekday(day)] ?? [0, 1];
  return [day + first, day + second];
}

function computeBankHolidays(year: number): number[] {
  const easter = dayNumber(easterSunday(year));
  const earlyMay = earlyMayMoved[year];
  const spring = springMoved[year];
  const days = [
    newYearsDay(year),
    easter - 2,
    easter + 1,
    earlyMay ? dayNumber(earlyMay) : firstMonday(year, 5),
    spring ? dayNumber(spring) : lastMonday(year, 5),
    lastMonday(year, 8),
    ...christmas(year),
    ...oneOffs.filter((date) => date.startsWith(`${year}-`)).map(dayNumber),
  ];
  return [...new Set(days)].sort((a, b) => a - b);
}

const holidaysByYear = new Map<number, { days: Set<number>; dates: string[] }>();

/** A year's bank holidays, worked out once: deadlines ask about the same few years again and again. */
function holidaysOf(year: number): { days: Set<number>; dates: string[] } {
  if (!Number.isInteger(year) || year < firstBankHolidayYear || year > lastBankHolidayYear) {
    throw new RangeError(
      `Bank holidays are known for the years ${firstBankHolidayYear} to ${lastBankHolidayYear}, not ${year}`,
    );
  }
  let holidays = holidaysByYear.get(year);
  if (!holidays) {
    const days = computeBankHolidays(year);
    holidays = { days: new Set(days), dates: days.map(dateOf) };
    holidaysByYear.set(year, holidays);
  }
  return holidays;
}

/** Bank holidays in England and Wales for a year from 1995 to 2100, as sorted ISO dates. */
export function bankHolidays(year: number): string[] {
  // A copy, so a caller that sorts or trims the list cannot change the remembered one.
  return [...holidaysOf(year).dates];
}

function isWorkingDayNumber(day: number): boolean {
  const dayOfWeek = weekday(day);
  return dayOfWeek !== 0 && dayOfWeek !== 6 && !holidaysOf(yearOf(day)).days.has(day);
}

/** Whether a date is a working day: Monday to Friday and not a bank holiday in England and Wales. */
export function isWorkingDay(date: string): boolean {
  return isWorkingDayNumber(dayNumber(date));
}

/** An instant with its offset: without one, JavaScript would read it in the server's own time zone. */
const isoInstant = /^(\d{4}-\d{2}-\d{2})T([01]\d|2[0-3]):[0-5]\d(:[0-5]\d(\.\d{1,9})?)?(Z|[+-]\d{2}:\d{2})$/;

/** The calendar date in London of an instant, allowing for British Summer Time. */
export function londonDate(instantUtcIso: string): string {
  const match = isoInstant.exec(instantUtcIso);
  // Checking the date part strictly refuses 30 February, which Date.parse would roll into March.
  if (!match || !isRealDate(match[1]!)) {
    throw new Error(
      `"${instantUtcIso}" is not a time written in ISO 8601 with its offset, like 2026-03-31T09:30Z`,
    );
  }
  return inLondon(instantUtcIso).date;
}

/** How many working days lie strictly between two dates: neither end counts ("clear days"). */
export function clearWorkingDaysBetween(fromDate: string, toDate: string): number {
  const from = dayNumber(fromDate);
  const to = dayNumber(toDate);
  let count = 0;
  for (let day = from + 1; day < to; day++) {
    if (isWorkingDayNumber(day)) count++;
  }
  return count;
}

/**
 * The last London date on which papers can be published and still leave `clearDays`
 * clear working days before the meeting's London date. Publishing at any time on that
 * date is in time. With 0 clear days the deadline is the meeting's own date: papers may
 * be tabled on the day. Throws RangeError unless clearDays is a whole number from 0 to 30.
 */
export function publicationDeadline(meetingStartsAt: string, clearDays: number): string {
  if (!Number.isInteger(clearDays) || clearDays < 0 || clearDays > maximumClearDays) {
    throw new RangeError(`Clear days must be a whole number from 0 to ${maximumClearDays}, not ${clearDays}`);
  }
  const meeting = dayNumber(londonDate(meetingStartsAt));
  if (clearDays === 0) return dateOf(meeting);
  let day = meeting;
  for (let found = 0; found < clearDays;) {
    day--;
    if (isWorkingDayNumber(day)) found++;
  }
  // The earliest clear day must not be the publication day itself, so publish the day before it.
  return dateOf(day - 1);
}

/** Whether papers went out after the deadline, comparing London dates (the time of day does not matter). */
export function publishedLate(publishedAt: string, meetingStartsAt: string, clearDays: number): boolean {
  return londonDate(publishedAt) > publicationDeadline(meetingStartsAt, clearDays);
}
