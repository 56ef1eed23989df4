/**
 * The trend chart of one target: actual values, the target trajectory and the forecast if
 * nothing changes, drawn as a small server-rendered SVG for the public dashboard.
 *
 * Pure: no I/O. The chart works without JavaScript and without CSS: it uses presentation
 * attributes only (no `style`, no `<style>`), so it passes a strict Content-Security-Policy.
 *
 * Colour is never the only signal. The three series differ in line pattern (solid, dashed,
 * dotted) and marker shape (circle, square, diamond); provisional values are hollow circles;
 * the full chart has a legend in words; and the `<desc>` says in words what the lines show.
 * The forecast is grey rather than red or green, so that no colour says "good" or "bad".
 */

import { escapeXml } from './structure-map.ts';
import { monthNames } from './periods.ts';

export interface ChartPoint {
  /** ISO date, yyyy-mm-dd. */
  date: string;
  value: number;
}

export interface TrendChartInput {
  /** Unique on the page; sanitised to [a-z0-9-] for the ids of the `<title>` and `<desc>`. */
  id: string;
  /** E.g. "NI 111 First time entrants to the youth justice system". */
  title: string;
  /** E.g. "%", "per 1,000"; shown on the axis labels. */
  unit?: string | null;
  /** Observed values, in any order; may be empty. */
  actual: (ChartPoint & { provisional?: boolean })[];
  /** The expected trajectory (baseline then yearly targets). */
  target: ChartPoint[];
  /** The trend if nothing changes. */
  forecast?: ChartPoint[];
  /** Default 320. */
  width?: number;
  /** Default 160. The full chart's legend (and a unit other than "%") add their rows to it. */
  height?: number;
  /**
   * True: a sparkline-sized chart for a dashboard row (only the first and last year as
   * labels, small margins). False: the full chart, with y-axis ticks, a label per year and
   * a legend.
   */
  compact?: boolean;
}

const colours = {
  text: '#0b0c0c',
  secondaryText: '#505a5f',
  grid: '#b1b4b6',
  background: '#ffffff',
  actual: '#0b0c0c',
  target: '#1d70b8',
  forecast: '#6f777b',
} as const;

type SeriesKey = 'actual' | 'target' | 'forecast';
type MarkerShape = 'circle' | 'square' | 'diamond';

interface SeriesStyle {
  label: string;
  colour: string;
  /** The stroke-dasharray of the line; solid when undefined. */
  dash: string | undefined;
  marker: MarkerShape;
}

/** Line pattern and marker shape tell the series apart as well as colour. */
const seriesStyles: Record<SeriesKey, SeriesStyle> = {
  actual: { label: 'Actual', colour: colours.actual, dash: undefined, marker: 'circle' },
  target: { label: 'Target', colour: colours.target, dash: '6 3', marker: 'square' },
  forecast: {
    label: 'Forecast if nothing changes',
    colour: colours.forecast,
    dash: '2 3',
    marker: 'diamond',
  },
};

/** Sizes in px. The full chart's markers are larger, as its points are further apart. */
const metrics = {
  full: { fontSize: 12, line: 2, dot: 7, square: 6, diamond: 4, hollow: 3.25, margin: 4, rightMargin: 16 },
  compact: {
    fontSize: 11,
    line: 1.5,
    dot: 5,
    square: 4,
    diamond: 3,
    hollow: 2.25,
    margin: 4,
    rightMargin: 4,
  },
} as const;
type Metrics = (typeof metrics)['full' | 'compact'];

const defaultWidth = 320;
const defaultHeight = 160;
const emptyHeight = 32;
/** The full chart grows taller rather than squash its plot below this height. */
const minPlotHeight = 40;
const legendRowHeight = 16;
const legendSampleWidth = 24;
const msPerDay = 86_400_000;

// ---------------------------------------------------------------------------------------
// Data

interface Datum {
  day: number;
  date: string;
  value: number;
  provisional: boolean;
}

type Series = Record<SeriesKey, Datum[]>;

/** Days since 1970-01-01 of an ISO date (anything after yyyy-mm-dd is ignored); undefined if not a real date. */
function dayNumber(date: string): number | undefined {
  const match = /^(\d{4})-(\d{2})-(\d{2})/.exec(date);
  if (!match) return undefined;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const time = Date.UTC(year, month - 1, day);
  const check = new Date(time);
  // Date.UTC rolls 31 February over into March: a round trip catches it.
  if (check.getUTCMonth() !== month - 1 || check.getUTCDate() !== day) return undefined;
  return Math.round(time / msPerDay);
}

/** The points that can be drawn (a real date, a finite value), oldest first. */
function clean(points: readonly (ChartPoint & { provisional?: boolean })[] | undefined): Datum[] {
  const out: Datum[] = [];
  for (const p of points ?? []) {
    const day = typeof p.date === 'string' ? dayNumber(p.date) : undefined;
    if (day === undefined || typeof p.value !== 'number' || !Number.isFinite(p.value)) continue;
    out.push({ day, date: p.date.slice(0, 10), value: p.value, provisional: p.provisional === true });
  }
  return out.sort((a, b) => a.day - b.day);
}

function allPoints(series: Series): Datum[] {
  return [...series.actual, ...series.target, ...series.forecast];
}

function extent(numbers: number[]): [number, number] {
  return numbers.reduce<[number, number]>(
    ([lo, hi], n) => [Math.min(lo, n), Math.max(hi, n)],
    [Infinity, -Infinity],
  );
}

/** A single value is shown against zero; zero itself against 0–1. */
function flatRange(value: number): [number, number] {
  if (value === 0) return [0, 1];
  return value > 0 ? [0, value] : [value, 0];
}

/**
 * The values the y axis must show. The rule: the axis includes zero when all values are on
 * one side of it and the one nearest zero is within 40% of the one furthest from it (for
 * positive values: min ≤ 0.4 × max). Then the data still fill at least 60% of the height,
 * and a line of counts or percentages is not cut off at an arbitrary floor; values bunched
 * far from zero (12.3–12.9) keep a tight axis, so that their changes stay visible.
 */
function axisExtent(values: number[]): [number, number] {
  let [lo, hi] = extent(values);
  if (lo >= 0 && lo <= 0.4 * hi) lo = 0;
  else if (hi <= 0 && hi >= 0.4 * lo) hi = 0;
  return lo === hi ? flatRange(lo) : [lo, hi];
}

/** 5% more each side, so that no marker sits on the edge; but never across zero. */
function padded([lo, hi]: [number, number]): [number, number] {
  const pad = (hi - lo) * 0.05;
  return [lo >= 0 ? Math.max(0, lo - pad) : lo - pad, hi <= 0 ? Math.min(0, hi + pad) : hi + pad];
}

/** The value range of the y axis: all the values, zero by the 40% rule, 5% padding. */
export function valueRange(values: number[]): [number, number] {
  return padded(axisExtent(values));
}

// ---------------------------------------------------------------------------------------
// Ticks

const niceMultipliers = [1, 2, 2.5, 5];

function roundTo(value: number, decimals: number): number {
  return Number(value.toFixed(Math.min(100, Math.max(0, decimals))));
}

/**
 * Nice round axis ticks covering [min, max] (3–5 ticks): the first tick is at or below
 * `min`, the last at or above `max`, and the step is 1, 2, 2.5 or 5 times a power of ten.
 * `count` is the most ticks wanted (default 5, never fewer than 3). The smallest step that
 * needs no more than `count` ticks is chosen, so the axis hugs the data. When min equals max
 * the value is shown against zero (0 against 0–1). Empty for non-finite input.
 */
export function niceTicks(min: number, max: number, count = 5): number[] {
  if (!Number.isFinite(min) || !Number.isFinite(max)) return [];
  const most = Math.max(3, Math.floor(Number.isFinite(count) ? count : 5));
  const [lo, hi] = min === max ? flatRange(min) : [Math.min(min, max), Math.max(min, max)];
  const span = hi - lo;
  if (!Number.isFinite(span)) return [];
  // Float noise (12.3 / 0.1 = 122.99999999999999) must not add a tick.
  const slack = 1e-9;
  for (let exp = Math.floor(Math.log10(span / most)) - 1; exp < 400; exp++) {
    for (const m of niceMultipliers) {
      const step = m * 10 ** exp;
      const first = Math.floor(lo / step + slack);
      const last = Math.max(Math.ceil(hi / step - slack), first + 2);
      if (last - first + 1 > most) continue;
      const decimals = -exp + (m === 2.5 ? 1 : 0);
      const ticks: number[] = [];
      for (let i = first; i <= last; i++) ticks.push(roundTo(i * step, decimals) || 0);
      return ticks;
    }
  }
  return [];
}

/** The number of decimals the ticks need (12.2, 12.4 … 13.0 share one). */
function tickDecimals(ticks: number[]): number {
  return Math.max(0, ...ticks.map((t) => (String(t).split('.')[1] ?? '').length));
}

// ---------------------------------------------------------------------------------------
// Words

const numberFormats = new Map<number | undefined, Intl.NumberFormat>();

/** Making a number format is costly and a dashboard draws thousands of labels: one format per precision. */
function formatNumber(value: number, decimals?: number): string {
  let format = numberFormats.get(decimals);
  if (!format) {
    format = new Intl.NumberFormat(
      'en-GB',
      decimals === undefined
        ? { maximumFractionDigits: 2 }
        : { minimumFractionDigits: decimals, maximumFractionDigits: decimals },
    );
    numberFormats.set(decimals, format);
  }
  return format.format(value);
}

function oneLine(text: string | null | undefined): string {
  return (text ?? '').replace(/\s+/g, ' ').trim();
}

/** "45%" for a percentage, "3.2 per 1,000" for any other unit. */
function withUnit(formatted: string, unit: string): string {
  if (unit === '') return formatted;
  return unit === '%' ? `${formatted}%` : `${formatted} ${unit}`;
}

/** "31 March 2024", the GOV.UK date style; the date is already known to be valid. */
function formatDate(date: string): string {
  const [year, month, day] = date.split('-').map(Number);
  return `${day ?? ''} ${monthNames[(month ?? 1) - 1] ?? ''} ${year ?? ''}`;
}

function valueWords(d: Datum, unit: string): string {
  return withUnit(formatNumber(d.value), unit);
}

/**
 * What the lines show, in words: the `<desc>`, which screen readers announce as part of the
 * image's name, and the only way to read exact values on a compact chart.
 */
function describeSeries(series: Series, unit: string): string {
  const { actual, target, forecast } = series;
  const sentences: string[] = [];
  const latest = actual[actual.length - 1];
  const first = actual[0];
  if (latest === undefined || first === undefined) {
    sentences.push('No actual values yet.');
  } else {
    const latestWords = `${valueWords(latest, unit)} (${formatDate(latest.date)}${latest.provisional ? ', provisional' : ''})`;
    sentences.push(
      actual.length === 1
        ? `Actual: one value, ${latestWords}.`
        : `Actual: ${actual.length} values from ${formatDate(first.date)}, latest ${latestWords}.`,
    );
    const provisional = actual.filter((d) => d.provisional).length;
    if (provisional > 0) {
      sentences.push(`${provisional === 1 ? '1 value is' : `${provisional} values are`} provisional.`);
    }
  }
  const finalTarget = target[target.length - 1];
  if (finalTarget !== undefined) {
    sentences.push(`Target: ${valueWords(finalTarget, unit)} by ${formatDate(finalTarget.date)}.`);
  }
  const finalForecast = forecast[forecast.length - 1];
  if (finalForecast !== undefined) {
    sentences.push(
      `Forecast if nothing changes: ${valueWords(finalForecast, unit)} by ${formatDate(finalForecast.date)}.`,
    );
  }
  return sentences.join(' ');
}

// ---------------------------------------------------------------------------------------
// Markup helpers

/** Numbers are rounded to 1 decimal place: finer than a pixel matters, and it keeps the SVG small. */
function num(value: number): string {
  return String(Math.round(value * 10) / 10);
}

function attrs(attributes: Record<string, string | number | undefined>): string {
  return Object.entries(attributes)
    .filter((entry): entry is [string, string | number] => entry[1] !== undefined)
    .map(([name, value]) => ` ${name}="${typeof value === 'number' ? num(value) : escapeXml(value)}"`)
    .join('');
}

/** An estimate of the width of a line of Arial text, generous so that labels never collide. */
function textWidth(text: string, fontSize: number): number {
  return Array.from(text).length * fontSize * 0.6;
}

function sanitiseId(id: string): string {
  return (
    String(id)
      .toLowerCase()
      .replace(/[^a-z0-9-]+/g, '-')
      .replace(/-{2,}/g, '-')
      .replace(/^-|-$/g, '') || 'chart'
  );
}

function size(value: number | undefined, fallback: number, least: number): number {
  return typeof value === 'number' && Number.isFinite(value) && value > 0
    ? Math.max(least, Math.round(value))
    : fallback;
}

interface Frame {
  width: number;
  height: number;
  titleId: string;
  descId: string;
  title: string;
  desc: string;
  compact: boolean;
}

function svgOpen(frame: Frame, extraClass: string): string {
  const { width, height, compact } = frame;
  return (
    `<svg${attrs({
      xmlns: 'http://www.w3.org/2000/svg',
      class: `trend-chart${compact ? ' trend-chart--compact' : ''}${extraClass}`,
      viewBox: `0 0 ${width} ${height}`,
      width,
      height,
      role: 'img',
      'aria-labelledby': `${frame.titleId} ${frame.descId}`,
      'font-family': 'Arial, sans-serif',
    })}>` +
    `<title id="${frame.titleId}">${escapeXml(frame.title)}</title>` +
    `<desc id="${frame.descId}">${escapeXml(frame.desc)}</desc>` +
    `<rect${attrs({ width, height, fill: colours.background })}/>`
  );
}

// ---------------------------------------------------------------------------------------
// Layout

interface Plot {
  left: number;
  right: number;
  top: number;
  bottom: number;
  firstDay: number;
  lastDay: number;
  low: number;
  high: number;
}

interface Placed extends Datum {
  x: number;
  y: number;
}

function xOf(plot: Plot, day: number): number {
  const span = plot.lastDay - plot.firstDay;
  // One date only: the points sit in the middle rather than divide by zero.
  if (span === 0) return (plot.left + plot.right) / 2;
  return plot.left + ((day - plot.firstDay) / span) * (plot.right - plot.left);
}

function yOf(plot: Plot, value: number): number {
  return plot.bottom - ((value - plot.low) / (plot.high - plot.low)) * (plot.bottom - plot.top);
}

function placeAll(plot: Plot, data: Datum[]): Placed[] {
  return data.map((d) => ({ ...d, x: xOf(plot, d.day), y: yOf(plot, d.value) }));
}

interface LegendEntry {
  key: SeriesKey | 'provisional';
  label: string;
  x: number;
  y: number;
}

function legendEntries(series: Series, width: number, m: Metrics): LegendEntry[] {
  const wanted: { key: LegendEntry['key']; label: string }[] = (['actual', 'target', 'forecast'] as const)
    .filter((key) => series[key].length > 0)
    .map((key) => ({ key, label: seriesStyles[key].label }));
  if (series.actual.some((d) => d.provisional)) wanted.push({ key: 'provisional', label: 'Provisional' });
  const entries: LegendEntry[] = [];
  let x = m.margin;
  let y = m.margin;
  for (const entry of wanted) {
    const w = legendSampleWidth + 4 + textWidth(entry.label, m.fontSize);
    if (x > m.margin && x + w > width - m.margin) {
      x = m.margin;
      y += legendRowHeight;
    }
    entries.push({ ...entry, x, y });
    x += w + 12;
  }
  return entries;
}

// ---------------------------------------------------------------------------------------
// Drawing

function linePath(points: Placed[]): string {
  return points.map((p, i) => `${i === 0 ? 'M' : 'L'}${num(p.x)} ${num(p.y)}`).join('');
}

/**
 * Markers as one path per series: a zero-length subpath is stroked as a circle with a round
 * linecap and as a square with a square one (SVG 1.1 §11.4), and a diamond is four short
 * lines. One path instead of an element per point keeps a 40-point chart under 3 KB.
 */
function markerPath(points: Placed[], shape: MarkerShape, m: Metrics): string {
  if (shape !== 'diamond') return points.map((p) => `M${num(p.x)} ${num(p.y)}h0`).join('');
  const r = num(m.diamond);
  return points.map((p) => `M${num(p.x)} ${num(p.y - m.diamond)}l${r} ${r}-${r} ${r}-${r}-${r}z`).join('');
}

function markerAttrs(shape: MarkerShape, colour: string, m: Metrics): Record<string, string | number> {
  if (shape === 'diamond') return { fill: colour, stroke: 'none' };
  return {
    fill: 'none',
    'stroke-width': shape === 'circle' ? m.dot : m.square,
    'stroke-linecap': shape === 'circle' ? 'round' : 'square',
  };
}

/** Provisional values as hollow circles: a shape, not a shade, marks them. */
function hollowCircles(points: Placed[], m: Metrics): string {
  return points
    .map(
      (p) =>
        `<circle${attrs({ cx: p.x, cy: p.y, r: m.hollow, fill: colours.background, 'stroke-width': 1.5 })}/>`,
    )
    .join('');
}

function lineElement(key: SeriesKey, d: string, m: Metrics): string {
  const dash = seriesStyles[key].dash;
  return `<path${attrs({ d, fill: 'none', 'stroke-width': m.line, 'stroke-dasharray': dash, 'stroke-linejoin': 'round' })}/>`;
}

function markersElement(key: SeriesKey, points: Placed[], m: Metrics): string {
  if (points.length === 0) return '';
  const { marker, colour } = seriesStyles[key];
  return `<path${attrs({ d: markerPath(points, marker, m), ...markerAttrs(marker, colour, m) })}/>`;
}

/** A series as a group whose stroke colour its line, markers and hollow circles share. */
function seriesGroup(key: SeriesKey | 'provisional', content: string): string {
  const colour = key === 'provisional' ? colours.actual : seriesStyles[key].colour;
  return `<g${attrs({ class: `trend-chart__${key}`, stroke: colour })}>${content}</g>`;
}

function renderSeries(key: SeriesKey, points: Placed[], m: Metrics): string {
  if (points.length === 0) return '';
  const line = points.length > 1 ? lineElement(key, linePath(points), m) : '';
  const solid = points.filter((p) => !p.provisional);
  const hollow = points.filter((p) => p.provisional);
  return seriesGroup(key, line + markersElement(key, solid, m) + hollowCircles(hollow, m));
}

function renderText(
  text: string,
  x: number,
  y: number,
  m: Metrics,
  anchor: 'start' | 'middle' | 'end',
  colour: string = colours.secondaryText,
): string {
  const textAnchor = anchor === 'start' ? undefined : anchor;
  return `<text${attrs({ x, y, 'font-size': m.fontSize, 'text-anchor': textAnchor, fill: colour })}>${escapeXml(text)}</text>`;
}

/** A legend sample: a short stretch of the series' line with its marker in the middle. */
function legendSample(key: LegendEntry['key'], x: number, y: number, m: Metrics): string {
  const mid: Placed = {
    day: 0,
    date: '',
    value: 0,
    provisional: key === 'provisional',
    x: x + legendSampleWidth / 2,
    y,
  };
  if (key === 'provisional') return seriesGroup(key, hollowCircles([mid], m));
  return seriesGroup(
    key,
    lineElement(key, `M${num(x)} ${num(y)}h${legendSampleWidth}`, m) + markersElement(key, [mid], m),
  );
}

function renderLegend(entries: LegendEntry[], m: Metrics): string {
  const items = entries.map((entry) => {
    const y = entry.y + legendRowHeight / 2;
    return (
      legendSample(entry.key, entry.x, y, m) +
      renderText(entry.label, entry.x + legendSampleWidth + 4, y + 4, m, 'start', colours.text)
    );
  });
  return `<g class="trend-chart__legend">${items.join('')}</g>`;
}

function yearOfDay(day: number): number {
  return new Date(day * msPerDay).getUTCFullYear();
}

/**
 * A label per year, at 1 January, thinned to every second (fifth …) year when they would
 * collide. A range that holds no 1 January gets its first year at the left edge.
 */
function yearLabels(plot: Plot, m: Metrics): { text: string; x: number; anchor: 'start' | 'middle' }[] {
  const firstYear = yearOfDay(plot.firstDay);
  const lastYear = yearOfDay(plot.lastDay);
  const jan1s: { year: number; day: number }[] = [];
  for (let year = firstYear; year <= lastYear; year++) {
    const day = Math.round(Date.UTC(year, 0, 1) / msPerDay);
    if (day >= plot.firstDay && day <= plot.lastDay) jan1s.push({ year, day });
  }
  if (jan1s.length === 0) {
    const alone = plot.firstDay === plot.lastDay;
    return [
      {
        text: String(firstYear),
        x: alone ? xOf(plot, plot.firstDay) : plot.left,
        anchor: alone ? 'middle' : 'start',
      },
    ];
  }
  const span = plot.lastDay - plot.firstDay;
  const pxPerYear = span > 0 ? ((plot.right - plot.left) * 365.25) / span : Infinity;
  const every = Math.max(1, Math.ceil((textWidth('2000', m.fontSize) + 10) / pxPerYear));
  return jan1s
    .filter((_, i) => i % every === 0)
    .map(({ year, day }) => ({ text: String(year), x: xOf(plot, day), anchor: 'middle' as const }));
}

/** A y-axis label: "25%" for a percentage; other units are named once, above the axis. */
function tickLabel(tick: number, decimals: number, unit: string): string {
  return unit === '%' ? `${formatNumber(tick, decimals)}%` : formatNumber(tick, decimals);
}

function renderFullAxes(plot: Plot, ticks: number[], unit: string, m: Metrics): string {
  const decimals = tickDecimals(ticks);
  const lines = ticks.map(
    (t) => `<line${attrs({ x1: plot.left, y1: yOf(plot, t), x2: plot.right, y2: yOf(plot, t) })}/>`,
  );
  const labels = ticks.map((t) =>
    renderText(tickLabel(t, decimals, unit), plot.left - 6, yOf(plot, t) + 4, m, 'end'),
  );
  const caption = unit !== '' && unit !== '%' ? renderText(unit, m.margin, plot.top - 12, m, 'start') : '';
  const years = yearLabels(plot, m).map((label) =>
    renderText(label.text, label.x, plot.bottom + 16, m, label.anchor),
  );
  const axis = `<line${attrs({ class: 'trend-chart__x-axis', x1: plot.left, y1: plot.bottom, x2: plot.right, y2: plot.bottom, stroke: colours.secondaryText })}/>`;
  const grid = `<g${attrs({ class: 'trend-chart__grid', stroke: colours.grid, 'stroke-width': 1 })}>${lines.join('')}</g>`;
  return grid + axis + labels.join('') + caption + years.join('');
}

function renderCompactYears(plot: Plot, m: Metrics, height: number): string {
  const first = yearOfDay(plot.firstDay);
  const last = yearOfDay(plot.lastDay);
  const y = height - m.margin;
  return (
    renderText(String(first), plot.left, y, m, 'start') +
    (last !== first ? renderText(String(last), plot.right, y, m, 'end') : '')
  );
}

type Scale = Pick<Plot, 'firstDay' | 'lastDay' | 'low' | 'high'>;

/** A sparkline: the plot fills the drawing but for a row of year labels underneath. */
function compactPlot(width: number, height: number, scale: Scale): { plot: Plot; height: number } {
  const m = metrics.compact;
  const left = m.margin;
  const right = Math.max(width - m.rightMargin, left + 1);
  return {
    plot: { ...scale, left, right, top: m.margin, bottom: height - m.margin - m.fontSize - 2 },
    height,
  };
}

/**
 * The full chart: the legend (and a unit other than "%") above the plot, tick labels to its
 * left, year labels below. The legend and unit rows are added to the given height, so that
 * a legend that wraps on a narrow chart does not squash the plot.
 */
function fullPlot(
  width: number,
  givenHeight: number,
  scale: Scale,
  ticks: number[],
  legend: LegendEntry[],
  unit: string,
): { plot: Plot; height: number } {
  const m = metrics.full;
  const decimals = tickDecimals(ticks);
  const labelWidth = Math.max(...ticks.map((t) => textWidth(tickLabel(t, decimals, unit), m.fontSize)));
  const legendBottom = legend.length > 0 ? Math.max(...legend.map((e) => e.y)) + legendRowHeight : m.margin;
  const above = legendBottom - m.margin + (unit !== '' && unit !== '%' ? legendRowHeight : 0);
  const top = m.margin + above + 8;
  const height = Math.max(givenHeight + above, top + minPlotHeight + 20);
  const left = Math.round(m.margin + labelWidth + 6);
  const right = Math.max(width - m.rightMargin, left + 1);
  return { plot: { ...scale, left, right, top, bottom: height - 20 }, height };
}

// ---------------------------------------------------------------------------------------
// The chart

function renderEmpty(frame: Frame): string {
  const m = frame.compact ? metrics.compact : metrics.full;
  const f = { ...frame, height: emptyHeight };
  return (
    svgOpen(f, ' trend-chart--empty') +
    renderText('No data yet', m.margin, emptyHeight / 2 + m.fontSize / 3, m, 'start', colours.text) +
    '</svg>'
  );
}

/**
 * The chart as an SVG string: role="img", aria-labelledby the `<title>` and `<desc>` ids;
 * the `<desc>` says in words what the lines show (latest value, target at the end, forecast
 * at the end). Points with an invalid date or a non-finite value are left out; with none
 * left, a small SVG says "No data yet".
 */
export function renderTrendChart(input: TrendChartInput): string {
  const compact = input.compact === true;
  const m = compact ? metrics.compact : metrics.full;
  const unit = oneLine(input.unit);
  const series: Series = {
    actual: clean(input.actual),
    target: clean(input.target),
    forecast: clean(input.forecast),
  };
  const points = allPoints(series);
  const id = sanitiseId(input.id);
  const frame: Frame = {
    width: size(input.width, defaultWidth, 60),
    height: size(input.height, defaultHeight, 24),
    titleId: `trend-${id}-title`,
    descId: `trend-${id}-desc`,
    title: oneLine(input.title) || 'Trend',
    desc: points.length === 0 ? 'No data yet.' : describeSeries(series, unit),
    compact,
  };
  if (points.length === 0) return renderEmpty(frame);

  const [firstDay, lastDay] = extent(points.map((d) => d.day));
  const values = axisExtent(points.map((d) => d.value));
  const [padLow, padHigh] = padded(values);
  // The ticks cover the values, not the padding, lest 97 stretch the axis to 150; the plot
  // spans both, so that a top tick of 100 has some room above it.
  const ticks = compact ? [] : niceTicks(...values);
  const scale = {
    firstDay,
    lastDay,
    low: Math.min(ticks[0] ?? padLow, padLow),
    high: Math.max(ticks[ticks.length - 1] ?? padHigh, padHigh),
  };
  const legend = compact ? [] : legendEntries(series, frame.width, m);
  const { plot, height } = compact
    ? compactPlot(frame.width, frame.height, scale)
    : fullPlot(frame.width, frame.height, scale, ticks, legend, unit);

  return [
    svgOpen({ ...frame, height }, ''),
    compact ? renderCompactYears(plot, m, height) : renderFullAxes(plot, ticks, unit, m),
    renderSeries('forecast', placeAll(plot, series.forecast), m),
    renderSeries('target', placeAll(plot, series.target), m),
    renderSeries('actual', placeAll(plot, series.actual), m),
    compact ? '' : renderLegend(legend, m),
    '</svg>',
  ].join('');
}
