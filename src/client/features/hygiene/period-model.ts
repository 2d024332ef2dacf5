/**
 * How a board period reads ("november 2026", "vecka 47 2026"); the period model itself (kinds,
 * parsing, stepping) is the board kit's (kit/period.ts).
 */
import { formatMonth } from '../../kit/format';
import { createTexts } from '../../kit/i18n';
import { kindOf } from '../../kit/period';
import { hygieneTexts } from '../../../shared/i18n/features/hygiene';

const tx = createTexts(hygieneTexts);

/** "november 2026", "vecka 47 2026", "tertial 3 2026", "2026". */
export function periodLabel(key: string): string {
  switch (kindOf(key)) {
    case 'month':
      return formatMonth(key);
    case 'week':
      return tx('period.weekLabel', { week: Number(key.slice(6)), year: key.slice(0, 4) });
    case 'tertial':
      return tx('period.tertialLabel', { t: key.slice(6), year: key.slice(0, 4) });
    case 'year':
      return key;
  }
}

/** The period in running text: "i november", "under vecka 47", "under 2026". */
export function periodWhen(key: string, today: string): string {
  switch (kindOf(key)) {
    case 'month':
      return tx('when.month', { month: formatMonth(key, key.slice(0, 4) !== today.slice(0, 4)) });
    case 'week':
      return tx('when.week', { week: Number(key.slice(6)) });
    case 'tertial':
      return tx('when.tertial', { t: key.slice(6), year: key.slice(0, 4) });
    case 'year':
      return tx('when.year', { year: key });
  }
}
