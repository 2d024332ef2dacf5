/**
 * Reporting periods on the boards: which kinds a user may pick, stepping back and forth, never
 * past the current period, and how a period reads ("november 2026", "vecka 47 2026").
 */
import { BHK_PERIOD_KINDS, type BhkPeriodKind } from '../../../shared/bhk-api';
import { addDays, periodKey, periodRange } from '../../../shared/domain';
import { formatMonth } from '../../kit/format';
import { createTexts } from '../../kit/i18n';
import { hygieneTexts } from '../../../shared/i18n/features/hygiene';

const tt = createTexts(hygieneTexts);

export { BHK_PERIOD_KINDS, type BhkPeriodKind };

export const kindOf = (key: string): BhkPeriodKind => periodRange(key).kind as BhkPeriodKind;

/** A period key from the address bar, if it is a valid board period that has begun; else this month. */
export function parsePeriod(q: string | undefined, today: string): string {
  if (q !== undefined) {
    try {
      const r = periodRange(q);
      if ((BHK_PERIOD_KINDS as readonly string[]).includes(r.kind) && r.from <= today) return q;
    } catch {
      // A hand-edited or stale link: fall back to the current month.
    }
  }
  return periodKey(today, 'month');
}

export const currentPeriod = (kind: BhkPeriodKind, today: string): string => periodKey(today, kind);

export function stepPeriod(key: string, direction: -1 | 1): string {
  const { kind, from, to } = periodRange(key);
  return periodKey(direction < 0 ? addDays(from, -1) : addDays(to, 1), kind);
}

export const hasBegun = (key: string, today: string): boolean => periodRange(key).from <= today;

/** "november 2026", "vecka 47 2026", "tertial 3 2026", "2026". */
export function periodLabel(key: string): string {
  switch (kindOf(key)) {
    case 'month':
      return formatMonth(key);
    case 'week':
      return tt('period.weekLabel', { week: Number(key.slice(6)), year: key.slice(0, 4) });
    case 'tertial':
      return tt('period.tertialLabel', { t: key.slice(6), year: key.slice(0, 4) });
    case 'year':
      return key;
  }
}

/** The period in running text: "i november", "under vecka 47", "under 2026". */
export function periodWhen(key: string, today: string): string {
  switch (kindOf(key)) {
    case 'month':
      return tt('when.month', { month: formatMonth(key, key.slice(0, 4) !== today.slice(0, 4)) });
    case 'week':
      return tt('when.week', { week: Number(key.slice(6)) });
    case 'tertial':
      return tt('when.tertial', { t: key.slice(6), year: key.slice(0, 4) });
    case 'year':
      return tt('when.year', { year: key });
  }
}
