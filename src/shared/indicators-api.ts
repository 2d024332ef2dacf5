/**
 * Indicator routes (issue 6). The server answers them from raw facts with the shared functions
 * in domain/indicators/, and a manager's device computes the same answers offline from its
 * replica (a manager's device holds its whole read scope), so both sides parse these shapes.
 *
 *   GET /api/indicators/report?rootId=…&period=…   IndicatorReport: every node under rootId × every indicator in force;
 *       with &form=compact the same report as CompactIndicatorReport; with &form=packed as
 *       PackedIndicatorReport (the app asks for that)
 *   GET /api/indicators/series?unitId=…&key=…&to=…&count=…   IndicatorSeries: one indicator at one node, `count` periods ending at `to`
 *   GET /api/indicators/config?unitId=…   IndicatorConfigResponse: indicator rows on unitId's ancestors (outside a
 *       device's replica), which the device caches to resolve definitions offline
 *   GET /api/export/indicators.csv?rootId=…&period=…   text/csv (UTF-8 BOM, `;`, CRLF, Swedish headers);
 *       with Accept: application/json `{filename, csv}`
 * `period` is a period key: week `2026-W47`, month `2026-11`, tertial `2026-T3`, year `2026`.
 */
import { z } from 'zod/mini';
import { inQueryYears, UnitId } from './schema/ids';
import {
  Compare,
  Direction,
  Indicator,
  IndicatorKey,
  IndicatorSource,
  IndicatorTarget,
  IndicatorUnit,
  LongTermTarget,
  Perspective,
  Tolerance,
  IndicatorPeriod,
} from './schema/indicator';
import { UnitKind } from './schema/org-unit';

export const PeriodKey = z.string().check(z.regex(/^\d{4}(-W\d{2}|-\d{2}|-T[1-3])?$/), inQueryYears);

export const IndicatorReportQuery = z.strictObject({ rootId: UnitId, period: PeriodKey });
/** The report route's query: `form=compact` asks for CompactIndicatorReport, `form=packed` for PackedIndicatorReport. */
export const IndicatorReportRouteQuery = z.strictObject({ rootId: UnitId, period: PeriodKey, form: z.optional(z.enum(['compact', 'packed'])) });

/**
 * The longest series of each period kind (issue 18: 60 years blocked the event loop for a
 * second). No series reaches back more than six years, and weeks at most two; the app asks for
 * 26 weeks, 24 months, 12 tertials or 6 years (features/indicators/period.ts).
 */
export const MAX_SERIES_COUNT: Readonly<Record<IndicatorPeriod, number>> = { week: 104, month: 60, tertial: 18, year: 6 };
const DEFAULT_SERIES_COUNT = 13;
const seriesKind = (to: string): IndicatorPeriod => (to.includes('-W') ? 'week' : to.includes('-T') ? 'tertial' : to.length === 7 ? 'month' : 'year');

export const IndicatorSeriesQuery = z
  .strictObject({
    unitId: UnitId,
    key: IndicatorKey,
    to: PeriodKey,
    count: z.optional(z.coerce.number().check(z.int(), z.gte(2), z.lte(MAX_SERIES_COUNT.week))),
  })
  .check(
    z.refine((q) => q.count === undefined || q.count <= MAX_SERIES_COUNT[seriesKind(q.to)], { path: ['count'] }),
    // Without a count: 13 periods, or fewer where the kind allows fewer (6 years).
    z.overwrite((q) => ({ ...q, count: q.count ?? Math.min(DEFAULT_SERIES_COUNT, MAX_SERIES_COUNT[seriesKind(q.to)]) })),
  );
export const IndicatorConfigQuery = z.strictObject({ unitId: UnitId });

/** ● uppfyllt · ▲ delvis · ◆ ej uppfyllt · □ ej mätbart (no data, n below minimum, no baseline, no target). */
export const INDICATOR_STATUSES = ['met', 'partial', 'notMet', 'unmeasurable'] as const;
export const IndicatorStatus = z.enum(INDICATOR_STATUSES);
export type IndicatorStatus = z.infer<typeof IndicatorStatus>;

/** ↑ ↓ → (change under 1 unit: 1 pp for %), ↕ when K and M moved opposite ways, none = nothing to compare. */
export const TREND_ARROWS = ['up', 'down', 'flat', 'diverging', 'none'] as const;
export const TrendArrow = z.enum(TREND_ARROWS);
export type TrendArrow = z.infer<typeof TrendArrow>;

/** A definition as in force at one node (defaults + rows from the root down). */
export const IndicatorDef = z.strictObject({
  key: IndicatorKey,
  name: z.strictObject({ sv: z.string(), en: z.string() }),
  perspective: Perspective,
  source: IndicatorSource,
  unit: IndicatorUnit,
  direction: Direction,
  target: z.nullable(IndicatorTarget),
  longTermTarget: z.nullable(LongTermTarget),
  tolerance: Tolerance,
  minN: z.number(),
  period: IndicatorPeriod,
  compare: Compare,
  order: z.number(),
  /** Whether this is a built-in indicator (its row may only override fields). */
  builtIn: z.boolean(),
});
export type IndicatorDef = z.infer<typeof IndicatorDef>;

const Num = z.nullable(z.number());

export const IndicatorCell = z.strictObject({
  unitId: UnitId,
  key: IndicatorKey,
  /** In display units (pct 0–100); null when there is nothing to show. */
  value: Num,
  num: Num,
  den: Num,
  /** Observations behind the value (the denominator for ratios); compared with minN. */
  n: z.number(),
  /** Split by sex where the source has it (HR kvot), else null. */
  valueK: Num,
  valueM: Num,
  /**
   * The period compared with (per `compare`) and its value. In the current period an additive
   * count is compared with the same number of elapsed days of the compare period ("hittills");
   * the value is null when the compare period rests on fewer observations than minN.
   */
  comparePeriod: z.string(),
  compareValue: Num,
  compareK: Num,
  compareM: Num,
  status: IndicatorStatus,
  trend: TrendArrow,
  /** Whether the arrow points the good way for this indicator (null for flat/none/diverging). */
  improving: z.nullable(z.boolean()),
  /** The target in force at this node (targets may differ per level and unit). */
  target: z.nullable(IndicatorTarget),
  /** Leaf units with data for this indicator in the period, of the open leaf units under the node. */
  reporting: z.number(),
  expected: z.number(),
});
export type IndicatorCell = z.infer<typeof IndicatorCell>;

export const IndicatorNode = z.strictObject({
  id: UnitId,
  parentId: z.nullable(UnitId),
  kind: UnitKind,
  name: z.string(),
  /** 0 for the root. */
  depth: z.number(),
});
export type IndicatorNode = z.infer<typeof IndicatorNode>;

export const IndicatorReport = z.strictObject({
  rootId: UnitId,
  period: PeriodKey,
  /** Definitions in force at the root, in display order (hidden ones left out). */
  defs: z.array(IndicatorDef),
  /** Root first, then depth-first in name order. */
  nodes: z.array(IndicatorNode),
  /** One per node × def. */
  cells: z.array(IndicatorCell),
  /** When the figures were computed (ISO instant). */
  computedAt: z.string(),
});
export type IndicatorReport = z.infer<typeof IndicatorReport>;

/**
 * The report in the compact form (issue 17; the app's until the packed form below): a region's
 * table is ~1,556 nodes × 11 indicators, ~17,000 cells, and as objects every cell repeats its 20
 * field names, its unit, its key and its column's compare period (a region's month 5.4 MB). Here
 * cells are tuples in the report's own order (node by node, each node's cells in `defs` order), the
 * unit and key implied by the position and the compare period given once per column: 1.9 MB, and
 * much less for a phone to parse and check.
 * expandReport gives back exactly the IndicatorReport (tests/server/compact-answers.test.ts).
 */
const CompactCell = z.tuple([
  Num, // value
  Num, // num
  Num, // den
  z.number(), // n
  Num, // valueK
  Num, // valueM
  Num, // compareValue
  Num, // compareK
  Num, // compareM
  IndicatorStatus,
  TrendArrow,
  z.nullable(z.boolean()), // improving
  z.nullable(IndicatorTarget),
  z.number(), // reporting
  z.number(), // expected
]);
export type CompactCell = z.infer<typeof CompactCell>;

/** What the compact and packed forms say besides their cells. */
const TUPLE_FORM_HEAD = {
  rootId: UnitId,
  period: PeriodKey,
  defs: z.array(IndicatorDef),
  /** Per def (same order): the period its column is compared with. */
  comparePeriods: z.array(z.string()),
  nodes: z.array(IndicatorNode),
  computedAt: z.string(),
};

export const CompactIndicatorReport = z.strictObject({ form: z.literal('compact'), ...TUPLE_FORM_HEAD, cells: z.array(CompactCell) });
export type CompactIndicatorReport = z.infer<typeof CompactIndicatorReport>;

/** The report in compact form; throws if its cells are not node × def in order (they always are). */
export function compactReport(r: IndicatorReport): CompactIndicatorReport {
  const width = r.defs.length;
  const comparePeriods = r.defs.map((d, i) => r.cells[i]?.comparePeriod ?? '');
  const cells = r.cells.map((c, i): CompactCell => {
    const node = r.nodes[Math.floor(i / width)];
    const def = r.defs[i % width];
    if (c.unitId !== node?.id || c.key !== def?.key || c.comparePeriod !== comparePeriods[i % width]) throw new Error(`cell ${i} is out of order`);
    return [c.value, c.num, c.den, c.n, c.valueK, c.valueM, c.compareValue, c.compareK, c.compareM, c.status, c.trend, c.improving, c.target, c.reporting, c.expected];
  });
  if (cells.length !== r.nodes.length * width) throw new Error('cells are not one per node and definition');
  return { form: 'compact', rootId: r.rootId, period: r.period, defs: r.defs, comparePeriods, nodes: r.nodes, cells, computedAt: r.computedAt };
}

/** The IndicatorReport a compact one stands for. */
export function expandReport(c: CompactIndicatorReport): IndicatorReport {
  return expandTuples(c, c.cells, 'a compact report', (t) => t);
}

/** A tuple form's report as objects: `unpack` gives each cell's compact tuple (used for that cell only). */
function expandTuples<T>(r: Omit<CompactIndicatorReport, 'form' | 'cells'>, tuples: readonly T[], what: string, unpack: (t: T, i: number) => CompactCell): IndicatorReport {
  const width = r.defs.length;
  if (tuples.length !== r.nodes.length * width || r.comparePeriods.length !== width) throw new Error(`${what} needs one cell per node and definition`);
  const cells = tuples.map((t, i) => expandCell(unpack(t, i), (r.nodes[Math.floor(i / width)] as IndicatorNode).id, (r.defs[i % width] as IndicatorDef).key, r.comparePeriods[i % width] as string));
  return { rootId: r.rootId, period: r.period, defs: r.defs, nodes: r.nodes, cells, computedAt: r.computedAt };
}

/** The IndicatorCell a compact one stands for, at its node and column. */
export function expandCell(t: CompactCell, unitId: UnitId, key: string, comparePeriod: string): IndicatorCell {
  const [value, num, den, n, valueK, valueM, compareValue, compareK, compareM, status, trend, improving, target, reporting, expected] = t;
  return { unitId, key, value, num, den, n, valueK, valueM, comparePeriod, compareValue, compareK, compareM, status, trend, improving, target, reporting, expected };
}

/**
 * The report as the app asks for it (`form=packed`): the compact form with less to write, send and
 * parse. In a region's month report (1,556 nodes × 11 indicators) every compact cell repeated its
 * target object (~22 of its ~103 bytes; the report has 6 distinct targets) and four nulls for a
 * split by sex that only the HR kvot and reported measures with K/M have (~20 bytes). Here:
 * - each distinct target is written once, in `targets`, and a cell names its own by index;
 * - a cell has 11 figures, or 15 when it has a split by sex (any of valueK, valueM, compareK, compareM).
 * A region's month report: 1.9 → 1.2 MB of JSON (gzipped 261 → 220 KB), JSON.parse ~14 → ~9 ms
 * here. The compact form stays for apps cached before this one.
 * expandPackedReport gives back exactly the IndicatorReport (tests/server/compact-answers.test.ts).
 */
const PackedFigures = [
  Num, // value
  Num, // num
  Num, // den
  z.number(), // n
  Num, // compareValue
  IndicatorStatus,
  TrendArrow,
  z.nullable(z.boolean()), // improving
  z.int(), // target: index into `targets`
  z.number(), // reporting
  z.number(), // expected
] as const;
const PackedCell = z.union([z.tuple([...PackedFigures]), z.tuple([...PackedFigures, Num, Num, Num, Num])]); // + valueK, valueM, compareK, compareM
export type PackedCell = z.infer<typeof PackedCell>;

export const PackedIndicatorReport = z.strictObject({
  form: z.literal('packed'),
  ...TUPLE_FORM_HEAD,
  /** The distinct targets of the cells (null: none), each once. */
  targets: z.array(z.nullable(IndicatorTarget)),
  cells: z.array(PackedCell),
});
export type PackedIndicatorReport = z.infer<typeof PackedIndicatorReport>;

/** The targets of a packed report as its cells are made: each distinct one once, by index. */
export function targetTable(): { index: (t: IndicatorTarget | null) => number; list: (IndicatorTarget | null)[] } {
  const list: (IndicatorTarget | null)[] = [];
  // A definition's target is one object for all its cells: looked up by identity first, by its JSON once per object.
  const byObject = new Map<IndicatorTarget | null, number>();
  const byText = new Map<string, number>();
  const index = (t: IndicatorTarget | null): number => {
    let i = byObject.get(t);
    if (i !== undefined) return i;
    const text = JSON.stringify(t);
    i = byText.get(text);
    if (i === undefined) {
      i = list.push(t) - 1;
      byText.set(text, i);
    }
    byObject.set(t, i);
    return i;
  };
  return { index, list };
}

/** A compact cell packed, its target given by `target` (targetTable's index). */
export function packCell(t: CompactCell, target: (t: IndicatorTarget | null) => number): PackedCell {
  const [value, num, den, n, valueK, valueM, compareValue, compareK, compareM, status, trend, improving, tg, reporting, expected] = t;
  const figures: PackedCell = [value, num, den, n, compareValue, status, trend, improving, target(tg), reporting, expected];
  return valueK === null && valueM === null && compareK === null && compareM === null ? figures : [...figures, valueK, valueM, compareK, compareM];
}

/** The compact report packed (the server makes the packed one directly: report.ts indicatorReportPacked). */
export function packReport(c: CompactIndicatorReport): PackedIndicatorReport {
  const targets = targetTable();
  const cells = c.cells.map((t) => packCell(t, targets.index));
  return { form: 'packed', rootId: c.rootId, period: c.period, defs: c.defs, comparePeriods: c.comparePeriods, nodes: c.nodes, targets: targets.list, cells, computedAt: c.computedAt };
}

/** The IndicatorReport a packed one stands for. */
export function expandPackedReport(p: PackedIndicatorReport): IndicatorReport {
  // Each cell unpacked into one tuple used again for the next (expandCell keeps none of it).
  const t = new Array(15).fill(null) as unknown as CompactCell;
  return expandTuples(p, p.cells, 'a packed report', (c, i) => {
    const target = p.targets[c[8]];
    if (target === undefined) throw new Error(`cell ${i} names target ${c[8]}, of ${p.targets.length}`);
    const split = c.length === 15;
    t[0] = c[0];
    t[1] = c[1];
    t[2] = c[2];
    t[3] = c[3];
    t[4] = split ? c[11] : null;
    t[5] = split ? c[12] : null;
    t[6] = c[4];
    t[7] = split ? c[13] : null;
    t[8] = split ? c[14] : null;
    t[9] = c[5];
    t[10] = c[6];
    t[11] = c[7];
    t[12] = target;
    t[13] = c[9];
    t[14] = c[10];
    return t;
  });
}

export const SeriesPoint = z.strictObject({
  period: z.string(),
  value: Num,
  n: z.number(),
  status: IndicatorStatus,
  /** Fixed target value in display units at that period, null for none or Öka/Minska. */
  targetValue: Num,
});
export type SeriesPoint = z.infer<typeof SeriesPoint>;

/** Run-chart signals (indices into points): shift = ≥ 6 consecutive points on one side of the median, trend = ≥ 5 consecutive rising or falling. */
export const RunSignal = z.strictObject({
  kind: z.enum(['shift', 'trend']),
  from: z.number(),
  to: z.number(),
  /** shift: above/below the median; trend: up/down. */
  side: z.enum(['above', 'below', 'up', 'down']),
});
export type RunSignal = z.infer<typeof RunSignal>;

export const IndicatorSeries = z.strictObject({
  unitId: UnitId,
  key: IndicatorKey,
  def: IndicatorDef,
  points: z.array(SeriesPoint),
  /** Median of the non-null values, null when fewer than 2. */
  median: Num,
  signals: z.array(RunSignal),
  computedAt: z.string(),
});
export type IndicatorSeries = z.infer<typeof IndicatorSeries>;

export const IndicatorConfigResponse = z.strictObject({ rows: z.array(Indicator) });
export type IndicatorConfigResponse = z.infer<typeof IndicatorConfigResponse>;
