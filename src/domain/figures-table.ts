/**
 * The table behind a dashboard row's trend chart: the latest figures, newest first, then
 * the yearly targets. Drawn in code, as the chart is, so both can be saved with a target's
 * status and a dashboard page prints them rather than working them out again.
 *
 * Pure: no I/O. GOV.UK Frontend table markup; every piece of text is escaped.
 */
import { escapeXml } from './structure-map.ts';
import { formatValue } from './target-status.ts';

export interface FiguresTableInput {
  caption: string;
  /** The indicator's unit, named in the value column's heading. */
  unit: string | null;
  /** Newest first; a figure without a value says so, with its note if it has one. */
  figures: { period: string; value: number | null; provisional: boolean; note: string | null }[];
  years: { label: string; value: number }[];
}

const row = (period: string, value: string) =>
  `<tr class="govuk-table__row"><td class="govuk-table__cell">${period}</td><td class="govuk-table__cell govuk-table__cell--numeric">${value}</td></tr>`;

function valueText(figure: FiguresTableInput['figures'][number]): string {
  if (figure.value === null) return figure.note ? `No value: ${escapeXml(figure.note)}` : 'No value';
  return `${formatValue(figure.value)}${figure.provisional ? ' (provisional)' : ''}`;
}

export function renderFiguresTable({ caption, unit, figures, years }: FiguresTableInput): string {
  const body = [
    ...(figures.length
      ? figures.map((f) => row(escapeXml(f.period), valueText(f)))
      : ['<tr class="govuk-table__row"><td class="govuk-table__cell" colspan="2">No figures yet</td></tr>']),
    ...years.map((y) => row(`Target for ${escapeXml(y.label)}`, formatValue(y.value))),
  ];
  return (
    `<table class="govuk-table app-figures"><caption class="govuk-table__caption govuk-table__caption--s">${escapeXml(caption)}</caption>` +
    `<thead class="govuk-table__head"><tr class="govuk-table__row"><th scope="col" class="govuk-table__header">Period</th>` +
    `<th scope="col" class="govuk-table__header govuk-table__header--numeric">Value${unit ? ` (${escapeXml(unit)})` : ''}</th></tr></thead>` +
    `<tbody class="govuk-table__body">${body.join('')}</tbody></table>`
  );
}
