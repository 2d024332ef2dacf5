/**
 * Facts behind the indicators (schema/indicator.ts METRICS) per unit and date range, from raw
 * rows through the boards' own shared functions, so an indicator can never disagree with a board:
 *  - BHK: observations whose original is dated in the range, corrections applied and voids
 *    dropped (bhk-period.ts), counted as bhk.ts does (hygiene-all, dress-all, total).
 *  - BHK quota: the unit's monthly quota (unitSettings, else DEFAULT_UNIT_SETTINGS) prorated by
 *    calendar days: for each month the range touches, quota × days in range / days in month, not
 *    rounded (a week of a 30-day month is 10 × 7 / 30 ≈ 2,33; a whole month is exactly the
 *    quota). Leaf units only; a closed unit's quota stops the day it closed. Days after today
 *    do not count: in the current period the quota is the part due so far ("in step").
 *  - Safety: each day up to today gets its colour from safety-colour.ts (most serious effective
 *    event, else green only when confirmed); today counts only once it has a colour.
 *  - Days since the last fall (category code "fall"), as of min(range end, today), looking back
 *    FALL_LOOKBACK_DAYS at most: a unit with no fall in that window that filled its cross in the
 *    range gets the bound itself (read "at least 730 days"); otherwise it has no value. Not
 *    additive: a level takes the smallest value among its units.
 *  - Staffing: shift rows dated in the range, pooled staff-shifts (staffing.ts).
 *  - HR: the leaf units' hrMonths whose whole month lies in the range (so a week has none),
 *    pooled by ordinary hours as staffing-hr.ts does, K and M likewise; rows on higher levels
 *    are the HR system's own figures and never added to their children's.
 * A level's facts are its units' facts pooled (addFacts via rollupTree): sums, never averages.
 */
import { METRICS } from '../../schema/indicator';
import { DEFAULT_UNIT_SETTINGS } from '../../schema/unit-settings';
import { countObservations } from '../bhk';
import { observationsInPeriod } from '../bhk-period';
import { effectiveRecords } from '../corrections';
import { addDays, daysInMonth } from '../periods';
import { type RollupNode, rollupTree, subtreeIds } from '../rollup';
import { dayStatus } from '../safety-colour';
import { daysBetween } from '../safety-counters';
import { confirmedDates } from '../safety-rollup';
import { datesBetween } from '../staffing';
import { addFacts, emptyFacts, type Family, kvot, METRIC_FAMILY } from './pool';
import type { DateRange, Facts, IndicatorInput } from './types';

export { addFacts, emptyFacts, METRIC_FAMILY } from './pool';

export const FALL_LOOKBACK_DAYS = 730;
export const FALL_CATEGORY = 'fall';

/** Rows of the input grouped by unit once, for the facts of many units and ranges. */
export interface UnitRowsIndex {
  of: <K extends 'bhk' | 'safetyEvents' | 'safetyDays' | 'shifts' | 'hrMonths'>(key: K, unitId: string) => IndicatorInput[K];
  quota: (unitId: string) => number;
}

export function indexRows(input: IndicatorInput): UnitRowsIndex {
  const cache = new Map<string, Map<string, unknown[]>>();
  const group = (key: 'bhk' | 'safetyEvents' | 'safetyDays' | 'shifts' | 'hrMonths'): Map<string, unknown[]> => {
    let m = cache.get(key);
    if (m === undefined) {
      m = new Map();
      for (const r of input[key] as { unitId: string }[]) {
        const list = m.get(r.unitId) ?? [];
        list.push(r);
        m.set(r.unitId, list);
      }
      if (key === 'safetyEvents') for (const [id, list] of m) m.set(id, effectiveRecords(list as IndicatorInput['safetyEvents']));
      cache.set(key, m);
    }
    return m;
  };
  const quotas = new Map(input.unitSettings.map((s) => [s.unitId as string, s.bhkMonthlyQuota]));
  return {
    of: (key, unitId) => (group(key).get(unitId) ?? []) as IndicatorInput[typeof key],
    quota: (unitId) => quotas.get(unitId) ?? DEFAULT_UNIT_SETTINGS.bhkMonthlyQuota,
  };
}

/** Monthly quota prorated over [from, to] by calendar days. */
export function proratedQuota(monthly: number, from: string, to: string): number {
  let total = 0;
  for (let month = from.slice(0, 7); month <= to.slice(0, 7); month = addDays(`${month}-${daysInMonth(month)}`, 1).slice(0, 7)) {
    const days = daysInMonth(month);
    const first = from > `${month}-01` ? from : `${month}-01`;
    const last = to < `${month}-${days}` ? to : `${month}-${days}`;
    const inRange = first <= last ? daysBetween(first, last) + 1 : 0;
    total += (monthly * inRange) / days;
  }
  return total;
}

interface LeafInfo {
  /** No units below it: quota and HR belong to it. */
  leaf: boolean;
  /** A leaf that is open: expected to report, counted in `reporting`. */
  open: boolean;
  /** Date the unit closed (YYYY-MM-DD), or null. */
  closedOn: string | null;
}

/** One unit's own facts (its own rows; nothing of the units below it). */
export function ownFacts(idx: UnitRowsIndex, unitId: string, info: LeafInfo, range: DateRange, today: string): Facts {
  const f = emptyFacts();
  const m = f.metrics;
  // BHK
  const c = countObservations(observationsInPeriod(idx.of('bhk', unitId), range));
  m.bhkObserved = c.n;
  m.bhkCorrect = c.totalAllOk;
  m.bhkHygieneObserved = c.n;
  m.bhkHygieneCorrect = c.hygieneAllOk;
  m.bhkDressObserved = c.n;
  m.bhkDressCorrect = c.dressAllOk;
  if (info.leaf) {
    const open = info.closedOn !== null && addDays(info.closedOn, -1) < range.to ? addDays(info.closedOn, -1) : range.to;
    // The quota so far: on the 10th a unit is measured against a third of the month, not all of it.
    const end = open > today ? today : open;
    m.bhkQuota = end >= range.from ? proratedQuota(idx.quota(unitId), range.from, end) : 0;
  }
  // Safety
  const events = idx.of('safetyEvents', unitId);
  const confirmed = confirmedDates(idx.of('safetyDays', unitId));
  const severities = new Map<string, ('gul' | 'orange' | 'rod')[]>();
  for (const e of events) {
    if (e.date < range.from || e.date > range.to || e.date > today) continue;
    severities.set(e.date, [...(severities.get(e.date) ?? []), e.severity]);
    m.safetyEvents += 1;
  }
  const last = range.to < today ? range.to : today;
  for (const date of datesBetween(range.from, last)) {
    const status = dayStatus({ date, today, confirmed: confirmed.has(date), severities: severities.get(date) ?? [] });
    if (status === 'idag' || status === 'framtid') continue;
    m.safetyPastDays += 1;
    if (status === 'ej_ifylld') continue;
    m.safetyFilledDays += 1;
    if (status === 'gron') m.safetyGreenDays += 1;
    else m.safetyRiskDays += 1;
    if (status === 'orange' || status === 'rod') m.safetyHarmDays += 1;
  }
  if (range.from <= last) {
    const bound = addDays(last, -FALL_LOOKBACK_DAYS);
    let lastFall: string | null = null;
    for (const e of events) {
      if (e.category === FALL_CATEGORY && e.date <= last && e.date >= bound && (lastFall === null || e.date > lastFall)) lastFall = e.date;
    }
    f.daysSinceFall = lastFall !== null ? daysBetween(lastFall, last) : m.safetyFilledDays > 0 ? FALL_LOOKBACK_DAYS : null;
  }
  // Staffing
  let shiftRows = 0;
  for (const s of idx.of('shifts', unitId)) {
    if (s.date < range.from || s.date > range.to) continue;
    shiftRows += 1;
    m.staffPlanned += s.planned;
    m.staffSick += s.sick;
  }
  // HR: whole months inside the range, leaf units only.
  if (info.leaf) {
    // In month order: floating-point sums must not depend on the order rows arrive in.
    const months = [...idx.of('hrMonths', unitId)].sort((a, b) => (a.month < b.month ? -1 : a.month > b.month ? 1 : 0));
    for (const h of months) {
      if (`${h.month}-01` < range.from || `${h.month}-${daysInMonth(h.month)}` > range.to) continue;
      f.hr.months += 1;
      const hours = h.ordinaryHours;
      if (hours === null || hours <= 0) continue;
      f.hr.hours += hours;
      f.hr.sick += (h.kvotTotal * hours) / 100;
      if (h.kvotK !== null) {
        f.hr.kHours += hours;
        f.hr.kSick += (h.kvotK * hours) / 100;
      }
      if (h.kvotM !== null) {
        f.hr.mHours += hours;
        f.hr.mSick += (h.kvotM * hours) / 100;
      }
    }
  }
  m.safetyDaysSinceFall = f.daysSinceFall ?? 0;
  m.hrKvot = kvot(f.hr.sick, f.hr.hours) ?? 0;
  if (info.open) {
    const has: Record<Family, boolean> = {
      bhk: c.n > 0,
      safety: m.safetyFilledDays > 0,
      staff: shiftRows > 0,
      hr: f.hr.months > 0,
    };
    for (const metric of METRICS) f.reporting[metric] = has[METRIC_FAMILY[metric]] ? 1 : 0;
    f.reporting.safetyDaysSinceFall = f.daysSinceFall !== null ? 1 : 0;
  }
  return f;
}

/** Facts of every node under input.rootId for `range`, pooled up the tree with completeness. */
export function treeFacts(input: IndicatorInput, range: DateRange, idx: UnitRowsIndex = indexRows(input), rootId = input.rootId): Map<string, RollupNode<Facts>> {
  const parents = new Set(input.units.filter((u) => u.parentId !== null && u.parentId !== u.id).map((u) => u.parentId));
  const byId = new Map(input.units.map((u) => [u.id, u]));
  const own = new Map<string, Facts>();
  for (const id of subtreeIds(input.units, rootId)) {
    const u = byId.get(id);
    if (u === undefined) continue;
    const leaf = !parents.has(u.id);
    const info: LeafInfo = { leaf, open: leaf && u.closedAt === null, closedOn: u.closedAt === null ? null : u.closedAt.slice(0, 10) };
    own.set(u.id, ownFacts(idx, u.id, info, range, input.today));
  }
  // Units in id order, so pooled floating-point sums (HR) do not depend on the input's order.
  const sorted = [...input.units].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  return rollupTree(sorted, rootId, own, addFacts, emptyFacts, (f) => METRICS.some((k) => f.reporting[k] > 0));
}

/** The pooled facts of `unitId` and everything under it for `range`. */
export function unitFacts(input: IndicatorInput, unitId: string, range: DateRange): Facts {
  return treeFacts(input, range, indexRows(input), unitId).get(unitId)?.counts ?? emptyFacts();
}
