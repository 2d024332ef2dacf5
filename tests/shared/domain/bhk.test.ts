import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import {
  addCounts,
  bhkFigures,
  countObservations,
  effectiveObservations,
  emptyCounts,
} from '../../../src/shared/domain/bhk';
import {
  BHK_STEPS,
  BhkObservation,
  type BhkStep,
  type StepAnswer,
} from '../../../src/shared/schema/bhk-observation';

type Steps = Record<BhkStep, StepAnswer>;
const ALL_JA: Steps = Object.fromEntries(BHK_STEPS.map((s) => [s, 'ja'])) as Steps;

interface Opts {
  steps?: Partial<Steps>;
  self?: boolean;
  replaces?: string;
  voided?: boolean;
  createdAt?: string;
  date?: string;
}

/** Builds an observation through the schema, so fixtures are always valid records. */
function obs(id: string, o: Opts = {}): BhkObservation {
  return BhkObservation.parse({
    id,
    unitId: 'avd-12',
    date: o.date ?? '2026-11-02',
    profession: 'sjukskoterska',
    selfAssessment: o.self ?? false,
    steps: { ...ALL_JA, ...o.steps },
    createdAt: o.createdAt ?? '2026-11-02T10:00:00.000Z',
    ...(o.replaces !== undefined ? { replaces: o.replaces } : {}),
    ...(o.voided !== undefined ? { voided: o.voided } : {}),
  });
}

const ids = (list: readonly BhkObservation[]): string[] => list.map((o) => o.id);

describe('countObservations', () => {
  const cases: [string, Partial<Steps>, { hygiene: number; dress: number; total: number }][] = [
    ['all ja', {}, { hygiene: 1, dress: 1, total: 1 }],
    [
      'gloves and apron not indicated still count as correct',
      { gloves: 'ej_aktuellt', apron: 'ej_aktuellt' },
      { hygiene: 1, dress: 1, total: 1 },
    ],
    ['hand disinfection before missed', { handDisinfectionBefore: 'nej' }, { hygiene: 0, dress: 1, total: 0 }],
    ['apron wrong, gloves n/a', { gloves: 'ej_aktuellt', apron: 'nej' }, { hygiene: 0, dress: 1, total: 0 }],
    ['jewellery worn', { noJewellery: 'nej' }, { hygiene: 1, dress: 0, total: 0 }],
    ['both parts wrong', { handDisinfectionAfter: 'nej', hairTiedUp: 'nej' }, { hygiene: 0, dress: 0, total: 0 }],
  ];
  it.each(cases)('%s', (_label, steps, expected) => {
    const c = countObservations([obs('a', { steps })]);
    expect(c.n).toBe(1);
    expect({ hygiene: c.hygieneAllOk, dress: c.dressAllOk, total: c.totalAllOk }).toEqual(expected);
    for (const s of BHK_STEPS) {
      const answer = steps[s] ?? 'ja';
      expect(c.steps[s]).toEqual({
        ja: answer === 'ja' ? 1 : 0,
        nej: answer === 'nej' ? 1 : 0,
        na: answer === 'ej_aktuellt' ? 1 : 0,
      });
    }
  });

  it('counts självskattning separately within n', () => {
    const c = countObservations([obs('a', { self: true }), obs('b'), obs('c', { self: true })]);
    expect(c.n).toBe(3);
    expect(c.selfAssessmentN).toBe(2);
  });

  it('counts nothing in an empty list', () => {
    expect(countObservations([])).toEqual(emptyCounts());
  });
});

describe('bhkFigures', () => {
  it('step ratio leaves "ej aktuellt" out of the denominator', () => {
    const c = countObservations([
      obs('a', { steps: { gloves: 'ej_aktuellt' } }),
      obs('b', { steps: { gloves: 'nej' } }),
      obs('c', { steps: { gloves: 'ja' } }),
      obs('d', { steps: { gloves: 'ja' } }),
    ]);
    const f = bhkFigures(c, 1);
    expect(f.steps.gloves).toEqual({ num: 2, den: 3, pct: (2 / 3) * 100 });
    expect(f.total).toEqual({ num: 3, den: 4, pct: 75 });
    expect(f.hygieneAll).toEqual({ num: 3, den: 4, pct: 75 });
    expect(f.dressAll).toEqual({ num: 4, den: 4, pct: 100 });
    expect(f.weakestStep).toBe('gloves');
  });

  it('gives null percentages and no weakest step when there is nothing', () => {
    const f = bhkFigures(emptyCounts(), 30);
    expect(f.total).toEqual({ num: 0, den: 0, pct: null });
    expect(f.steps.apron.pct).toBeNull();
    expect(f.weakestStep).toBeNull();
    expect(f.tooFew).toBe(true);
  });

  it('a step answered only "ej aktuellt" has no ratio and cannot be weakest', () => {
    const c = countObservations([obs('a', { steps: { apron: 'ej_aktuellt', nails: 'nej' } })]);
    const f = bhkFigures(c, 1);
    expect(f.steps.apron).toEqual({ num: 0, den: 0, pct: null });
    expect(f.weakestStep).toBe('nails');
  });

  it('breaks ties for weakest step by protocol order', () => {
    const c = countObservations([
      obs('a', { steps: { hairTiedUp: 'nej' } }),
      obs('b', { steps: { apron: 'nej' } }),
    ]);
    expect(bhkFigures(c, 1).weakestStep).toBe('apron');
  });

  const tooFewCases: [number, number, boolean][] = [
    [29, 30, true],
    [30, 30, false],
    [31, 30, false],
    [0, 0, false],
  ];
  it.each(tooFewCases)('n=%i, minN=%i → tooFew %s', (n, minN, expected) => {
    const c = countObservations(Array.from({ length: n }, (_, i) => obs(`o${i}`)));
    expect(bhkFigures(c, minN).tooFew).toBe(expected);
    expect(bhkFigures(c, minN).n).toBe(n);
  });
});

describe('addCounts', () => {
  it('pools counts: two units at 100 % (n=1) and 50 % (n=10) give 6/11, not 75 %', () => {
    const small = countObservations([obs('s1')]);
    const big = countObservations(
      Array.from({ length: 10 }, (_, i) => obs(`b${i}`, i < 5 ? {} : { steps: { nails: 'nej' } })),
    );
    const f = bhkFigures(addCounts(small, big), 1);
    expect(f.total).toEqual({ num: 6, den: 11, pct: (6 / 11) * 100 });
    expect(f.n).toBe(11);
  });

  it('has emptyCounts as identity and equals counting the concatenation', () => {
    const answer = fc.constantFrom<StepAnswer>('ja', 'nej');
    const naAnswer = fc.constantFrom<StepAnswer>('ja', 'nej', 'ej_aktuellt');
    const arbObs = fc.record({
      self: fc.boolean(),
      steps: fc.record({
        handDisinfectionBefore: answer,
        gloves: naAnswer,
        apron: naAnswer,
        handDisinfectionAfter: answer,
        shortSleeves: answer,
        noJewellery: answer,
        nails: answer,
        hairTiedUp: answer,
      }),
    });
    fc.assert(
      fc.property(fc.array(arbObs, { maxLength: 15 }), fc.array(arbObs, { maxLength: 15 }), (xs, ys) => {
        const a = xs.map((o, i) => obs(`x${i}`, o));
        const b = ys.map((o, i) => obs(`y${i}`, o));
        const ca = countObservations(a);
        const cb = countObservations(b);
        expect(addCounts(ca, cb)).toEqual(countObservations([...a, ...b]));
        expect(addCounts(ca, emptyCounts())).toEqual(ca);
        expect(addCounts(ca, cb)).toEqual(addCounts(cb, ca));
      }),
    );
  });
});

describe('effectiveObservations', () => {
  /** A record created at 10:mm, so tests can order corrections in time. */
  const at = (id: string, minute: number, more: Opts = {}): BhkObservation =>
    obs(id, { createdAt: `2026-11-02T10:${String(minute).padStart(2, '0')}:00.000Z`, ...more });
  const cases: [string, BhkObservation[], string[]][] = [
    [
      'plain records are kept, sorted by date then id',
      [obs('b'), obs('a', { date: '2026-11-03' }), obs('c')],
      ['b', 'c', 'a'],
    ],
    ['a correction supersedes the original', [at('a', 0), at('b', 1, { replaces: 'a' })], ['b']],
    [
      'chain A <- B <- C keeps only C',
      [at('a', 0), at('b', 1, { replaces: 'a' }), at('c', 2, { replaces: 'b' })],
      ['c'],
    ],
    [
      'a void drops itself and what it replaces',
      [obs('a'), obs('v', { replaces: 'a', voided: true }), obs('k')],
      ['k'],
    ],
    [
      'a void at the end of a chain drops the whole chain',
      [at('a', 0), at('b', 1, { replaces: 'a' }), at('v', 2, { replaces: 'b', voided: true })],
      [],
    ],
    [
      'a correction after a void restores the observation',
      [at('a', 0), at('v', 1, { replaces: 'a', voided: true }), at('r', 2, { replaces: 'v' })],
      ['r'],
    ],
    [
      'two offline corrections of one record: the later one wins, A is not counted twice',
      [at('a', 0), at('b1', 5, { replaces: 'a' }), at('b2', 3, { replaces: 'a' })],
      ['b1'],
    ],
    [
      'concurrent corrections: the latest leaf anywhere in the tree wins',
      [at('a', 0), at('b1', 1, { replaces: 'a' }), at('b2', 2, { replaces: 'a' }), at('c1', 3, { replaces: 'b1' })],
      ['c1'],
    ],
    [
      'a later void beats an earlier concurrent correction',
      [at('a', 0), at('b', 1, { replaces: 'a' }), at('v', 2, { replaces: 'a', voided: true })],
      [],
    ],
    [
      'equal createdAt: the greater id wins',
      [at('a', 0), at('x', 1, { replaces: 'a' }), at('y', 1, { replaces: 'a' })],
      ['y'],
    ],
    ['a correction whose original is absent stands alone', [obs('b', { replaces: 'missing' })], ['b']],
    ['a void whose original is absent is dropped', [obs('v', { replaces: 'missing', voided: true })], []],
    [
      'a replaces-cycle is ignored without looping',
      [obs('p', { replaces: 'q' }), obs('q', { replaces: 'p' }), obs('k')],
      ['k'],
    ],
    ['a self-replacing record is ignored', [obs('s', { replaces: 's' }), obs('k')], ['k']],
    ['a repeated id counts once', [obs('a'), obs('a')], ['a']],
  ];
  it.each(cases)('%s', (_label, input, expected) => {
    expect(ids(effectiveObservations(input))).toEqual(expected);
  });

  it('does not depend on input order', () => {
    // All cases in one pool, ids prefixed per case so they cannot interact.
    const prefixed = (i: number, o: BhkObservation): BhkObservation =>
      ({ ...o, id: `${i}_${o.id}`, ...(o.replaces ? { replaces: `${i}_${o.replaces}` } : {}) }) as BhkObservation;
    const records = cases.flatMap(([, input], i) => input.map((o) => prefixed(i, o)));
    const expected = ids(effectiveObservations(records));
    fc.assert(
      fc.property(fc.shuffledSubarray(records, { minLength: records.length }), (shuffled) => {
        expect(ids(effectiveObservations(shuffled))).toEqual(expected);
      }),
    );
  });
});
