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
import type { DayGrid } from './facts/reader';
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

/** The day's status from its STATUS_FIELDS (dayStatus's rule): a day without a row is all 0. */
function statusOfDay(date: string, today: string, conf: number, wGul: number, wOrange: number, wRod: number): DayStatus {
  const severities = wRod > 0 ? ONE.rod : wOrange > 0 ? ONE.orange : wGul > 0 ? ONE.gul : NONE;
  return dayStatus({ date, today, confirmed: conf > 0, severities });
}

/** The day's status from its safety facts (the same rule as dayStatus). */
export function statusFromFacts(date: string, today: string, v: readonly number[] | undefined): DayStatus {
  if (v === undefined) return statusOfDay(date, today, 0, 0, 0, 0);
  return statusOfDay(date, today, v[CONF] as number, v[W_GUL] as number, v[W_ORANGE] as number, v[W_ROD] as number);
}

/**
 * A month of safety counts as one array (issue 17): day i's count of DAY_FIELDS[s] (the
 * COUNTED_STATUSES) at days[i * DAY_WIDTH + s]; events as in SafetyCounts. What the roll-up pools
 * a region's 1,500 units in: as SafetyCounts, 31 day records a unit were most of its garbage.
 * safetyCountsOf gives the SafetyCounts it stands for.
 */
export interface SafetyPool {
  days: Float64Array;
  events: Record<string, SeverityCounts>;
}

export const DAY_WIDTH = COUNTED_STATUSES.length;

const emptySafetyPool = (month: string): SafetyPool => ({ days: new Float64Array(datesOf(month).length * DAY_WIDTH), events: {} });

/** Empty pools of `month` for `count` units, out of one buffer (as dayGrids: one allocation, not 1,500). */
export function safetyPools(month: string, count: number): () => SafetyPool {
  const width = datesOf(month).length * DAY_WIDTH;
  const days = new Float64Array(count * width);
  let next = 0;
  return () => {
    const i = next++;
    return i < count ? { days: days.subarray(i * width, (i + 1) * width), events: {} } : emptySafetyPool(month);
  };
}

/** A status's place in a pooled day (its index in COUNTED_STATUSES), -1 for one never counted. */
function placeOf(status: DayStatus): number {
  switch (status) {
    case 'gron':
      return 0;
    case 'gul':
      return 1;
    case 'orange':
      return 2;
    case 'rod':
      return 3;
    case 'ej_ifylld':
      return 4;
    case 'idag':
      return 5;
    default:
      return -1;
  }
}

/** A unit's month as facts, its days as a DayGrid of STATUS_FIELDS whose day 0 is the month's first. */
export interface UnitMonthGrid extends Omit<UnitMonthFacts, 'days'> {
  days: DayGrid | undefined;
}

/** The counts monthCountsFromFacts gives for the same facts, as a pool. */
export function monthPoolFromFacts(u: UnitMonthGrid, pool: SafetyPool = emptySafetyPool(u.month)): SafetyPool {
  const g = u.days;
  const w = STATUS_FIELDS.length;
  datesOf(u.month).forEach((date, i) => {
    const at = i * w;
    const status =
      g !== undefined && g.has[i] === 1
        ? statusOfDay(date, u.today, g.v[at] as number, g.v[at + 1] as number, g.v[at + 2] as number, g.v[at + 3] as number)
        : statusOfDay(date, u.today, 0, 0, 0, 0);
    if (!u.expected && (status === 'ej_ifylld' || status === 'idag')) return;
    const place = placeOf(status);
    if (place >= 0) pool.days[i * DAY_WIDTH + place] = 1;
  });
  addCategoriesInto(pool.events, u.categories);
  return pool;
}

/** Adds `b` into `into` and returns it (the pool owns its running total). */
export function addSafetyPoolInto(into: SafetyPool, b: SafetyPool): SafetyPool {
  for (let i = 0; i < into.days.length; i++) into.days[i] = (into.days[i] as number) + (b.days[i] ?? 0);
  addEventsInto(into.events, b.events);
  return into;
}

/** Whether any day of the pool has a filled status (green, yellow, orange or red). */
export function poolHasDays(p: SafetyPool): boolean {
  for (let i = 0; i < p.days.length; i += DAY_WIDTH) if ((p.days[i] as number) + (p.days[i + 1] as number) + (p.days[i + 2] as number) + (p.days[i + 3] as number) > 0) return true;
  return false;
}

/** The SafetyCounts a pool stands for. */
export function safetyCountsOf(p: SafetyPool): SafetyCounts {
  const days: DayCounts[] = [];
  for (let i = 0; i < p.days.length; i += DAY_WIDTH) {
    const d = p.days;
    days.push({ gron: d[i] as number, gul: d[i + 1] as number, orange: d[i + 2] as number, rod: d[i + 3] as number, ej_ifylld: d[i + 4] as number, idag: d[i + 5] as number });
  }
  return { days, events: p.events };
}

function addCategoriesInto(events: Record<string, SeverityCounts>, categories: ReadonlyMap<string, readonly number[]>): void {
  for (const [category, v] of categories) {
    if (v.every((x) => x === 0)) continue;
    const sev = (events[category] ??= emptySeverities());
    for (const [i, s] of SEVERITIES.entries()) sev[s] += v[i] as number;
  }
}

function addEventsInto(into: Record<string, SeverityCounts>, b: Readonly<Record<string, SeverityCounts>>): void {
  for (const [category, sev] of Object.entries(b)) {
    const sum = (into[category] ??= emptySeverities());
    for (const s of SEVERITIES) sum[s] += sev[s];
  }
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
  addCategoriesInto(counts.events, u.categories);
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
  addEventsInto(into.events, b.events);
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
