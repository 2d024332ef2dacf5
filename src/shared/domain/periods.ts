/**
 * Reporting periods on the Swedish calendar. Dates are plain calendar dates "YYYY-MM-DD" in
 * Europe/Stockholm; only `localDate` deals with instants and time zones, so everything else is
 * exact integer day arithmetic (no DST surprises). "Now" is always passed in, never read.
 *
 * Period keys:  day "2026-11-22" · ISO week "2026-W47" · month "2026-11"
 *               tertial "2026-T3" (T1 Jan–Apr, T2 May–Aug, T3 Sep–Dec) · year "2026".
 * A week belongs to the ISO week-year of its Thursday, so "2027-01-01" is in "2026-W53".
 */
import { AppError } from '../errors';

export const PERIOD_KINDS = ['day', 'week', 'month', 'tertial', 'year'] as const;
export type PeriodKind = (typeof PERIOD_KINDS)[number];

export interface PeriodRange {
  kind: PeriodKind;
  /** First day, inclusive. */
  from: string;
  /** Last day, inclusive. */
  to: string;
}

const MS_PER_DAY = 86_400_000;

const pad2 = (n: number): string => String(n).padStart(2, '0');
const pad4 = (n: number): string => String(n).padStart(4, '0');

/** Formatters are costly to build; one per time zone is enough. */
const formatters = new Map<string, Intl.DateTimeFormat>();

/**
 * Dates already computed, by zone and quarter hour. formatToParts is the costly part (a board's
 * first figure called it once per row: issue 19's trace); every zone's offset since 1980 is a
 * whole number of quarter hours, so a date never changes inside a quarter hour from then on.
 * Older instants are formatted each time. Cleared when it grows past CACHE_MAX.
 */
const dates = new Map<string, string>();
const QUARTER_HOUR_MS = 900_000;
const CACHE_FROM_MS = Date.UTC(1980, 0, 1);
const CACHE_MAX = 20_000;

/** Calendar date (YYYY-MM-DD) of an instant as seen on a wall clock in `timeZone`. */
export function localDate(instantMs: number, timeZone = 'Europe/Stockholm'): string {
  if (!(instantMs >= CACHE_FROM_MS)) return formatDate(instantMs, timeZone);
  const key = `${timeZone}|${Math.floor(instantMs / QUARTER_HOUR_MS)}`;
  let date = dates.get(key);
  if (date === undefined) {
    date = formatDate(instantMs, timeZone);
    if (dates.size >= CACHE_MAX) dates.clear();
    dates.set(key, date);
  }
  return date;
}

function formatDate(instantMs: number, timeZone: string): string {
  let fmt = formatters.get(timeZone);
  if (fmt === undefined) {
    fmt = new Intl.DateTimeFormat('en-US', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' });
    formatters.set(timeZone, fmt);
  }
  const parts = fmt.formatToParts(new Date(instantMs));
  const get = (type: 'year' | 'month' | 'day'): number => Number(parts.find((p) => p.type === type)?.value);
  return `${pad4(get('year'))}-${pad2(get('month'))}-${pad2(get('day'))}`;
}

/** Day number since 1970-01-01 for a valid YYYY-MM-DD; throws 'validation' otherwise. */
function toDay(date: string): number {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(date);
  if (m !== null) {
    const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
    const ms = Date.UTC(y, mo - 1, d);
    const back = new Date(ms);
    // Date.UTC maps years 0–99 to 1900–1999, and rolls over out-of-range days; reject both.
    if (y >= 1000 && back.getUTCFullYear() === y && back.getUTCMonth() === mo - 1 && back.getUTCDate() === d) {
      return ms / MS_PER_DAY;
    }
  }
  throw new AppError('validation', { date });
}

/** The date's day number (days since 1970-01-01): dates a day apart are numbers 1 apart. Throws 'validation' on a bad date. */
export const dayNumber = (date: string): number => toDay(date);

function fromDay(day: number): string {
  const d = new Date(day * MS_PER_DAY);
  return `${pad4(d.getUTCFullYear())}-${pad2(d.getUTCMonth() + 1)}-${pad2(d.getUTCDate())}`;
}

/** ISO weekday, Monday = 1 … Sunday = 7. Day 0 (1970-01-01) was a Thursday. */
const isoWeekday = (day: number): number => ((((day + 3) % 7) + 7) % 7) + 1;

/** Monday of ISO week 1 of `isoYear`: the week holding 4 January. */
function week1Monday(isoYear: number): number {
  const jan4 = Date.UTC(isoYear, 0, 4) / MS_PER_DAY;
  return jan4 - isoWeekday(jan4) + 1;
}

/** 52 or 53. A year has 53 ISO weeks when it starts (or, in leap years, ends) on a Thursday. */
export function isoWeeksInYear(isoYear: number): number {
  return (week1Monday(isoYear + 1) - week1Monday(isoYear)) / 7;
}

export function addDays(date: string, n: number): string {
  return fromDay(toDay(date) + n);
}

export function daysInMonth(month: string): number {
  const m = /^(\d{4})-(0[1-9]|1[0-2])$/.exec(month);
  if (m === null) throw new AppError('validation', { month });
  // Day 0 of the next month is the last day of this one.
  return new Date(Date.UTC(Number(m[1]), Number(m[2]), 0)).getUTCDate();
}

/** True for the last 7 days of the date's month (e.g. 24–30 November): time to nudge for BHK. */
export function isLastWeekOfMonth(date: string): boolean {
  toDay(date); // validates: a malformed date throws instead of answering false
  return Number(date.slice(8, 10)) > daysInMonth(date.slice(0, 7)) - 7;
}

export function periodKey(date: string, kind: PeriodKind): string {
  const day = toDay(date);
  const year = date.slice(0, 4);
  const month = Number(date.slice(5, 7));
  switch (kind) {
    case 'day':
      return date;
    case 'week': {
      const thursday = day - isoWeekday(day) + 4;
      const isoYear = new Date(thursday * MS_PER_DAY).getUTCFullYear();
      const week = Math.floor((thursday - week1Monday(isoYear)) / 7) + 1;
      return `${pad4(isoYear)}-W${pad2(week)}`;
    }
    case 'month':
      return date.slice(0, 7);
    case 'tertial':
      return `${year}-T${Math.ceil(month / 4)}`;
    case 'year':
      return year;
  }
}

/** Parses a period key into its inclusive date range; throws 'validation' on a malformed key. */
export function periodRange(key: string): PeriodRange {
  let m: RegExpExecArray | null;
  if (/^\d{4}-\d{2}-\d{2}$/.test(key)) {
    toDay(key);
    return { kind: 'day', from: key, to: key };
  }
  if ((m = /^(\d{4})-W(\d{2})$/.exec(key)) !== null) {
    const [isoYear, week] = [Number(m[1]), Number(m[2])];
    if (isoYear >= 1000 && week >= 1 && week <= isoWeeksInYear(isoYear)) {
      const monday = week1Monday(isoYear) + (week - 1) * 7;
      return { kind: 'week', from: fromDay(monday), to: fromDay(monday + 6) };
    }
  } else if ((m = /^(\d{4})-(0[1-9]|1[0-2])$/.exec(key)) !== null) {
    if (Number(m[1]) >= 1000) {
      return { kind: 'month', from: `${key}-01`, to: `${key}-${pad2(daysInMonth(key))}` };
    }
  } else if ((m = /^(\d{4})-T([1-3])$/.exec(key)) !== null) {
    const [y, t] = [m[1] ?? '', Number(m[2])];
    if (Number(y) >= 1000) {
      const last = `${y}-${pad2(t * 4)}`;
      return { kind: 'tertial', from: `${y}-${pad2(t * 4 - 3)}-01`, to: `${last}-${pad2(daysInMonth(last))}` };
    }
  } else if (/^\d{4}$/.test(key) && Number(key) >= 1000) {
    return { kind: 'year', from: `${key}-01-01`, to: `${key}-12-31` };
  }
  throw new AppError('validation', { period: key });
}

export function periodKind(key: string): PeriodKind {
  return periodRange(key).kind;
}

/** The period of the same kind just before `key` (the day before its first day). */
export function previousPeriod(key: string): string {
  const { kind, from } = periodRange(key);
  return periodKey(addDays(from, -1), kind);
}

/**
 * The comparable period one year earlier, for trend arrows. Weeks keep their number (ISO week 53
 * maps to week 52 when the previous year has none); 29 February maps to 28 February.
 */
export function samePeriodLastYear(key: string): string {
  const { kind, from } = periodRange(key);
  const year = Number(from.slice(0, 4));
  switch (kind) {
    case 'week': {
      const isoYear = Number(key.slice(0, 4)) - 1;
      const week = Math.min(Number(key.slice(6, 8)), isoWeeksInYear(isoYear));
      return `${pad4(isoYear)}-W${pad2(week)}`;
    }
    case 'day': {
      const monthDay = key.slice(5) === '02-29' ? '02-28' : key.slice(5);
      return `${pad4(year - 1)}-${monthDay}`;
    }
    default:
      return `${pad4(year - 1)}${key.slice(4)}`;
  }
}
