/** Goal status and trend arrows (docs/domain.md §5.2 and §5.3), as tables. */
import { describe, expect, it } from 'vitest';
import { DEFAULT_INDICATORS, indicatorStatus, sexStatuses, trendArrow } from '../../../../src/shared/domain/indicators';
import type { IndicatorDef, IndicatorStatus, TrendArrow } from '../../../../src/shared/indicators-api';
import { IndicatorTarget as TargetSchema, type IndicatorTarget } from '../../../../src/shared/schema/indicator';

const higher = DEFAULT_INDICATORS.bhkTotal as IndicatorDef; // gte 100, minN 10, relative 5 %
const lower = DEFAULT_INDICATORS.sickShare as IndicatorDef;
const gte = (value: number): IndicatorTarget => ({ op: 'gte', value });
const lte = (value: number): IndicatorTarget => ({ op: 'lte', value });

describe('indicatorStatus', () => {
  const cases: [string, Pick<IndicatorDef, 'direction' | 'tolerance' | 'minN'>, IndicatorTarget | null, number | null, number, number | null, IndicatorStatus][] = [
    ['no value: ej mätbart', higher, gte(100), null, 0, 90, 'unmeasurable'],
    ['n below the minimum: ej mätbart even at 100 %', higher, gte(100), 100, 9, null, 'unmeasurable'],
    ['n at the minimum counts', higher, gte(100), 100, 10, null, 'met'],
    ['no target: ej mätbart', higher, null, 80, 50, 70, 'unmeasurable'],
    ['≥ met exactly at the target', higher, gte(90), 90, 20, null, 'met'],
    ['≥ within the 5 % relative band: delvis', higher, gte(90), 85.5, 20, null, 'partial'],
    ['≥ just below the band: ej uppfyllt', higher, gte(90), 85.4, 20, null, 'notMet'],
    ['≥ below the band but improved ≥ 1 pp: delvis', higher, gte(90), 80, 20, 78, 'partial'],
    ['≥ below the band, improved under 1 pp: ej uppfyllt', higher, gte(90), 80, 20, 79.5, 'notMet'],
    ['≥ below the band and worse: ej uppfyllt', higher, gte(90), 80, 20, 85, 'notMet'],
    ['≥ absolute band of 3 units', { ...higher, tolerance: { kind: 'absolute', value: 3 } }, gte(90), 87, 20, null, 'partial'],
    ['≤ lower is better: met at the target', lower, lte(6.5), 6.5, 100, null, 'met'],
    ['≤ within the band above: delvis', lower, lte(6.5), 6.8, 100, null, 'partial'],
    ['≤ above the band: ej uppfyllt', lower, lte(6.5), 7, 100, null, 'notMet'],
    ['≤ above the band but fell ≥ 1 pp: delvis', lower, lte(6.5), 8, 100, 9.2, 'partial'],
    ['≤ 0 harm days: band 0, one day misses', { ...lower, tolerance: { kind: 'relative', value: 5 } }, lte(0), 1, 30, null, 'notMet'],
    ['Minska without a compare value: ej mätbart', lower, { op: 'decrease' }, 5, 100, null, 'unmeasurable'],
    ['Minska fell ≥ 1 pp: uppfyllt', lower, { op: 'decrease' }, 5, 100, 6, 'met'],
    ['Minska unchanged (under 1 pp): delvis', lower, { op: 'decrease' }, 5.5, 100, 6, 'partial'],
    ['Minska rose ≥ 1 pp: ej uppfyllt', lower, { op: 'decrease' }, 7, 100, 6, 'notMet'],
    ['Öka rose ≥ 1: uppfyllt', higher, { op: 'increase' }, 81, 20, 80, 'met'],
    ['Öka fell: ej uppfyllt', higher, { op: 'increase' }, 70, 20, 80, 'notMet'],
    ['Öka with n below the minimum: ej mätbart', higher, { op: 'increase' }, 90, 3, 80, 'unmeasurable'],
  ];
  it.each(cases)('%s', (_name, def, target, value, n, compare, expected) => {
    expect(indicatorStatus(def, target, value, n, compare)).toBe(expected);
  });
});

describe('a target per sex (Mål K 16,0 M 17,2)', () => {
  type Pair = { now: number | null; before: number | null };
  const pair = (now: number | null, before: number | null = null): Pair => ({ now, before });
  const none = pair(null);
  // Återinskrivningar, lower is better: women at most 16,0 %, men at most 17,2 % (the seed appendix).
  const sexLte: IndicatorTarget = { op: 'lte', k: 16, m: 17.2 };
  const sexGte: IndicatorTarget = { op: 'gte', k: 41, m: 41 };
  const cases: [string, Pick<IndicatorDef, 'direction' | 'tolerance' | 'minN'>, IndicatorTarget, number | null, number, number | null, Pair, Pair, IndicatorStatus, { k: IndicatorStatus; m: IndicatorStatus } | null][] = [
    ['both within their own bound: uppfyllt', lower, sexLte, 14.6, 100, null, pair(14.5), pair(14.7), 'met', { k: 'met', m: 'met' }],
    ['men over theirs, women under: the worse counts', lower, sexLte, 16, 100, null, pair(14.5), pair(17.5), 'partial', { k: 'met', m: 'partial' }],
    ['women far over: ej uppfyllt though the total would meet 17,2', lower, sexLte, 16.9, 100, null, pair(18), pair(15.8), 'notMet', { k: 'notMet', m: 'met' }],
    ['women over but fell ≥ 1 pp since the compare period: delvis', lower, sexLte, 16.9, 100, 18, pair(18, 19.5), pair(15.8, 16), 'partial', { k: 'partial', m: 'met' }],
    ['each judged against its own bound, not the other\'s', lower, sexLte, 16.5, 100, null, pair(15.9), pair(17.1), 'met', { k: 'met', m: 'met' }],
    ['higher is better per sex: both at 41 % met', higher, sexGte, 41, 100, null, pair(41), pair(41), 'met', { k: 'met', m: 'met' }],
    ['higher is better: men far below theirs', higher, sexGte, 38, 100, null, pair(41), pair(30), 'notMet', { k: 'met', m: 'notMet' }],
    ['no K/M split and no total target: ej mätbart', lower, sexLte, 15, 100, null, none, none, 'unmeasurable', null],
    ['no K/M split: the total target decides', lower, { ...sexLte, value: 16.5 }, 15, 100, null, none, none, 'met', null],
    ['only K: the total target decides (within its 5 % band)', lower, { ...sexLte, value: 14.5 }, 15, 100, null, pair(15), none, 'partial', null],
    ['split wins over the total target', lower, { ...sexLte, value: 10 }, 15, 100, null, pair(14.5), pair(14.7), 'met', { k: 'met', m: 'met' }],
    ['n below the minimum: ej mätbart', higher, sexGte, 41, 9, null, pair(41), pair(41), 'unmeasurable', null],
  ];
  it.each(cases)('%s', (_name, def, target, value, n, compare, k, m, expected, perSex) => {
    expect(indicatorStatus(def, target, value, n, compare, k, m)).toBe(expected);
    expect(sexStatuses(def, target, n, k, m)).toEqual(perSex);
  });

  it('without a per-sex form nothing changes: the total decides even with a split', () => {
    expect(indicatorStatus(lower, lte(16), 15, 100, null, pair(18), pair(12))).toBe('met');
    expect(sexStatuses(lower, lte(16), 100, pair(18), pair(12))).toBeNull();
  });

  it('the schema takes K and M together and only with a bound (an additive field: old targets parse as before)', () => {
    expect(TargetSchema.safeParse({ op: 'lte', k: 16, m: 17.2 }).success).toBe(true);
    expect(TargetSchema.safeParse({ op: 'lte', value: 16.5, k: 16, m: 17.2 }).success).toBe(true);
    expect(TargetSchema.safeParse({ op: 'gte', value: 90 }).success).toBe(true);
    expect(TargetSchema.safeParse({ op: 'lte', k: 16 }).success).toBe(false);
    expect(TargetSchema.safeParse({ op: 'decrease', k: 16, m: 17 }).success).toBe(false);
  });
});

describe('trendArrow', () => {
  const cases: [string, IndicatorDef, number | null, number | null, { now: number | null; before: number | null } | undefined, { now: number | null; before: number | null } | undefined, TrendArrow, boolean | null][] = [
    ['nothing to compare with', higher, 80, null, undefined, undefined, 'none', null],
    ['no value now', higher, null, 80, undefined, undefined, 'none', null],
    ['up by 1 pp, higher is better: better', higher, 81, 80, undefined, undefined, 'up', true],
    ['under 1 pp: oförändrat', higher, 80.9, 80, undefined, undefined, 'flat', null],
    ['down, higher is better: worse', higher, 70, 80, undefined, undefined, 'down', false],
    ['down, lower is better: better', lower, 5, 7, undefined, undefined, 'down', true],
    ['K up and M down: diverging', lower, 8, 7, { now: 29, before: 12 }, { now: 4, before: 7 }, 'diverging', null],
    ['K and M both up: the total decides', lower, 8, 7, { now: 9, before: 7 }, { now: 8, before: 6 }, 'up', false],
    ['K moved under the threshold: not diverging', lower, 8, 7, { now: 12.5, before: 12 }, { now: 4, before: 7 }, 'up', false],
    ['K missing a side: the total decides', lower, 6, 7, { now: null, before: 12 }, { now: 4, before: 7 }, 'down', true],
  ];
  it.each(cases)('%s', (_name, def, value, compare, k, m, trend, improving) => {
    expect(trendArrow(def, value, compare, k, m)).toEqual({ trend, improving });
  });
});
