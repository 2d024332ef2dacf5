/**
 * Måluppfyllelse and Utveckling of a styrmått (issue 13, docs/domain.md §5 and §7) for every
 * target form the seed writes (schema/goal.ts GoalTarget). Values are in display units (pct as
 * 0–100). Built on the indicator rules (indicators/status.ts), so a styrmått and the indicator it
 * reads agree wherever their targets are the same:
 *  - gte/lte ("70 %", "Under 6,5 %"): the indicator rule (● met, ▲ within the tolerance or moved
 *    the right way, ◆ otherwise);
 *  - gte/lte in a named month ("100 % i dec"): from that month on, the same; before it the target
 *    is not due yet: ● if already met, ◆ if the figure moved the wrong way since the compare
 *    period, else ▲ (on the way);
 *  - Öka/Minska: against the compare value (same period last year), the indicator rule;
 *  - change against a base year ("Minska med 50 % jmf 2020"): the target value is the base
 *    year's figure × (1 + pct/100), then the bound rule (lte for a decrease, gte for an increase);
 *    □ without the base year's figure;
 *  - per sex ("K 16,0 M 17,2"): each sex against its own bound, the worse of the two counts
 *    (◆ before ▲ before ●); □ unless both sexes have a figure.
 * □ "ej mätbart" whenever the figure is missing (Data saknas) — never a 0.
 * Utveckling: the indicator's arrow (↑ ↓ →, ↕ when women and men moved apart).
 */
import type { IndicatorDef, IndicatorStatus, TrendArrow } from '../../indicators-api';
import type { GoalTarget } from '../../schema/goal';
import { FLAT_THRESHOLD, indicatorStatus, trendArrow } from '../indicators/status';

export interface GoalFigures {
  value: number | null;
  valueK: number | null;
  valueM: number | null;
  n: number;
  compareValue: number | null;
  compareK: number | null;
  compareM: number | null;
  /** The base year's figure (a `change` target), else null. */
  baseValue: number | null;
}

type Def = Pick<IndicatorDef, 'direction' | 'tolerance' | 'minN'>;

const RANK: Record<IndicatorStatus, number> = { met: 0, partial: 1, notMet: 2, unmeasurable: 3 };
const worse = (a: IndicatorStatus, b: IndicatorStatus): IndicatorStatus => (RANK[a] >= RANK[b] ? a : b);

/** `lastMonth`: the last month (1–12) of the report period, for a target due in a named month. */
export function goalStatus(def: Def, target: GoalTarget | null, f: GoalFigures, lastMonth: number): IndicatorStatus {
  if (target === null || f.value === null) return 'unmeasurable';
  switch (target.op) {
    case 'increase':
    case 'decrease':
      return indicatorStatus(def, { op: target.op }, f.value, f.n, f.compareValue);
    case 'change': {
      if (f.baseValue === null) return 'unmeasurable';
      const goal = f.baseValue * (1 + target.pct / 100);
      return indicatorStatus(def, { op: target.pct < 0 ? 'lte' : 'gte', value: goal }, f.value, f.n, f.compareValue);
    }
    case 'sex': {
      if (f.valueK === null || f.valueM === null) return 'unmeasurable';
      const k = indicatorStatus(def, { op: target.dir, value: target.k }, f.valueK, f.n, f.compareK);
      const m = indicatorStatus(def, { op: target.dir, value: target.m }, f.valueM, f.n, f.compareM);
      return worse(k, m);
    }
    default: {
      const full = indicatorStatus(def, { op: target.op, value: target.value }, f.value, f.n, f.compareValue);
      if (target.month === undefined || lastMonth >= target.month || full === 'met' || full === 'unmeasurable') return full;
      // Not due yet: on the way unless it moved the wrong way.
      const delta = f.compareValue === null ? 0 : f.value - f.compareValue;
      const wrong = def.direction === 'higher' ? delta <= -FLAT_THRESHOLD : delta >= FLAT_THRESHOLD;
      return wrong ? 'notMet' : 'partial';
    }
  }
}

export function goalTrend(def: Pick<IndicatorDef, 'direction'>, f: GoalFigures): { trend: TrendArrow; improving: boolean | null } {
  return trendArrow(def, f.value, f.compareValue, { now: f.valueK, before: f.compareK }, { now: f.valueM, before: f.compareM });
}
