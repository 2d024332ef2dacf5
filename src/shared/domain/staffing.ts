/**
 * Sick-leave math of the staffing board (docs/domain.md §3.2). The unit of truth is the count of
 * staff-shifts: daily sick share = Σ sick / Σ planned over the shifts entered that day, and every
 * longer period (7 and 30 days rolling, month) pools the counts of its days, never averages
 * daily percentages.
 *
 * A day nobody filled in is a gap (null): it adds nothing to a sum and is never read as zero
 * sick. "Now" (today) is always an argument.
 */
import type { StaffingShift } from '../schema/staffing-shift';
import { ratio, type Ratio } from './bhk';
import { addDays } from './periods';

export interface ShiftCounts {
  planned: number;
  sick: number;
  vab: number;
  otherAbsence: number;
  covered: number;
  /** Shift rows counted. */
  shifts: number;
}

export const emptyShiftCounts = (): ShiftCounts => ({ planned: 0, sick: 0, vab: 0, otherAbsence: 0, covered: 0, shifts: 0 });

export function addShiftCounts(a: ShiftCounts, b: ShiftCounts): ShiftCounts {
  return {
    planned: a.planned + b.planned,
    sick: a.sick + b.sick,
    vab: a.vab + b.vab,
    otherAbsence: a.otherAbsence + b.otherAbsence,
    covered: a.covered + b.covered,
    shifts: a.shifts + b.shifts,
  };
}

export function countShifts(rows: readonly StaffingShift[]): ShiftCounts {
  let c = emptyShiftCounts();
  for (const r of rows) c = addShiftCounts(c, { ...r, shifts: 1 });
  return c;
}

/** Σ sick / Σ planned staff-shifts; pct null when nothing is known or nobody was planned. */
export const sickShare = (c: ShiftCounts | null): Ratio => (c === null ? ratio(0, 0) : ratio(c.sick, c.planned));

/** All absences (sick, VAB, other) over planned. */
export const absenceShare = (c: ShiftCounts | null): Ratio =>
  c === null ? ratio(0, 0) : ratio(c.sick + c.vab + c.otherAbsence, c.planned);

export interface StaffingDay {
  date: string;
  /** Pooled counts of the shifts entered that day; null when nobody filled the day in. */
  counts: ShiftCounts | null;
  /** Units that entered at least one shift that day (1 or 0 on a unit's own board). */
  units: number;
}

/** Every date from `from` to `to` inclusive; empty when to < from. */
export function datesBetween(from: string, to: string): string[] {
  const out: string[] = [];
  for (let d = from; d <= to; d = addDays(d, 1)) out.push(d);
  return out;
}

/** One entry per calendar day from `from` to `to`, pooling the rows of each day across units. */
export function dailySeries(rows: readonly StaffingShift[], from: string, to: string): StaffingDay[] {
  const byDate = new Map<string, { counts: ShiftCounts; units: Set<string> }>();
  for (const r of rows) {
    if (r.date < from || r.date > to) continue;
    const day = byDate.get(r.date) ?? { counts: emptyShiftCounts(), units: new Set<string>() };
    day.counts = addShiftCounts(day.counts, { ...r, shifts: 1 });
    day.units.add(r.unitId);
    byDate.set(r.date, day);
  }
  return datesBetween(from, to).map((date) => {
    const day = byDate.get(date);
    return { date, counts: day?.counts ?? null, units: day?.units.size ?? 0 };
  });
}

export interface WindowFigure {
  counts: ShiftCounts;
  share: Ratio;
  /** Days in the window that someone filled in. */
  filledDays: number;
  windowDays: number;
}

/** Pools the filled days among `days` (gaps add nothing). */
export function poolDays(days: readonly StaffingDay[]): WindowFigure {
  let counts = emptyShiftCounts();
  let filledDays = 0;
  for (const d of days) {
    if (d.counts === null) continue;
    counts = addShiftCounts(counts, d.counts);
    filledDays += 1;
  }
  return { counts, share: sickShare(filledDays === 0 ? null : counts), filledDays, windowDays: days.length };
}

/**
 * Rolling sick share ending at each day of `series` (the window holds that day and the
 * `window − 1` days before it). Days before the series' start are unknown to it, so give the
 * series `window − 1` days of lead-in and drop them (see trendRange). null where the window
 * holds no filled day or no planned staff.
 */
export function rollingShares(series: readonly StaffingDay[], window: number): (number | null)[] {
  return series.map((_, i) => poolDays(series.slice(Math.max(0, i - window + 1), i + 1)).share.pct);
}

/** Days in [from, to] up to and including today that a unit is expected to report. */
export function expectedDays(from: string, to: string, today: string, weekdaysOnly: boolean): number {
  // Every unit of a roll-up asks for the same few: a region's 1,500 units walked the month's dates
  // each (issue 17). Pure, so remembered.
  const key = `${from}|${to}|${today}|${weekdaysOnly}`;
  const known = EXPECTED_DAYS.get(key);
  if (known !== undefined) return known;
  const n = countExpectedDays(from, to, today, weekdaysOnly);
  if (EXPECTED_DAYS.size >= 1_000) EXPECTED_DAYS.clear();
  EXPECTED_DAYS.set(key, n);
  return n;
}

const EXPECTED_DAYS = new Map<string, number>();

function countExpectedDays(from: string, to: string, today: string, weekdaysOnly: boolean): number {
  const last = to < today ? to : today;
  let n = 0;
  for (const d of datesBetween(from, last)) if (!weekdaysOnly || isWeekday(d)) n += 1;
  return n;
}

function isWeekday(date: string): boolean {
  const day = new Date(`${date}T12:00:00Z`).getUTCDay();
  return day !== 0 && day !== 6;
}

export type LowerBetterStatus = 'met' | 'partly' | 'notMet' | 'grey';

/** Within 5 % (relative) above the target counts as "delvis" (docs/domain.md §5.2, the default tolerance). */
const PARTLY_TOLERANCE = 0.05;

/**
 * Goal status for a "Minska"-type target (lower is better): met at or below the target, partly
 * within the tolerance above it, grey without a value. null when the unit has no target.
 */
export function lowerBetterStatus(pct: number | null, targetPct: number | null): LowerBetterStatus | null {
  if (targetPct === null) return null;
  if (pct === null) return 'grey';
  if (pct <= targetPct) return 'met';
  return pct <= targetPct * (1 + PARTLY_TOLERANCE) ? 'partly' : 'notMet';
}
