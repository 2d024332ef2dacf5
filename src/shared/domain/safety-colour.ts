/**
 * The colour of one day on Gröna korset, derived, never stored (docs/domain.md §1.3):
 *   - the most serious event that day (rod > orange > gul), whatever else was recorded;
 *   - else green ("gron") only if someone confirmed the day green;
 *   - else "ej_ifylld" (grey) for a past day, "idag" for today (still open), "framtid" (blank)
 *     for a future day.
 * Because it is a pure function of the events and the confirmation flag, two tablets that wrote
 * offline converge on the same colour, and a green confirmation that meets an event takes the
 * event's colour. A status always travels with a symbol and a text in the UI (never colour alone).
 */
import type { Severity } from '../schema/safety-event';

export type DayStatus = 'gron' | Severity | 'ej_ifylld' | 'idag' | 'framtid';

const SEVERITY_RANK: Record<Severity, number> = { gul: 1, orange: 2, rod: 3 };

/** The most serious severity, or null for none. */
export function worstSeverity(severities: Iterable<Severity>): Severity | null {
  let worst: Severity | null = null;
  for (const s of severities) if (worst === null || SEVERITY_RANK[s] > SEVERITY_RANK[worst]) worst = s;
  return worst;
}

export interface DayInput {
  /** The day, and today's date in Europe/Stockholm (YYYY-MM-DD; compared as strings). */
  date: string;
  today: string;
  /** The day was confirmed green (or, for a category cross, reviewed at all: see below). */
  confirmed: boolean;
  /** Severities of the day's effective events (after corrections). */
  severities: readonly Severity[];
}

export function dayStatus(d: DayInput): DayStatus {
  if (d.date > d.today) return 'framtid';
  const worst = worstSeverity(d.severities);
  if (worst !== null) return worst;
  if (d.confirmed) return 'gron';
  return d.date === d.today ? 'idag' : 'ej_ifylld';
}

/**
 * Per-category crosses ("fallkorset"): the day shows the worst event of that category. A day with
 * no such event is green if the day was reviewed at the pulse meeting, which is the case when it
 * was confirmed green or when any event (of any category) was registered for it: the meeting asks
 * about every kind of harm at once.
 */
export function categoryDayStatus(
  d: Omit<DayInput, 'severities' | 'confirmed'> & { confirmedGreen: boolean; events: readonly { category: string; severity: Severity }[] },
  category: string,
): DayStatus {
  return dayStatus({
    date: d.date,
    today: d.today,
    confirmed: d.confirmedGreen || d.events.length > 0,
    severities: d.events.filter((e) => e.category === category).map((e) => e.severity),
  });
}
