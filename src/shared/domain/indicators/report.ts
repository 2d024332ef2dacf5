/**
 * The indicator table and an indicator's series, from the boards' facts (issue 6 §2–§4, §6, issue
 * 17). The server's routes and every device call these through a FactReader over the same facts,
 * so they agree; targets, definitions and the tree are applied here at read time, so a changed
 * target or a moved unit shows in history at once.
 *
 *  - indicatorReport: every node under the root (root first, then depth-first by name; a unit
 *    closed before the period starts is left out) × every definition in force at the ROOT. The
 *    column means the same everywhere (source, unit, direction and compare period from the root's
 *    definition), but each cell's target, tolerance and minimum n are the ones in force at THAT
 *    node (targets may differ per level and unit), also where a lower level hid the indicator.
 *  - indicatorSeries: `count` periods of `to`'s kind ending at `to`, for one node and key, with
 *    the run-chart median and signals.
 *  - Each cell is compared with its compare period (ranges.ts compareRange: only the days passed
 *    so far for a sum in the current period). A compare value resting on fewer than the node's
 *    minimum n is no baseline: no arrow, no Öka/Minska verdict, no "moved the right way" (the
 *    cell's compareValue, compareK and compareM are then null).
 * Load ranges (reportRange, seriesRange) live in ranges.ts.
 */
import { AppError } from '../../errors';
import { type CompactCell, type CompactIndicatorReport, expandCell, type IndicatorCell, type IndicatorDef, type IndicatorNode, type IndicatorReport, type IndicatorSeries, packCell, type PackedIndicatorReport, type SeriesPoint, targetTable } from '../../indicators-api';
import type { UnitId } from '../../schema/ids';
import type { RollupNode, TreeUnit } from '../rollup';
import type { DateRange } from '../facts/plan';
import { emptyFacts, type FactNeed, loadPooledFacts, type OwnReported, type PooledFacts, type RangeNeeds } from './facts';
import { METRIC_FAMILY } from './pool';
import { rangeKey } from '../facts/reader';
import { comparePeriodOf, compareRange, rangeOf, seriesPeriods } from './ranges';
import { defResolver, resolveDef, resolveDefs } from './resolve';
import { median, runSignals } from './run-rules';
import { ownLevelFacts } from './reported';
import { indicatorStatus, type SexPair, type StatusDef, trendArrow } from './status';
import type { Facts, IndicatorContext } from './types';
import { accumulates, reportingMetric, sourceValue } from './values';
import { sliceUsed, turn } from '../pace';

/** The date ranges a cell of `def` for `period` reads: the period and its compare period. */
function cellRanges(def: IndicatorDef, period: string, today: string): DateRange[] {
  return [rangeOf(period), compareRange(period, comparePeriodOf(period, def.compare), today, accumulates(def))];
}

/** What a cell of `def` reads of its compare range's facts (sourceValue): its metrics' families, the last fall, reported values. */
function needsOf(def: IndicatorDef): FactNeed[] {
  const s = def.source;
  if (s.kind === 'reported') return ['reported'];
  const metrics = s.kind === 'ratio' ? [s.num, s.den] : [s.metric];
  return metrics.flatMap((m): FactNeed[] => (m === 'safetyDaysSinceFall' ? ['safety', 'falls'] : [METRIC_FAMILY[m]]));
}

/**
 * What a report reads of each range (loadPeriodFacts' needs): its period's range everything (the
 * nodes' completeness and `expected` come from it), a compare range only what the cells compared
 * with it read. A year report's year to date last year serves the sums that grow with the days
 * (harm days): its BHK and staffing are not read (on 7 December, ~20,000 day rows of a region's).
 * A node's facts of a compare range are then partial, and no cell reads the rest.
 */
export function rangeNeeds(defs: readonly IndicatorDef[], period: string, today: string): RangeNeeds {
  const out = new Map<string, Set<FactNeed>>();
  for (const def of defs) {
    const [own, compare] = cellRanges(def, period, today) as [DateRange, DateRange];
    const key = rangeKey(compare);
    if (key === rangeKey(own)) continue;
    const set = out.get(key) ?? new Set<FactNeed>();
    for (const need of needsOf(def)) set.add(need);
    out.set(key, set);
  }
  return out;
}

/** What a report reads of its compare ranges: what its cells read (rangeNeeds), or everything (the check the tests hold it to). */
export type CompareReads = 'cells' | 'all';

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

/**
 * What every cell of one column (a definition at the root, for one period) shares: its period,
 * compare period and their trees of pooled facts. Prepared once per column, not per cell: a
 * region's table is ~17,000 cells (issue 17).
 */
interface Column {
  def: IndicatorDef;
  comparePeriod: string;
  range: DateRange;
  compare: DateRange;
  now: Map<string, RollupNode<Facts>>;
  before: Map<string, RollupNode<Facts>>;
  /** Each unit's own reported values of `range` and `compare` (nodeFacts: a measure reported at a level). */
  ownNow: OwnReported | undefined;
  ownBefore: OwnReported | undefined;
  metric: ReturnType<typeof reportingMetric>;
  /** statusDefOf's, by the node's definition. */
  statusDefs: Map<IndicatorDef, StatusDef>;
}

function columnOf(def: IndicatorDef, period: string, today: string, facts: PooledFacts): Column {
  const comparePeriod = comparePeriodOf(period, def.compare);
  const range = rangeOf(period);
  const compare = compareRange(period, comparePeriod, today, accumulates(def));
  return { def, comparePeriod, range, compare, now: facts(range), before: facts(compare), ownNow: facts.own(range), ownBefore: facts.own(compare), metric: reportingMetric(def), statusDefs: new Map() };
}

/**
 * A node's facts for a cell: pooled facts, except for a measure reported at a level, whose figure
 * is the node's own value only (reported.ts ownLevelFacts).
 */
function nodeFacts(def: IndicatorDef, nodeId: string, own: OwnReported | undefined, tree: Map<string, RollupNode<Facts>>): RollupNode<Facts> | undefined {
  if (def.source.kind === 'reported' && def.source.at === 'level') {
    return { unitId: nodeId, counts: ownLevelFacts(own, nodeId, def.key), expected: 1, reporting: 0 };
  }
  return tree.get(nodeId);
}

type Resolve = ReturnType<typeof defResolver>;

/** The rule a cell is judged by: the column's direction, the node's tolerance and minimum n (one per definition in force, not per cell). */
function statusDefOf(col: Column, nodeDef: IndicatorDef): StatusDef {
  let d = col.statusDefs.get(nodeDef);
  if (d === undefined) col.statusDefs.set(nodeDef, (d = { direction: col.def.direction, tolerance: nodeDef.tolerance, minN: nodeDef.minN }));
  return d;
}

/** Most figures have no split by sex: one pair of nulls serves all of them (only read). */
const NO_SEX: SexPair = Object.freeze({ now: null, before: null });
const sexPair = (now: number | null, before: number | null): SexPair => (now === null && before === null ? NO_SEX : { now, before });

/** A cell's figures, in the order of the compact form (indicators-api.ts CompactCell). */
function cellFigures(resolve: Resolve, col: Column, nodeId: string): CompactCell {
  const rootDef = col.def;
  const nodeDef = resolve(nodeId, rootDef.key, true) ?? rootDef;
  const now = nodeFacts(rootDef, nodeId, col.ownNow, col.now);
  const before = nodeFacts(rootDef, nodeId, col.ownBefore, col.before);
  const seen = before === undefined ? null : sourceValue(rootDef, before.counts);
  // A compare value on too few observations is no baseline (see the header).
  const c = seen !== null && seen.n >= nodeDef.minN ? seen : null;
  const v = sourceValue(rootDef, now?.counts ?? emptyFacts());
  const statusDef = statusDefOf(col, nodeDef);
  const k = sexPair(v.valueK, c?.valueK ?? null);
  const m = sexPair(v.valueM, c?.valueM ?? null);
  const { trend, improving } = trendArrow(rootDef, v.value, c?.value ?? null, k, m);
  const metric = col.metric;
  return [
    v.value,
    v.num,
    v.den,
    v.n,
    v.valueK,
    v.valueM,
    c?.value ?? null,
    c?.valueK ?? null,
    c?.valueM ?? null,
    indicatorStatus(statusDef, nodeDef.target, v.value, v.n, c?.value ?? null, k, m),
    trend,
    improving,
    nodeDef.target,
    metric === null ? (now?.counts.reported.get(rootDef.key)?.reporters ?? 0) : (now?.counts.reporting[metric] ?? 0),
    now?.expected ?? 0,
  ];
}

const cellOf = (resolve: Resolve, col: Column, nodeId: string): IndicatorCell => expandCell(cellFigures(resolve, col, nodeId), nodeId as UnitId, col.def.key, col.comparePeriod);

/** The report's definitions, nodes and columns, and its cells as `cell` makes them: node by node, each node's in `defs` order. */
async function reportTable<T>(ctx: IndicatorContext, period: string, cell: (resolve: Resolve, col: Column, nodeId: string) => T, reads: CompareReads = 'cells') {
  const range = rangeOf(period);
  const defs = resolveDefs(ctx.indicatorRows, ctx.units, ctx.rootId);
  const nodes = reportNodes(ctx.units, ctx.rootId, range.from);
  const facts = await loadPooledFacts(ctx, ctx.rootId, defs.flatMap((def) => cellRanges(def, period, ctx.today)), reads === 'cells' ? rangeNeeds(defs, period, ctx.today) : undefined);
  const resolve = defResolver(ctx.indicatorRows, ctx.units);
  const cells: T[] = [];
  // A region's table is ~17,000 cells: computed in slices, giving the event loop a turn between
  // them, so a server answering it still serves the tablets' pushes meanwhile (issue 17).
  const columns = defs.map((def) => columnOf(def, period, ctx.today, facts));
  for (const node of nodes) {
    // Per cell, not per node: the region's own cells pool every unit (a node's row was ~20 ms).
    for (const col of columns) {
      cells.push(cell(resolve, col, node.id));
      if (sliceUsed()) await turn();
    }
  }
  return { defs, nodes, columns, cells };
}

export async function indicatorReport(ctx: IndicatorContext, period: string, now: number): Promise<IndicatorReport> {
  const { defs, nodes, cells } = await reportTable(ctx, period, cellOf);
  return { rootId: ctx.rootId as UnitId, period, defs, nodes, cells, computedAt: new Date(now).toISOString() };
}

/**
 * The same report in the compact form (indicators-api.ts), its cells made as tuples: what
 * compactReport makes of indicatorReport's, without a region's 17,000 cell objects in between.
 */
export async function indicatorReportCompact(ctx: IndicatorContext, period: string, now: number, reads: CompareReads = 'cells'): Promise<CompactIndicatorReport> {
  const { defs, nodes, columns, cells } = await reportTable(ctx, period, cellFigures, reads);
  return { form: 'compact', rootId: ctx.rootId as UnitId, period, defs, comparePeriods: columns.map((c) => (cells.length > 0 ? c.comparePeriod : '')), nodes, cells, computedAt: new Date(now).toISOString() };
}

/** The same report in the packed form (indicators-api.ts), each cell packed as it is made. */
export async function indicatorReportPacked(ctx: IndicatorContext, period: string, now: number): Promise<PackedIndicatorReport> {
  const targets = targetTable();
  const { defs, nodes, columns, cells } = await reportTable(ctx, period, (resolve, col, nodeId) => packCell(cellFigures(resolve, col, nodeId), targets.index));
  return { form: 'packed', rootId: ctx.rootId as UnitId, period, defs, comparePeriods: columns.map((c) => (cells.length > 0 ? c.comparePeriod : '')), nodes, targets: targets.list, cells, computedAt: new Date(now).toISOString() };
}

export async function indicatorSeries(ctx: IndicatorContext, unitId: string, key: string, to: string, count: number, now: number): Promise<IndicatorSeries> {
  const def = resolveDef(ctx.indicatorRows, ctx.units, unitId, key);
  if (def === null) throw new AppError('not-found', { key }, ['key']);
  const periods = seriesPeriods(to, count);
  const facts = await loadPooledFacts(ctx, unitId, periods.flatMap((p) => cellRanges(def, p, ctx.today)));
  const targetValue = def.target !== null && (def.target.op === 'gte' || def.target.op === 'lte') ? (def.target.value ?? null) : null;
  const resolve = defResolver(ctx.indicatorRows, ctx.units);
  const points: SeriesPoint[] = periods.map((period) => {
    const cell = cellOf(resolve, columnOf(def, period, ctx.today, facts), unitId);
    return { period, value: cell.value, n: cell.n, status: cell.status, targetValue };
  });
  const med = median(points.map((p) => p.value));
  return { unitId: unitId as UnitId, key, def, points, median: med, signals: runSignals(points.map((p) => p.value), med), computedAt: new Date(now).toISOString() };
}
