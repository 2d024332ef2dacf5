/**
 * The run chart's data in uPlot's columnar form, and the run-rule signals in words. Pure and
 * unit-tested; the chart component only hands the columns to uPlot.
 *
 * Columns: [x, value, target, median, shift points, trend points]. x is the period's index
 * (periods are evenly spaced whatever their kind; ticks are labelled with the period). A period
 * without a value is null in every value column, so uPlot leaves a gap and never draws a 0.
 * The shift and trend columns hold the value only at points inside a signal (drawn as marked
 * points over the line), else null.
 */
import type { IndicatorSeries, RunSignal } from '../../../shared/indicators-api';
import type { IndicatorUnit } from '../../../shared/schema/indicator';

export type SeriesColumns = [number[], (number | null)[], (number | null)[], (number | null)[], (number | null)[], (number | null)[]];

function inSignal(signals: readonly RunSignal[], kind: RunSignal['kind'], i: number): boolean {
  return signals.some((s) => s.kind === kind && i >= s.from && i <= s.to);
}

export function seriesColumns(series: Pick<IndicatorSeries, 'points' | 'median' | 'signals'>): SeriesColumns {
  const cols: SeriesColumns = [[], [], [], [], [], []];
  series.points.forEach((p, i) => {
    cols[0].push(i);
    cols[1].push(p.value);
    cols[2].push(p.targetValue);
    cols[3].push(series.median);
    cols[4].push(p.value !== null && inSignal(series.signals, 'shift', i) ? p.value : null);
    cols[5].push(p.value !== null && inSignal(series.signals, 'trend', i) ? p.value : null);
  });
  return cols;
}

/** The y range: from 0 (or below, for negative values) to above the highest value, target or median (100 % near the top, so a target line never sits on the edge). */
export function yRange(cols: SeriesColumns, unit: IndicatorUnit): [number, number] {
  const vals = [...cols[1], ...cols[2], ...cols[3]].filter((v): v is number => v !== null);
  const max = vals.length === 0 ? 0 : Math.max(...vals);
  const min = vals.length === 0 ? 0 : Math.min(0, ...vals);
  if (unit === 'pct') return [min, max > 85 ? Math.max(100, max) : Math.max(10, Math.ceil((max + 1) / 10) * 10)];
  return [min, Math.max(5, Math.ceil((max * 1.1) / 5) * 5)];
}

export interface SignalLine {
  kind: RunSignal['kind'];
  side: RunSignal['side'];
  /** Points with a value inside the signal. */
  n: number;
  fromPeriod: string;
  toPeriod: string;
}

/** One line per signal, in series order: what it is, how many points, from which period to which. */
export function signalLines(series: Pick<IndicatorSeries, 'points' | 'signals'>): SignalLine[] {
  return [...series.signals]
    .sort((a, b) => a.from - b.from || a.kind.localeCompare(b.kind))
    .map((s) => ({
      kind: s.kind,
      side: s.side,
      n: series.points.slice(s.from, s.to + 1).filter((p) => p.value !== null).length,
      fromPeriod: series.points[s.from]?.period ?? '',
      toPeriod: series.points[s.to]?.period ?? '',
    }));
}

/** Per point: which signals it is part of ('shift', 'trend', both or none), for the table. */
export function pointSignals(series: Pick<IndicatorSeries, 'points' | 'signals'>): ('shift' | 'trend')[][] {
  return series.points.map((p, i) =>
    p.value === null ? [] : (['shift', 'trend'] as const).filter((k) => inSignal(series.signals, k, i)),
  );
}
