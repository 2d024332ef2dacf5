/**
 * A unit's BHK month as the board shows it, computed offline from the local replica with the
 * shared domain math (the same functions the server's roll-up uses).
 */
import { bhkFigures, countObservations, effectiveObservations, type BhkFigures } from '../../../shared/domain';
import type { BhkObservation } from '../../../shared/schema/bhk-observation';
import type { UnitSettings } from '../../../shared/schema/unit-settings';
import type { GoalStatus } from '../../ui/Figure';

export interface UnitMonth {
  figures: BhkFigures;
  quota: number;
  targetPct: number;
  status: GoalStatus;
}

/**
 * Tolerance for "delvis" (▲): within 5 % of the target, relative (domain.md §5 default).
 * Kept here until the shared goal-status module exists; it then replaces this function.
 */
const PARTLY_TOLERANCE = 0.05;

export function goalStatus(f: BhkFigures, targetPct: number): GoalStatus {
  const pct = f.total.pct;
  if (f.tooFew || pct === null) return 'grey';
  if (pct >= targetPct) return 'met';
  return pct >= targetPct * (1 - PARTLY_TOLERANCE) ? 'partly' : 'notMet';
}

export function unitMonth(raw: readonly BhkObservation[], settings: UnitSettings): UnitMonth {
  const figures = bhkFigures(countObservations(effectiveObservations(raw)), settings.bhkMinN);
  return {
    figures,
    quota: settings.bhkMonthlyQuota,
    targetPct: settings.bhkTargetPct,
    status: goalStatus(figures, settings.bhkTargetPct),
  };
}
