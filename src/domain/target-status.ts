/**
 * Where a target stands. A target (for example in a Local Area Agreement) has a
 * baseline and a target value for each financial year; joining them with straight
 * lines gives the trajectory, the value expected on any date. The latest data is
 * judged against that line (on track, at risk, off track), compared with a year
 * earlier (direction of travel), and projected forward as outcomes-based
 * accountability's "turn the curve" forecast: where things end up if nothing changes.
 *
 * Pure: "today" is passed in, so the same data always gives the same answer.
 */

/** Which way is better for the indicator. */
export type Polarity = 'higher' | 'lower';

export type Rag = 'on_track' | 'at_risk' | 'off_track' | 'no_data';

export const ragNames: Record<Rag, string> = {
  on_track: 'On track',
  at_risk: 'At risk',
  off_track: 'Off track',
  no_data: 'No data',
};

export type Direction = 'improving' | 'worsening' | 'no_change' | 'unknown';

export const directionNames: Record<Direction, string> = {
  improving: 'Improving',
  worsening: 'Getting worse',
  no_change: 'No change',
  unknown: 'Not enough data',
};

export interface Observation {
  period: string;
  /** The last day of the period. */
  date: string;
  /** null when the value is missing or suppressed. */
  value: number | null;
  provisional: boolean;
}

export interface Milestone {
  /** The end of the year the target is for, e.g. 2010-03-31. */
  date: string;
  value: number;
}

export interface TargetDefinition {
  polarity: Polarity;
  /** The date is the last day of the baseline period. */
  baseline: { value: number; date: string };
  /** One per year, in any order. None yet means there is no trajectory to judge against. */
  milestones: Milestone[];
}

export interface StatusThresholds {
  /** At risk when worse than the trajectory by no more than this share of the planned change (default 0.1). */
  atRiskShare: number;
  /** When the planned change is zero (a "hold steady" target) the tolerance is this share of the baseline's size instead (default 0.05). */
  flatTolerance: number;
  /** Data older than this many months before today counts as no data (default 15). */
  staleAfterMonths: number;
}

export const defaultThresholds: StatusThresholds = {
  atRiskShare: 0.1,
  flatTolerance: 0.05,
  staleAfterMonths: 15,
};

/**
 * The problem with a place's thresholds, in plain words, or null if they make sense.
 * Shares are fractions (0.1 is 10%). A margin above 100% would let a target that has gone
 * backwards from its baseline count as merely at risk.
 */
export function thresholdsProblem(t: StatusThresholds): string | null {
  if (!isShare(t.atRiskShare)) {
    return 'The at-risk margin must be from 0% to 100% of the planned change';
  }
  if (!isShare(t.flatTolerance)) {
    return 'The margin for hold-steady targets must be from 0% to 100% of the baseline';
  }
  if (!Number.isInteger(t.staleAfterMonths) || t.staleAfterMonths < 1 || t.staleAfterMonths > 60) {
    return 'Data must count as out of date after a whole number of months from 1 to 60';
  }
  return null;
}

/** Also false for NaN, which fails every comparison. */
function isShare(n: number): boolean {
  return n >= 0 && n <= 1;
}

const numberFormat = new Intl.NumberFormat('en-GB', { maximumFractionDigits: 2 });

/** A number as people read it: thousands separated by commas, at most 2 decimal places (12,345.5). */
export function formatValue(n: number): string {
  const text = numberFormat.format(n);
  return text === '-0' ? '0' : text;
}

/** A point in time as a whole number of days, so dates can be subtracted and compared. */
interface Point {
  day: number;
  value: number;
}

const msPerDay = 86_400_000;
const isoDate = /^(\d{4})-(\d{2})-(\d{2})$/;

/** Year, month (1 to 12) and day of an ISO date, refusing anything that is not a real date. */
function dateParts(date: string): [number, number, number] {
  const match = isoDate.exec(date);
  const parts = match ? ([Number(match[1]), Number(match[2]), Number(match[3])] as const) : null;
  // Date.UTC rolls 31 June over to 1 July; reading the date back catches that.
  if (!parts || new Date(Date.UTC(parts[0], parts[1] - 1, parts[2])).toISOString().slice(0, 10) !== date) {
    throw new Error(`"${date}" is not a date written as year-month-day, like 2010-03-31`);
  }
  return [...parts];
}

const dayNumbers = new Map<string, number>();

/** Days since 1 January 1970, counted in UTC so clock changes never shift a date. */
function dayNumber(date: string): number {
  // A dashboard asks about the same few quarter ends thousands of times: remember them.
  let days = dayNumbers.get(date);
  if (days === undefined) {
    const [year, month, day] = dateParts(date);
    days = Date.UTC(year, month - 1, day) / msPerDay;
    if (dayNumbers.size > 20_000) dayNumbers.clear();
    dayNumbers.set(date, days);
  }
  return days;
}

/** The same day of the month, so many months earlier; the last day of the month when that day does not exist. */
const monthsBeforeMemo = new Map<string, number>();

/** The day `months` months before a date. A dashboard asks it of today for every target: remembered. */
function monthsBefore(date: string, months: number): number {
  const key = `${date}|${months}`;
  let days = monthsBeforeMemo.get(key);
  if (days === undefined) {
    days = workOutMonthsBefore(date, months);
    if (monthsBeforeMemo.size > 1000) monthsBeforeMemo.clear();
    monthsBeforeMemo.set(key, days);
  }
  return days;
}

function workOutMonthsBefore(date: string, months: number): number {
  const [year, month, day] = dateParts(date);
  const monthIndex = year * 12 + (month - 1) - months;
  const y = Math.floor(monthIndex / 12);
  const m = monthIndex - y * 12;
  const daysInMonth = new Date(Date.UTC(y, m + 1, 0)).getUTCDate();
  return Date.UTC(y, m, Math.min(day, daysInMonth)) / msPerDay;
}

const longDateFormat = new Intl.DateTimeFormat('en-GB', {
  day: 'numeric',
  month: 'long',
  year: 'numeric',
  timeZone: 'UTC',
});

function longDate(date: string): string {
  return longDateFormat.format(new Date(dayNumber(date) * msPerDay));
}

/** How close two values must be to count as equal: rounding in arithmetic leaves tiny remainders. */
function closeness(...values: number[]): number {
  return 1e-9 * Math.max(1, ...values.map(Math.abs));
}

/** How much better `value` is than `reference`: positive is better, whichever way is better for the indicator. */
function betterBy(polarity: Polarity, value: number, reference: number): number {
  return polarity === 'higher' ? value - reference : reference - value;
}

function meets(polarity: Polarity, value: number, target: number): boolean {
  return betterBy(polarity, value, target) >= -closeness(value, target);
}

function byDate<T extends { date: string }>(items: T[]): T[] {
  return items
    .map((item) => ({ item, day: dayNumber(item.date) }))
    .sort((a, b) => a.day - b.day)
    .map((x) => x.item);
}

/** The last milestone by date: the target the whole agreement is working towards. */
function finalMilestone(target: TargetDefinition): Milestone | null {
  return byDate(target.milestones).at(-1) ?? null;
}

/** The trajectory as points (baseline then each milestone, in date order), for charts. */
export function trajectory(target: TargetDefinition): { date: string; value: number }[] {
  if (target.milestones.length === 0) return [];
  const { date, value } = target.baseline;
  return [{ date, value }, ...byDate(target.milestones).map((m) => ({ date: m.date, value: m.value }))];
}

/**
 * Expected value on a date: straight lines from the baseline through each milestone
 * in date order; before the baseline the baseline value; after the last milestone the
 * last milestone's value. null when there are no milestones.
 */
export function expectedValue(target: TargetDefinition, date: string): number | null {
  const line = trajectory(target).map((p) => ({ day: dayNumber(p.date), value: p.value }));
  return line.length === 0 ? null : valueOnLine(line, dayNumber(date));
}

/**
 * Reads a value off a line of points in date order. A milestone dated on or before
 * the baseline (a data-entry slip) gives a segment running backwards; it is skipped.
 */
function valueOnLine(line: Point[], day: number): number {
  const first = line[0]!;
  const last = line.at(-1)!;
  if (day <= first.day) return first.value;
  if (day >= last.day) return last.value;
  for (let i = 1; i < line.length; i++) {
    const a = line[i - 1]!;
    const b = line[i]!;
    if (a.day <= day && day <= b.day && a.day < b.day) {
      return a.value + ((b.value - a.value) * (day - a.day)) / (b.day - a.day);
    }
  }
  return last.value;
}

/** An observation that has a value, with its date as a day number. */
interface Valued extends Point {
  observation: Observation;
}

/** The observations that have a value, oldest first. Missing and suppressed values say nothing about the trend. */
const valuedSeries = new WeakMap<Observation[], Valued[]>();

/** The observations with a value, in date order; worked out once per list (status, direction and forecast all ask). */
function valued(observations: Observation[]): Valued[] {
  let series = valuedSeries.get(observations);
  if (!series) {
    series = byDate(observations).flatMap((o) =>
      o.value === null ? [] : [{ observation: o, day: dayNumber(o.date), value: o.value }],
    );
    valuedSeries.set(observations, series);
  }
  return series;
}

export interface Forecast {
  /** From the latest observation to the final milestone date: each quarter end (31 Mar, 30 Jun, 30 Sep, 31 Dec) in between, then the final date. */
  points: { date: string; value: number }[];
  finalDate: string;
  finalValue: number;
  meetsTarget: boolean;
}

/** Enough recent points to see a trend without letting old history outweigh it. */
const forecastWindow = 8;
const forecastMinimum = 3;

/**
 * "Turn the curve": a least-squares straight line through the last up to 8 observations
 * with values, projected to the final milestone date. Every point, the first included,
 * is read off that line, so the forecast is one straight line on a chart.
 * null with fewer than 3 valued observations or no milestones, or when the latest
 * observation is already on or after the final date (nothing left to forecast).
 */
export function forecast(target: TargetDefinition, observations: Observation[]): Forecast | null {
  const final = finalMilestone(target);
  const recent = valued(observations).slice(-forecastWindow);
  const latest = recent.at(-1);
  if (!final || !latest || recent.length < forecastMinimum) return null;
  const finalDay = dayNumber(final.date);
  if (latest.day >= finalDay) return null;
  const line = leastSquares(recent);
  const dates = [
    latest.observation.date,
    ...quarterEndsBetween(latest.observation.date, final.date),
    final.date,
  ];
  const finalValue = line(finalDay);
  return {
    points: dates.map((date) => ({ date, value: line(dayNumber(date)) })),
    finalDate: final.date,
    finalValue,
    meetsTarget: meets(target.polarity, finalValue, final.value),
  };
}

/** The straight line closest to the points (least squares), as a value for each day. */
function leastSquares(points: Point[]): (day: number) => number {
  const meanDay = mean(points.map((p) => p.day));
  const meanValue = mean(points.map((p) => p.value));
  let spread = 0;
  let together = 0;
  for (const p of points) {
    spread += (p.day - meanDay) ** 2;
    together += (p.day - meanDay) * (p.value - meanValue);
  }
  const slope = spread === 0 ? 0 : together / spread;
  return (day) => meanValue + slope * (day - meanDay);
}

function mean(values: number[]): number {
  return values.reduce((sum, v) => sum + v, 0) / values.length;
}

const quarterEnds = ['03-31', '06-30', '09-30', '12-31'];

/** Quarter ends strictly after one date and strictly before another (both already checked as dates). */
function quarterEndsBetween(after: string, before: string): string[] {
  const dates: string[] = [];
  for (let year = Number(after.slice(0, 4)); year <= Number(before.slice(0, 4)); year++) {
    for (const monthDay of quarterEnds) {
      const date = `${year}-${monthDay}`;
      if (date > after && date < before) dates.push(date);
    }
  }
  return dates;
}

/** A year before, give or take: allows for periods ending on slightly different days. */
const yearAgoDays = 365;
const yearAgoSlack = 20;

/**
 * Direction of travel: the latest valued observation against the same period a year
 * earlier (an observation dated 365 ± 20 days before; the closest if several), which
 * sets aside seasonal ups and downs, else against the previous valued observation.
 * A change smaller than 1% of the earlier value's size (or exactly zero when that
 * value is 0) is no change. unknown with fewer than two valued observations.
 */
export function directionOfTravel(polarity: Polarity, observations: Observation[]): Direction {
  const series = valued(observations);
  const latest = series.at(-1);
  const previous = series.at(-2);
  if (!latest || !previous) return 'unknown';
  const earlier = yearEarlier(series, latest) ?? previous;
  const change = latest.value - earlier.value;
  if (change === 0 || Math.abs(change) < 0.01 * Math.abs(earlier.value)) return 'no_change';
  return betterBy(polarity, latest.value, earlier.value) > 0 ? 'improving' : 'worsening';
}

function yearEarlier(series: Valued[], latest: Valued): Valued | null {
  let best: Valued | null = null;
  let bestGap = Infinity;
  for (const point of series) {
    const gap = Math.abs(latest.day - point.day - yearAgoDays);
    if (gap <= yearAgoSlack && gap <= bestGap) {
      best = point;
      bestGap = gap;
    }
  }
  return best;
}

export interface TargetStatus {
  rag: Rag;
  /** One sentence in plain words saying why, e.g. "Latest value 42.1 (2009/10 Q2) is better than the 40 expected by then." */
  reason: string;
  /** The latest observation with a value (by date). */
  latest: Observation | null;
  /** The value expected on the latest observation's date. */
  expected: number | null;
  /** The last milestone by date. */
  finalTarget: Milestone | null;
  /** The latest value already meets or beats the final target. */
  targetMet: boolean;
  direction: Direction;
  forecast: Forecast | null;
  /** The latest value is provisional. */
  provisional: boolean;
  /** The latest value is older than staleAfterMonths before today. */
  stale: boolean;
}

/**
 * Where a target stands today. Observations may come in any order; one dated after
 * today (entered early by mistake) is treated like any other. Throws on thresholds
 * that thresholdsProblem refuses, since they should never have been saved.
 */
export function targetStatus(
  target: TargetDefinition,
  observations: Observation[],
  today: string,
  thresholds: StatusThresholds = defaultThresholds,
): TargetStatus {
  const problem = thresholdsProblem(thresholds);
  if (problem) throw new Error(problem);
  const staleBefore = monthsBefore(today, thresholds.staleAfterMonths);
  const latest = valued(observations).at(-1) ?? null;
  const finalTarget = finalMilestone(target);
  const facts = {
    latest: latest?.observation ?? null,
    expected: latest ? expectedValue(target, latest.observation.date) : null,
    finalTarget,
    targetMet:
      latest !== null && finalTarget !== null && meets(target.polarity, latest.value, finalTarget.value),
    direction: directionOfTravel(target.polarity, observations),
    forecast: forecast(target, observations),
    provisional: latest?.observation.provisional ?? false,
    stale: latest !== null && latest.day < staleBefore,
  };

  if (!finalTarget) {
    return {
      rag: 'no_data',
      reason: 'This target has no yearly targets yet, so progress cannot be judged.',
      ...facts,
    };
  }
  if (!latest) {
    const reason =
      observations.length === 0
        ? 'No data yet.'
        : 'No data yet: every value recorded so far is missing or suppressed.';
    return { rag: 'no_data', reason, ...facts };
  }
  const judgement = facts.stale
    ? {
        rag: 'no_data' as const,
        reason: `No recent data: the latest is for ${latest.observation.period}, more than ${thresholds.staleAfterMonths} months ago.`,
      }
    : judge(target, latest, finalTarget, thresholds);
  const reason = facts.provisional ? judgement.reason.replace(/\.$/, ' (provisional).') : judgement.reason;
  return { rag: judgement.rag, reason, ...facts };
}

/**
 * A status worked out on an earlier day, as it stands today. Nothing in a status moves
 * with the calendar except the step to "no recent data" once the latest figure is older
 * than the thresholds allow; the rest changes only when figures, targets or thresholds do.
 */
export function ragOnTheDay(
  saved: { rag: Rag; latestDate: string | null },
  today: string,
  thresholds: StatusThresholds = defaultThresholds,
): Rag {
  const stale =
    saved.latestDate !== null &&
    dayNumber(saved.latestDate) < monthsBefore(today, thresholds.staleAfterMonths);
  return stale ? 'no_data' : saved.rag;
}

/** Judges fresh data against the trajectory, or against the final target once it is met. */
function judge(
  target: TargetDefinition,
  latest: Valued,
  final: Milestone,
  thresholds: StatusThresholds,
): { rag: Rag; reason: string } {
  const lead = `Latest value ${formatValue(latest.value)} (${latest.observation.period})`;
  const plannedChange = Math.abs(final.value - target.baseline.value);
  const flat = plannedChange <= closeness(final.value, target.baseline.value);
  if (meets(target.polarity, latest.value, final.value)) {
    return { rag: 'on_track', reason: `${lead} ${metWords(final, latest, flat)}.` };
  }
  const expected = expectedValue(target, latest.observation.date)!;
  const better = betterBy(target.polarity, latest.value, expected);
  const margin = flat
    ? thresholds.flatTolerance * Math.abs(target.baseline.value)
    : thresholds.atRiskShare * plannedChange;
  const slack = closeness(latest.value, expected, target.baseline.value, final.value);
  const than = `the ${formatValue(expected)} expected by then`;
  if (better > slack) return { rag: 'on_track', reason: `${lead} is better than ${than}.` };
  if (better >= -slack) return { rag: 'on_track', reason: `${lead} matches ${than}.` };
  if (better >= -margin - slack) {
    return {
      rag: 'at_risk',
      reason: `${lead} is worse than ${than}, but within the margin of ${formatValue(margin)}.`,
    };
  }
  const beyond = margin > 0 ? `, by more than the margin of ${formatValue(margin)}` : '';
  return { rag: 'off_track', reason: `${lead} is worse than ${than}${beyond}.` };
}

/**
 * Words for a met final target. Before the final date it has been met early, except
 * for a hold-steady target, where being at the level is the point and it must be kept there.
 */
function metWords(final: Milestone, latest: Valued, flat: boolean): string {
  const target = formatValue(final.value);
  if (latest.day >= dayNumber(final.date)) return `meets the final target of ${target}`;
  if (flat) return `meets the final target of ${target}, which is to be held until ${longDate(final.date)}`;
  return `has met the final target of ${target} early: that target is for ${longDate(final.date)}`;
}
