/**
 * The trend behind the chart, for one unit or a whole level: the daily pooled staff-shifts of
 * the subtree (gaps stay null), and the month-by-month HR kvot. Shared by the server's roll-up
 * answer and the unit board, which computes it offline from its own rows.
 */
import type { HrMonth } from '../schema/hr-month';
import type { Indicator } from '../schema/indicator';
import type { StaffingSettings } from '../schema/staffing-settings';
import { sickTargetPct } from './indicators/board-goal';
import { fieldIndex } from './facts/families';
import { addDays, periodRange, previousPeriod } from './periods';
import { subtreeIds, type TreeUnit } from './rollup';
import { datesBetween, type StaffingDay } from './staffing';
import { addHrCounts, emptyHrCounts, type HrCounts, hrCountsOf } from './staffing-hr';
import { type StaffingInput, sortedTree, staffingDayFacts } from './staffing-rollup';

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

/** What the trend reads: the subtree's staff sums per day of the range, and HR rows of its months. */
export interface TrendFacts {
  units: readonly TreeUnit[];
  rootId: string;
  settings: readonly StaffingSettings[];
  /** Indicator rows on the path to the root: its sick-leave target is the catalogue's (issue 14). */
  indicatorRows?: readonly Indicator[];
  /** staff family summed over the subtree, per date (absent: nobody filled the day in). */
  byDay: ReadonlyMap<string, readonly number[]>;
  /** HR rows of the subtree's units and levels for the range's months. */
  hrMonths: readonly HrMonth[];
}

export function staffingTrendFromFacts(f: TrendFacts, range: TrendRange): StaffingTrend {
  const { tree, parents } = sortedTree(f.units);
  const inTree = new Set(subtreeIds(tree, f.rootId));
  const at = (v: readonly number[], field: 'planned' | 'sick' | 'vab' | 'otherAbsence' | 'covered' | 'shifts' | 'days') => v[fieldIndex('staff', field)] as number;
  const days: StaffingDay[] = datesBetween(range.from, range.to).map((date) => {
    const v = f.byDay.get(date);
    if (v === undefined || at(v, 'shifts') === 0) return { date, counts: null, units: 0 };
    const counts = { planned: at(v, 'planned'), sick: at(v, 'sick'), vab: at(v, 'vab'), otherAbsence: at(v, 'otherAbsence'), covered: at(v, 'covered'), shifts: at(v, 'shifts') };
    return { date, counts, units: at(v, 'days') };
  });
  const hrMonths = range.months.map((month): HrTrendMonth => {
    let hr = emptyHrCounts();
    let own: HrMonth | null = null;
    // Sorted by unit id, so the sum is the same on every replica.
    const rows = f.hrMonths
      .filter((m) => m.month === month && inTree.has(m.unitId))
      .sort((a, b) => (a.unitId < b.unitId ? -1 : 1));
    for (const m of rows) {
      if (m.unitId === f.rootId) own = m;
      if (!parents.has(m.unitId)) hr = addHrCounts(hr, hrCountsOf(m));
    }
    return { month, hr, own };
  });
  return { range, days, hrMonths, targetPct: sickTargetPct(f.indicatorRows, f.units, f.rootId) };
}

/** The trend from raw rows: the subtree's rows become facts exactly as on the server. */
export function staffingTrend(input: StaffingInput, range: TrendRange): StaffingTrend {
  const inTree = new Set(subtreeIds(input.units, input.rootId));
  const byDay = new Map<string, number[]>();
  for (const r of staffingDayFacts({ shifts: input.shifts.filter((s) => inTree.has(s.unitId)), beds: [] })) {
    if (r.period < range.from || r.period > range.to) continue;
    byDay.set(r.period, (byDay.get(r.period) ?? r.v.map(() => 0)).map((x, i) => x + (r.v[i] as number)));
  }
  return staffingTrendFromFacts({ units: input.units, rootId: input.rootId, settings: input.settings, indicatorRows: input.indicatorRows, byDay, hrMonths: input.hrMonths }, range);
}
