/**
 * Reported measures (issue 13) in the indicator engine: pooling of numerators and denominators
 * up the tree (a property test against a hand computation on random data), K/M only where every
 * value has the split, grains (a tertial value is no month's), level-owned figures never pooled,
 * and "no value" (null, never 0) where nothing was reported.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { reportOfRows } from '../../../../src/shared/domain/indicators';
import { subtreeIds } from '../../../../src/shared/domain/rollup';
import { periodRange } from '../../../../src/shared/domain/periods';
import { IndicatorReport } from '../../../../src/shared/indicators-api';
import { ReportedValue, reportedValueIdFor } from '../../../../src/shared/schema/reported-value';
import { input, row, TREE } from './fixtures';

const NOW = Date.parse('2026-11-30T10:00:00Z');
const LEAVES = ['avd1', 'avd2', 'avd3'];

function rv(unitId: string, measure: string, period: string, num: number, den: number | null = null, k?: [number, number | null], m?: [number, number | null]): ReportedValue {
  return ReportedValue.parse({
    id: reportedValueIdFor(unitId, measure, period),
    unitId,
    measure,
    period,
    num,
    den,
    numK: k?.[0] ?? null,
    denK: k?.[1] ?? null,
    numM: m?.[0] ?? null,
    denM: m?.[1] ?? null,
    source: 'manual',
  });
}

/** Three measures defined at the region: a share by month with K/M, mnkr by tertial, a level's own count by year. */
const DEFS = [
  row('region', 'waitShare', { nameSv: 'Väntande ≤ 90 dagar', source: { kind: 'reported', form: 'ratio', grain: 'month', at: 'unit' }, unit: 'pct', direction: 'higher', target: { op: 'gte', value: 70 }, perspective: 'medborgare' }),
  row('region', 'budget', { nameSv: 'Resultat mot budget', source: { kind: 'reported', form: 'value', grain: 'tertial', at: 'unit' }, unit: 'mnkr', direction: 'higher', target: { op: 'gte', value: 0 }, perspective: 'ekonomi' }),
  row('region', 'kpp', { nameSv: 'Produktivitet KPP', source: { kind: 'reported', form: 'count', grain: 'year', at: 'level' }, unit: 'count', direction: 'higher', target: null, perspective: 'ekonomi' }),
];

const cell = (r: IndicatorReport, unitId: string, key: string) => r.cells.find((c) => c.unitId === unitId && c.key === key);

describe('reported measures in the indicator report', () => {
  const rows = [
    rv('avd1', 'waitShare', '2026-11', 41, 100, [20, 49], [21, 51]),
    rv('avd2', 'waitShare', '2026-11', 30, 40, [10, 20], [20, 20]),
    rv('avd3', 'waitShare', '2026-11', 9, 10),
    rv('avd1', 'waitShare', '2025-11', 30, 100, [15, 50], [15, 50]),
    rv('vo1', 'waitShare', '2026-11', 1, 1000), // a level's row of a unit measure: never pooled
    rv('avd1', 'budget', '2026-T3', -1.5),
    rv('avd3', 'budget', '2026-T3', 2.25),
    rv('div', 'kpp', '2026', 104),
    rv('avd1', 'kpp', '2026', 7),
  ];

  it('pools numerators and denominators up the tree (Σnum / Σden, never a mean of shares)', async () => {
    const r = await reportOfRows(input({ rootId: 'div', indicatorRows: DEFS, reported: rows }), '2026-11', NOW);
    expect(IndicatorReport.safeParse(r).success).toBe(true);
    expect(cell(r, 'avd1', 'waitShare')).toMatchObject({ value: 41, num: 41, den: 100, n: 100, valueK: (20 / 49) * 100, valueM: (21 / 51) * 100, status: 'partial' }); // below 70 % but better than last year: ▲
    // vo1 = avd1 + avd2 = 71 / 140 (the mean of 41 % and 75 % would be 58 %).
    expect(cell(r, 'vo1', 'waitShare')).toMatchObject({ value: (71 / 140) * 100, num: 71, den: 140, valueK: (30 / 69) * 100, valueM: (41 / 71) * 100, reporting: 2, expected: 2 });
    // avd3 has no split, so the division has no K/M figure (a partial split would understate one sex).
    expect(cell(r, 'div', 'waitShare')).toMatchObject({ value: (80 / 150) * 100, valueK: null, valueM: null, reporting: 3, expected: 3 });
    // Compared with November last year at avd1: 30 % → 41 %, up and better.
    expect(cell(r, 'avd1', 'waitShare')).toMatchObject({ compareValue: 30, trend: 'up', improving: true });
  });

  it('a catalogue target per sex judges women and men apart where the figure is split (↕ when they moved apart)', async () => {
    // The region's target per sex, a division total beside it: K ≥ 40 %, M ≥ 45 %, total ≥ 50 %.
    const perSex = [{ ...DEFS[0], target: { op: 'gte' as const, value: 50, k: 40, m: 45 } } as (typeof DEFS)[0], ...DEFS.slice(1)];
    const r = await reportOfRows(input({ rootId: 'div', indicatorRows: perSex, reported: rows }), '2026-11', NOW);
    // avd1: K 20/49 = 40,8 % ● (≥ 40), M 21/51 = 41,2 % misses 45 beyond its 5 % band but rose from 30 %: ▲; the worse counts.
    expect(cell(r, 'avd1', 'waitShare')).toMatchObject({ status: 'partial', target: { op: 'gte', value: 50, k: 40, m: 45 } });
    // avd2: K 10/20 = 50 % ●, M 20/20 = 100 % ●, though the total 75 % is judged per sex here.
    expect(cell(r, 'avd2', 'waitShare')).toMatchObject({ status: 'met' });
    // The division has no split (avd3 has none): its total against 50 %: 80/150 = 53,3 % ●.
    expect(cell(r, 'div', 'waitShare')).toMatchObject({ valueK: null, status: 'met' });
    // avd3 alone, no split, total 90 % against 50 %.
    expect(cell(r, 'avd3', 'waitShare')).toMatchObject({ status: 'met' });
    // Against last year at avd2: K 5/20 = 25 % → 50 % and M 15/20 = 75 % → 100 % both rose: ↑;
    // K 15/20 = 75 % → 50 % fell while M 10/20 = 50 % → 100 % rose: ↕.
    const up = await reportOfRows(input({ rootId: 'div', indicatorRows: perSex, reported: [...rows, rv('avd2', 'waitShare', '2025-11', 20, 40, [5, 20], [15, 20])] }), '2026-11', NOW);
    expect(cell(up, 'avd2', 'waitShare')?.trend).toBe('up');
    const apart = await reportOfRows(input({ rootId: 'div', indicatorRows: perSex, reported: [...rows, rv('avd2', 'waitShare', '2025-11', 25, 40, [15, 20], [10, 20])] }), '2026-11', NOW);
    expect(cell(apart, 'avd2', 'waitShare')?.trend).toBe('diverging');
  });

  it('a tertial measure has no value for a month, and a value for its tertial (mnkr summed)', async () => {
    const month = await reportOfRows(input({ indicatorRows: DEFS, reported: rows }), '2026-11', NOW);
    expect(cell(month, 'div', 'budget')).toMatchObject({ value: null, status: 'unmeasurable' });
    const t3 = await reportOfRows(input({ indicatorRows: DEFS, reported: rows }), '2026-T3', NOW);
    expect(cell(t3, 'div', 'budget')).toMatchObject({ value: 0.75, status: 'met' });
    expect(cell(t3, 'avd1', 'budget')).toMatchObject({ value: -1.5, status: 'notMet' });
    expect(cell(t3, 'avd2', 'budget')).toMatchObject({ value: null, status: 'unmeasurable', reporting: 0 });
    // A tertial holds its months: waitShare over T3 = Σ of Sep–Dec values.
    expect(cell(t3, 'avd1', 'waitShare')).toMatchObject({ value: 41 });
  });

  it('a level-owned measure is the level\'s own value, never the sum of its units', async () => {
    const y = await reportOfRows(input({ indicatorRows: DEFS, reported: rows }), '2026', NOW);
    expect(cell(y, 'div', 'kpp')).toMatchObject({ value: 104, reporting: 1 });
    expect(cell(y, 'vo1', 'kpp')).toMatchObject({ value: null });
    expect(cell(y, 'avd1', 'kpp')).toMatchObject({ value: 7 });
  });

  it('a value in % cannot be summed: shown where it rests on one value only', async () => {
    const defs = [row('region', 'pctValue', { nameSv: 'Andel i procent', source: { kind: 'reported', form: 'value', grain: 'month', at: 'unit' }, unit: 'pct', direction: 'higher' })];
    const r = await reportOfRows(input({ indicatorRows: defs, reported: [rv('avd1', 'pctValue', '2026-11', 60), rv('avd2', 'pctValue', '2026-11', 80)] }), '2026-11', NOW);
    expect(cell(r, 'avd1', 'pctValue')?.value).toBe(60);
    expect(cell(r, 'vo1', 'pctValue')?.value).toBeNull();
  });

  it('property: every node\'s pooled share equals Σnum / Σden of its leaves\' values, by hand', async () => {
    const months = ['2026-09', '2026-10', '2026-11'];
    const value = fc.record({ unit: fc.constantFrom(...LEAVES, 'vo1', 'div'), month: fc.constantFrom(...months), den: fc.integer({ min: 0, max: 500 }), frac: fc.double({ min: 0, max: 1, noNaN: true }) });
    await fc.assert(
      fc.asyncProperty(fc.array(value, { maxLength: 25 }), fc.constantFrom('2026-11', '2026-T3', '2026'), async (vals, period) => {
        const cells = new Map<string, ReportedValue>();
        for (const v of vals) {
          const num = Math.floor(v.den * v.frac);
          cells.set(`${v.unit}:${v.month}`, rv(v.unit, 'waitShare', v.month, num, v.den));
        }
        const list = [...cells.values()];
        const r = await reportOfRows(input({ rootId: 'region', indicatorRows: DEFS, reported: list }), period, NOW);
        const range = periodRange(period);
        for (const node of ['region', 'div', 'vo1', 'vo2', 'avd1', 'avd2', 'avd3']) {
          const under = new Set(subtreeIds(TREE, node));
          const mine = list.filter((v) => under.has(v.unitId) && LEAVES.includes(v.unitId) && `${v.period}-01` >= range.from && `${v.period}-01` <= range.to);
          const num = mine.reduce((s, v) => s + v.num, 0);
          const den = mine.reduce((s, v) => s + (v.den ?? 0), 0);
          const got = cell(r, node, 'waitShare');
          expect(got?.num ?? 0).toBe(num);
          if (den === 0) expect(got?.value).toBeNull();
          else expect(got?.value).toBeCloseTo((num / den) * 100, 9);
        }
      }),
      { numRuns: 60 },
    );
  });
});

describe('the reported value schema', () => {
  it('names its unit, measure and period in its id, and keeps ratio parts in pairs', () => {
    expect(() => rv('avd1', 'waitShare', '2026-13', 1, 2)).toThrow();
    // A year before 1000 has no dates (periodRange): refused here, not a failed report later.
    for (const period of ['0999', '0999-01', '0042-T1']) expect(() => rv('avd1', 'waitShare', period, 1, 2)).toThrow();
    expect(rv('avd1', 'waitShare', '1000-01', 1, 2).period).toBe('1000-01');
    expect(ReportedValue.safeParse({ ...rv('avd1', 'waitShare', '2026-11', 1, 2), id: reportedValueIdFor('avd2', 'waitShare', '2026-11') }).success).toBe(false);
    expect(ReportedValue.safeParse({ ...rv('avd1', 'waitShare', '2026-11', 1, 2), numK: 1, denK: null }).success).toBe(false);
    expect(ReportedValue.safeParse({ ...rv('avd1', 'budget', '2026-T1', 1), denK: 3 }).success).toBe(false);
    expect(rv('avd1', 'budget', '2026-T1', -3.5, null, [1, null], [2, null]).numK).toBe(1);
  });
});
