/**
 * Beds of the month (docs/domain.md §4.1 item 3): the overcrowding figure is överbeläggningar per 100
 * disponibla vårdplatser, pooled over the reported days (Σ överbeläggningar / Σ disponibla × 100),
 * the way regions report it; the same for utlokaliserade, and occupancy Σ belagda / Σ disponibla.
 */
import type { BedsDay } from '../schema/beds-day';

export interface BedsCounts {
  /** Unit-days reported. */
  days: number;
  disponibla: number;
  belagda: number;
  overbelaggningar: number;
  utlokaliserade: number;
  utskrivningsklara: number;
  /** Units with at least one reported day, and units expected to report beds. */
  units: number;
  expectedUnits: number;
}

export const emptyBedsCounts = (): BedsCounts => ({
  days: 0,
  disponibla: 0,
  belagda: 0,
  overbelaggningar: 0,
  utlokaliserade: 0,
  utskrivningsklara: 0,
  units: 0,
  expectedUnits: 0,
});

export function addBedsCounts(a: BedsCounts, b: BedsCounts): BedsCounts {
  return {
    days: a.days + b.days,
    disponibla: a.disponibla + b.disponibla,
    belagda: a.belagda + b.belagda,
    overbelaggningar: a.overbelaggningar + b.overbelaggningar,
    utlokaliserade: a.utlokaliserade + b.utlokaliserade,
    utskrivningsklara: a.utskrivningsklara + b.utskrivningsklara,
    units: a.units + b.units,
    expectedUnits: a.expectedUnits + b.expectedUnits,
  };
}

/** One unit's days; `expected` says whether the unit is meant to report beds. */
export function countBeds(rows: readonly BedsDay[], expected: boolean): BedsCounts {
  let c = emptyBedsCounts();
  for (const r of rows) c = addBedsCounts(c, { ...r, days: 1, units: 0, expectedUnits: 0 });
  return { ...c, units: c.days > 0 ? 1 : 0, expectedUnits: expected || c.days > 0 ? 1 : 0 };
}

export interface BedsFigures {
  days: number;
  /** Överbeläggningar per 100 disponibla vårdplatser; null without beds. */
  overPer100: number | null;
  utlokPer100: number | null;
  /** Beläggningsgrad in percent. */
  occupancyPct: number | null;
}

export function bedsFigures(c: BedsCounts): BedsFigures {
  const per100 = (n: number) => (c.disponibla > 0 ? (n / c.disponibla) * 100 : null);
  return {
    days: c.days,
    overPer100: per100(c.overbelaggningar),
    utlokPer100: per100(c.utlokaliserade),
    occupancyPct: per100(c.belagda),
  };
}
