/**
 * Reporting periods for indicator data: calendar years, UK financial years
 * (1 April to 31 March), financial quarters (Q1 April–June, Q2 July–September,
 * Q3 October–December, Q4 January–March) and months.
 *
 * Each period has one canonical code ("2024", "2024/25", "2024/25 Q1", "2024-05"),
 * so a period written in different ways (2024-25, FY 2024/25, 2024/2025) is stored
 * and compared as one. Nothing here reads the clock: anything that needs "today"
 * is given it.
 */

export const periodKinds = ['year', 'financial_year', 'quarter', 'month'] as const;
export type PeriodKind = (typeof periodKinds)[number];
export const periodKindNames: Record<PeriodKind, string> = {
  year: 'Calendar year',
  financial_year: 'Financial year',
  quarter: 'Quarter',
  month: 'Month',
};

/** A reporting period. `start` and `end` are ISO dates (yyyy-mm-dd), both inside the period. */
export interface Period {
  code: string;
  kind: PeriodKind;
  start: string;
  end: string;
}

type QuarterNumber = 1 | 2 | 3 | 4;

/** Data outside these years is almost certainly a typing slip, such as 2204 for 2024. */
const earliestYear = 1900;
const latestYear = 2100;

/** The months' names in English, January first. */
export const monthNames = [
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

const multiYearProblem =
  'Periods that cover more than one year, like 2016 - 18, cannot be used: give one year, financial year, quarter or month';

// ---------------------------------------------------------------------------
// Reading periods as people and data files write them

/** What reading a text gave: a period, or why it is not one. */
type Reading = { period: Period } | { problem: string };

/** Each reader knows one family of shapes and returns null for text not in them, so the next can try. */
type Reader = (text: string, shown: string) => Reading | null;

/** Reads a period as people and public data files write it; null when it cannot be read. */
export function parsePeriod(text: string): Period | null {
  const reading = read(text);
  return 'period' in reading ? reading.period : null;
}

/** Why a text is not a period, in plain words (for import reports and form errors); null when it is one. */
export function periodProblem(text: string): string | null {
  const reading = read(text);
  return 'problem' in reading ? reading.problem : null;
}

function read(text: string): Reading {
  const shown = text.trim().replace(/\s+/g, ' ');
  if (shown === '') return { problem: 'The period is blank' };
  // Word processors turn 2024-25 into 2024–25; read the dashes as hyphens.
  const normalised = shown.replace(/[\u2012-\u2015]/g, '-').toUpperCase();
  for (const reader of readers) {
    const reading = reader(normalised, shown);
    if (reading) return reading;
  }
  return {
    problem: `“${shown}” is not a period. Use a year like 2024, a financial year like 2024/25, a quarter like 2024/25 Q1 or a month like 2024-05`,
  };
}

/**
 * Fingertips publishes averages over several years as "2016 - 18" or "2015/16 - 17/18".
 * The spaces around the dash are what tell these from a financial year written 2024-25,
 * so even "2024 - 25" is refused: read as a financial year it could be two calendar years.
 */
const multiYearPattern = /^\d{4}(?:\/\d{2,4})? (?:-|TO) \d{2,4}(?:\/\d{2,4})?$/;

function readMultiYear(text: string): Reading | null {
  return multiYearPattern.test(text) ? { problem: multiYearProblem } : null;
}

function readCalendarYear(text: string, shown: string): Reading | null {
  const match = /^(\d{4})$/.exec(text);
  if (!match) return null;
  const year = Number(match[1]);
  return within(shown, year, year, () => calendarYear(year));
}

/** Two years with a slash or hyphen between, the second written with two or four digits. */
const yearPair = String.raw`(?<first>\d{4})(?<separator>[/-])(?<second>\d{2}|\d{4})`;
const financialYearPattern = new RegExp(String.raw`^(?<marker>FY ?)?${yearPair}(?<suffix> ?FY)?$`);

function readFinancialYear(text: string, shown: string): Reading | null {
  const match = financialYearPattern.exec(text);
  if (!match) return null;
  const first = group(match, 'first');
  const separator = group(match, 'separator');
  const second = group(match, 'second');
  const marked = group(match, 'marker') !== '' || group(match, 'suffix') !== '';
  if (separator === '-' && second.length === 2 && !marked) {
    return readMonthOrFinancialYear(first, second, shown);
  }
  const startYear = Number(first);
  if (!followsOn(startYear, second)) return { problem: notConsecutive(first, separator, second, true) };
  return within(shown, startYear, startYear + 1, () => financialYear(startYear));
}

/**
 * yyyy-nn is both the ISO way to write a month (2024-05) and a common way to write a
 * financial year (2024-25). A month number wins, so 2011-12 is December 2011 and every
 * month code reads back as itself (write 2011/12 or FY 2011-12 for the financial year).
 * Otherwise it is a financial year if the years follow on, a financial year with the
 * wrong second year if that is later than the first, and else a month that does not exist.
 */
function readMonthOrFinancialYear(first: string, second: string, shown: string): Reading {
  const year = Number(first);
  const number = Number(second);
  if (number >= 1 && number <= 12) return within(shown, year, year, () => monthPeriod(year, number));
  if (followsOn(year, second)) return within(shown, year, year + 1, () => financialYear(year));
  if (number > year % 100) return { problem: notConsecutive(first, '-', second, false) };
  return { problem: `There is no month ${second}: months run from 01 to 12, like 2024-05` };
}

const financialQuarterPatterns = [
  new RegExp(String.raw`^(?:FY ?)?${yearPair}(?: ?FY)? ?Q(?<quarter>\d+)$`),
  new RegExp(String.raw`^Q(?<quarter>\d+) (?:FY ?)?${yearPair}(?: ?FY)?$`),
];

function readFinancialQuarter(text: string, shown: string): Reading | null {
  const match = firstMatch(financialQuarterPatterns, text);
  if (!match) return null;
  const first = group(match, 'first');
  const second = group(match, 'second');
  const startYear = Number(first);
  if (!followsOn(startYear, second)) {
    return { problem: notConsecutive(first, group(match, 'separator'), second, false) };
  }
  const quarter = quarterNumber(group(match, 'quarter'));
  if (typeof quarter === 'string') return { problem: quarter };
  const calendarYearOfQuarter = quarter === 4 ? startYear + 1 : startYear;
  return within(shown, calendarYearOfQuarter, calendarYearOfQuarter, () => quarterPeriod(startYear, quarter));
}

/**
 * Fingertips writes calendar quarters as "2024 Q1" (January to March 2024). Indicator data
 * here is kept in financial quarters, so the same three months are returned as 2023/24 Q4.
 */
function readCalendarQuarter(text: string, shown: string): Reading | null {
  const match = /^(\d{4}) ?Q(\d+)$/.exec(text);
  if (!match) return null;
  const year = Number(match[1]);
  const quarter = quarterNumber(match[2] ?? '');
  if (typeof quarter === 'string') return { problem: quarter };
  return within(shown, year, year, () => calendarQuarter(year, quarter));
}

/**
 * "Q1 2024" is how people write both January to March 2024 and the first quarter of
 * financial year 2024/25. Guessing would put a figure in the wrong quarter, so ask.
 */
function readUnclearQuarter(text: string, shown: string): Reading | null {
  const match = /^Q(\d+) (\d{4})$/.exec(text);
  if (!match) return null;
  const quarter = quarterNumber(match[1] ?? '');
  if (typeof quarter === 'string') return { problem: quarter };
  const year = Number(match[2]);
  if (!yearsAllowed(year, quarter === 4 ? year + 1 : year)) return { problem: outsideYears(shown) };
  const calendar = describeMonths(calendarQuarter(year, quarter));
  const financial = quarterPeriod(year, quarter);
  const financialMonths = describeMonths(financial);
  return {
    problem: `“${shown}” could mean ${calendar} or ${financialMonths}: write ${year} Q${quarter} for ${calendar}, or ${financial.code} for ${financialMonths}`,
  };
}

const namedMonthPatterns = [
  /^(?<name>[A-Z]+)(?: ?- ?| )(?<year>\d{4})$/,
  /^(?<year>\d{4})(?: ?- ?| )(?<name>[A-Z]+)$/,
];

/** "May 2024", "May-2024" and "2024 May", with the month in full or in three letters (or "Sept"). */
function readNamedMonth(text: string, shown: string): Reading | null {
  const match = firstMatch(namedMonthPatterns, text);
  if (!match) return null;
  const month = monthNumber(group(match, 'name'));
  if (month === null) return null;
  const year = Number(group(match, 'year'));
  return within(shown, year, year, () => monthPeriod(year, month));
}

const readers: Reader[] = [
  readMultiYear,
  readCalendarYear,
  readFinancialYear,
  readFinancialQuarter,
  readCalendarQuarter,
  readUnclearQuarter,
  readNamedMonth,
];

/** The period, unless it falls outside the years that can be used (checked before it is made). */
function within(shown: string, firstYear: number, lastYear: number, make: () => Period): Reading {
  return yearsAllowed(firstYear, lastYear) ? { period: make() } : { problem: outsideYears(shown) };
}

function yearsAllowed(firstYear: number, lastYear: number): boolean {
  return firstYear >= earliestYear && lastYear <= latestYear;
}

function outsideYears(shown: string): string {
  return `“${shown}” is outside the years that can be used: give a period between ${earliestYear} and ${latestYear}`;
}

/** Whether the second year, written with two or four digits, is the year after the first. */
function followsOn(firstYear: number, second: string): boolean {
  const next = firstYear + 1;
  return Number(second) === (second.length === 4 ? next : next % 100);
}

/** Someone who writes 2024/05 most likely means May 2024, so say how to write that. */
function notConsecutive(first: string, separator: string, second: string, suggestMonth: boolean): string {
  const problem = `“${first}${separator}${second}” is not a financial year: its two years must be consecutive, like 2024/25`;
  const month = Number(second);
  if (!suggestMonth || second.length !== 2 || month < 1 || month > 12) return problem;
  return `${problem}. For ${monthNames[month - 1]} ${first}, write ${first}-${second}`;
}

/** The quarter number, or the problem with it. */
function quarterNumber(digits: string): QuarterNumber | string {
  const number = Number(digits);
  if (number === 1 || number === 2 || number === 3 || number === 4) return number;
  return `There is no quarter ${digits}: quarters run from Q1 to Q4, like 2024/25 Q1`;
}

function monthNumber(name: string): number | null {
  const index = monthNames.findIndex((month) => {
    const full = month.toUpperCase();
    return name === full || name === full.slice(0, 3);
  });
  if (index >= 0) return index + 1;
  return name === 'SEPT' ? 9 : null;
}

/** "January to March 2024", for messages. */
function describeMonths(period: Period): string {
  const start = readDate(period.start);
  const end = readDate(period.end);
  return `${monthNames[start.month - 1]} to ${monthNames[end.month - 1]} ${end.year}`;
}

function firstMatch(patterns: RegExp[], text: string): RegExpExecArray | null {
  for (const pattern of patterns) {
    const match = pattern.exec(text);
    if (match) return match;
  }
  return null;
}

function group(match: RegExpExecArray, name: string): string {
  return match.groups?.[name] ?? '';
}

// ---------------------------------------------------------------------------
// Making periods

/** How a financial year is written: its start year and the last two digits of the next, 2008/09. */
export function financialYearLabel(startYear: number): string {
  checkYear(startYear);
  return `${startYear}/${twoDigits((startYear + 1) % 100)}`;
}

/** The financial year starting on 1 April of `startYear`. */
export function financialYear(startYear: number): Period {
  return {
    code: financialYearLabel(startYear),
    kind: 'financial_year',
    start: formatDate(startYear, 4, 1),
    end: formatDate(startYear + 1, 3, 31),
  };
}

/** The start year of the financial year a date is in: January to March belong to the year before. */
export function financialYearOf(isoDate: string): number {
  const { year, month } = readDate(isoDate);
  return month >= 4 ? year : year - 1;
}

/** A financial quarter: Q1 starts in April of `startYear`, Q4 ends in March of the year after. */
export function quarterPeriod(startYear: number, quarter: QuarterNumber): Period {
  if (![1, 2, 3, 4].includes(quarter)) throw new RangeError(`There is no quarter ${quarter}`);
  const label = financialYearLabel(startYear);
  const year = quarter === 4 ? startYear + 1 : startYear;
  const firstMonth = quarter === 4 ? 1 : quarter * 3 + 1;
  const lastMonth = firstMonth + 2;
  return {
    code: `${label} Q${quarter}`,
    kind: 'quarter',
    start: formatDate(year, firstMonth, 1),
    end: formatDate(year, lastMonth, daysInMonth(year, lastMonth)),
  };
}

/** The financial quarter containing the date. */
export function quarterOf(isoDate: string): Period {
  return quarterAt(quarterIndexOf(isoDate));
}

export function previousQuarter(period: Period): Period {
  return quarterAt(quarterIndex(period) - 1);
}

export function nextQuarter(period: Period): Period {
  return quarterAt(quarterIndex(period) + 1);
}

/**
 * The last quarter that has ended before `today` (what a quarterly return reports on).
 * On the last day of a quarter that quarter is still running, so it is the one before.
 */
export function lastCompletedQuarter(today: string): Period {
  return previousQuarter(quarterOf(today));
}

/** Quarters from one quarter to another inclusive, in order; none when `to` comes before `from`. */
export function quartersBetween(from: Period, to: Period): Period[] {
  const first = quarterIndex(from);
  const count = quarterIndex(to) - first + 1;
  if (count < 1) return [];
  return Array.from({ length: count }, (_, offset) => quarterAt(first + offset));
}

/**
 * Whole months from a date to another, for "refresh every 12 months". Adds months and
 * clamps the day to the end of a shorter month: 2024-01-31 + 1 month = 2024-02-29.
 */
export function addMonths(isoDate: string, months: number): string {
  if (!Number.isInteger(months)) throw new RangeError(`Months to add must be a whole number, not ${months}`);
  const { year, month, day } = readDate(isoDate);
  const monthsSinceYearZero = year * 12 + (month - 1) + months;
  const newYear = Math.floor(monthsSinceYearZero / 12);
  const newMonth = monthsSinceYearZero - newYear * 12 + 1;
  return formatDate(newYear, newMonth, Math.min(day, daysInMonth(newYear, newMonth)));
}

/**
 * Same period a year earlier, for comparing like with like: the same quarter or month
 * last year, or the previous calendar or financial year.
 */
export function samePeriodLastYear(period: Period): Period {
  return periodContaining(period.kind, addMonths(period.start, -12));
}

/** The period of this kind that contains the date. */
function periodContaining(kind: PeriodKind, date: string): Period {
  const { year, month } = readDate(date);
  switch (kind) {
    case 'year':
      return calendarYear(year);
    case 'financial_year':
      return financialYear(financialYearOf(date));
    case 'quarter':
      return quarterOf(date);
    case 'month':
      return monthPeriod(year, month);
  }
}

function calendarYear(year: number): Period {
  checkYear(year);
  return { code: String(year), kind: 'year', start: formatDate(year, 1, 1), end: formatDate(year, 12, 31) };
}

function monthPeriod(year: number, month: number): Period {
  checkYear(year);
  return {
    code: `${year}-${twoDigits(month)}`,
    kind: 'month',
    start: formatDate(year, month, 1),
    end: formatDate(year, month, daysInMonth(year, month)),
  };
}

/** A calendar quarter (Q1 January to March) as the financial quarter covering the same months. */
function calendarQuarter(year: number, quarter: QuarterNumber): Period {
  return quarter === 1 ? quarterPeriod(year - 1, 4) : quarterPeriod(year, (quarter - 1) as QuarterNumber);
}

/** Where a quarter falls in the count of all quarters; only quarters have one. */
function quarterIndex(period: Period): number {
  if (period.kind !== 'quarter') {
    throw new Error(`${period.code} is a ${periodKindNames[period.kind].toLowerCase()}, not a quarter`);
  }
  return quarterIndexOf(period.start);
}

/** Quarters counted from year 0, so that stepping across financial years is plain arithmetic. */
function quarterIndexOf(date: string): number {
  const monthsIntoFinancialYear = (readDate(date).month + 8) % 12;
  return financialYearOf(date) * 4 + Math.floor(monthsIntoFinancialYear / 3);
}

function quarterAt(index: number): Period {
  const startYear = Math.floor(index / 4);
  return quarterPeriod(startYear, (index - startYear * 4 + 1) as QuarterNumber);
}

/** Codes are written with four-digit years, so only those years can be made. */
function checkYear(year: number): void {
  if (!Number.isInteger(year) || year < 1000 || year > 9998) {
    throw new RangeError(`${year} is not a year that a period can be made for`);
  }
}

// ---------------------------------------------------------------------------
// Dates, as ISO text

interface CalendarDate {
  year: number;
  month: number;
  day: number;
}

function readDate(date: string): CalendarDate {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(date);
  const [year, month, day] = [Number(match?.[1]), Number(match?.[2]), Number(match?.[3])];
  if (!match || month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) {
    throw new RangeError(`“${date}” is not a date written as yyyy-mm-dd`);
  }
  return { year, month, day };
}

function formatDate(year: number, month: number, day: number): string {
  return `${String(year).padStart(4, '0')}-${twoDigits(month)}-${twoDigits(day)}`;
}

function twoDigits(number: number): string {
  return String(number).padStart(2, '0');
}

function daysInMonth(year: number, month: number): number {
  if (month === 2) return isLeapYear(year) ? 29 : 28;
  return [4, 6, 9, 11].includes(month) ? 30 : 31;
}

/** Every fourth year, except centuries not divisible by 400 (1900 was not a leap year, 2000 was). */
function isLeapYear(year: number): boolean {
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
}
