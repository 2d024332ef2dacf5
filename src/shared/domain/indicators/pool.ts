/**
 * Pooling facts (facts.ts) across units and levels: every metric is a sum, except days since the
 * last fall (the smallest value among the units) and the HR kvot (hours-weighted), which are
 * derived again from what is summed. `reporting` counts, per metric, the open leaf units with data
 * of that metric's family, so each indicator has its own completeness.
 */
import { METRICS, type Metric } from '../../schema/indicator';
import type { Facts, HrSums, ReportedSums } from './types';

export type Family = 'bhk' | 'safety' | 'staff' | 'hr';
export const METRIC_FAMILY: Record<Metric, Family> = {
  bhkObserved: 'bhk',
  bhkCorrect: 'bhk',
  bhkHygieneObserved: 'bhk',
  bhkHygieneCorrect: 'bhk',
  bhkDressObserved: 'bhk',
  bhkDressCorrect: 'bhk',
  bhkQuota: 'bhk',
  safetyHarmDays: 'safety',
  safetyRiskDays: 'safety',
  safetyGreenDays: 'safety',
  safetyFilledDays: 'safety',
  safetyPastDays: 'safety',
  safetyEvents: 'safety',
  safetyDaysSinceFall: 'safety',
  staffPlanned: 'staff',
  staffSick: 'staff',
  hrKvot: 'hr',
};

/*
 * A region's report makes and pools ~5,000 of these records per request (issue 17), so the
 * three below name every metric instead of looping over METRICS: a property read or written by a
 * computed key cost ~30× one named in the code. A metric added to METRICS but not here is a type
 * error in zeroMetrics and fails the pool tests for the other two.
 */
const zeroMetrics = (): Record<Metric, number> => ({
  bhkObserved: 0,
  bhkCorrect: 0,
  bhkHygieneObserved: 0,
  bhkHygieneCorrect: 0,
  bhkDressObserved: 0,
  bhkDressCorrect: 0,
  bhkQuota: 0,
  safetyHarmDays: 0,
  safetyRiskDays: 0,
  safetyGreenDays: 0,
  safetyFilledDays: 0,
  safetyPastDays: 0,
  safetyEvents: 0,
  safetyDaysSinceFall: 0,
  staffPlanned: 0,
  staffSick: 0,
  hrKvot: 0,
});

/** a[m] += b[m] for every metric. */
export function addMetricsInto(a: Record<Metric, number>, b: Readonly<Record<Metric, number>>): void {
  a.bhkObserved += b.bhkObserved;
  a.bhkCorrect += b.bhkCorrect;
  a.bhkHygieneObserved += b.bhkHygieneObserved;
  a.bhkHygieneCorrect += b.bhkHygieneCorrect;
  a.bhkDressObserved += b.bhkDressObserved;
  a.bhkDressCorrect += b.bhkDressCorrect;
  a.bhkQuota += b.bhkQuota;
  a.safetyHarmDays += b.safetyHarmDays;
  a.safetyRiskDays += b.safetyRiskDays;
  a.safetyGreenDays += b.safetyGreenDays;
  a.safetyFilledDays += b.safetyFilledDays;
  a.safetyPastDays += b.safetyPastDays;
  a.safetyEvents += b.safetyEvents;
  a.safetyDaysSinceFall += b.safetyDaysSinceFall;
  a.staffPlanned += b.staffPlanned;
  a.staffSick += b.staffSick;
  a.hrKvot += b.hrKvot;
}

/** Sets each metric of `r` to its family's value (METRIC_FAMILY): a unit's completeness per metric. */
export function setByFamily(r: Record<Metric, number>, bhk: number, safety: number, staff: number, hr: number): void {
  r.bhkObserved = bhk;
  r.bhkCorrect = bhk;
  r.bhkHygieneObserved = bhk;
  r.bhkHygieneCorrect = bhk;
  r.bhkDressObserved = bhk;
  r.bhkDressCorrect = bhk;
  r.bhkQuota = bhk;
  r.safetyHarmDays = safety;
  r.safetyRiskDays = safety;
  r.safetyGreenDays = safety;
  r.safetyFilledDays = safety;
  r.safetyPastDays = safety;
  r.safetyEvents = safety;
  r.safetyDaysSinceFall = safety;
  r.staffPlanned = staff;
  r.staffSick = staff;
  r.hrKvot = hr;
}
const emptyHr = (): HrSums => ({ months: 0, hours: 0, sick: 0, kHours: 0, kSick: 0, mHours: 0, mSick: 0 });
const HR_KEYS = Object.keys(emptyHr()) as (keyof HrSums)[];

/**
 * The reported sums of facts without any: one map for all of them, never written (a region's
 * report makes ~4,700 facts records, nearly all without reported measures); a pool that gains
 * some gets a map of its own (addFactsInto).
 */
const NO_REPORTED: ReadonlyMap<string, ReportedSums> = new Map();

export function emptyFacts(): Facts {
  return { metrics: zeroMetrics(), daysSinceFall: null, hr: emptyHr(), reporting: zeroMetrics(), reported: NO_REPORTED };
}

/** Reported measures (reported.ts) pool as sums, measure by measure. */
export const emptyReportedSums = (): ReportedSums => ({ reporters: 0, units: 0, num: 0, den: 0, kUnits: 0, numK: 0, denK: 0, mUnits: 0, numM: 0, denM: 0 });

export function addReportedSums(a: ReportedSums, b: ReportedSums): ReportedSums {
  return {
    reporters: a.reporters + b.reporters,
    units: a.units + b.units,
    num: a.num + b.num,
    den: a.den + b.den,
    kUnits: a.kUnits + b.kUnits,
    numK: a.numK + b.numK,
    denK: a.denK + b.denK,
    mUnits: a.mUnits + b.mUnits,
    numM: a.numM + b.numM,
    denM: a.denM + b.denM,
  };
}


export const kvot = (sick: number, hours: number): number | null => (hours > 0 ? (sick / hours) * 100 : null);

export function addFacts(a: Facts, b: Facts): Facts {
  return addFactsInto(addFactsInto(emptyFacts(), a), b);
}

/**
 * Adds `b` into `into` and returns it: for a pool that owns its running total (treeFacts pools a
 * region's ~1,500 units per range; a new record per addition was most of its garbage, issue 17).
 */
export function addFactsInto(into: Facts, b: Facts): Facts {
  addMetricsInto(into.metrics, b.metrics);
  addMetricsInto(into.reporting, b.reporting);
  into.daysSinceFall = into.daysSinceFall === null ? b.daysSinceFall : b.daysSinceFall === null ? into.daysSinceFall : Math.min(into.daysSinceFall, b.daysSinceFall);
  for (const k of HR_KEYS) into.hr[k] += b.hr[k];
  if (b.reported.size > 0) {
    const sums = into.reported === NO_REPORTED ? new Map<string, ReportedSums>() : (into.reported as Map<string, ReportedSums>);
    for (const [key, s] of b.reported) sums.set(key, addReportedSums(sums.get(key) ?? emptyReportedSums(), s));
    into.reported = sums;
  }
  // The two values that are not sums are derived again from what is.
  into.metrics.safetyDaysSinceFall = into.daysSinceFall ?? 0;
  into.metrics.hrKvot = kvot(into.hr.sick, into.hr.hours) ?? 0;
  return into;
}
