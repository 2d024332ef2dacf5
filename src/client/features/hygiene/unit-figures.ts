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
import type { GoalStatus } from '../../ui/Figure';

/**
 * Tolerance for "delvis" (▲): within 5 % of the target, relative (docs/domain.md §5.2).
 * Kept here until a shared goal-status module exists; it then replaces this function.
 */
const PARTLY_TOLERANCE = 0.05;

export function goalStatus(f: BhkFigures, targetPct: number): GoalStatus {
  const pct = f.total.pct;
  if (f.tooFew || pct === null) return 'grey';
  if (pct >= targetPct) return 'met';
  return pct >= targetPct * (1 - PARTLY_TOLERANCE) ? 'partly' : 'notMet';
}

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
  targetPct: number;
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

export function unitBoard(
  raw: readonly BhkObservation[],
  settings: UnitSettings,
  opts: { period: string; source: BhkSource; today: string },
): UnitBoard {
  const range = periodRange(opts.period);
  const counts = bhkUnitCounts(raw, range, opts.source);
  const figures = bhkFigures(counts.counts, settings.bhkMinN);
  const month = periodKey(opts.today, 'month');
  // Every observation of the month counts toward the quota, självskattning included.
  const monthN = bhkUnitCounts(raw, periodRange(month)).counts.n;
  const resolved = resolvedInPeriod(raw, range).sort(newestFirst);
  const pct = figures.total.pct;
  return {
    counts: counts.counts,
    figures,
    professions: professionRows(counts.professions, settings.bhkMinN),
    status: goalStatus(figures, settings.bhkTargetPct),
    targetPct: settings.bhkTargetPct,
    belowTarget: !figures.tooFew && pct !== null && pct < settings.bhkTargetPct,
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
