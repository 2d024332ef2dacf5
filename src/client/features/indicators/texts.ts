/**
 * The feature's `t` and how indicator figures read: "82 %", "8,6 %", "3 dagar", "mål ≥ 90 %",
 * status as symbol + word, trend as arrow + word. Colour only reinforces the symbol and the word.
 */
import type { IndicatorCell, IndicatorDef, IndicatorStatus, TrendArrow } from '../../../shared/indicators-api';
import { sexStatuses } from '../../../shared/domain/indicators/status';
import { indicatorTexts, type IndicatorTextKey } from '../../../shared/i18n/features/indicators';
import type { IndicatorTarget, IndicatorUnit } from '../../../shared/schema/indicator';
import { createTexts, locale } from '../../kit/i18n';
import { FALL_LOOKBACK_DAYS } from '../../../shared/domain/indicators/facts';

export const tx = createTexts(indicatorTexts);
export type { IndicatorTextKey };

export const STATUS_SYMBOL: Record<IndicatorStatus, string> = { met: '●', partial: '▲', notMet: '◆', unmeasurable: '□' };
export const TREND_SYMBOL: Record<TrendArrow, string> = { up: '↑', down: '↓', flat: '→', diverging: '↕', none: '' };

/** A number in the current language with at most `digits` decimals ("8,6", "1 500"). */
export function num(value: number, digits = 1): string {
  return new Intl.NumberFormat(locale(), { maximumFractionDigits: digits }).format(value);
}

/** "9 av 11 enheter", "1 av 1 enhet": how many units reported of those expected. */
export function reportingText(reporting: number, expected: number): string {
  return tx(expected === 1 ? 'row.reporting.one' : 'row.reporting', { reporting, expected });
}

/** A value in its display unit: "82 %", "8,6 %", "3 dagar", "12"; "–" without a value. */
export function formatValue(value: number | null, unit: IndicatorUnit): string {
  if (value === null) return '–';
  switch (unit) {
    case 'pct':
      return `${num(value)} %`;
    case 'days': {
      const n = Math.round(value);
      // Days since the last fall look back FALL_LOOKBACK_DAYS at most: more is "at least".
      if (n >= FALL_LOOKBACK_DAYS) return tx('unit.days.atLeast', { n: num(FALL_LOOKBACK_DAYS, 0) });
      return tx(n === 1 ? 'unit.days.one' : 'unit.days.other', { n: num(n, 0) });
    }
    case 'count':
      return num(value);
    case 'kr':
      return `${num(value, 0)} kr`;
    case 'mnkr':
      return `${num(value)} mnkr`;
  }
}

/** "mål ≥ 90 %", "mål ≥ 30 dagar", "mål ≤ 0", "mål: Minska", "inget mål". */
export function formatTarget(target: IndicatorTarget | null, unit: IndicatorUnit): string {
  if (target === null) return tx('target.none');
  if (target.op === 'increase' || target.op === 'decrease') return tx(`target.${target.op}`);
  // A target per sex: "mål K ≤ 16 % · M ≤ 17,2 %", after the total's where there is one.
  if (target.k !== undefined && target.m !== undefined) {
    const sex = tx(`target.sex.${target.op}`, { k: formatValue(target.k, unit), m: formatValue(target.m, unit) });
    return target.value === undefined ? sex : tx('target.sexTotal', { total: tx(`target.${target.op}`, { value: formatValue(target.value, unit) }), sex });
  }
  return tx(`target.${target.op}`, { value: formatValue(target.value ?? 0, unit) });
}

export const statusText = (s: IndicatorStatus): string => tx(`status.${s}`);

/**
 * Women's and men's own status where the cell's target is per sex and the figure is split by sex
 * (the rule of domain/indicators/status.ts; the tolerance and minimum n of `def`), else null.
 */
export const cellSexStatuses = (def: Pick<IndicatorDef, 'direction' | 'tolerance' | 'minN'>, c: IndicatorCell): { k: IndicatorStatus; m: IndicatorStatus } | null =>
  sexStatuses(def, c.target, c.n, { now: c.valueK, before: c.compareK }, { now: c.valueM, before: c.compareM });

/** "K 14,5 % ● uppfyllt · M 17,5 % ▲ delvis" with statuses, "K 14,5 % · M 17,5 %" without. */
export function kAndMText(def: Pick<IndicatorDef, 'direction' | 'tolerance' | 'minN' | 'unit'>, c: IndicatorCell): string {
  const k = formatValue(c.valueK, def.unit);
  const m = formatValue(c.valueM, def.unit);
  const s = cellSexStatuses(def, c);
  if (s === null) return tx('row.kAndM', { k, m });
  const mark = (x: IndicatorStatus) => `${STATUS_SYMBOL[x]} ${statusText(x)}`;
  return tx('row.kAndMStatus', { k, ks: mark(s.k), m, ms: mark(s.m) });
}

/** "↑ bättre", "↓ sämre", "→ oförändrat", "↕ K och M åt olika håll", "" for none. */
export function trendText(trend: TrendArrow, improving: boolean | null): string {
  switch (trend) {
    case 'none':
      return tx('trend.none');
    case 'flat':
      return tx('trend.flat');
    case 'diverging':
      return tx('trend.diverging');
    default:
      return improving === null ? tx(trend === 'up' ? 'trend.up' : 'trend.down') : improving ? tx('trend.better') : tx('trend.worse');
  }
}

/** CSS class of the trend arrow: good / bad / neutral. */
export const trendClass = (trend: TrendArrow, improving: boolean | null): string =>
  trend === 'up' || trend === 'down' ? (improving === true ? 'trend-good' : improving === false ? 'trend-bad' : 'trend-neutral') : 'trend-neutral';

/** "november 2026", "vecka 47 2026", "tertial 3 2026", "2026" for a period key. */
export function periodLabel(key: string): string {
  if (/^\d{4}-\d{2}$/.test(key)) {
    return new Intl.DateTimeFormat(locale(), { month: 'long', year: 'numeric', timeZone: 'UTC' }).format(new Date(`${key}-15T12:00:00Z`));
  }
  const w = /^(\d{4})-W(\d{2})$/.exec(key);
  if (w) return tx('period.weekLabel', { week: Number(w[2]), year: w[1] ?? '' });
  const t = /^(\d{4})-T([1-3])$/.exec(key);
  if (t) return tx('period.tertialLabel', { t: t[2] ?? '', year: t[1] ?? '' });
  return key;
}

/** A short period label for chart ticks and tables: "nov 26", "v47", "T3 26", "2026". */
export function shortPeriod(key: string): string {
  if (/^\d{4}-\d{2}$/.test(key)) {
    return new Intl.DateTimeFormat(locale(), { month: 'short', year: '2-digit', timeZone: 'UTC' }).format(new Date(`${key}-15T12:00:00Z`));
  }
  const w = /^(\d{4})-W(\d{2})$/.exec(key);
  if (w) return `v${Number(w[2])} ${(w[1] ?? '').slice(2)}`;
  const t = /^(\d{4})-T([1-3])$/.exec(key);
  if (t) return `T${t[2]} ${(t[1] ?? '').slice(2)}`;
  return key;
}
