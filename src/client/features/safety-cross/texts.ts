/** The feature's `t`, and labels for codes that may be a unit's own words (categories). */
import { safetyTexts, type SafetyTextKey } from '../../../shared/i18n/features/safety';
import type { DayStatus } from '../../../shared/domain/safety-colour';
import { createTexts, locale } from '../../kit/i18n';

export const tx = createTexts(safetyTexts);

const isKey = (k: string): k is SafetyTextKey => Object.hasOwn(safetyTexts.sv, k);

/** A default category's name in the current language; a unit's own category as written. */
export function categoryLabel(category: string): string {
  const key = `category.${category}`;
  return isKey(key) ? tx(key) : category;
}

/** The noun a counter uses: "32 dagar utan fall", "… utan läkemedelshändelse". */
export function counterNoun(category: string): string {
  const key = `counterNoun.${category}`;
  return isKey(key) ? tx(key) : category.toLocaleLowerCase(locale());
}

/** Symbols from common system fonts, one per status, so no status depends on colour. */
export const STATUS_SYMBOL: Record<DayStatus, string> = {
  gron: '✓',
  gul: '▲',
  orange: '◆',
  rod: '✖',
  ej_ifylld: '?',
  idag: '○',
  framtid: '',
};

/** "Röd – allvarlig vårdskada"; on a 3-level scale red is any harm. */
export function statusText(status: DayStatus, levels: 3 | 4 = 4): string {
  return status === 'rod' && levels === 3 ? tx('status.rod3') : tx(`status.${status}`);
}

export const statusShort = (status: DayStatus): string => tx(`short.${status}`);

/** "21 nov." (or "lör 21 nov." with the weekday) for a YYYY-MM-DD date; noon UTC keeps the day. */
export function formatDay(date: string, weekday = false): string {
  const opts: Intl.DateTimeFormatOptions = { day: 'numeric', month: 'short', timeZone: 'UTC', ...(weekday ? { weekday: 'short' } : {}) };
  return new Intl.DateTimeFormat(locale(), opts).format(new Date(`${date}T12:00:00Z`));
}

/** "1 händelse" / "3 händelser". */
export const eventCount = (n: number): string => (n === 1 ? tx('cellEvent') : tx('cellEvents', { n }));
