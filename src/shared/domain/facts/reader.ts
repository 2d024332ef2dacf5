/**
 * What the figures read from facts, for the subtree of one root. The server answers it with SQL
 * over its fact tables (server/facts/reader.ts), a manager's device from the fact blocks it pulled,
 * a unit's device and the tests from facts computed out of raw rows (memoryReader). The figures'
 * functions (shared/domain/*) are written once against this interface, so all three agree: the
 * reader only adds up stored numbers, it never defines a figure.
 *
 * Every sum is Σ over the family's day rows in the range (plan.ts decides where month rows stand
 * in for whole months). Units outside the subtree never appear; a unit without rows is absent.
 */
import type { HrMonth } from '../../schema/hr-month';
import { addVectors, type Family, type FactRow, fieldIndex, zeroVector } from './families';
import { type DateRange, type PlanOptions, planRanges, type Segment, usesCumulative } from './plan';
import { sliceUsed, turn } from '../pace';
import { dayNumber } from '../periods';

/** unit → key → vector ('' as the only key when keys are collapsed). */
export type UnitSums = Map<string, Map<string, number[]>>;

/**
 * A unit's days of a range [from, to], keys collapsed: day i (i = 0 is `from`) has a row when
 * has[i] is 1, and its fields (the `fields` asked for, in that order) at v[i * width + j]. One
 * grid a unit, not a map of day vectors: a region's month is ~47,000 days, and as a string and an
 * array each they were most of what Gröna korset's roll-up cost the server (issue 17).
 */
export interface DayGrid {
  readonly has: Uint8Array;
  readonly v: Float64Array;
}

/** unit → its DayGrid. */
export type UnitDays = Map<string, DayGrid>;

/** An empty grid of `days` days of `width` fields. */
export const emptyDayGrid = (days: number, width: number): DayGrid => ({ has: new Uint8Array(days), v: new Float64Array(days * width) });

/**
 * Empty grids of `days` days of `width` fields, one a call, carved out of buffers of `chunk` grids:
 * a typed array of its own per unit is a separate allocation the collector tracks, and a region's
 * 1,500 of them were a good part of a roll-up's collection time.
 */
export function dayGrids(days: number, width: number, chunk = 256): () => DayGrid {
  let has = new Uint8Array(0);
  let v = new Float64Array(0);
  let next = chunk;
  return () => {
    if (next === chunk) {
      has = new Uint8Array(chunk * days);
      v = new Float64Array(chunk * days * width);
      next = 0;
    }
    const i = next++;
    return { has: has.subarray(i * days, (i + 1) * days), v: v.subarray(i * days * width, (i + 1) * days * width) };
  };
}

export interface FactReader {
  /**
   * Per range (same order): per unit (and key, unless `collapse`) the family's sum. With `fields`,
   * only those need be summed: a reader may leave the vector's other fields 0 (the server's SQL
   * then sums 4 of BHK's 20 columns for the indicators; a device sums them all, it costs nothing).
   */
  sums(family: Family, ranges: readonly DateRange[], collapse: boolean, fields?: readonly string[]): Promise<UnitSums[]>;
  /** The family's days in [from, to], keys collapsed: per unit its `fields` a day (DayGrid). */
  days(family: Family, from: string, to: string, fields: readonly string[]): Promise<UnitDays>;
  /** Per day in [from, to]: the family's sum over the whole subtree (keys collapsed). */
  byDay(family: Family, from: string, to: string): Promise<Map<string, number[]>>;
  /**
   * Per range (same order): unit → its latest day in [from, to] with a fall (safety day rows with
   * falls > 0); units without one are absent. "Days since the last fall" needs this one day per
   * unit, not every fall day of the look-back (a region's two years: ~14,000 days).
   */
  lastFalls(ranges: readonly DateRange[]): Promise<Map<string, string>[]>;
  /** HR months of the subtree's units (any level) from fromMonth to toMonth, inclusive. */
  hrMonths(fromMonth: string, toMonth: string): Promise<HrMonth[]>;
  /**
   * Throws when the reader cannot answer for these ranges at all (a device's fact window: its
   * reported values come from the same blocks). A report asks for all its ranges first, also the
   * ones of which it reads no board's facts (indicators/facts.ts loadPeriodFacts).
   */
  covers?(ranges: readonly DateRange[]): void;
}

export const rangeKey = (r: DateRange): string => `${r.from}/${r.to}`;

/**
 * Adds `v` into sums[unit][key]. The sums own their vectors (a copy of the first `v`), so later
 * additions go in place and the caller may use `v` again.
 */
export function addInto(sums: UnitSums, unitId: string, key: string, v: readonly number[]): void {
  let byKey = sums.get(unitId);
  if (byKey === undefined) sums.set(unitId, (byKey = new Map()));
  const cur = byKey.get(key);
  if (cur === undefined) byKey.set(key, [...v]);
  else for (let i = 0; i < cur.length; i++) cur[i] = (cur[i] as number) + (v[i] ?? 0);
}

/**
 * Σ of the given segments' sums (per segment, as memoryReader sums a device's fact rows; the
 * server's store adds them into the ranges itself as its rows come, fact-ops sumSegments). A
 * segment no other range reads is taken as it is (its vectors are the reader's own copies) and the
 * range's other segments are added into it; the rest is added up in slices (pace.ts): a region's
 * BHK by key is ~11,000 vectors a segment, too many to copy for nothing.
 */
export async function combineSegments(perSegment: readonly UnitSums[], parts: readonly number[][]): Promise<UnitSums[]> {
  const uses = new Map<number, number>();
  for (const idx of parts) for (const i of idx) uses.set(i, (uses.get(i) ?? 0) + 1);
  const out: UnitSums[] = [];
  for (const idx of parts) {
    const own = idx.find((i) => uses.get(i) === 1 && perSegment[i] !== undefined);
    const sum: UnitSums = own === undefined ? new Map() : (perSegment[own] as UnitSums);
    for (const i of idx) {
      if (i === own) continue;
      for (const [unitId, byKey] of perSegment[i] ?? new Map()) {
        for (const [key, v] of byKey) addInto(sum, unitId, key, v);
        // A look at the clock per unit, an await only once the slice is used (an await per unit
        // is a promise each: ~28,000 for a region's year report).
        if (sliceUsed()) await turn();
      }
    }
    out.push(sum);
  }
  return out;
}

const inSegment = (row: FactRow, s: Segment): boolean => row.grain === s.grain && row.period >= s.from && row.period <= s.to;

/** Σ of a family's DAY rows over [from, to] per unit (and key unless `collapse`): no plan needed. */
export function sumDays(rows: readonly FactRow[], family: Family, range: DateRange, collapse: boolean): UnitSums {
  const out: UnitSums = new Map();
  for (const r of rows) {
    if (r.family !== family || r.grain !== 'd' || r.period < range.from || r.period > range.to) continue;
    addInto(out, r.unitId, collapse ? '' : r.key, r.v);
  }
  return out;
}

/**
 * A reader over fact rows held in memory (day AND month rows, as factsOfRows makes them or as a
 * device decodes its blocks) for the given units. `today` drives plan.ts like on the server; with
 * `{ cumulative: true }` the rows must hold the year-to-month rows too (cumulativeFacts), as the
 * server's tables do, and reads summed over keys use them.
 */
export function memoryReader(rows: readonly FactRow[], hr: readonly HrMonth[], unitIds: ReadonlySet<string>, today: string, plan: PlanOptions = {}): FactReader {
  const byFamily = new Map<Family, FactRow[]>();
  for (const r of rows) {
    if (!unitIds.has(r.unitId)) continue;
    const list = byFamily.get(r.family) ?? [];
    list.push(r);
    byFamily.set(r.family, list);
  }
  const of = (f: Family) => byFamily.get(f) ?? [];
  return {
    sums: async (family, ranges, collapse) => {
      const planned = planRanges(ranges, today, usesCumulative(plan, family, collapse));
      const perSegment = planned.segments.map((s) => {
        const out: UnitSums = new Map();
        for (const r of of(family)) if (inSegment(r, s)) addInto(out, r.unitId, collapse ? '' : r.key, r.v);
        return out;
      });
      return combineSegments(perSegment, planned.parts);
    },
    days: async (family, from, to, fields) => {
      const at = fields.map((f) => fieldIndex(family, f));
      const first = dayNumber(from);
      const length = dayNumber(to) - first + 1;
      const out: UnitDays = new Map();
      for (const r of of(family)) {
        if (r.grain !== 'd' || r.period < from || r.period > to) continue;
        const grid = out.get(r.unitId) ?? emptyDayGrid(length, at.length);
        out.set(r.unitId, grid);
        const i = dayNumber(r.period) - first;
        grid.has[i] = 1;
        at.forEach((f, j) => (grid.v[i * at.length + j] = (grid.v[i * at.length + j] as number) + (r.v[f] as number)));
      }
      return out;
    },
    byDay: async (family, from, to) => {
      const out = new Map<string, number[]>();
      for (const r of of(family)) {
        if (r.grain !== 'd' || r.period < from || r.period > to) continue;
        out.set(r.period, addVectors(out.get(r.period) ?? zeroVector(family), r.v));
      }
      return out;
    },
    lastFalls: async (ranges) => {
      const falls = fieldIndex('safety', 'falls');
      const days = of('safety').filter((r) => r.grain === 'd' && (r.v[falls] as number) > 0);
      return ranges.map((range) => {
        const out = new Map<string, string>();
        for (const r of days) {
          if (r.period < range.from || r.period > range.to) continue;
          const cur = out.get(r.unitId);
          if (cur === undefined || r.period > cur) out.set(r.unitId, r.period);
        }
        return out;
      });
    },
    hrMonths: async (fromMonth, toMonth) => hr.filter((m) => unitIds.has(m.unitId) && m.month >= fromMonth && m.month <= toMonth),
  };
}
