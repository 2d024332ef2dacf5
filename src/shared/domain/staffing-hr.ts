/**
 * Pooling the HR system's monthly sjukfrånvarokvot (docs/domain.md §3.1, §6). A kvot
 * is sick hours / ordinary hours, so units pool by their hours: Σ(kvot × hours) / Σ hours. A unit
 * without ordinary hours cannot be weighted; it is counted in `units` (shown on its own row) but
 * not in the total, and no total is invented from unweighted kvoter.
 */
import type { HrMonth } from '../schema/hr-month';

export interface HrCounts {
  /** Units with an HR figure for the month. */
  units: number;
  /** Of those, units that also gave ordinary hours: the ones the pooled kvot covers. */
  weightedUnits: number;
  ordinaryHours: number;
  sickHours: number;
  /** Units with both korttid and ordinary hours, and their hours. */
  korttidUnits: number;
  korttidOrdinaryHours: number;
  korttidSickHours: number;
}

export const emptyHrCounts = (): HrCounts => ({
  units: 0,
  weightedUnits: 0,
  ordinaryHours: 0,
  sickHours: 0,
  korttidUnits: 0,
  korttidOrdinaryHours: 0,
  korttidSickHours: 0,
});

export function hrCountsOf(m: HrMonth): HrCounts {
  const hours = m.ordinaryHours;
  const weighted = hours !== null && hours > 0;
  const korttid = weighted && m.korttid !== null;
  return {
    units: 1,
    weightedUnits: weighted ? 1 : 0,
    ordinaryHours: weighted ? hours : 0,
    sickHours: weighted ? (m.kvotTotal * hours) / 100 : 0,
    korttidUnits: korttid ? 1 : 0,
    korttidOrdinaryHours: korttid ? hours : 0,
    korttidSickHours: korttid && m.korttid !== null ? (m.korttid * hours) / 100 : 0,
  };
}

export function addHrCounts(a: HrCounts, b: HrCounts): HrCounts {
  return {
    units: a.units + b.units,
    weightedUnits: a.weightedUnits + b.weightedUnits,
    ordinaryHours: a.ordinaryHours + b.ordinaryHours,
    sickHours: a.sickHours + b.sickHours,
    korttidUnits: a.korttidUnits + b.korttidUnits,
    korttidOrdinaryHours: a.korttidOrdinaryHours + b.korttidOrdinaryHours,
    korttidSickHours: a.korttidSickHours + b.korttidSickHours,
  };
}

export interface HrFigure {
  /** Weighted kvot in percent, or null when no unit gave ordinary hours. */
  kvotPct: number | null;
  korttidPct: number | null;
  /** Units the weighted kvot covers, of the units with an HR figure. */
  weightedUnits: number;
  units: number;
  /** Units the pooled korttid covers (korttid and hours given). */
  korttidUnits: number;
}

export function hrFigure(c: HrCounts): HrFigure {
  return {
    kvotPct: c.ordinaryHours > 0 ? (c.sickHours / c.ordinaryHours) * 100 : null,
    korttidPct: c.korttidOrdinaryHours > 0 ? (c.korttidSickHours / c.korttidOrdinaryHours) * 100 : null,
    weightedUnits: c.weightedUnits,
    units: c.units,
    korttidUnits: c.korttidUnits,
  };
}
