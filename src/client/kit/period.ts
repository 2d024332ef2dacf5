/**
 * The board kit's one period model: the periods a board or report may show (vecka, månad, tertial,
 * år), read from the address bar (the current month when nothing valid is given, never a period
 * that has not begun), stepped back and forth. How a period reads is each feature's text.
 */
import { addDays, periodKey, periodRange } from '../../shared/domain/periods';

export const BOARD_PERIOD_KINDS = ['week', 'month', 'tertial', 'year'] as const;
export type BoardPeriodKind = (typeof BOARD_PERIOD_KINDS)[number];

export const kindOf = (key: string): BoardPeriodKind => periodRange(key).kind as BoardPeriodKind;

/** A period key from the address bar, if it is a valid board period that has begun; else this month. */
export function parsePeriod(q: string | undefined, today: string): string {
  if (q !== undefined) {
    try {
      const r = periodRange(q);
      if ((BOARD_PERIOD_KINDS as readonly string[]).includes(r.kind) && r.from <= today) return q;
    } catch {
      // A stale or hand-edited link: the current month.
    }
  }
  return periodKey(today, 'month');
}

export const currentPeriod = (kind: BoardPeriodKind, today: string): string => periodKey(today, kind);

export function stepPeriod(key: string, direction: -1 | 1): string {
  const { kind, from, to } = periodRange(key);
  return periodKey(direction < 0 ? addDays(from, -1) : addDays(to, 1), kind);
}

export const hasBegun = (key: string, today: string): boolean => periodRange(key).from <= today;

/** The next period, or null when it has not begun. */
export function nextPeriod(key: string, today: string): string | null {
  const next = stepPeriod(key, 1);
  return hasBegun(next, today) ? next : null;
}
