/**
 * "32 dagar utan fall": whole days from the last event to today, per category or over all
 * categories. Dates are plain calendar dates, so the count runs across month and year boundaries
 * (and leap days) exactly. An event today gives 0; events dated after today are ignored.
 */
import type { SafetyEvent } from '../schema/safety-event';
import { addDays } from './periods';

const MS_PER_DAY = 86_400_000;

/** Whole days from `from` to `to` (negative if `to` is earlier); throws 'validation' on a bad date. */
export function daysBetween(from: string, to: string): number {
  // addDays(…, 0) validates both dates before they reach Date.parse.
  return Math.round((Date.parse(`${addDays(to, 0)}T00:00:00Z`) - Date.parse(`${addDays(from, 0)}T00:00:00Z`)) / MS_PER_DAY);
}

export interface Counter {
  /** null: every category. */
  category: string | null;
  /** Days since the last event, or null when the unit has none registered. */
  days: number | null;
  lastDate: string | null;
}

/** `events` are the unit's effective events (after corrections), of any date. */
export function daysWithout(events: readonly Pick<SafetyEvent, 'date' | 'category'>[], today: string, category: string | null): Counter {
  let last: string | null = null;
  for (const e of events) {
    if (category !== null && e.category !== category) continue;
    if (e.date > today) continue;
    if (last === null || e.date > last) last = e.date;
  }
  return { category, days: last === null ? null : daysBetween(last, today), lastDate: last };
}
