/**
 * The trend behind the chart, for one unit or a whole level: the daily pooled staff-shifts of
 * the subtree (gaps stay null), and the month-by-month HR kvot. Shared by the server's roll-up
 * answer and the unit board, which computes it offline from its own rows.
 */
import type { HrMonth } from '../schema/hr-month';
import { staffingConfig } from '../schema/staffing-settings';
import { addDays, periodRange, previousPeriod } from './periods';
import { subtreeIds } from './rollup';
import { dailySeries, type StaffingDay } from './staffing';
import { addHrCounts, emptyHrCounts, type HrCounts, hrCountsOf } from './staffing-hr';
import { type StaffingInput, sortedTree } from './staffing-rollup';

/** Months shown: the chosen one and the two before it, about a quarter. */
export const TREND_MONTHS = 3;
/** The longest rolling window; the series starts this many days early to fill it. */
export const ROLLING_WINDOW = 30;

export interface TrendRange {
  /** First day fetched: `shownFrom` minus the rolling window's lead-in. */
  from: string;
  /** First day shown in the chart. */
  shownFrom: string;
  /** Last day: the month's end, or today within the current month. */
  to: string;
  months: string[];
}

export function trendRange(month: string, today: string): TrendRange {
  const months = [month];
  while (months.length < TREND_MONTHS) months.unshift(previousPeriod(months[0] as string));
  const shownFrom = periodRange(months[0] as string).from;
  const end = periodRange(month).to;
  const to = end < today ? end : today < shownFrom ? shownFrom : today;
  return { from: addDays(shownFrom, -(ROLLING_WINDOW - 1)), shownFrom, to, months };
}

export interface HrTrendMonth {
  month: string;
  /** Enheter of the subtree pooled by ordinary hours. */
  hr: HrCounts;
  /** The root's own HR row (a unit's figure, or the HR system's figure for the level). */
  own: HrMonth | null;
}

export interface StaffingTrend {
  range: TrendRange;
  days: StaffingDay[];
  hrMonths: HrTrendMonth[];
  targetPct: number | null;
}

export function staffingTrend(input: StaffingInput, range: TrendRange): StaffingTrend {
  const { tree, parents } = sortedTree(input.units);
  const inTree = new Set(subtreeIds(tree, input.rootId));
  const days = dailySeries(
    input.shifts.filter((r) => inTree.has(r.unitId)),
    range.from,
    range.to,
  );
  const hrMonths = range.months.map((month): HrTrendMonth => {
    let hr = emptyHrCounts();
    let own: HrMonth | null = null;
    // Sorted by unit id, so the sum is the same on every replica.
    const rows = input.hrMonths
      .filter((m) => m.month === month && inTree.has(m.unitId))
      .sort((a, b) => (a.unitId < b.unitId ? -1 : 1));
    for (const m of rows) {
      if (m.unitId === input.rootId) own = m;
      if (!parents.has(m.unitId)) hr = addHrCounts(hr, hrCountsOf(m));
    }
    return { month, hr, own };
  });
  const settings = input.settings.find((s) => s.unitId === input.rootId);
  return { range, days, hrMonths, targetPct: staffingConfig(settings).targetPct };
}
