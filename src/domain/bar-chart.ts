/**
 * A horizontal bar chart as a small server-rendered SVG, for survey results: one bar per
 * answer, its label above it and its figure in words beside it.
 *
 * The table beside the chart is the real content; the chart is a picture of it, with a
 * text alternative (`<title>` and `<desc>`, saying every figure) for anyone who cannot see
 * it. Colour is never the only signal: every bar is labelled with its answer and figure.
 * Presentation attributes only (no `style`), so it passes a strict Content-Security-Policy.
 *
 * Pure: no I/O.
 */

import { escapeXml } from './structure-map.ts';

export interface Bar {
  label: string;
  /** The length of the bar; null draws no bar (a figure that is not shown). */
  value: number | null;
  /** The figure in words beside the bar: "34 (52%)"; "fewer than 10". */
  text: string;
}

export interface BarChartInput {
  /** Unique on the page; sanitised to [a-z0-9-] for the ids of the `<title>` and `<desc>`. */
  id: string;
  title: string;
  bars: Bar[];
  /** The value of a full-length bar; default the largest value. */
  max?: number;
  /** Default 640. */
  width?: number;
}

const colours = { text: '#0b0c0c', bar: '#1d70b8', axis: '#b1b4b6' } as const;
const labelHeight = 22;
const barHeight = 20;
const rowGap = 14;
const valueRoom = 150;
const longestLabel = 90;

function shortened(label: string): string {
  return label.length > longestLabel ? `${label.slice(0, longestLabel - 1).trimEnd()}…` : label;
}

/** The chart's description in words: every bar's label and figure. */
export function describeBars(bars: Bar[]): string {
  if (bars.length === 0) return 'No answers to show.';
  return `Bar chart. ${bars.map((b) => `${b.label}: ${b.text}.`).join(' ')}`;
}

export function barChartSvg(input: BarChartInput): string {
  const width = input.width ?? 640;
  const id = input.id.toLowerCase().replace(/[^a-z0-9-]+/g, '-');
  const titleId = `${id}-title`;
  const descId = `${id}-desc`;
  const rowHeight = labelHeight + barHeight + rowGap;
  const height = Math.max(rowHeight, input.bars.length * rowHeight) + 4;
  const largest = Math.max(0, ...input.bars.map((b) => b.value ?? 0));
  const max = input.max !== undefined && input.max > 0 ? input.max : largest;
  const room = width - valueRoom;
  const parts: string[] = [
    `<svg xmlns="http://www.w3.org/2000/svg" class="app-bar-chart" viewBox="0 0 ${width} ${height}" width="100%" height="${height}" preserveAspectRatio="xMinYMin meet" role="img" aria-labelledby="${titleId} ${descId}" focusable="false">`,
    `<title id="${titleId}">${escapeXml(input.title)}</title>`,
    `<desc id="${descId}">${escapeXml(describeBars(input.bars))}</desc>`,
    `<line x1="0.5" y1="0" x2="0.5" y2="${height}" stroke="${colours.axis}" stroke-width="1"/>`,
  ];
  input.bars.forEach((bar, index) => {
    const top = index * rowHeight;
    const length =
      bar.value === null || max === 0 ? 0 : Math.max(bar.value > 0 ? 2 : 0, (bar.value / max) * room);
    parts.push(
      `<text x="6" y="${top + 16}" font-family="arial, sans-serif" font-size="16" fill="${colours.text}">${escapeXml(shortened(bar.label))}</text>`,
    );
    if (length > 0)
      parts.push(
        `<rect x="1" y="${top + labelHeight}" width="${round(length)}" height="${barHeight}" fill="${colours.bar}"/>`,
      );
    parts.push(
      `<text x="${round(length + 8)}" y="${top + labelHeight + 15}" font-family="arial, sans-serif" font-size="16" font-weight="bold" fill="${colours.text}">${escapeXml(bar.text)}</text>`,
    );
  });
  parts.push('</svg>');
  return parts.join('');
}

function round(n: number): number {
  return Math.round(n * 10) / 10;
}
