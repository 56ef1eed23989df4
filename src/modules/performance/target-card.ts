import {
  directionNames,
  ragNames,
  trajectory,
  type Direction,
  type Rag,
} from '../../domain/target-status.ts';
import { renderTrendChart } from '../../domain/trend-chart.ts';
import { renderFiguresTable } from '../../domain/figures-table.ts';
import type { EvaluatedTarget } from './evaluation.ts';
import type { TargetWithContext } from './repository.ts';

/** Figures shown under a dashboard row's chart: the newest first. */
const recentFiguresShown = 8;

/**
 * What the dashboard shows of a target beyond its names: its status and yearly targets,
 * with its small trend chart and the table of figures behind it (drawn by
 * drawingsOf). Worked out and saved with the target's
 * status whenever its figures, its targets, its indicator or the place's thresholds
 * change, so a dashboard page reads twenty saved summaries instead of every figure
 * behind them, and prints twenty charts and tables instead of drawing them.
 */
export interface TargetSummary {
  rag: Rag;
  reason: string;
  latest: { period: string; value: number } | null;
  provisional: boolean;
  expected: number | null;
  direction: Direction;
  years: { year: number; label: string; value: number }[];
}

/** A dashboard row's chart (SVG) and the table of figures behind it (HTML), ready to print. */
export interface TargetDrawings {
  chart: string;
  figures: string;
}

/** A dashboard row: the target's names as they are now, and its summary. */
export interface TargetCard {
  id: number;
  row: TargetWithContext;
  blockName: string;
  dataArea: { id: number; name: string };
  status: Pick<TargetSummary, 'rag' | 'reason' | 'latest' | 'provisional' | 'expected'>;
  ragName: string;
  directionName: string;
  years: TargetSummary['years'];
  chart: string;
  figures: string;
}

export function summaryOf(target: EvaluatedTarget): TargetSummary {
  const { status } = target;
  return {
    rag: status.rag,
    reason: status.reason,
    latest:
      status.latest && status.latest.value !== null
        ? { period: status.latest.period, value: status.latest.value }
        : null,
    provisional: status.provisional,
    expected: status.expected,
    direction: status.direction,
    years: target.years,
  };
}

export function drawingsOf(target: EvaluatedTarget): TargetDrawings {
  return {
    chart: targetChart(target, true),
    figures: renderFiguresTable({
      caption: 'Latest figures and targets',
      unit: target.row.indicator_unit,
      figures: target.observations.slice(-recentFiguresShown).reverse(),
      years: target.years,
    }),
  };
}

/** The trend chart of a target: small for a dashboard row, full size for its own page. */
export function targetChart(target: EvaluatedTarget, compact: boolean): string {
  const inWard = target.dataArea.id !== target.row.area_id;
  return renderTrendChart({
    id: `target-${target.id}${compact ? '-small' : ''}`,
    title: `${target.row.indicator_code} ${target.row.indicator_title}${inWard ? `, ${target.dataArea.name}` : ''}`,
    unit: target.row.indicator_unit,
    actual: target.observations
      .filter((o): o is typeof o & { value: number } => o.value !== null)
      .map((o) => ({ date: o.date, value: o.value, provisional: o.provisional })),
    target: trajectory(target.definition),
    forecast: target.status.forecast?.points,
    compact,
    ...(compact ? { width: 240, height: 80 } : { width: 640, height: 300 }),
  });
}

export function cardOf(
  target: Pick<EvaluatedTarget, 'id' | 'row' | 'blockName' | 'dataArea'>,
  summary: TargetSummary,
  drawings: TargetDrawings,
): TargetCard {
  return {
    id: target.id,
    row: target.row,
    blockName: target.blockName,
    dataArea: target.dataArea,
    status: summary,
    ragName: ragNames[summary.rag],
    directionName: directionNames[summary.direction],
    years: summary.years,
    ...drawings,
  };
}

/** A dashboard row worked out from the figures now: for a ward's figures, or a target with no saved summary. */
export function liveCard(target: EvaluatedTarget): TargetCard {
  return cardOf(target, summaryOf(target), drawingsOf(target));
}
