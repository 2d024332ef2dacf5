/**
 * Which fact rows add up to a date range. Σ over [from, to] of a family's day rows is what every
 * figure needs; month rows hold the same sums for whole months, so a year reads 12 rows per unit
 * instead of 365. Only months that lie wholly inside a range AND before today's month are read as
 * month rows; the rest (the ragged ends, the current month, the future) as day rows.
 *
 * Many ranges at once (a report's period and its compare periods, a series) are cut into disjoint
 * segments, so a store sums each segment once (one statement per family) and a
 * range's sum is the sum of its segments. Server and device both plan with this function.
 */
import { addDays, daysInMonth } from '../periods';
import type { Grain } from './families';

export interface DateRange {
  /** First day, inclusive (YYYY-MM-DD). */
  from: string;
  /** Last day, inclusive. */
  to: string;
}

export interface Segment {
  grain: Grain;
  /** Inclusive bounds: YYYY-MM-DD for grain d, YYYY-MM for grain m. */
  from: string;
  to: string;
}

export interface Plan {
  segments: Segment[];
  /** For each range (same order), the indices of the segments whose sum is the range's. */
  parts: number[][];
}

const monthEnd = (month: string): string => `${month}-${String(daysInMonth(month)).padStart(2, '0')}`;
const nextMonth = (month: string): string => addDays(monthEnd(month), 1).slice(0, 7);
const prevMonth = (month: string): string => addDays(`${month}-01`, -1).slice(0, 7);

/** The first and last month (YYYY-MM) lying wholly inside the range; none when first > last. */
export function wholeMonths(range: DateRange): { first: string; last: string } {
  const first = range.from.endsWith('-01') ? range.from.slice(0, 7) : nextMonth(range.from.slice(0, 7));
  const last = range.to === monthEnd(range.to.slice(0, 7)) ? range.to.slice(0, 7) : prevMonth(range.to.slice(0, 7));
  return { first, last };
}

/** The range as whole months (read as month rows) and day spans (read as day rows). */
export function splitRange(range: DateRange, today: string): Segment[] {
  if (range.to < range.from) return [];
  const whole = wholeMonths(range);
  const first = whole.first;
  let last = whole.last;
  const current = today.slice(0, 7);
  if (last >= current) last = prevMonth(current);
  if (first > last) return [{ grain: 'd', from: range.from, to: range.to }];
  const out: Segment[] = [];
  if (range.from < `${first}-01`) out.push({ grain: 'd', from: range.from, to: addDays(`${first}-01`, -1) });
  out.push({ grain: 'm', from: first, to: last });
  if (monthEnd(last) < range.to) out.push({ grain: 'd', from: addDays(monthEnd(last), 1), to: range.to });
  return out;
}

const nextKey = (grain: Grain, key: string): string => (grain === 'd' ? addDays(key, 1) : nextMonth(key));

/** Cuts overlapping spans of one grain into disjoint ones; returns them and, per span, its pieces. */
function disjoint(grain: Grain, spans: readonly Segment[]): { pieces: Segment[]; of: number[][] } {
  const starts = new Set<string>();
  for (const s of spans) {
    starts.add(s.from);
    starts.add(nextKey(grain, s.to));
  }
  const bounds = [...starts].sort();
  const pieces: Segment[] = [];
  for (let i = 0; i + 1 < bounds.length; i++) {
    const from = bounds[i] as string;
    const next = bounds[i + 1] as string;
    // A piece is kept only if some span covers it.
    if (!spans.some((s) => s.from <= from && s.to >= from)) continue;
    const to = grain === 'd' ? addDays(next, -1) : prevMonth(next);
    pieces.push({ grain, from, to });
  }
  const of = spans.map((s) => pieces.flatMap((p, i) => (p.from >= s.from && p.to <= s.to ? [i] : [])));
  return { pieces, of };
}

export interface SegmentAt {
  s: Segment;
  /** Its index in the request. */
  i: number;
}

/**
 * Segments in runs of one grain where each begins the period after the one before it ends: a
 * store may read a run as one range (a year's report asks for 2025-01..11, 2025-12 and
 * 2026-01..11) and tell its rows apart by period.
 */
export function contiguousRuns(segments: readonly Segment[]): SegmentAt[][] {
  const sorted = segments.map((s, i) => ({ s, i })).sort((a, b) => (a.s.grain !== b.s.grain ? (a.s.grain < b.s.grain ? -1 : 1) : a.s.from < b.s.from ? -1 : a.s.from > b.s.from ? 1 : 0));
  const runs: SegmentAt[][] = [];
  for (const at of sorted) {
    const run = runs.at(-1);
    const last = run?.at(-1);
    if (run !== undefined && last !== undefined && last.s.grain === at.s.grain && nextKey(at.s.grain, last.s.to) === at.s.from) run.push(at);
    else runs.push([at]);
  }
  return runs;
}

export function planRanges(ranges: readonly DateRange[], today: string): Plan {
  const split = ranges.map((r) => splitRange(r, today));
  const byGrain = (g: Grain) => split.flatMap((segs) => segs.filter((s) => s.grain === g));
  const days = disjoint('d', byGrain('d'));
  const months = disjoint('m', byGrain('m'));
  const segments = [...days.pieces, ...months.pieces];
  const offset = days.pieces.length;
  let di = 0;
  let mi = 0;
  const parts = split.map((segs) =>
    segs.flatMap((s) => (s.grain === 'd' ? (days.of[di++] as number[]) : (months.of[mi++] as number[]).map((i) => i + offset))),
  );
  return { segments, parts };
}
