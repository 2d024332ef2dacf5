/**
 * What raw rows contribute to facts (families.ts), the one definition the server (at push time and
 * in a rebuild) and a device (from its own replica) both use:
 *  - append-only boards (BHK observations, safety events) contribute per correction tree: the
 *    tree's current state (corrections.ts), nothing when voided, filed under the original's date.
 *    Corrections keep their original's unit and date (the write rules require it), so a tree lies
 *    in one (unit, date) bucket and a bucket's contribution depends on that bucket's rows alone;
 *  - editable cells contribute their own live state: a safety day its confirmation, a shift its
 *    counts, a beds day its counts; a tombstone contributes nothing.
 * Contributions are base vectors (derived fields zero) for one unit and day; dayFacts adds them up
 * per (family, day, key) and derives each day's derived fields; monthFacts sums days into months.
 */
import { BHK_DRESS_STEPS, BHK_HYGIENE_STEPS, BHK_STEPS, type BhkObservation } from '../../schema/bhk-observation';
import type { BedsDay } from '../../schema/beds-day';
import { BEDS_FIELDS } from '../../schema/beds-day';
import type { SafetyDay } from '../../schema/safety-day';
import { safetyDayDate } from '../../schema/safety-day';
import type { SafetyEvent } from '../../schema/safety-event';
import { SHIFT_COUNT_FIELDS, type StaffingShift } from '../../schema/staffing-shift';
import { effectiveRecords } from '../corrections';
import { bhkKey, derive, type Family, type FactRow, fieldIndex, FAMILIES, zeroVector } from './families';

/** The fall category: "days since the last fall" counts these (domain/indicators). */
export const FALL_CATEGORY = 'fall';

export interface Contribution {
  family: Family;
  unitId: string;
  date: string;
  key: string;
  /** Base fields only (derived fields 0). */
  v: number[];
}

const okAll = (o: BhkObservation, steps: readonly (typeof BHK_STEPS)[number][]): boolean => steps.every((s) => o.steps[s] !== 'nej');

/** One counted observation's vector (bhk family). */
export function observationVector(o: BhkObservation): number[] {
  const v = zeroVector('bhk');
  const hygiene = okAll(o, BHK_HYGIENE_STEPS);
  const dress = okAll(o, BHK_DRESS_STEPS);
  v[fieldIndex('bhk', 'n')] = 1;
  v[fieldIndex('bhk', 'hygiene')] = hygiene ? 1 : 0;
  v[fieldIndex('bhk', 'dress')] = dress ? 1 : 0;
  v[fieldIndex('bhk', 'total')] = hygiene && dress ? 1 : 0;
  BHK_STEPS.forEach((s, i) => {
    if (o.steps[s] === 'ja') v[4 + 2 * i] = 1;
    else if (o.steps[s] === 'nej') v[5 + 2 * i] = 1;
  });
  return v;
}

/** The observations of one (unit, date) bucket after corrections, as contributions. */
export function bhkBucket(unitId: string, date: string, records: readonly BhkObservation[]): Contribution[] {
  return effectiveRecords(records).map((o) => ({ family: 'bhk', unitId, date, key: bhkKey(o.selfAssessment, o.profession), v: observationVector(o) }));
}

/** The events of one (unit, date) bucket after corrections, as contributions. */
export function eventBucket(unitId: string, date: string, records: readonly SafetyEvent[]): Contribution[] {
  const out: Contribution[] = [];
  for (const e of effectiveRecords(records)) {
    const v = zeroVector('safety');
    const sev = e.severity === 'gul' ? 'evGul' : e.severity === 'orange' ? 'evOrange' : 'evRod';
    v[fieldIndex('safety', sev)] = 1;
    if (e.category === FALL_CATEGORY) v[fieldIndex('safety', 'falls')] = 1;
    out.push({ family: 'safety', unitId, date, key: '', v });
    const c = zeroVector('safetyCat');
    c[fieldIndex('safetyCat', e.severity)] = 1;
    out.push({ family: 'safetyCat', unitId, date, key: e.category, v: c });
  }
  return out;
}

export function safetyDayContribution(d: SafetyDay): Contribution[] {
  if (!d.confirmedGreen) return [];
  const v = zeroVector('safety');
  v[fieldIndex('safety', 'conf')] = 1;
  return [{ family: 'safety', unitId: d.unitId, date: safetyDayDate(d.id), key: '', v }];
}

export function shiftContribution(s: StaffingShift): Contribution[] {
  const v = zeroVector('staff');
  SHIFT_COUNT_FIELDS.forEach((f, i) => (v[i] = s[f]));
  v[fieldIndex('staff', 'shifts')] = 1;
  return [{ family: 'staff', unitId: s.unitId, date: s.date, key: '', v }];
}

export function bedsContribution(b: BedsDay): Contribution[] {
  const v = zeroVector('beds');
  v[fieldIndex('beds', 'days')] = 1;
  BEDS_FIELDS.forEach((f, i) => (v[1 + i] = b[f]));
  return [{ family: 'beds', unitId: b.unitId, date: b.date, key: '', v }];
}

/** A unit's raw rows (any dates) as the boards keep them; tombstoned cells left out. */
export interface UnitRows {
  bhk: readonly BhkObservation[];
  events: readonly SafetyEvent[];
  days: readonly SafetyDay[];
  shifts: readonly StaffingShift[];
  beds: readonly BedsDay[];
}

/** The period date a BHK record is filed under: its original's (registry.ts sortKey). */
export const bhkFiledDate = (o: Pick<BhkObservation, 'date' | 'originalDate'>): string => o.originalDate ?? o.date;

/**
 * The date each record is counted under: its tree's original's. A correction carries it as
 * `originalDate` (the write rule requires it now); for one stored without it, the chain of
 * `replaces` is followed within `records` to the original (cycles and missing links stop the walk).
 */
export function bhkFiledDates(records: readonly BhkObservation[]): Map<string, string> {
  const byId = new Map(records.map((r) => [r.id as string, r]));
  const out = new Map<string, string>();
  for (const r of records) {
    let root = r;
    const seen = new Set<string>([r.id]);
    while (root.originalDate === undefined && root.replaces !== undefined) {
      const up = byId.get(root.replaces);
      if (up === undefined || seen.has(up.id)) break;
      seen.add(up.id);
      root = up;
    }
    out.set(r.id, bhkFiledDate(root));
  }
  return out;
}

function byBucket<T extends { unitId: string }>(rows: readonly T[], dateOf: (r: T) => string): Map<string, { unitId: string; date: string; rows: T[] }> {
  const out = new Map<string, { unitId: string; date: string; rows: T[] }>();
  for (const r of rows) {
    const date = dateOf(r);
    const k = `${r.unitId}\u0000${date}`;
    let b = out.get(k);
    if (b === undefined) out.set(k, (b = { unitId: r.unitId, date, rows: [] }));
    b.rows.push(r);
  }
  return out;
}

/** Every contribution of the given rows (of any units and dates). */
export function contributionsOf(rows: UnitRows): Contribution[] {
  const out: Contribution[] = [];
  const filed = bhkFiledDates(rows.bhk);
  for (const b of byBucket(rows.bhk, (o) => filed.get(o.id) ?? bhkFiledDate(o)).values()) out.push(...bhkBucket(b.unitId, b.date, b.rows));
  for (const b of byBucket(rows.events, (e) => e.date).values()) out.push(...eventBucket(b.unitId, b.date, b.rows));
  for (const d of rows.days) out.push(...safetyDayContribution(d));
  for (const s of rows.shifts) out.push(...shiftContribution(s));
  for (const b of rows.beds) out.push(...bedsContribution(b));
  return out;
}

/** Contributions summed per (family, unit, day, key), with each day's derived fields. */
export function dayFacts(contributions: readonly Contribution[]): FactRow[] {
  const rows = new Map<string, FactRow>();
  for (const c of contributions) {
    const k = `${c.family}\u0000${c.unitId}\u0000${c.date}\u0000${c.key}`;
    const row = rows.get(k);
    if (row === undefined) rows.set(k, { family: c.family, unitId: c.unitId, grain: 'd', period: c.date, key: c.key, v: [...c.v] });
    else for (let i = 0; i < c.v.length; i++) row.v[i] = (row.v[i] as number) + (c.v[i] as number);
  }
  const out: FactRow[] = [];
  for (const r of rows.values()) {
    if (FAMILIES[r.family].derived.length > 0) r.v = derive(r.family, r.v);
    out.push(r);
  }
  return out;
}

/** Day rows summed into month rows per (family, unit, month, key). */
export function monthFacts(days: readonly FactRow[]): FactRow[] {
  const rows = new Map<string, FactRow>();
  for (const d of days) {
    if (d.grain !== 'd') continue;
    const month = d.period.slice(0, 7);
    const k = `${d.family}\u0000${d.unitId}\u0000${month}\u0000${d.key}`;
    const row = rows.get(k);
    if (row === undefined) rows.set(k, { family: d.family, unitId: d.unitId, grain: 'm', period: month, key: d.key, v: [...d.v] });
    else for (let i = 0; i < d.v.length; i++) row.v[i] = (row.v[i] as number) + (d.v[i] as number);
  }
  return [...rows.values()];
}

/**
 * Year-to-month rows (grain c) of month rows or month deltas: a month's vector goes into its own c
 * row and every later month's of the same year, summed per (family, unit, month) over the keys
 * (key ''); rows that sum to zero are left out. Of a unit's month rows these are its c rows; of a
 * push's month deltas, the deltas of its c rows (a month M changes 13 − M of them, one a family:
 * BHK's ~7 sources and professions would make a push in January write ~84). Only reads summed
 * over keys use them (plan.ts usesCumulative).
 */
export function cumulativeFacts(months: readonly FactRow[]): FactRow[] {
  const rows = new Map<string, FactRow>();
  for (const m of months) {
    if (m.grain !== 'm') continue;
    const year = m.period.slice(0, 4);
    for (let month = Number(m.period.slice(5, 7)); month <= 12; month++) {
      const period = `${year}-${String(month).padStart(2, '0')}`;
      const k = `${m.family}\u0000${m.unitId}\u0000${period}`;
      const row = rows.get(k);
      if (row === undefined) rows.set(k, { family: m.family, unitId: m.unitId, grain: 'c', period, key: '', v: [...m.v] });
      else for (let i = 0; i < m.v.length; i++) row.v[i] = (row.v[i] as number) + (m.v[i] as number);
    }
  }
  return [...rows.values()].filter((r) => r.v.some((x) => x !== 0));
}

/** Day and month facts of the given raw rows: what a device keeps of them (the server adds cumulativeFacts). */
export function factsOfRows(rows: UnitRows): FactRow[] {
  const days = dayFacts(contributionsOf(rows));
  return [...days, ...monthFacts(days)];
}
