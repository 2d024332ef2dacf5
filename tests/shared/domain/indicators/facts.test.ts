/** Facts from raw rows, against small hand-computed fixtures; levels pool, never average. */
import { describe, expect, it } from 'vitest';
import { addFacts, DEFAULT_INDICATORS, emptyFacts, proratedQuota, sourceValue, treeFactsOfRows, unitFactsOfRows } from '../../../../src/shared/domain/indicators';
import { addFactsInto, addMetricsInto, emptyReportedSums, METRIC_FAMILY, setByFamily } from '../../../../src/shared/domain/indicators/pool';
import { METRICS } from '../../../../src/shared/schema/indicator';
import { periodRange } from '../../../../src/shared/domain/periods';
import type { IndicatorDef } from '../../../../src/shared/indicators-api';
import { day, event, hrMonth, input, obs, observations, shift, unitSettings } from './fixtures';

const NOV = periodRange('2026-11');
const def = (key: string) => DEFAULT_INDICATORS[key] as IndicatorDef;

describe('BHK facts', async () => {
  const voided = obs('avd1', '2026-11-03', ['nails']);
  const corrected = obs('avd1', '2026-11-04', ['nails']);
  const rows = [
    ...observations('avd1', '2026-11-02', 10, 8),
    ...observations('avd2', '2026-11-10', 5, 5),
    voided,
    obs('avd1', '2026-12-01', [], { replaces: voided.id, voided: true, originalDate: '2026-11-03', createdAt: '2026-12-01T10:00:00.000Z' }),
    corrected,
    obs('avd1', '2026-12-02', [], { replaces: corrected.id, originalDate: '2026-11-04', createdAt: '2026-12-02T10:00:00.000Z' }),
    ...observations('avd3', '2026-10-20', 4, 0),
  ];
  const facts = await treeFactsOfRows(input({ bhk: rows }), NOV);

  it('applies voids and corrections, then pools counts up the tree', async () => {
    const avd1 = facts.get('avd1')?.counts;
    expect(avd1?.metrics).toMatchObject({ bhkObserved: 11, bhkCorrect: 9, bhkHygieneCorrect: 9, bhkDressCorrect: 11 });
    const vo1 = facts.get('vo1');
    expect(vo1?.counts.metrics.bhkObserved).toBe(16);
    // 14 / 16 pooled = 87,5 %, not the mean of 81,8 % and 100 %.
    expect(sourceValue(def('bhkTotal'), vo1?.counts ?? avd1!)).toMatchObject({ value: 87.5, num: 14, den: 16, n: 16 });
    expect(vo1?.counts.reporting.bhkObserved).toBe(2);
    expect(facts.get('div')?.counts.reporting.bhkObserved).toBe(2);
    expect(facts.get('div')?.expected).toBe(3);
    // Avd 3's October observations are not November's: no value, not 0 %.
    expect(sourceValue(def('bhkTotal'), facts.get('vo2')!.counts).value).toBeNull();
    // Pooling adds into each level's own record only: every unit keeps exactly its own facts.
    for (const id of ['avd1', 'avd2', 'avd3']) expect(facts.get(id)?.counts).toEqual(await unitFactsOfRows(input({ bhk: rows }), id, NOV));
  });

  it('compares observations with the quota, prorated and per unit setting', async () => {
    const f = await treeFactsOfRows(input({ bhk: rows, unitSettings: [unitSettings('avd2', 20)] }), NOV);
    expect(f.get('vo1')?.counts.metrics.bhkQuota).toBe(30);
    // Observations 16 of quota 30; n is the observations.
    expect(sourceValue(def('bhkQuota'), f.get('vo1')!.counts)).toMatchObject({ num: 16, den: 30, n: 16 });
    expect(sourceValue(def('bhkQuota'), f.get('vo1')!.counts).value).toBeCloseTo((16 / 30) * 100, 10);
  });
});

describe('proratedQuota', async () => {
  it.each([
    ['a whole month is the quota', '2026-11-01', '2026-11-30', 10],
    ['a week of November', '2026-11-16', '2026-11-22', (10 * 7) / 30],
    ['a week across November and December', '2026-11-30', '2026-12-06', 10 / 30 + (10 * 6) / 31],
    ['a tertial is four quotas', '2026-09-01', '2026-12-31', 40],
  ])('%s', (_name, from, to, expected) => {
    expect(proratedQuota(10, from, to)).toBeCloseTo(expected, 10);
  });

  it('in the current period counts only the part due so far', async () => {
    const f = await treeFactsOfRows(input({ today: '2026-11-10', unitSettings: [unitSettings('avd2', 20)] }), NOV);
    expect(f.get('avd1')?.counts.metrics.bhkQuota).toBeCloseTo((10 * 10) / 30, 10);
    expect(f.get('vo1')?.counts.metrics.bhkQuota).toBeCloseTo((30 * 10) / 30, 10);
  });

  it('stops at the day a unit closed', async () => {
    const units = input().units.map((u) => (u.id === 'avd3' ? { ...u, closedAt: '2026-11-16T08:00:00.000Z' } : u));
    const f = await treeFactsOfRows(input({ units }), NOV);
    expect(f.get('avd3')?.counts.metrics.bhkQuota).toBeCloseTo(5, 10);
    expect(f.get('vo2')?.expected).toBe(0);
  });
});

describe('safety facts', async () => {
  const confirmed = Array.from({ length: 10 }, (_, i) => day('avd1', `2026-11-${String(i + 1).padStart(2, '0')}`));
  const rows = input({
    today: '2026-11-20',
    safetyDays: [...confirmed, day('avd2', '2026-11-02'), day('avd2', '2026-11-03', false)],
    safetyEvents: [
      event('avd1', '2026-11-05', { severity: 'orange', category: 'trycksar' }),
      event('avd1', '2026-11-12', { severity: 'gul', category: 'fall' }),
      event('avd1', '2026-11-25', { severity: 'rod', category: 'fall' }),
      event('avd2', '2026-10-01', { severity: 'gul', category: 'fall' }),
    ],
  });
  const f = await treeFactsOfRows(rows, NOV);

  it('colours days up to today like the cross: events first, green only when confirmed', async () => {
    expect(f.get('avd1')?.counts.metrics).toMatchObject({
      safetyFilledDays: 11,
      safetyGreenDays: 9,
      safetyHarmDays: 1,
      safetyRiskDays: 2,
      safetyPastDays: 19,
      safetyEvents: 2,
    });
    expect(sourceValue(def('greenShare'), f.get('vo1')!.counts)).toMatchObject({ num: 10, den: 12, n: 12 });
    expect(sourceValue(def('harmDays'), f.get('vo1')!.counts)).toMatchObject({ value: 1, n: 12 });
    // Nobody filled Avd 3's cross: no harm-day count at all, rather than a flattering 0.
    expect(sourceValue(def('harmDays'), f.get('vo2')!.counts).value).toBeNull();
  });

  it('days since the last fall: as of today, the smallest at a level, the bound when none', async () => {
    expect(f.get('avd1')?.counts.daysSinceFall).toBe(8);
    expect(f.get('avd2')?.counts.daysSinceFall).toBe(50);
    expect(f.get('vo1')?.counts.daysSinceFall).toBe(8);
    expect(f.get('avd3')?.counts.daysSinceFall).toBeNull();
    expect(sourceValue(def('daysSinceFall'), f.get('vo1')!.counts)).toMatchObject({ value: 8, n: 2 });
    // October, as of its last day: only Avd 2's fall; Avd 1 had nothing to go on.
    const oct = await treeFactsOfRows(rows, periodRange('2026-10'));
    expect(oct.get('vo1')?.counts.daysSinceFall).toBe(30);
    // A unit that filled its cross with no fall in the window gets the bound (≥ 730 days).
    const quiet = await treeFactsOfRows(input({ today: '2026-11-20', safetyDays: [day('avd3', '2026-11-02')] }), NOV);
    expect(quiet.get('avd3')?.counts.daysSinceFall).toBe(730);
  });

  it('counts today once it has a colour', async () => {
    const g = await unitFactsOfRows(input({ today: '2026-11-20', safetyDays: [day('avd3', '2026-11-20')] }), 'avd3', NOV);
    expect(g.metrics).toMatchObject({ safetyPastDays: 20, safetyFilledDays: 1, safetyGreenDays: 1 });
  });
});

describe('staffing and HR facts', async () => {
  const rows = input({
    shifts: [shift('avd1', '2026-11-03', 'dag', 10, 1), shift('avd2', '2026-11-03', 'dag', 5, 2), shift('avd2', '2026-10-31', 'dag', 5, 5)],
    hrMonths: [
      hrMonth('avd1', '2026-11', 5, 1000, { kvotK: 6, kvotM: 3 }),
      hrMonth('avd2', '2026-11', 8, 500),
      hrMonth('avd3', '2026-11', 20, null),
      hrMonth('vo1', '2026-11', 99, 100000),
    ],
  });

  it('pools staff-shifts: Σ sick / Σ planned', async () => {
    expect(sourceValue(def('sickShare'), await unitFactsOfRows(rows, 'vo1', NOV))).toMatchObject({ value: 20, num: 3, den: 15, n: 15 });
  });

  it('pools the HR kvot by ordinary hours, leaves only, K and M likewise', async () => {
    const v = sourceValue(def('hrKvot'), await unitFactsOfRows(rows, 'div', NOV));
    expect(v.value).toBeCloseTo(6, 10);
    expect(v.valueK).toBeCloseTo(6, 10);
    expect(v.valueM).toBeCloseTo(3, 10);
    // Three units gave a figure (Avd 3 without hours is counted but cannot be weighted).
    expect(v.n).toBe(3);
    // A week holds no whole month: no HR figure.
    expect(sourceValue(def('hrKvot'), await unitFactsOfRows(rows, 'div', periodRange('2026-W47'))).value).toBeNull();
    expect(sourceValue(def('hrKvot'), await unitFactsOfRows(rows, 'div', periodRange('2026-T3'))).value).toBeCloseTo(6, 10);
  });

  it('gives bit-identical figures whatever order the rows and units arrive in', async () => {
    const months = ['2026-09', '2026-10', '2026-11', '2026-12'].flatMap((m, i) => [
      hrMonth('avd1', m, 2.3 + i * 1.7, 1234.5 + i, { kvotK: 1.1 + i, kvotM: 0.3 }),
      hrMonth('avd2', m, 7.9 - i, 987.25 * (i + 1)),
    ]);
    const a = input({ hrMonths: months });
    const b = input({ hrMonths: [...months].reverse(), units: [...a.units].reverse() });
    const T3 = periodRange('2026-T3');
    expect(await unitFactsOfRows(b, 'div', T3)).toEqual(await unitFactsOfRows(a, 'div', T3));
  });
});

describe('pooling facts', () => {
  type Facts = ReturnType<typeof emptyFacts>;
  const sums = (over: Partial<ReturnType<typeof emptyReportedSums>>) => ({ ...emptyReportedSums(), reporters: 1, units: 1, ...over });
  const facts = (metrics: Partial<Facts['metrics']>, daysSinceFall: number, hr: Partial<Facts['hr']>, reported: [string, ReturnType<typeof sums>][]): Facts => {
    const f = emptyFacts();
    Object.assign(f.metrics, metrics);
    f.reporting.bhkObserved = metrics.bhkObserved === undefined ? 0 : 1;
    f.daysSinceFall = daysSinceFall;
    Object.assign(f.hr, hr);
    if (reported.length > 0) f.reported = new Map(reported);
    return f;
  };

  it('addFactsInto adds into its first record what addFacts returns as a new one, and leaves the other alone', () => {
    const a = facts({ bhkObserved: 10, bhkCorrect: 7 }, 12, { hours: 160, sick: 8 }, [['trycksar', sums({ num: 2, den: 40 })]]);
    const b = facts({ bhkObserved: 5, safetyEvents: 3 }, 4, { hours: 80, sick: 2 }, [
      ['trycksar', sums({ num: 1, den: 20, kUnits: 1, numK: 1, denK: 10 })],
      ['fallskador', sums({ den: 30 })],
    ]);
    const bBefore = structuredClone(b);
    const pooled = addFacts(a, b);
    const into = structuredClone(a);
    expect(addFactsInto(into, b)).toBe(into);
    expect(into).toEqual(pooled);
    expect(b).toEqual(bBefore);
    expect(pooled.metrics.bhkObserved).toBe(15);
    expect(pooled.reporting.bhkObserved).toBe(2);
    expect(pooled.daysSinceFall).toBe(4);
    expect(pooled.metrics.hrKvot).toBeCloseTo((10 / 240) * 100);
    expect(pooled.reported.get('trycksar')?.num).toBe(3);
    expect(pooled.reported.get('fallskador')?.den).toBe(30);
  });

  it('pools and zeroes every metric of METRICS (the record and its sums name each one)', () => {
    const zero = emptyFacts().metrics;
    expect(Object.keys(zero).sort()).toEqual([...METRICS].sort());
    for (const m of METRICS) expect(zero[m]).toBe(0);
    const a = emptyFacts().metrics;
    const b = emptyFacts().metrics;
    METRICS.forEach((m, i) => (b[m] = i + 1));
    addMetricsInto(a, b);
    addMetricsInto(a, b);
    for (const [i, m] of METRICS.entries()) expect(a[m]).toBe(2 * (i + 1));
  });

  it('sets each metric to its own family\'s value (METRIC_FAMILY)', () => {
    const values = { bhk: 1, safety: 2, staff: 3, hr: 4 } as const;
    const r = emptyFacts().reporting;
    setByFamily(r, values.bhk, values.safety, values.staff, values.hr);
    for (const m of METRICS) expect([m, r[m]]).toEqual([m, values[METRIC_FAMILY[m]]]);
  });

  it('facts without reported measures share one empty map that pooling never writes into', () => {
    const b = facts({ bhkObserved: 5 }, 4, {}, [['trycksar', sums({ num: 1, den: 20 })]]);
    const empty = emptyFacts();
    const into = emptyFacts();
    expect(into.reported).toBe(empty.reported);
    addFactsInto(into, b);
    expect(into.reported.get('trycksar')?.num).toBe(1);
    expect(into.reported).not.toBe(empty.reported);
    expect(empty.reported.size).toBe(0);
    expect(emptyFacts().reported.size).toBe(0);
    // A record that has its own map keeps adding into it.
    const own = into.reported;
    addFactsInto(into, b);
    expect(into.reported).toBe(own);
    expect(into.reported.get('trycksar')?.num).toBe(2);
  });
});
