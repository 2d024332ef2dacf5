/**
 * Where the board's "Under målet – planera en åtgärd" leads: the new-action form of the action
 * list (#/forbattring), filled in with the cause "BHK <period>: <x> %" when the period is given.
 */
import { formatPct } from '../../kit/format';
import { href } from '../../kit/router';
import { newActionHref } from '../improvements/cause-link';

export function actionListHref(unitId: string, below?: { period: string; pct: number | null }): string | null {
  if (below === undefined) return href(['forbattring'], { unit: unitId });
  return newActionHref(unitId, { kind: 'bhkPeriod', ref: below.period, label: `BHK ${below.period}: ${formatPct(below.pct)}` });
}
