/** Number, time and duration formatting in the current language (Intl does the locale work). */
import { locale, t } from './i18n';

/** Whole percent, "87 %" in Swedish; "–" when there is no ratio (no denominator). */
export function formatPct(pct: number | null): string {
  if (pct === null) return '–';
  return new Intl.NumberFormat(locale(), { style: 'percent', maximumFractionDigits: 0 }).format(pct / 100);
}

/** A duration as the largest sensible unit: "5 min", "2 h", "3 d". */
export function formatAge(ms: number): string {
  const minutes = Math.floor(Math.max(0, ms) / 60_000);
  if (minutes < 1) return t('age.justNow');
  if (minutes < 60) return t('age.minutes', { n: minutes });
  const hours = Math.floor(minutes / 60);
  if (hours < 48) return t('age.hours', { n: hours });
  return t('age.days', { n: Math.floor(hours / 24) });
}

/** "14:32" today, "12 nov. 14:32" on another day. */
export function formatTime(epochMs: number, now: number): string {
  const d = new Date(epochMs);
  const sameDay = new Date(now).toDateString() === d.toDateString();
  const opts: Intl.DateTimeFormatOptions = sameDay
    ? { hour: '2-digit', minute: '2-digit' }
    : { day: 'numeric', month: 'short', hour: '2-digit', minute: '2-digit' };
  return new Intl.DateTimeFormat(locale(), opts).format(d);
}

/** "november 2026" for "2026-11". Mid-month noon UTC, so no time zone can shift the month. */
export function formatMonth(month: string, withYear = true): string {
  const d = new Date(`${month}-15T12:00:00Z`);
  const opts: Intl.DateTimeFormatOptions = withYear ? { month: 'long', year: 'numeric' } : { month: 'long' };
  return new Intl.DateTimeFormat(locale(), { ...opts, timeZone: 'UTC' }).format(d);
}

/** "09:41" countdown text for a remaining duration. */
export function formatCountdown(ms: number): string {
  const s = Math.max(0, Math.ceil(ms / 1000));
  return `${Math.floor(s / 60)}:${String(s % 60).padStart(2, '0')}`;
}
