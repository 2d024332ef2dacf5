/**
 * How the tertial report writes figures and targets, in Swedish as the region's documents do
 * (the appendix is a Swedish document whatever the app's language): "41 %", "8,4 %",
 * "−17,7 mnkr", "K: 41 % M: 41 %", "100 % i dec", "Minska med 50 % jmf 2020", "K 16,0 M 17,2".
 */
import type { IndicatorUnit } from '../../schema/indicator';
import type { GoalTarget, ReportPeriodKind } from '../../schema/goal';
import { REPORT_PERIOD_LABEL } from '../../schema/goal';

export const DATA_SAKNAS = 'Data saknas';
export const UNDERLAG_SAKNAS = 'Informationsunderlag till styrmåttet saknas';

const MONTHS = ['jan', 'feb', 'mars', 'april', 'maj', 'juni', 'juli', 'aug', 'sep', 'okt', 'nov', 'dec'];

/** A number with a decimal comma, a real minus sign and grouping ("1 500", "−17,7"); `trim` drops ",0". */
export function svNumber(value: number, digits: number, trim = true): string {
  let fixed = Math.abs(value).toFixed(digits);
  if (trim && fixed.includes('.')) fixed = fixed.replace(/0+$/, '').replace(/\.$/, '');
  const [int, dec] = fixed.split('.');
  const grouped = (int ?? '0').replace(/\B(?=(\d{3})+(?!\d))/g, '\u00a0');
  const body = dec === undefined ? grouped : `${grouped},${dec}`;
  return value < 0 && Number(fixed) !== 0 ? `\u2212${body}` : body;
}

export function svValue(value: number, unit: IndicatorUnit): string {
  switch (unit) {
    case 'pct':
      return `${svNumber(value, 1)} %`;
    case 'mnkr':
      return `${svNumber(value, 1)} mnkr`;
    case 'kr':
      return `${svNumber(value, 0)} kr`;
    case 'days':
      return `${svNumber(value, 0)} dagar`;
    case 'count':
      return `${svNumber(value, 1)}`;
  }
}

/** "K: 41 % M: 41 %" where the figure has a split, else the total; "Data saknas" without one. */
export function outcomeText(value: number | null, k: number | null, m: number | null, unit: IndicatorUnit): string {
  if (value === null) return DATA_SAKNAS;
  if (k !== null && m !== null) return `K: ${svValue(k, unit)} M: ${svValue(m, unit)}`;
  return svValue(value, unit);
}

export function targetText(t: GoalTarget | null, unit: IndicatorUnit): string {
  if (t === null) return '';
  switch (t.op) {
    case 'increase':
      return 'Öka';
    case 'decrease':
      return 'Minska';
    case 'change':
      return `${t.pct < 0 ? 'Minska' : 'Öka'} med ${svNumber(Math.abs(t.pct), 1)} % jmf ${t.baseYear}`;
    case 'sex':
      return `K ${svNumber(t.k, 1, false)} M ${svNumber(t.m, 1, false)}`;
    default: {
      const v = svValue(t.value, unit);
      const base = t.op === 'lte' ? `Högst ${v}` : unit === 'pct' && t.value >= 100 ? v : `Minst ${v}`;
      return t.month === undefined ? base : `${base} i ${MONTHS[t.month - 1]}`;
    }
  }
}

/** "DÅ04, DÅ08, ÅR". */
export const periodsText = (periods: readonly ReportPeriodKind[]): string => periods.map((p) => REPORT_PERIOD_LABEL[p]).join(', ');
