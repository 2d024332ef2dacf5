/**
 * Indicator periods in the address bar: vecka, månad, tertial, år; stepping back and forth,
 * never past the current period; the current month when nothing (valid) is given.
 */
import { addDays, periodKey, periodRange } from '../../../shared/domain/periods';
import { INDICATOR_PERIODS, type IndicatorPeriod } from '../../../shared/schema/indicator';

export { INDICATOR_PERIODS };

export const kindOf = (key: string): IndicatorPeriod => periodRange(key).kind as IndicatorPeriod;

export function parsePeriod(q: string | undefined, today: string): string {
  if (q !== undefined) {
    try {
      const r = periodRange(q);
      if ((INDICATOR_PERIODS as readonly string[]).includes(r.kind) && r.from <= today) return q;
    } catch {
      // A stale or hand-edited link: the current month.
    }
  }
  return periodKey(today, 'month');
}

export const currentPeriod = (kind: IndicatorPeriod, today: string): string => periodKey(today, kind);

export function stepPeriod(key: string, direction: -1 | 1): string {
  const { kind, from, to } = periodRange(key);
  return periodKey(direction < 0 ? addDays(from, -1) : addDays(to, 1), kind);
}

/** The next period, or null when it has not begun. */
export function nextPeriod(key: string, today: string): string | null {
  const next = stepPeriod(key, 1);
  return periodRange(next).from <= today ? next : null;
}

/** How many periods a trend shows: 2 years of months, 26 weeks, 12 tertials (4 years), 6 years. */
export const SERIES_COUNT: Record<IndicatorPeriod, number> = { week: 26, month: 24, tertial: 12, year: 6 };
