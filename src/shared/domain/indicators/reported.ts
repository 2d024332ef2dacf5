/**
 * Reported measures (issue 13) in the indicator engine: the values managers and controllers type
 * in or import (schema/reported-value.ts) become sums per unit and measure, pooled up the tree like
 * every other fact (pool.ts addFacts), so a level's figure is Σ of its units' numerators over Σ of
 * their denominators, never an average of shares.
 *  - A value counts in a date range when its whole period (month, tertial, year) lies inside it,
 *    as HR months do: a tertial measure has no value for a month, a year measure none for a
 *    tertial ("Data saknas", never 0).
 *  - `at: 'unit'` measures: only leaf units' values are pooled (a level's own row would be counted
 *    twice). `at: 'level'` measures: the node's own value alone, never pooled (ownLevelFacts).
 *  - K and M: a pooled K (M) value exists only when every value in the pool has the split; a
 *    partial split would understate one sex.
 */
import type { IndicatorUnit, ReportedSource } from '../../schema/indicator';
import type { ReportedValue } from '../../schema/reported-value';
import type { DateRange } from '../facts/plan';
import { periodRange } from '../periods';
import { emptyFacts, emptyReportedSums } from './pool';
import type { Facts, ReportedSums } from './types';

/**
 * The dates of reported periods, worked out once each: a region's report asks for tens of
 * thousands of values' periods, of a few dozen distinct ones. Forgotten all at once past 10,000
 * (a process lives for months of requests).
 */
const PERIOD_DATES = new Map<string, { from: string; to: string }>();
function periodDates(period: string): { from: string; to: string } {
  let r = PERIOD_DATES.get(period);
  if (r === undefined) {
    const { from, to } = periodRange(period);
    if (PERIOD_DATES.size >= 10_000) PERIOD_DATES.clear();
    PERIOD_DATES.set(period, (r = { from, to }));
  }
  return r;
}

/** Whether a reported period lies wholly inside the range. */
export function periodInRange(period: string, range: DateRange): boolean {
  const r = periodDates(period);
  return r.from >= range.from && r.to <= range.to;
}

/**
 * Adds one value to a unit's sums of its measure, in place: the figure counts once (`units`), its
 * K/M parts when it has them. The one definition of what a value contributes: the device adds its
 * values with it (reportedSumsOf) and the server as it reads them (fact-ops.ts reportedSums), each
 * unit's in (measure, period) order, so both get the same doubles.
 */
export function addReportedValue(s: ReportedSums, num: number, den: number | null, numK: number | null, denK: number | null, numM: number | null, denM: number | null): void {
  s.units += 1;
  s.num += num;
  s.den += den ?? 0;
  if (numK !== null) {
    s.kUnits += 1;
    s.numK += numK;
    s.denK += denK ?? 0;
  }
  if (numM !== null) {
    s.mUnits += 1;
    s.numM += numM;
    s.denM += denM ?? 0;
  }
}

/**
 * Every reported period (year, tertial, month) that lies wholly inside one of `ranges`, with the
 * indices of the ranges it lies in: the only values a report of those ranges reads.
 */
export function reportedPeriodsIn(ranges: readonly DateRange[]): Map<string, number[]> {
  const out = new Map<string, number[]>();
  ranges.forEach((range, i) => {
    for (let y = Number(range.from.slice(0, 4)); y <= Number(range.to.slice(0, 4)); y++) {
      const year = String(y).padStart(4, '0');
      const periods = [year, `${year}-T1`, `${year}-T2`, `${year}-T3`, ...Array.from({ length: 12 }, (_, m) => `${year}-${String(m + 1).padStart(2, '0')}`)];
      for (const p of periods) {
        if (y < 1000 || !periodInRange(p, range)) continue;
        const list = out.get(p);
        if (list === undefined) out.set(p, [i]);
        else list.push(i);
      }
    }
  });
  return out;
}

/** Per unit (leaf or level), its sums per measure of one range (a unit reporting a measure counts as one reporter). */
export type ReportedSumsByUnit = Map<string, Map<string, ReportedSums>>;

/**
 * The sums per unit and measure of `values` for each of `ranges` (aligned with them): what a
 * report pools. A server reads them summed already (IndicatorContext.reportedSums).
 */
export function reportedSumsByRange(values: readonly ReportedValue[], ranges: readonly DateRange[]): ReportedSumsByUnit[] {
  const byUnit = new Map<string, ReportedValue[]>();
  for (const v of values) {
    const list = byUnit.get(v.unitId);
    if (list === undefined) byUnit.set(v.unitId, [v]);
    else list.push(v);
  }
  for (const list of byUnit.values()) list.sort(byMeasurePeriod);
  return ranges.map((range) => {
    const out: ReportedSumsByUnit = new Map();
    for (const [unitId, list] of byUnit) {
      const sums = sumsInOrder(list, range);
      if (sums.size > 0) out.set(unitId, sums);
    }
    return out;
  });
}

/** One unit's values in (measure, period) order; within a measure, which is all a sum depends on, the order of their ids. */
const byMeasurePeriod = (a: ReportedValue, b: ReportedValue): number =>
  a.measure !== b.measure ? (a.measure < b.measure ? -1 : 1) : a.period < b.period ? -1 : a.period > b.period ? 1 : 0;

/**
 * A unit's values inside the range, summed per measure. Rows are summed in period order so the
 * floating-point result does not depend on the order they arrive in (a server gives them in this
 * order already, so the sort is one pass).
 */
export function reportedSumsOf(values: readonly ReportedValue[], range: DateRange): Map<string, ReportedSums> {
  return sumsInOrder([...values].sort(byMeasurePeriod), range);
}

/** reportedSumsOf of values already in (measure, period) order. */
function sumsInOrder(sorted: readonly ReportedValue[], range: DateRange): Map<string, ReportedSums> {
  const out = new Map<string, ReportedSums>();
  for (const v of sorted) {
    if (!periodInRange(v.period, range)) continue;
    let s = out.get(v.measure);
    if (s === undefined) out.set(v.measure, (s = emptyReportedSums()));
    addReportedValue(s, v.num, v.den, v.numK, v.denK, v.numM, v.denM);
  }
  for (const s of out.values()) s.reporters = 1;
  return out;
}

/**
 * Facts holding only a node's own values of `measure` (an `at: 'level'` measure), not pooled:
 * `sums` are the range's sums per unit (loadPeriodFacts' UnitPeriodFacts.reported).
 */
export function ownLevelFacts(sums: ReadonlyMap<string, { reported?: ReadonlyMap<string, ReportedSums> }> | undefined, nodeId: string, measure: string): Facts {
  const f = emptyFacts();
  const s = sums?.get(nodeId)?.reported?.get(measure);
  if (s !== undefined) f.reported = new Map([[measure, { ...s }]]);
  return f;
}

export interface ReportedValueOut {
  value: number | null;
  num: number | null;
  den: number | null;
  n: number;
  valueK: number | null;
  valueM: number | null;
  /** Units (or the level itself) with a value behind the figure. */
  reporters: number;
}

const share = (num: number, den: number, unit: IndicatorUnit): number | null => (den > 0 ? (unit === 'pct' ? (num / den) * 100 : num / den) : null);

/**
 * The figure of a reported measure from pooled sums:
 *  - ratio: Σnum / Σden (×100 for pct); n = Σden;
 *  - count / value: Σnum; n = the number of values behind it. A `value` in % cannot be summed:
 *    it is shown only where it rests on one value (a level's own figure, a single unit).
 * Null when nothing was reported.
 */
export function reportedValue(src: ReportedSource, unit: IndicatorUnit, s: ReportedSums | undefined): ReportedValueOut {
  if (s === undefined || s.units === 0) return { value: null, num: null, den: null, n: 0, valueK: null, valueM: null, reporters: 0 };
  const fullK = s.kUnits === s.units;
  const fullM = s.mUnits === s.units;
  if (src.form === 'ratio') {
    return {
      value: share(s.num, s.den, unit),
      num: s.num,
      den: s.den,
      n: s.den,
      valueK: fullK ? share(s.numK, s.denK, unit) : null,
      valueM: fullM ? share(s.numM, s.denM, unit) : null,
      reporters: s.reporters,
    };
  }
  const summable = !(src.form === 'value' && unit === 'pct') || s.units === 1;
  return {
    value: summable ? s.num : null,
    num: summable ? s.num : null,
    den: null,
    n: s.units,
    valueK: summable && fullK ? s.numK : null,
    valueM: summable && fullM ? s.numM : null,
    reporters: s.reporters,
  };
}
