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

// A region's report pools ~1,500 units per range: the zero record is copied, not rebuilt (issue 17).
const ZERO_METRICS = Object.freeze(Object.fromEntries(METRICS.map((m) => [m, 0])) as Record<Metric, number>);
const zeroMetrics = (): Record<Metric, number> => ({ ...ZERO_METRICS });
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
  for (const m of METRICS) {
    into.metrics[m] += b.metrics[m];
    into.reporting[m] += b.reporting[m];
  }
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
