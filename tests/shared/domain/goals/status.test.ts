/**
 * Måluppfyllelse and Utveckling for every target form (schema/goal.ts), per sex, with missing
 * data. Where the seed appendix (docs/domain.md §7) gives a styrmått, its target and its outcome,
 * the row uses those numbers and the symbol the rules must give.
 */
import { describe, expect, it } from 'vitest';
import { goalStatus, goalTrend, type GoalFigures } from '../../../../src/shared/domain/goals/status';
import type { GoalTarget } from '../../../../src/shared/schema/goal';
import { parseTargetText } from '../../../../src/shared/domain/goals/target-text';

const TOL = { kind: 'relative' as const, value: 5 };
const higher = { direction: 'higher' as const, tolerance: TOL, minN: 0 };
const lower = { direction: 'lower' as const, tolerance: TOL, minN: 0 };
const f = (value: number | null, more: Partial<GoalFigures> = {}): GoalFigures => ({ value, valueK: null, valueM: null, n: 100, compareValue: null, compareK: null, compareM: null, baseValue: null, ...more });
const SYMBOL = { met: '●', partial: '▲', notMet: '◆', unmeasurable: '□' } as const;

type Def = { direction: 'higher' | 'lower'; tolerance: typeof TOL; minN: number };
type Row = [string, Def, GoalTarget | null, GoalFigures, number, string];
const ROWS: Row[] = [
  // The seed's styrmått (DÅ04 = April, month 4).
  ['Väntat ≤ 90 d första besök: 100 % i dec, K 41 % M 41 %, DÅ04 (not due; no baseline)', higher, { op: 'gte', value: 100, month: 12 }, f(41, { valueK: 41, valueM: 41 }), 4, '▲'],
  ['… the same at ÅR (due in December): ◆', higher, { op: 'gte', value: 100, month: 12 }, f(41, { valueK: 41, valueM: 41 }), 12, '◆'],
  ['… DÅ04 but worse than last year (48 % → 41 %): ◆', higher, { op: 'gte', value: 100, month: 12 }, f(41, { compareValue: 48 }), 4, '◆'],
  ['Utskrivningsklar > 1 dygn: 7 %, utfall 8,4 % (lower is better, band 0,35)', lower, { op: 'lte', value: 7 }, f(8.4), 4, '◆'],
  ['Andel vårdskador: Under 6,5 %, Regionmått 6,7 % (inside the 5 % band)', lower, { op: 'lte', value: 6.5 }, f(6.7), 8, '▲'],
  ['Verksamhet inom budget: 0,0, utfall −17,7 mnkr', higher, { op: 'gte', value: 0 }, f(-17.7), 4, '◆'],
  ['Produktivitet enligt KPP: Öka, Data saknas', higher, { op: 'increase' }, f(null), 4, '□'],
  ['Våld i nära relation (antal): Öka, T1 2021 19 → T1 2022 33', higher, { op: 'increase' }, f(33, { valueK: 29, valueM: 4, compareValue: 19, compareK: 12, compareM: 7 }), 4, '●'],
  ['Besök 80+ på akutmottagning: Minska, without last year: □', lower, { op: 'decrease' }, f(14.5), 4, '□'],
  ['Palliativ diagnos: 70 %, T1 2022 K 20 % M 19 %', higher, { op: 'gte', value: 70 }, f(19.5, { valueK: 20, valueM: 19 }), 4, '◆'],
  ['Återinskrivningar 65+: K 16,0 M 17,2, T1 2022 K 14,5 M 14,7', lower, { op: 'sex', dir: 'lte', k: 16.0, m: 17.2 }, f(14.6, { valueK: 14.5, valueM: 14.7 }), 4, '●'],
  ['… per sex: K met, M 17,9 (band 0,86): the worse, ▲', lower, { op: 'sex', dir: 'lte', k: 16.0, m: 17.2 }, f(16, { valueK: 14.5, valueM: 17.9 }), 4, '▲'],
  ['… per sex: M 19,0 misses: ◆', lower, { op: 'sex', dir: 'lte', k: 16.0, m: 17.2 }, f(16, { valueK: 14.5, valueM: 19 }), 4, '◆'],
  ['… per sex without a K/M split: □', lower, { op: 'sex', dir: 'lte', k: 16.0, m: 17.2 }, f(14.6), 4, '□'],
  ['Läkemedelsberättelse: 70 %, T1 2022 K 59 % M 63 % (2021: 62 %) — not better: ◆', higher, { op: 'gte', value: 70 }, f(61, { valueK: 59, valueM: 63, compareValue: 62 }), 4, '◆'],
  ['Fallskador: Minska med 50 % jmf 2020; 2020 had 4, now 1 (goal ≤ 2)', lower, { op: 'change', pct: -50, baseYear: 2020 }, f(1, { valueK: 1, valueM: 0 }), 4, '●'],
  ['… now 3 (goal 2, not within the band, no baseline): ◆', lower, { op: 'change', pct: -50, baseYear: 2020 }, f(3), 4, '◆'],
  ['… without the base year\'s figure: □', lower, { op: 'change', pct: -50, baseYear: 2020 }, f(1, { baseValue: null }), 4, '□'],
  ['Sjukfrånvaro: Minska, 8,6 % vs 9,0 % last year: unchanged (< 1 pp) ▲', lower, { op: 'decrease' }, f(8.6, { compareValue: 9.0 }), 4, '▲'],
  ['No target: □', higher, null, f(50), 4, '□'],
];

describe('goalStatus: every target form, per sex, with missing data', () => {
  it.each(ROWS)('%s', (_name, def, target, figures, lastMonth, symbol) => {
    const withBase = target?.op === 'change' && !_name.includes('without the base') ? { ...figures, baseValue: 4 } : figures;
    expect(SYMBOL[goalStatus(def, target, withBase, lastMonth)]).toBe(symbol);
  });
});

describe('goalTrend', () => {
  it('↕ when women and men moved apart (våld i nära relation: K 12 → 29, M 7 → 4)', () => {
    expect(goalTrend(higher, f(33, { valueK: 29, valueM: 4, compareValue: 19, compareK: 12, compareM: 7 })).trend).toBe('diverging');
  });
  it('↓ and better for a lower-is-better measure (återinskrivningar K 15,8 → 14,5, M 16,2 → 14,7)', () => {
    expect(goalTrend(lower, f(14.6, { valueK: 14.5, valueM: 14.7, compareValue: 16, compareK: 15.8, compareM: 16.2 }))).toEqual({ trend: 'down', improving: true });
  });
  it('no arrow without last year (Data saknas either side)', () => {
    expect(goalTrend(higher, f(41)).trend).toBe('none');
    expect(goalTrend(higher, f(null, { compareValue: 40 })).trend).toBe('none');
  });
});

describe('parseTargetText: the seed\'s targets as written', () => {
  it.each([
    ['100 % i dec', 'higher', { op: 'gte', value: 100, month: 12 }],
    ['70%', 'higher', { op: 'gte', value: 70 }],
    ['7 %', 'lower', { op: 'lte', value: 7 }],
    ['Under 6,5 %', 'lower', { op: 'lte', value: 6.5 }],
    ['<7 %', 'lower', { op: 'lte', value: 7 }],
    ['max 2 %', 'lower', { op: 'lte', value: 2 }],
    ['Minst 89 %', 'higher', { op: 'gte', value: 89 }],
    ['min 75 %', 'higher', { op: 'gte', value: 75 }],
    ['>50 %', 'higher', { op: 'gte', value: 50 }],
    ['1 500 st', 'higher', { op: 'gte', value: 1500 }],
    ['0,0', 'higher', { op: 'gte', value: 0 }],
    ['Öka', 'higher', { op: 'increase' }],
    ['Minska', 'lower', { op: 'decrease' }],
    ['Öka jmf med motsvarande kvartal året innan', 'higher', { op: 'increase' }],
    ['Minska med 50 % jmf 2020', 'lower', { op: 'change', pct: -50, baseYear: 2020 }],
    ['K 16,0 M 17,2', 'lower', { op: 'sex', dir: 'lte', k: 16, m: 17.2 }],
  ] as const)('%s', (text, direction, expected) => {
    expect(parseTargetText(text, direction)).toEqual(expected);
  });
  it('refuses what it cannot read', () => {
    expect(parseTargetText('bättre än förra året', 'higher')).toBeNull();
    expect(parseTargetText('100 % i smarsch', 'higher')).toBeNull();
    expect(parseTargetText('', 'higher')).toBeNull();
  });
});
