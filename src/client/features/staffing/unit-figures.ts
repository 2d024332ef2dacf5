/**
 * The unit board's figures, computed on the device from its own rows with the shared domain
 * functions (offline, the same math as the server's roll-up): today, 7 and 30 days rolling, the
 * month so far, and the latest month the HR system has reported, beside the board's own figure
 * for that same month.
 */
import { atMostValue, type BoardGoal, boardStatus } from '../../../shared/domain/indicators/board-goal';
import { type LowerBetterStatus, poolDays, type StaffingDay, type WindowFigure } from '../../../shared/domain/staffing';
import type { IndicatorTarget } from '../../../shared/schema/indicator';
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
  /** The HR kvot's own target in the catalogue (hrKvot). */
  target: IndicatorTarget | null;
}

export interface UnitFigures {
  today: StaffingDay | null;
  week: WindowFigure;
  days30: WindowFigure;
  month: WindowFigure;
  /** Days of the month so far that the unit was expected to fill in. */
  monthExpected: number;
  hr: HrComparison;
  /** The sick-leave target in the catalogue (sickShare) as every screen shows it; its "≤" value, if any. */
  target: IndicatorTarget | null;
  targetPct: number | null;
  status: LowerBetterStatus | null;
}

/** The catalogue's goals of the two sick-leave figures at the unit (issue 14: one target per figure). */
export interface StaffingGoals {
  sick: BoardGoal;
  hr: BoardGoal;
}

/** The `n` days ending with `today` (fewer at the series' start). */
function lastDays(days: readonly StaffingDay[], today: string, n: number): StaffingDay[] {
  const end = days.findIndex((d) => d.date === today);
  return end < 0 ? [] : days.slice(Math.max(0, end - n + 1), end + 1);
}

/**
 * The board judges a fixed "≤" target itself (met, within the tolerance, missed); an Öka/Minska
 * target is judged against last year in Mål och resultat, so the board shows the target's words
 * and no badge.
 */
const AS_BADGE = { met: 'met', partial: 'partly', notMet: 'notMet', unmeasurable: 'grey' } as const;

/** A "≤" target judged with the catalogue's tolerance and minimum n (board-goal.ts); null without one. */
function judged(goal: BoardGoal, pct: number | null, n: number): LowerBetterStatus | null {
  return atMostValue(goal) === null ? null : AS_BADGE[boardStatus(goal, pct, n, null)];
}

export function unitFigures(trend: StaffingTrend, today: string, month: string, monthExpected: number, goals: StaffingGoals): UnitFigures {
  const sickPct = atMostValue(goals.sick);
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
      status: judged(goals.hr, hrPct, hrPct === null ? 0 : 1),
      target: goals.hr.target,
    },
    target: goals.sick.target,
    targetPct: sickPct,
    status: judged(goals.sick, monthFig.share.pct, monthFig.counts.planned),
  };
}
