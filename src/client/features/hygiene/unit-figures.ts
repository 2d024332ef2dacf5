/**
 * A unit's BHK board as it is shown, computed offline from the local replica with the shared
 * functions the server's roll-up uses (bhkUnitCounts): the period's figures, per profession, the
 * month's count against the quota, the below-target prompt and the observations to correct.
 */
import { bhkFigures, isLastWeekOfMonth, periodKey, periodRange, ratio, type BhkCounts, type BhkFigures, type Ratio } from '../../../shared/domain';
import { type BhkSource, matchesSource, resolvedInPeriod } from '../../../shared/domain/bhk-period';
import { bhkUnitCounts, type ProfessionCounts } from '../../../shared/domain/bhk-rollup';
import type { ResolvedObservation } from '../../../shared/domain/bhk';
import type { BhkObservation } from '../../../shared/schema/bhk-observation';
import type { UnitSettings } from '../../../shared/schema/unit-settings';
import { belowGoal, boardCompareRange, boardStatus, type BoardGoal } from '../../../shared/domain/indicators/board-goal';
import type { IndicatorStatus } from '../../../shared/indicators-api';
import type { GoalStatus } from '../../ui/Figure';

const FIGURE_STATUS: Record<IndicatorStatus, GoalStatus> = { met: 'met', partial: 'partly', notMet: 'notMet', unmeasurable: 'grey' };

/** The report's status (shared/domain/indicators/board-goal.ts) as the Figure shows it. */
export const figureStatus = (s: IndicatorStatus): GoalStatus => FIGURE_STATUS[s];

export interface ProfessionRow {
  code: string;
  n: number;
  selfAssessmentN: number;
  total: Ratio;
  hygiene: Ratio;
  dress: Ratio;
  tooFew: boolean;
}

/** Rows by profession, most observed first; each greyed on its own n. */
export function professionRows(professions: Readonly<Record<string, ProfessionCounts>>, minN: number): ProfessionRow[] {
  return Object.entries(professions)
    .map(([code, c]) => ({
      code,
      n: c.n,
      selfAssessmentN: c.selfAssessmentN,
      total: ratio(c.totalAllOk, c.n),
      hygiene: ratio(c.hygieneAllOk, c.n),
      dress: ratio(c.dressAllOk, c.n),
      tooFew: c.n < minN,
    }))
    .sort((a, b) => b.n - a.n || a.code.localeCompare(b.code));
}

export interface QuotaState {
  month: string;
  n: number;
  quota: number;
  /** Last week of the month and the quota not reached. */
  remind: boolean;
}

export interface UnitBoard {
  counts: BhkCounts;
  figures: BhkFigures;
  professions: ProfessionRow[];
  status: GoalStatus;
  /** The catalogue's goal for the unit's BHK total (bhkTotal): target and minimum n. */
  goal: BoardGoal;
  /** Total below target on enough observations: the board asks for an action. */
  belowTarget: boolean;
  quota: QuotaState;
  /** The period's observations as they count now, newest first. */
  observations: ResolvedObservation[];
  /** The period's voided observations (their last state), for the audit trail. */
  voided: ResolvedObservation[];
}

const newestFirst = (a: ResolvedObservation, b: ResolvedObservation): number =>
  b.current.date.localeCompare(a.current.date) || b.original.createdAt.localeCompare(a.original.createdAt);

/** The total figure's props as the board and the wall show it (ui/Figure): value, n, minimum n, status. */
export const totalFigure = (b: UnitBoard) => ({
  pct: b.figures.total.pct,
  n: b.figures.n,
  tooFew: b.figures.tooFew,
  minN: b.goal.minN,
  status: b.status,
});

export function unitBoard(
  raw: readonly BhkObservation[],
  settings: Pick<UnitSettings, 'bhkMonthlyQuota'>,
  goal: BoardGoal,
  opts: { period: string; source: BhkSource; today: string },
): UnitBoard {
  const range = periodRange(opts.period);
  const counts = bhkUnitCounts(raw, range, opts.source);
  const figures = bhkFigures(counts.counts, goal.minN);
  // Compared as Mål och resultat compares the same figure (same period last year or the previous one).
  const compareRange = boardCompareRange(goal, opts.period, opts.today);
  const before = compareRange === null ? null : bhkUnitCounts(raw, compareRange, opts.source).counts;
  const status = boardStatus(goal, figures.total.pct, figures.n, before === null ? null : { value: ratio(before.totalAllOk, before.n).pct, n: before.n });
  const month = periodKey(opts.today, 'month');
  // Every observation of the month counts toward the quota, självskattning included.
  const monthN = bhkUnitCounts(raw, periodRange(month)).counts.n;
  const resolved = resolvedInPeriod(raw, range).sort(newestFirst);
  return {
    counts: counts.counts,
    figures,
    professions: professionRows(counts.professions, goal.minN),
    status: figureStatus(status),
    goal,
    belowTarget: belowGoal(status),
    quota: {
      month,
      n: monthN,
      quota: settings.bhkMonthlyQuota,
      remind: isLastWeekOfMonth(opts.today) && monthN < settings.bhkMonthlyQuota,
    },
    observations: resolved.filter((r) => r.current.voided !== true && matchesSource(r.current, opts.source)),
    voided: resolved.filter((r) => r.current.voided === true),
  };
}
