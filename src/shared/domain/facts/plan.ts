/**
 * Which fact rows add up to a date range. Σ over [from, to] of a family's day rows is what every
 * figure needs; month rows hold the same sums for whole months, so a year reads 12 rows per unit
 * instead of 365 (on the server, with its year-to-month rows below, one). Only months that lie
 * wholly inside a range AND before today's month are read as month rows; the rest (the ragged
 * ends, the current month, the future) as day rows, unless the store's month rows are whole for
 * every month (the server's: PlanOptions.allMonths).
 *
 * Many ranges at once (a report's period and its compare periods, a series) are cut into disjoint
 * segments, so a store sums each segment once (one statement per family) and a
 * range's sum is the sum of its segments. Server and device both plan with this function.
 *
 * The server also keeps year-to-month rows (grain c: January up to a month) and plans with
 * `cumulative`: the whole months of a range's year that begin in January are then one c row
 * instead of up to 11 month rows (a year report's year to date, last year's and last year whole).
 */
import { addDays, daysInMonth } from '../periods';
import { type Family, type Grain, UNKEYED_FAMILIES } from './families';

export interface DateRange {
  /** First day, inclusive (YYYY-MM-DD). */
  from: string;
  /** Last day, inclusive. */
  to: string;
}

export interface Segment {
  grain: Grain;
  /** Inclusive bounds: YYYY-MM-DD for grain d, YYYY-MM for grains m and c (a c segment is one month). */
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

/**
 * The range as whole months (read as month rows) and day spans (read as day rows); with
 * `allMonths`, whole months of today's month and later are month rows too.
 */
export function splitRange(range: DateRange, today: string, allMonths = false): Segment[] {
  if (range.to < range.from) return [];
  const whole = wholeMonths(range);
  const first = whole.first;
  let last = whole.last;
  const current = today.slice(0, 7);
  if (!allMonths && last >= current) last = prevMonth(current);
  if (first > last) return [{ grain: 'd', from: range.from, to: range.to }];
  const out: Segment[] = [];
  if (range.from < `${first}-01`) out.push({ grain: 'd', from: range.from, to: addDays(`${first}-01`, -1) });
  out.push({ grain: 'm', from: first, to: last });
  if (monthEnd(last) < range.to) out.push({ grain: 'd', from: addDays(monthEnd(last), 1), to: range.to });
  return out;
}

const nextKey = (grain: Grain, key: string): string => (grain === 'd' ? addDays(key, 1) : nextMonth(key));

/**
 * A month segment as c rows where it can: each of its years' parts that begins in January is the c
 * row of the part's last month; the other parts stay month segments.
 */
function cumulate(s: Segment): Segment[] {
  if (s.grain !== 'm') return [s];
  const out: Segment[] = [];
  for (let from = s.from; from <= s.to; ) {
    const yearEnd = `${from.slice(0, 4)}-12`;
    const to = s.to < yearEnd ? s.to : yearEnd;
    out.push(from.endsWith('-01') ? { grain: 'c', from: to, to } : { grain: 'm', from, to });
    from = nextMonth(to);
  }
  return out;
}

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
 * store may read a run as one range (a year's report on the server asks for the c rows of
 * 2025-11 and 2025-12, last year to date and whole) and tell its rows apart by period.
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

export interface PlanOptions {
  /** The store keeps year-to-month rows (grain c): read them for months from January on. */
  cumulative?: boolean;
  /**
   * The store's month rows are whole for every month, today's and later ones too: the server
   * writes a month's row in the same transaction as its days. A region's year report then reads
   * this year as one c row a unit, not the c row of last month and every day since; its month
   * report one month row a unit, not the month's days. A device plans without it: the months it
   * holds come with its year blocks and the days it needs with its day blocks.
   */
  allMonths?: boolean;
}

/**
 * Whether a read of `family` may use year-to-month rows: they are summed over keys, so only a
 * read that sums over keys too (or of a family whose key is always '') can.
 */
export const usesCumulative = (opts: PlanOptions, family: Family, collapse: boolean): PlanOptions => ({
  ...opts,
  cumulative: opts.cumulative === true && (collapse || UNKEYED_FAMILIES.has(family)),
});

export function planRanges(ranges: readonly DateRange[], today: string, opts: PlanOptions = {}): Plan {
  const split = ranges.map((r) => {
    const segs = splitRange(r, today, opts.allMonths === true);
    return opts.cumulative === true ? segs.flatMap(cumulate) : segs;
  });
  const grains: Grain[] = ['d', 'm', 'c'];
  // Per grain, its spans cut into disjoint pieces (c spans are single months: the same month read once).
  const cut = grains.map((g) => disjoint(g, split.flatMap((segs) => segs.filter((s) => s.grain === g))));
  const segments = cut.flatMap((c) => c.pieces);
  const offsets = grains.map((_, g) => cut.slice(0, g).reduce((n, c) => n + c.pieces.length, 0));
  const next = grains.map(() => 0);
  const parts = split.map((segs) =>
    segs.flatMap((s) => {
      const g = grains.indexOf(s.grain);
      const span = next[g] as number;
      next[g] = span + 1;
      return ((cut[g] as { of: number[][] }).of[span] as number[]).map((i) => i + (offsets[g] as number));
    }),
  );
  return { segments, parts };
}
