/**
 * Goal status and trend arrow of one indicator value (docs/domain.md §5.2 and §5.3, issue 6 §2).
 * Values are in display units (pct as 0–100, so the flat threshold is 1 percentage point).
 *
 * Status (decided here, table-tested in tests/shared/domain/indicators/status.test.ts):
 *  - unmeasurable □: no value, n < minN, no target, or an Öka/Minska target without a compare
 *    value (nothing to compare with);
 *  - fixed target (gte/lte): met ● when the value meets it; partial ▲ when it misses by no more
 *    than the tolerance (relative: % of |target|, absolute: display units), OR when it misses but
 *    moved the right way (per `direction`) by at least the flat threshold since the compare value;
 *    notMet ◆ otherwise;
 *  - Öka/Minska: met when the value moved the target's way by at least FLAT_THRESHOLD; partial
 *    when it is unchanged (|Δ| < FLAT_THRESHOLD: "oförändrad" is neither a success nor a
 *    failure); notMet when it moved the wrong way by at least the threshold;
 *  - a target per sex (gte/lte with `k` and `m`): where the figure is split by sex, women are
 *    judged against `k` and men against `m` (each as a fixed target, with their own compare
 *    value) and the cell shows the worse of the two; where it is not, the total against `value`,
 *    or ej mätbart without one.
 * Trend: none when either side is missing; diverging ↕ when K and M both moved at least the
 * threshold, in opposite directions; flat → when |Δ| < FLAT_THRESHOLD; else up ↑ / down ↓, with
 * `improving` telling whether that is the good way for the indicator (null unless up/down).
 */
import type { IndicatorDef, IndicatorStatus, TrendArrow } from '../../indicators-api';
import type { IndicatorTarget } from '../../schema/indicator';

/** Changes under this (1 pp for %, 1 for counts and days) are "oförändrad". */
export const FLAT_THRESHOLD = 1;

export type StatusDef = Pick<IndicatorDef, 'direction' | 'tolerance' | 'minN'>;

/** The yellow band below (gte) or above (lte) a fixed target, in display units. */
export function toleranceBand(def: Pick<IndicatorDef, 'tolerance'>, targetValue: number): number {
  return def.tolerance.kind === 'relative' ? (Math.abs(targetValue) * def.tolerance.value) / 100 : def.tolerance.value;
}

/** A value now and at the compare period, for K/M (women/men) where the source has them. */
export interface SexPair {
  now: number | null;
  before: number | null;
}

const RANK: Record<IndicatorStatus, number> = { notMet: 0, partial: 1, met: 2, unmeasurable: 3 };
/** The worse of two statuses (◆ before ▲ before ●). */
export const worseStatus = (a: IndicatorStatus, b: IndicatorStatus): IndicatorStatus => (RANK[a] <= RANK[b] ? a : b);

/** A value against a fixed bound: met, within the band or improving (partial), else notMet. */
function fixedStatus(def: StatusDef, op: 'gte' | 'lte', t: number, value: number, compareValue: number | null): IndicatorStatus {
  const delta = compareValue === null ? null : value - compareValue;
  const band = toleranceBand(def, t);
  if (op === 'gte' ? value >= t : value <= t) return 'met';
  if (op === 'gte' ? value >= t - band : value <= t + band) return 'partial';
  const better = delta !== null && (def.direction === 'higher' ? delta >= FLAT_THRESHOLD : -delta >= FLAT_THRESHOLD);
  return better ? 'partial' : 'notMet';
}

/**
 * Women's and men's own status against a target per sex (`k`, `m`; the same rule as a fixed
 * target, each against its own bound and its own compare value), or null when the target has no
 * per-sex form, the figure is not split by sex, or n is below the minimum.
 */
export function sexStatuses(def: StatusDef, target: IndicatorTarget | null, n: number, k: SexPair, m: SexPair): { k: IndicatorStatus; m: IndicatorStatus } | null {
  if (target === null || target.k === undefined || target.m === undefined || (target.op !== 'gte' && target.op !== 'lte')) return null;
  if (k.now === null || m.now === null || n < def.minN) return null;
  return { k: fixedStatus(def, target.op, target.k, k.now, k.before), m: fixedStatus(def, target.op, target.m, m.now, m.before) };
}

/**
 * The cell's status. With a target per sex and a figure split by sex, the worse of women's and
 * men's own status (sexStatuses); without the split, the total against `value`, and without a
 * `value` ej mätbart.
 */
export function indicatorStatus(
  def: StatusDef,
  target: IndicatorTarget | null,
  value: number | null,
  n: number,
  compareValue: number | null,
  k: SexPair = { now: null, before: null },
  m: SexPair = { now: null, before: null },
): IndicatorStatus {
  if (value === null || n < def.minN || target === null) return 'unmeasurable';
  if (target.op === 'increase' || target.op === 'decrease') {
    if (compareValue === null) return 'unmeasurable';
    const delta = value - compareValue;
    const signed = target.op === 'increase' ? delta : -delta;
    return signed >= FLAT_THRESHOLD ? 'met' : signed > -FLAT_THRESHOLD ? 'partial' : 'notMet';
  }
  const perSex = sexStatuses(def, target, n, k, m);
  if (perSex !== null) return worseStatus(perSex.k, perSex.m);
  if (target.value === undefined) return 'unmeasurable';
  return fixedStatus(def, target.op, target.value, value, compareValue);
}

const arrow = (delta: number): TrendArrow => (Math.abs(delta) < FLAT_THRESHOLD ? 'flat' : delta > 0 ? 'up' : 'down');

export function trendArrow(
  def: Pick<IndicatorDef, 'direction'>,
  value: number | null,
  compareValue: number | null,
  k?: SexPair,
  m?: SexPair,
): { trend: TrendArrow; improving: boolean | null } {
  if (value === null || compareValue === null) return { trend: 'none', improving: null };
  if (k && m && k.now !== null && k.before !== null && m.now !== null && m.before !== null) {
    const a = arrow(k.now - k.before);
    const b = arrow(m.now - m.before);
    if ((a === 'up' && b === 'down') || (a === 'down' && b === 'up')) return { trend: 'diverging', improving: null };
  }
  const trend = arrow(value - compareValue);
  if (trend === 'flat') return { trend, improving: null };
  return { trend, improving: (trend === 'up') === (def.direction === 'higher') };
}
