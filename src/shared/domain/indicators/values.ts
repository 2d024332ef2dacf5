/**
 * An indicator's value from pooled facts (facts.ts), in display units:
 *  - ratio: num / den, ×100 for pct; null when den is 0 (nothing to divide);
 *  - count: the metric as is; null when no unit has data of its kind (a level where nobody filled
 *    the cross has no harm-day count, not 0). hrKvot is already a percentage (hours-weighted),
 *    safetyDaysSinceFall the smallest value among the units.
 * n (compared with minN) is what the value rests on: observations for BHK, filled days for the
 * safety cross, planned staff-shifts for the board's sick share, unit-months with an HR figure for
 * HR, units with a value for days since the last fall. HR and reported measures (reported.ts) have
 * K and M.
 */
import type { Metric } from '../../schema/indicator';
import type { IndicatorDef } from '../../indicators-api';
import { METRIC_FAMILY } from './pool';
import { reportedValue } from './reported';
import type { Facts } from './types';

export interface SourceValue {
  value: number | null;
  num: number | null;
  den: number | null;
  n: number;
  valueK: number | null;
  valueM: number | null;
}

const pct = (sick: number, hours: number): number | null => (hours > 0 ? (sick / hours) * 100 : null);

/** What the value of a metric's kind rests on (see the header). */
export function nOf(metric: Metric, f: Facts): number {
  if (metric === 'safetyDaysSinceFall') return f.reporting.safetyDaysSinceFall;
  switch (METRIC_FAMILY[metric]) {
    case 'bhk':
      return f.metrics.bhkObserved;
    case 'safety':
      return f.metrics.safetyFilledDays;
    case 'staff':
      return f.metrics.staffPlanned;
    case 'hr':
      return f.hr.months;
  }
}

/** A count metric's value, or null when there is nothing behind it. */
function countValue(metric: Metric, f: Facts): number | null {
  if (metric === 'safetyDaysSinceFall') return f.daysSinceFall;
  if (metric === 'hrKvot') return pct(f.hr.sick, f.hr.hours);
  return nOf(metric, f) > 0 || f.reporting[metric] > 0 ? f.metrics[metric] : null;
}

export function sourceValue(def: Pick<IndicatorDef, 'key' | 'source' | 'unit'>, f: Facts): SourceValue {
  const s = def.source;
  if (s.kind === 'reported') {
    const { reporters: _r, ...v } = reportedValue(s, def.unit, f.reported.get(def.key));
    return v;
  }
  if (s.kind === 'ratio') {
    const num = f.metrics[s.num];
    const den = f.metrics[s.den];
    const r = den > 0 ? num / den : null;
    return { value: r === null ? null : def.unit === 'pct' ? r * 100 : r, num, den, n: nOf(s.den === 'bhkQuota' ? s.num : s.den, f), valueK: null, valueM: null };
  }
  const value = countValue(s.metric, f);
  const hr = s.metric === 'hrKvot';
  return {
    value,
    num: value,
    den: null,
    n: nOf(s.metric, f),
    valueK: hr ? pct(f.hr.kSick, f.hr.kHours) : null,
    valueM: hr ? pct(f.hr.mSick, f.hr.mHours) : null,
  };
}

/** Which metric's units count as reporting for an indicator; null for a reported measure (reported.ts). */
export const reportingMetric = (def: Pick<IndicatorDef, 'source'>): Metric | null =>
  def.source.kind === 'ratio' ? (def.source.den === 'bhkQuota' ? def.source.num : def.source.den) : def.source.kind === 'count' ? def.source.metric : null;

/**
 * Whether the value is a sum that grows with the days of the period (harm days, events), so a
 * period in progress is compared with as many days of the compare period (ranges.ts compareRange).
 * Ratios, the HR kvot and days since the last fall are not.
 */
export const accumulates = (def: Pick<IndicatorDef, 'source'>): boolean =>
  def.source.kind === 'count' && def.source.metric !== 'hrKvot' && def.source.metric !== 'safetyDaysSinceFall';
// A reported value covers its whole period, so it is compared with the whole compare period.
