/** Goal status and trend arrows (docs/domain.md §5.2 and §5.3), as tables. */
import { describe, expect, it } from 'vitest';
import { DEFAULT_INDICATORS, indicatorStatus, trendArrow } from '../../../../src/shared/domain/indicators';
import type { IndicatorDef, IndicatorStatus, TrendArrow } from '../../../../src/shared/indicators-api';
import type { IndicatorTarget } from '../../../../src/shared/schema/indicator';

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
