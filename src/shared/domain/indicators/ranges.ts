/**
 * Which dates the indicator computations need (report.ts):
 *  - comparePeriodOf: the period a value is compared with, per the definition's `compare`;
 *  - compareRange: the dates of that compare period that count. For a sum that grows with the
 *    days of the period (harm days, events) in the CURRENT period, only as many days of the compare
 *    period as have passed of this one (10 November is compared with 1–10 November last year, not
 *    all of it); otherwise the whole compare period;
 *  - reportRange / seriesRange: the raw rows to load. `from`/`to` span everything; `windows` are
 *    the disjoint date ranges inside it that are actually needed (a month's report needs the month,
 *    the month before and the same month last year, not the year in between). `eventsFrom`: safety
 *    events are needed FALL_LOOKBACK_DAYS (730) further back for "days since the last fall". HR
 *    months are wanted from each window's from.slice(0, 7) to its to.slice(0, 7).
 * A malformed period key throws AppError 'validation' with the field path (`period` or `to`).
 */
import { AppError } from '../../errors';
import type { Compare } from '../../schema/indicator';
import { addDays, periodRange, previousPeriod, samePeriodLastYear } from '../periods';
import { daysBetween } from '../safety-counters';
import { FALL_LOOKBACK_DAYS } from './facts';
import type { DateRange } from './types';

export interface LoadRange extends DateRange {
  /** Safety events from here (the last fall before the range). */
  eventsFrom: string;
  /** The parts of [from, to] whose rows are needed, ascending and disjoint; absent = all of it. */
  windows?: DateRange[];
}

/** The period a value is compared with, per the definition's `compare`. */
export const comparePeriodOf = (period: string, compare: Compare): string =>
  compare === 'previous' ? previousPeriod(period) : samePeriodLastYear(period);

/** periodRange with the error pointing at the `period` field. */
export function rangeOf(period: string, field = 'period'): DateRange & { kind: string } {
  try {
    return periodRange(period);
  } catch {
    throw new AppError('validation', { period }, [field]);
  }
}

/** The compare period's dates that count for `period` as of `today` (see the header). */
export function compareRange(period: string, comparePeriod: string, today: string, accumulates: boolean): DateRange {
  const now = rangeOf(period);
  const before = rangeOf(comparePeriod);
  if (!accumulates || today < now.from || today >= now.to) return { from: before.from, to: before.to };
  const to = addDays(before.from, daysBetween(now.from, today));
  return { from: before.from, to: to < before.to ? to : before.to };
}

/** Ranges sorted and merged where they overlap or touch. */
function merged(ranges: readonly DateRange[]): DateRange[] {
  const out: DateRange[] = [];
  for (const r of [...ranges].sort((a, b) => (a.from < b.from ? -1 : a.from > b.from ? 1 : 0))) {
    const last = out.at(-1);
    if (last !== undefined && r.from <= addDays(last.to, 1)) {
      if (r.to > last.to) last.to = r.to;
    } else out.push({ from: r.from, to: r.to });
  }
  return out;
}

function loadRange(periods: readonly string[]): LoadRange {
  const windows = merged(periods.map((p) => rangeOf(p)));
  const from = (windows[0] as DateRange).from;
  const to = windows.map((w) => w.to).sort().at(-1) as string;
  return { from, to, eventsFrom: addDays(from, -FALL_LOOKBACK_DAYS), windows };
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
  return loadRange([...periods, ...periods.map((p) => samePeriodLastYear(p)), previousPeriod(first)]);
}
