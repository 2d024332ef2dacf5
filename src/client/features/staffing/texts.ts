/** The feature's `t` and number formats: one decimal for sick-leave percentages ("8,6 %"). */
import { staffingHrTexts } from '../../../shared/i18n/features/staffing-hr';
import { staffingTexts, type StaffingTextKey } from '../../../shared/i18n/features/staffing';
import type { Params } from '../../../shared/i18n/format';
import { createTexts, locale } from '../../kit/i18n';

export const tx = createTexts(staffingTexts);
/** The HR import and entry texts. */
export const txHr = createTexts(staffingHrTexts);

/** Picks `key.one` / `key.other` by n and passes n as {n}. */
export const txn = (key: 'saved', n: number, params?: Params): string =>
  tx(`${key}.${n === 1 ? 'one' : 'other'}` as StaffingTextKey, { n, ...params });

/** Known shift codes have a label; a region's own code is shown as written. */
export const shiftLabel = (code: string): string =>
  Object.hasOwn(staffingTexts.sv, `shift.${code}`) ? tx(`shift.${code}` as StaffingTextKey) : code;

/** "8,6 %" (one decimal: sick leave moves in tenths); "–" without a figure. */
export function pct1(pct: number | null): string {
  if (pct === null) return '–';
  return new Intl.NumberFormat(locale(), { style: 'percent', minimumFractionDigits: 1, maximumFractionDigits: 1 }).format(pct / 100);
}

/** "4,5": a per-100 figure with one decimal. */
export function num1(n: number | null): string {
  if (n === null) return '–';
  return new Intl.NumberFormat(locale(), { minimumFractionDigits: 1, maximumFractionDigits: 1 }).format(n);
}

/** "tisdag 10 mars" for "2026-03-10" (noon UTC, so no time zone moves the day). */
export function dayLabel(date: string): string {
  return new Intl.DateTimeFormat(locale(), { weekday: 'long', day: 'numeric', month: 'long', timeZone: 'UTC' }).format(new Date(`${date}T12:00:00Z`));
}

/** "10 mars" for chart ticks and short ranges. */
export function shortDay(date: string): string {
  return new Intl.DateTimeFormat(locale(), { day: 'numeric', month: 'short', timeZone: 'UTC' }).format(new Date(`${date}T12:00:00Z`));
}
