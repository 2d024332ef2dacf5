/**
 * A styrmått's target typed as the seed writes it, read into a GoalTarget (schema/goal.ts):
 * "Öka", "Minska" (also "Öka jmf med motsvarande kvartal året innan"), "Minska med 50 % jmf 2020",
 * "K 16,0 M 17,2", "100 % i dec", "Under 6,5 %", "<7 %", "max 2 %", "Högst 7 %", "min 75 %",
 * "Minst 89 %", ">50 %", "70 %", "0,0", "1 500 st". A bare value takes its side from the
 * measure's direction (higher is better: at least; lower: at most). Null when it cannot be read.
 */
import type { Direction } from '../../schema/indicator';
import type { GoalTarget } from '../../schema/goal';

const MONTHS: Record<string, number> = { jan: 1, feb: 2, mar: 3, mars: 3, apr: 4, april: 4, maj: 5, jun: 6, juni: 6, jul: 7, juli: 7, aug: 8, sep: 9, sept: 9, okt: 10, nov: 11, dec: 12 };
const NUM = String.raw`(-?\d[\d\s\u00a0]*(?:[.,]\d+)?)`;
const toNum = (s: string): number => Number(s.replace(/[\s\u00a0]/g, '').replace(',', '.'));

export function parseTargetText(raw: string, direction: Direction): GoalTarget | null {
  const s = raw.trim().toLowerCase().replace(/\u2212/g, '-');
  if (s === '') return null;
  let m = new RegExp(String.raw`^(öka|minska) med ${NUM}\s*%?\s*(?:jmf|jämfört)(?: med)? (\d{4})$`).exec(s);
  if (m) {
    const pct = toNum(m[2] as string);
    return { op: 'change', pct: m[1] === 'minska' ? -pct : pct, baseYear: Number(m[3]) };
  }
  if (/^öka\b/.test(s)) return { op: 'increase' };
  if (/^minska\b/.test(s)) return { op: 'decrease' };
  m = new RegExp(String.raw`^k:?\s*${NUM}\s*%?\s*,?\s*m:?\s*${NUM}\s*%?$`).exec(s);
  if (m) return { op: 'sex', dir: direction === 'higher' ? 'gte' : 'lte', k: toNum(m[1] as string), m: toNum(m[2] as string) };
  m = new RegExp(String.raw`^(under|högst|max|<|≤|<=|över|minst|min|>|≥|>=)?\s*${NUM}\s*(?:%|st|kr|mnkr|dagar)?(?:\s+i\s+([a-zåäö]+)\.?)?$`).exec(s);
  if (m) {
    const word = m[1];
    const value = toNum(m[2] as string);
    if (Number.isNaN(value)) return null;
    const op = word === undefined ? (direction === 'higher' ? 'gte' : 'lte') : /^(under|högst|max|<|≤|<=)$/.test(word) ? 'lte' : 'gte';
    if (m[3] !== undefined) {
      const month = MONTHS[m[3]];
      return month === undefined ? null : { op, value, month };
    }
    return { op, value };
  }
  return null;
}
