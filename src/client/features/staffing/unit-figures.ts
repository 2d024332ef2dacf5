/**
 * The unit board's figures, computed on the device from its own rows with the shared domain
 * functions (offline, the same math as the server's roll-up): today, 7 and 30 days rolling, the
 * month so far, and the latest month the HR system has reported, beside the board's own figure
 * for that same month.
 */
import { lowerBetterStatus, type LowerBetterStatus, poolDays, type StaffingDay, type WindowFigure } from '../../../shared/domain/staffing';
import type { StaffingTrend } from '../../../shared/domain/staffing-trend';
import type { HrMonth } from '../../../shared/schema/hr-month';
import { hrKvot } from './chart-data';

export interface HrComparison {
  month: string;
  /** The board's pooled figure for the month. */
  board: WindowFigure;
  /** The HR system's kvot for the month, or null when it has not been entered yet. */
  hrPct: number | null;
  own: HrMonth | null;
  status: LowerBetterStatus | null;
}

export interface UnitFigures {
  today: StaffingDay | null;
  week: WindowFigure;
  days30: WindowFigure;
  month: WindowFigure;
  /** Days of the month so far that the unit was expected to fill in. */
  monthExpected: number;
  hr: HrComparison;
  targetPct: number | null;
  status: LowerBetterStatus | null;
}

/** The `n` days ending with `today` (fewer at the series' start). */
function lastDays(days: readonly StaffingDay[], today: string, n: number): StaffingDay[] {
  const end = days.findIndex((d) => d.date === today);
  return end < 0 ? [] : days.slice(Math.max(0, end - n + 1), end + 1);
}

export function unitFigures(trend: StaffingTrend, today: string, month: string, monthExpected: number): UnitFigures {
  const end = trend.range.to;
  const monthDays = trend.days.filter((d) => d.date.startsWith(month));
  const monthFig = poolDays(monthDays);
  // The latest month with an HR figure; else the month before this one ("not reported yet").
  const reported = [...trend.hrMonths].reverse().find((m) => hrKvot(m) !== null);
  const hrMonth = reported ?? trend.hrMonths.at(-2) ?? trend.hrMonths.at(-1);
  const hrMonthKey = hrMonth?.month ?? month;
  const hrPct = hrKvot(hrMonth);
  return {
    today: trend.days.find((d) => d.date === today) ?? null,
    week: poolDays(lastDays(trend.days, end, 7)),
    days30: poolDays(lastDays(trend.days, end, 30)),
    month: monthFig,
    monthExpected,
    hr: {
      month: hrMonthKey,
      board: poolDays(trend.days.filter((d) => d.date.startsWith(hrMonthKey))),
      hrPct,
      own: hrMonth?.own ?? null,
      status: lowerBetterStatus(hrPct, trend.targetPct),
    },
    targetPct: trend.targetPct,
    status: lowerBetterStatus(monthFig.share.pct, trend.targetPct),
  };
}
