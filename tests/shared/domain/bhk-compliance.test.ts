/**
 * The board's compliance math end to end (bhkUnitCounts → bhkFigures, bhkPeriodRollup), table
 * driven: "ej aktuellt" leaves the denominator, an observation is correct only if every
 * applicable step is, empty periods give no percentage, and levels pool counts: the average of
 * unit percentages is never the answer.
 */
import { describe, expect, it } from 'vitest';
import { bhkFigures } from '../../../src/shared/domain/bhk';
import { bhkPeriodRollup, bhkUnitCounts } from '../../../src/shared/domain/bhk-rollup';
import { periodRange } from '../../../src/shared/domain/periods';
import type { TreeUnit } from '../../../src/shared/domain/rollup';
import { BHK_STEPS, BhkObservation, type BhkStep, type StepAnswer } from '../../../src/shared/schema/bhk-observation';

type Steps = Partial<Record<BhkStep, StepAnswer>>;
let seq = 0;
function obs(steps: Steps = {}, o: { unit?: string; date?: string; profession?: string; self?: boolean } = {}): BhkObservation {
  seq += 1;
  return BhkObservation.parse({
    id: `o${seq}`,
    unitId: o.unit ?? 'a',
    date: o.date ?? '2026-11-10',
    profession: o.profession ?? 'sjukskoterska',
    selfAssessment: o.self ?? false,
    steps: { ...Object.fromEntries(BHK_STEPS.map((s) => [s, 'ja'])), ...steps },
    createdAt: new Date(Date.UTC(2026, 10, 10, 10, 0, seq)).toISOString(),
  });
}
const NOV = periodRange('2026-11');
const figures = (list: BhkObservation[], range = NOV) => bhkFigures(bhkUnitCounts(list, range).counts, 1);

describe('compliance table', () => {
  interface Case {
    label: string;
    data: () => BhkObservation[];
    total: [number, number];
    hygiene: [number, number];
    dress: [number, number];
    steps?: Partial<Record<BhkStep, [number, number]>>;
  }
  const cases: Case[] = [
    { label: 'all Ja', data: () => [obs(), obs()], total: [2, 2], hygiene: [2, 2], dress: [2, 2] },
    {
      label: 'ej aktuellt for gloves and apron: correct, and out of the step denominators',
      data: () => [obs({ gloves: 'ej_aktuellt', apron: 'ej_aktuellt' }), obs({ gloves: 'nej' })],
      total: [1, 2],
      hygiene: [1, 2],
      dress: [2, 2],
      steps: { gloves: [0, 1], apron: [1, 1], handDisinfectionBefore: [2, 2] },
    },
    {
      label: 'all-or-nothing: seven of eight right is not correct',
      data: () => [obs({ hairTiedUp: 'nej' }), obs({ handDisinfectionAfter: 'nej' }), obs()],
      total: [1, 3],
      hygiene: [2, 3],
      dress: [2, 3],
      steps: { hairTiedUp: [2, 3], handDisinfectionAfter: [2, 3] },
    },
    {
      label: 'one observation wrong on both parts counts once against the total',
      data: () => [obs({ nails: 'nej', apron: 'nej' }), obs()],
      total: [1, 2],
      hygiene: [1, 2],
      dress: [1, 2],
    },
    { label: 'an empty period: nothing, and no percentage', data: () => [], total: [0, 0], hygiene: [0, 0], dress: [0, 0] },
    { label: 'observations of other months do not count', data: () => [obs({}, { date: '2026-10-31' }), obs({}, { date: '2026-12-01' })], total: [0, 0], hygiene: [0, 0], dress: [0, 0] },
  ];
  it.each(cases)('$label', (c) => {
    const f = figures(c.data());
    expect([f.total.num, f.total.den]).toEqual(c.total);
    expect([f.hygieneAll.num, f.hygieneAll.den]).toEqual(c.hygiene);
    expect([f.dressAll.num, f.dressAll.den]).toEqual(c.dress);
    if (c.total[1] === 0) expect([f.total.pct, f.weakestStep]).toEqual([null, null]);
    for (const [step, [num, den]] of Object.entries(c.steps ?? {})) {
      expect([f.steps[step as BhkStep].num, f.steps[step as BhkStep].den], step).toEqual([num, den]);
    }
  });

  const periods: [string, string, number][] = [
    ['a week without observations', '2026-W30', 0],
    ['the ISO week holding 10 November', '2026-W46', 3],
    ['tertial 3 (Sep–Dec)', '2026-T3', 4],
    ['tertial 1 of the next year', '2027-T1', 0],
    ['the whole year', '2026', 5],
  ];
  it.each(periods)('%s (%s) → n = %i', (_label, key, n) => {
    const data = [obs(), obs(), obs(), obs({}, { date: '2026-09-01' }), obs({}, { date: '2026-02-01' })];
    const f = figures(data, periodRange(key));
    expect(f.n).toBe(n);
    expect(f.total.pct).toBe(n === 0 ? null : 100);
  });
});

describe('pooled, not averaged', () => {
  const tree: TreeUnit[] = [
    { id: 'vo', parentId: null, kind: 'vo', name: 'VO', closedAt: null },
    { id: 'a', parentId: 'vo', kind: 'enhet', name: 'A', closedAt: null },
    { id: 'b', parentId: 'vo', kind: 'enhet', name: 'B', closedAt: null },
  ];
  it('unit A 1/1 (100 %) and unit B 2/10 (20 %): the VO is 3/11 (27 %), not the 60 % mean', () => {
    const data = [
      obs({}, { unit: 'a' }),
      ...Array.from({ length: 10 }, (_, i) => obs(i < 2 ? {} : { nails: 'nej' }, { unit: 'b' })),
    ];
    const nodes = bhkPeriodRollup(tree, 'vo', data, NOV);
    const vo = bhkFigures(nodes.get('vo')?.counts.counts ?? bhkUnitCounts([], NOV).counts, 1);
    expect(vo.total).toEqual({ num: 3, den: 11, pct: (3 / 11) * 100 });
    const mean = ((bhkFigures(nodes.get('a')!.counts.counts, 1).total.pct ?? 0) + (bhkFigures(nodes.get('b')!.counts.counts, 1).total.pct ?? 0)) / 2;
    expect(mean).toBe(60);
    expect(vo.total.pct).not.toBe(mean);
    expect(nodes.get('vo')).toMatchObject({ reporting: 2, expected: 2 });
  });

  it('pools per profession too, with n and självskattning', () => {
    const data = [
      obs({}, { unit: 'a', profession: 'lakare' }),
      obs({ gloves: 'nej' }, { unit: 'b', profession: 'lakare', self: true }),
      obs({}, { unit: 'b', profession: 'student' }),
    ];
    const vo = bhkPeriodRollup(tree, 'vo', data, NOV).get('vo')?.counts;
    expect(vo?.professions).toEqual({
      lakare: { n: 2, selfAssessmentN: 1, hygieneAllOk: 1, dressAllOk: 2, totalAllOk: 1 },
      student: { n: 1, selfAssessmentN: 0, hygieneAllOk: 1, dressAllOk: 1, totalAllOk: 1 },
    });
    expect(vo?.counts).toMatchObject({ n: 3, selfAssessmentN: 1 });
  });

  it('with the självskattning filter, a unit with only self-assessments reports for "self" only', () => {
    const data = [obs({}, { unit: 'a', self: true }), obs({}, { unit: 'b' })];
    expect(bhkPeriodRollup(tree, 'vo', data, NOV, 'self').get('vo')).toMatchObject({ reporting: 1, counts: { counts: { n: 1, selfAssessmentN: 1 } } });
    expect(bhkPeriodRollup(tree, 'vo', data, NOV, 'observed').get('vo')).toMatchObject({ reporting: 1, counts: { counts: { n: 1, selfAssessmentN: 0 } } });
  });
});
