/**
 * The indicator table and an indicator's series, from raw facts (issue 6 §2–§4, §6). The server's
 * routes and a manager's device both call these on the same rows, so they agree; nothing computed
 * here is stored, so a changed target or a moved unit shows in history at once.
 *
 *  - indicatorReport: every node under the root (root first, then depth-first by name; a unit
 *    closed before the period starts is left out) × every definition in force at the ROOT. The
 *    column means the same everywhere (source, unit, direction and compare period from the root's
 *    definition), but each cell's target, tolerance and minimum n are the ones in force at THAT
 *    node (targets may differ per level and unit), also where a lower level hid the indicator.
 *  - indicatorSeries: `count` periods of `to`'s kind ending at `to`, for one node and key, with
 *    the run-chart median and signals.
 *  - reportRange / seriesRange: the dates of raw rows to load (compare periods included), and
 *    `eventsFrom`: safety events are needed FALL_LOOKBACK_DAYS (730) further back for "days since
 *    the last fall". HR months are wanted from from.slice(0, 7) to to.slice(0, 7).
 */
import { AppError } from '../../errors';
import type { IndicatorCell, IndicatorDef, IndicatorNode, IndicatorReport, IndicatorSeries, SeriesPoint } from '../../indicators-api';
import type { UnitId } from '../../schema/ids';
import type { Compare } from '../../schema/indicator';
import { addDays, periodRange, previousPeriod, samePeriodLastYear } from '../periods';
import type { RollupNode, TreeUnit } from '../rollup';
import { emptyFacts, FALL_LOOKBACK_DAYS, indexRows, treeFacts } from './facts';
import { resolveDef, resolveDefs } from './resolve';
import { median, runSignals } from './run-rules';
import { indicatorStatus, trendArrow } from './status';
import type { DateRange, Facts, IndicatorInput } from './types';
import { reportingMetric, sourceValue } from './values';

export interface LoadRange extends DateRange {
  /** Safety events from here (the last fall before the range). */
  eventsFrom: string;
}

/** The period a value is compared with, per the definition's `compare`. */
export const comparePeriodOf = (period: string, compare: Compare): string =>
  compare === 'previous' ? previousPeriod(period) : samePeriodLastYear(period);

/** periodRange with the error pointing at the `period` field. */
function rangeOf(period: string, field = 'period'): DateRange & { kind: string } {
  try {
    return periodRange(period);
  } catch {
    throw new AppError('validation', { period }, [field]);
  }
}

function loadRange(periods: readonly string[]): LoadRange {
  const ranges = periods.map((p) => rangeOf(p));
  const from = ranges.map((r) => r.from).sort()[0] as string;
  const to = ranges.map((r) => r.to).sort().at(-1) as string;
  return { from, to, eventsFrom: addDays(from, -FALL_LOOKBACK_DAYS) };
}

export function reportRange(period: string, defsCompare: readonly Compare[] = ['lastYear', 'previous']): LoadRange {
  rangeOf(period);
  return loadRange([period, ...defsCompare.map((c) => comparePeriodOf(period, c))]);
}

/** The `count` periods of `to`'s kind ending at `to`, oldest first. */
export function seriesPeriods(to: string, count: number): string[] {
  rangeOf(to, 'to');
  const out = [to];
  while (out.length < count) out.unshift(previousPeriod(out[0] as string));
  return out;
}

export function seriesRange(to: string, count: number): LoadRange {
  const periods = seriesPeriods(to, count);
  const first = periods[0] as string;
  return loadRange([...periods, samePeriodLastYear(first), previousPeriod(first)]);
}

/** Facts per node for a period, computed once per period. */
function factsCache(input: IndicatorInput, rootId: string): (period: string) => Map<string, RollupNode<Facts>> {
  const idx = indexRows(input);
  const cache = new Map<string, Map<string, RollupNode<Facts>>>();
  return (period) => {
    let f = cache.get(period);
    if (f === undefined) {
      f = treeFacts(input, rangeOf(period), idx, rootId);
      cache.set(period, f);
    }
    return f;
  };
}

/** Root first, then children depth-first in name order; units closed before `from` left out. */
export function reportNodes(units: readonly TreeUnit[], rootId: string, from: string): IndicatorNode[] {
  const children = new Map<string, TreeUnit[]>();
  for (const u of units) {
    if (u.parentId === null || u.id === rootId) continue;
    if (u.closedAt !== null && u.closedAt.slice(0, 10) < from) continue;
    children.set(u.parentId, [...(children.get(u.parentId) ?? []), u]);
  }
  const root = units.find((u) => u.id === rootId);
  if (root === undefined) return [];
  const out: IndicatorNode[] = [];
  const seen = new Set<string>();
  const visit = (u: TreeUnit, depth: number) => {
    if (seen.has(u.id)) return;
    seen.add(u.id);
    out.push({ id: u.id as UnitId, parentId: u.parentId as UnitId | null, kind: u.kind, name: u.name, depth });
    const kids = [...(children.get(u.id) ?? [])].sort((a, b) => a.name.localeCompare(b.name, 'sv') || (a.id < b.id ? -1 : 1));
    for (const k of kids) visit(k, depth + 1);
  };
  visit(root, 0);
  return out;
}

function cellOf(
  input: IndicatorInput,
  rootDef: IndicatorDef,
  nodeId: string,
  period: string,
  facts: (period: string) => Map<string, RollupNode<Facts>>,
): IndicatorCell {
  const nodeDef = resolveDef(input.indicatorRows, input.units, nodeId, rootDef.key, true) ?? rootDef;
  const now = facts(period).get(nodeId);
  const comparePeriod = comparePeriodOf(period, rootDef.compare);
  const before = facts(comparePeriod).get(nodeId);
  const v = sourceValue(rootDef, now?.counts ?? emptyFacts());
  const c = before === undefined ? null : sourceValue(rootDef, before.counts);
  const statusDef = { direction: rootDef.direction, tolerance: nodeDef.tolerance, minN: nodeDef.minN };
  const { trend, improving } = trendArrow(rootDef, v.value, c?.value ?? null, { now: v.valueK, before: c?.valueK ?? null }, { now: v.valueM, before: c?.valueM ?? null });
  const metric = reportingMetric(rootDef);
  return {
    unitId: nodeId as UnitId,
    key: rootDef.key,
    value: v.value,
    num: v.num,
    den: v.den,
    n: v.n,
    valueK: v.valueK,
    valueM: v.valueM,
    comparePeriod,
    compareValue: c?.value ?? null,
    compareK: c?.valueK ?? null,
    compareM: c?.valueM ?? null,
    status: indicatorStatus(statusDef, nodeDef.target, v.value, v.n, c?.value ?? null),
    trend,
    improving,
    target: nodeDef.target,
    reporting: now?.counts.reporting[metric] ?? 0,
    expected: now?.expected ?? 0,
  };
}

export function indicatorReport(input: IndicatorInput, period: string, now: number): IndicatorReport {
  const range = rangeOf(period);
  const defs = resolveDefs(input.indicatorRows, input.units, input.rootId);
  const nodes = reportNodes(input.units, input.rootId, range.from);
  const facts = factsCache(input, input.rootId);
  const cells = nodes.flatMap((node) => defs.map((def) => cellOf(input, def, node.id, period, facts)));
  return { rootId: input.rootId as UnitId, period, defs, nodes, cells, computedAt: new Date(now).toISOString() };
}

export function indicatorSeries(input: IndicatorInput, unitId: string, key: string, to: string, count: number, now: number): IndicatorSeries {
  const def = resolveDef(input.indicatorRows, input.units, unitId, key);
  if (def === null) throw new AppError('not-found', { key }, ['key']);
  const facts = factsCache(input, unitId);
  const targetValue = def.target !== null && (def.target.op === 'gte' || def.target.op === 'lte') ? (def.target.value ?? null) : null;
  const points: SeriesPoint[] = seriesPeriods(to, count).map((period) => {
    const cell = cellOf(input, def, unitId, period, facts);
    return { period, value: cell.value, n: cell.n, status: cell.status, targetValue };
  });
  const med = median(points.map((p) => p.value));
  return { unitId: unitId as UnitId, key, def, points, median: med, signals: runSignals(points.map((p) => p.value), med), computedAt: new Date(now).toISOString() };
}
