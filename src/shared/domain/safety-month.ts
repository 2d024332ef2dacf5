/**
 * A unit's month on Gröna korset as pooled counts: per day, how many units had each status, and
 * the month's events by category and severity. One unit's counts hold exactly one status per
 * filled or due day, so its cross can be read back from them; a VO's or division's counts are the
 * element-wise sum (addSafetyCounts), so every figure above a unit is a ratio of summed counts.
 * The unit board, the tablet's offline view and the server's /api/rollup/safety all use these.
 */
import { SEVERITIES, type SafetyEvent, type Severity } from '../schema/safety-event';
import { ratio, type Ratio } from './bhk';
import { dayFacts, eventBucket } from './facts/contrib';
import { derive, fieldIndex, zeroVector } from './facts/families';
import { dayStatus, type DayStatus } from './safety-colour';
import { monthDates } from './safety-cross';

/** Statuses that are counted; "framtid" (future) never is. */
export const COUNTED_STATUSES = ['gron', 'gul', 'orange', 'rod', 'ej_ifylld', 'idag'] as const;
export type CountedStatus = (typeof COUNTED_STATUSES)[number];
export type DayCounts = Record<CountedStatus, number>;
export type SeverityCounts = Record<Severity, number>;

export interface SafetyCounts {
  /** Index 0 = the 1st of the month: how many units had each status that day. */
  days: DayCounts[];
  /** Effective events dated in the month: category → severity → count. */
  events: Record<string, SeverityCounts>;
}

/** Worst first, for "the day's worst colour across units": an unfilled unit outranks green. */
const RANK: Record<CountedStatus, number> = { rod: 5, orange: 4, gul: 3, ej_ifylld: 2, idag: 1, gron: 0 };

export const emptyDay = (): DayCounts => ({ gron: 0, gul: 0, orange: 0, rod: 0, ej_ifylld: 0, idag: 0 });
const emptySeverities = (): SeverityCounts => ({ gul: 0, orange: 0, rod: 0 });

export function emptySafetyCounts(month: string): SafetyCounts {
  return { days: datesOf(month).map(emptyDay), events: {} };
}

/** Each day's status for one unit. `events` are effective events (any dates; others are ignored). */
export function unitMonthStatuses(
  month: string,
  today: string,
  events: readonly Pick<SafetyEvent, 'date' | 'severity'>[],
  confirmed: ReadonlySet<string>,
): DayStatus[] {
  const byDate = new Map<string, Severity[]>();
  for (const e of events) {
    if (!e.date.startsWith(month)) continue;
    const list = byDate.get(e.date) ?? [];
    list.push(e.severity);
    byDate.set(e.date, list);
  }
  return monthDates(month).map((date) =>
    dayStatus({ date, today, confirmed: confirmed.has(date), severities: byDate.get(date) ?? [] }),
  );
}

export interface UnitMonthInput {
  month: string;
  today: string;
  /** Effective events of the unit (after corrections). */
  events: readonly Pick<SafetyEvent, 'date' | 'severity' | 'category'>[];
  /** Dates the unit confirmed green. */
  confirmed: ReadonlySet<string>;
  /**
   * An open reporting unit is expected to fill every day: its empty past days count as
   * "ej_ifylld" and an open today as "idag". A closed unit or a parent level counts only what it
   * filled, so it neither inflates nor drags down completeness.
   */
  expected: boolean;
}

/** A unit's month as facts: safety day rows by date and its event counts by category (≤ today). */
export interface UnitMonthFacts {
  month: string;
  today: string;
  /** The unit's safety family vectors (families.ts) per date of the month. */
  days: ReadonlyMap<string, readonly number[]>;
  /** safetyCat vectors (gul, orange, rod) per category, summed over the month's days up to today. */
  categories: ReadonlyMap<string, readonly number[]>;
  /** See UnitMonthInput.expected. */
  expected: boolean;
}

/** The safety fields a day's status reads (the server reads only these: FactReader.days). */
export const STATUS_FIELDS = ['conf', 'wGul', 'wOrange', 'wRod'] as const;
const [CONF, W_GUL, W_ORANGE, W_ROD] = STATUS_FIELDS.map((f) => fieldIndex('safety', f)) as [number, number, number, number];
const ONE: Readonly<Record<Severity, Severity[]>> = { rod: ['rod'], orange: ['orange'], gul: ['gul'] };
const NONE: Severity[] = [];

/** The day's status from its safety facts (the same rule as dayStatus). */
export function statusFromFacts(date: string, today: string, v: readonly number[] | undefined): DayStatus {
  if (v === undefined) return dayStatus({ date, today, confirmed: false, severities: NONE });
  const severities = (v[W_ROD] as number) > 0 ? ONE.rod : (v[W_ORANGE] as number) > 0 ? ONE.orange : (v[W_GUL] as number) > 0 ? ONE.gul : NONE;
  return dayStatus({ date, today, confirmed: (v[CONF] as number) > 0, severities });
}

export function monthCountsFromFacts(u: UnitMonthFacts): SafetyCounts {
  const counts = emptySafetyCounts(u.month);
  // A region's roll-up asks 1,500 times for the same month's dates.
  datesOf(u.month).forEach((date, i) => {
    const status = statusFromFacts(date, u.today, u.days.get(date));
    if (status === 'framtid') return;
    if (!u.expected && (status === 'ej_ifylld' || status === 'idag')) return;
    countDay(counts.days[i] as DayCounts, status);
  });
  for (const [category, v] of u.categories) {
    if (v.every((x) => x === 0)) continue;
    const sev = (counts.events[category] ??= emptySeverities());
    for (const [i, s] of SEVERITIES.entries()) sev[s] += v[i] as number;
  }
  return counts;
}

/** A unit's month from its effective events and confirmed dates: as facts, then counted. */
export function unitMonthCounts(u: UnitMonthInput): SafetyCounts {
  const byDate = new Map<string, SafetyEvent[]>();
  for (const e of u.events) if (e.date.startsWith(u.month)) byDate.set(e.date, [...(byDate.get(e.date) ?? []), e as SafetyEvent]);
  const contributions = [...byDate].flatMap(([date, list]) => eventBucket('u', date, list));
  const days = new Map<string, number[]>();
  const categories = new Map<string, number[]>();
  for (const r of dayFacts(contributions)) {
    if (r.family === 'safety') days.set(r.period, r.v);
    else if (r.period <= u.today) categories.set(r.key, (categories.get(r.key) ?? [0, 0, 0]).map((x, i) => x + (r.v[i] as number)));
  }
  for (const date of u.confirmed) {
    if (!date.startsWith(u.month)) continue;
    const v = [...(days.get(date) ?? zeroVector('safety'))];
    v[fieldIndex('safety', 'conf')] = 1;
    days.set(date, derive('safety', v));
  }
  return monthCountsFromFacts({ month: u.month, today: u.today, days, categories, expected: u.expected });
}

let lastMonth = '';
let lastDates: readonly string[] = [];
const datesOf = (month: string): readonly string[] => {
  if (month !== lastMonth) [lastMonth, lastDates] = [month, monthDates(month)];
  return lastDates;
};

/**
 * One more day of `status` in `d`, by name: a count kept by a computed key cost ~30× one named in
 * the code, and a region's roll-up counts ~47,000 days.
 */
function countDay(d: DayCounts, status: CountedStatus): void {
  switch (status) {
    case 'gron':
      d.gron += 1;
      break;
    case 'gul':
      d.gul += 1;
      break;
    case 'orange':
      d.orange += 1;
      break;
    case 'rod':
      d.rod += 1;
      break;
    case 'ej_ifylld':
      d.ej_ifylld += 1;
      break;
    case 'idag':
      d.idag += 1;
      break;
  }
}

/** Pooled sum, the only way safety counts combine across units and levels. */
export function addSafetyCounts(a: SafetyCounts, b: SafetyCounts): SafetyCounts {
  return addSafetyCountsInto(addSafetyCountsInto({ days: a.days.map(emptyDay), events: {} }, a), b);
}

/**
 * Adds `b` into `into` and returns it: for a pool that owns its running total (a region's roll-up
 * adds 1,500 units' 31 days; a new month of day records per addition was most of its garbage).
 */
export function addSafetyCountsInto(into: SafetyCounts, b: SafetyCounts): SafetyCounts {
  // Written out (not looped over COUNTED_STATUSES), for the same reason.
  into.days.forEach((d, i) => {
    const o = b.days[i];
    if (o === undefined) return;
    d.gron += o.gron;
    d.gul += o.gul;
    d.orange += o.orange;
    d.rod += o.rod;
    d.ej_ifylld += o.ej_ifylld;
    d.idag += o.idag;
  });
  for (const [category, sev] of Object.entries(b.events)) {
    const sum = (into.events[category] ??= emptySeverities());
    for (const s of SEVERITIES) sum[s] += sev[s];
  }
  return into;
}

/** The day's worst status across the units counted (null: nothing counted, a future day). */
export function worstOfDay(d: DayCounts): CountedStatus | null {
  let worst: CountedStatus | null = null;
  for (const s of COUNTED_STATUSES) if (d[s] > 0 && (worst === null || RANK[s] > RANK[worst])) worst = s;
  return worst;
}

export interface SafetyFigures {
  /** Events by severity, and in total. */
  events: SeverityCounts & { total: number };
  /** Categories with at least one event, most events first (ties: by name). */
  byCategory: { category: string; counts: SeverityCounts; total: number }[];
  /** Unit-days with a colour (confirmed green or an event). */
  filledDays: number;
  /** Unit-days that should have been filled: filled + "ej ifylld" (an open today is not yet due). */
  dueDays: number;
  unfilledDays: number;
  greenDays: number;
  /** Confirmed green unit-days / due unit-days: Σ/Σ, never an average of units. */
  greenShare: Ratio;
  /** Filled unit-days / due unit-days: completeness. */
  completeness: Ratio;
  /** Unit-days whose colour is vårdskada or allvarlig vårdskada (orange, röd). */
  harmDays: number;
  /** Unit-days whose colour is risk (gul). */
  riskDays: number;
}

export function safetyFigures(c: SafetyCounts): SafetyFigures {
  const sum = (s: CountedStatus) => c.days.reduce((n, d) => n + d[s], 0);
  const greenDays = sum('gron');
  const riskDays = sum('gul');
  const harmDays = sum('orange') + sum('rod');
  const filledDays = greenDays + riskDays + harmDays;
  const unfilledDays = sum('ej_ifylld');
  const dueDays = filledDays + unfilledDays;
  const events = { ...emptySeverities(), total: 0 };
  const byCategory = Object.entries(c.events)
    .map(([category, counts]) => ({ category, counts, total: counts.gul + counts.orange + counts.rod }))
    .filter((x) => x.total > 0)
    .sort((a, b) => b.total - a.total || a.category.localeCompare(b.category, 'sv'));
  for (const { counts } of byCategory) for (const s of SEVERITIES) events[s] += counts[s];
  events.total = events.gul + events.orange + events.rod;
  return {
    events,
    byCategory,
    filledDays,
    dueDays,
    unfilledDays,
    greenDays,
    greenShare: ratio(greenDays, dueDays),
    completeness: ratio(filledDays, dueDays),
    harmDays,
    riskDays,
  };
}
