/**
 * Which observations count in a period after corrections: an observation belongs to its
 * original's date, so a correction or void made in another month still acts on it, and is never
 * counted as a new observation of the month it was made in.
 */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { matchesSource, observationsInPeriod, resolvedInPeriod } from '../../../src/shared/domain/bhk-period';
import { periodRange } from '../../../src/shared/domain/periods';
import { BHK_STEPS, BhkObservation, type BhkStep, type StepAnswer } from '../../../src/shared/schema/bhk-observation';

type Steps = Record<BhkStep, StepAnswer>;
const ALL_JA = Object.fromEntries(BHK_STEPS.map((s) => [s, 'ja'])) as Steps;

interface Opts {
  date?: string;
  minute?: number;
  replaces?: string;
  voided?: boolean;
  originalDate?: string;
  self?: boolean;
  nej?: BhkStep;
}

function obs(id: string, o: Opts = {}): BhkObservation {
  return BhkObservation.parse({
    id,
    unitId: 'avd-12',
    date: o.date ?? '2026-11-28',
    profession: 'sjukskoterska',
    selfAssessment: o.self ?? false,
    steps: o.nej ? { ...ALL_JA, [o.nej]: 'nej' } : ALL_JA,
    createdAt: `2026-12-01T10:${String(o.minute ?? 0).padStart(2, '0')}:00.000Z`,
    ...(o.replaces !== undefined ? { replaces: o.replaces } : {}),
    ...(o.voided !== undefined ? { voided: o.voided } : {}),
    ...(o.originalDate !== undefined ? { originalDate: o.originalDate } : {}),
  });
}

const NOV = periodRange('2026-11');
const DEC = periodRange('2026-12');
const ids = (list: readonly BhkObservation[]) => list.map((o) => o.id);

describe('observationsInPeriod: corrections across period boundaries', () => {
  const cases: [string, BhkObservation[], { nov: string[]; dec: string[] }][] = [
    ['a plain observation counts in its own month only', [obs('a')], { nov: ['a'], dec: [] }],
    [
      'a correction dated in December, filed under the November original, counts in November',
      [obs('a', { nej: 'nails' }), obs('b', { date: '2026-12-02', replaces: 'a', originalDate: '2026-11-28', minute: 1 })],
      { nov: ['b'], dec: [] },
    ],
    [
      'a void made in December removes the November observation and adds nothing to December',
      [obs('a'), obs('v', { date: '2026-12-02', replaces: 'a', voided: true, originalDate: '2026-11-28', minute: 1 })],
      { nov: [], dec: [] },
    ],
    [
      'a correction without originalDate still follows its original (records written by older clients)',
      [obs('a'), obs('b', { date: '2026-12-02', replaces: 'a', minute: 1 })],
      { nov: ['b'], dec: [] },
    ],
    [
      'a chain corrected twice keeps the latest state in the original’s month',
      [
        obs('a', { nej: 'gloves' }),
        obs('b', { replaces: 'a', originalDate: '2026-11-28', minute: 1, nej: 'apron' }),
        obs('c', { date: '2026-12-05', replaces: 'b', originalDate: '2026-11-28', minute: 2 }),
      ],
      { nov: ['c'], dec: [] },
    ],
    [
      'a correction whose original is not loaded is placed by its originalDate',
      [obs('b', { date: '2026-12-02', replaces: 'missing', originalDate: '2026-11-28' })],
      { nov: ['b'], dec: [] },
    ],
    [
      'a void whose original is not loaded counts nowhere',
      [obs('v', { date: '2026-12-02', replaces: 'missing', voided: true, originalDate: '2026-11-28' })],
      { nov: [], dec: [] },
    ],
  ];
  it.each(cases)('%s', (_label, input, expected) => {
    expect(ids(observationsInPeriod(input, NOV))).toEqual(expected.nov);
    expect(ids(observationsInPeriod(input, DEC))).toEqual(expected.dec);
  });

  it('dates the current state by its original, so lists and exports show the observation’s day', () => {
    const [only] = observationsInPeriod([obs('a'), obs('b', { date: '2026-12-02', replaces: 'a', minute: 1 })], NOV);
    expect(only).toMatchObject({ id: 'b', date: '2026-11-28' });
  });

  it('each observation counts in exactly one month, whatever the correction dates (random)', () => {
    const day = fc.integer({ min: 1, max: 61 }).map((d) => (d <= 30 ? `2026-11-${String(d).padStart(2, '0')}` : `2026-12-${String(d - 30).padStart(2, '0')}`));
    fc.assert(
      fc.property(fc.array(fc.record({ date: day, fixDate: day, fix: fc.boolean(), drop: fc.boolean() }), { maxLength: 12 }), (specs) => {
        const records = specs.flatMap((s, i) => {
          const original = obs(`o${i}`, { date: s.date });
          const fix = s.fix ? [obs(`f${i}`, { date: s.fixDate, replaces: original.id, originalDate: s.date, minute: 1 })] : [];
          const drop = s.drop ? [obs(`v${i}`, { date: s.fixDate, replaces: original.id, voided: true, originalDate: s.date, minute: 2 })] : [];
          return [original, ...fix, ...drop];
        });
        const nov = observationsInPeriod(records, NOV);
        const dec = observationsInPeriod(records, DEC);
        // One per surviving observation, in the month of its original, whatever the fix dates.
        const expected = specs.flatMap((s, i) => (s.drop ? [] : [{ i, date: s.date }]));
        const got = [...nov, ...dec].map((o) => ({ i: Number(o.id.slice(1)), date: o.date })).sort((a, b) => a.i - b.i);
        expect(got).toEqual(expected);
        for (const o of nov) expect(o.date.slice(0, 7)).toBe('2026-11');
        for (const o of dec) expect(o.date.slice(0, 7)).toBe('2026-12');
      }),
    );
  });
});

describe('självskattning', () => {
  const data = [obs('a'), obs('s', { self: true }), obs('t', { self: true })];
  const cases: [Parameters<typeof matchesSource>[1], string[]][] = [
    ['all', ['a', 's', 't']],
    ['observed', ['a']],
    ['self', ['s', 't']],
  ];
  it.each(cases)('source %s', (source, expected) => {
    expect(ids(observationsInPeriod(data, NOV, source))).toEqual(expected);
  });

  it('an amendment that turns an observation into a självskattning moves it between the filters', () => {
    const records = [obs('a'), obs('b', { replaces: 'a', self: true, originalDate: '2026-11-28', minute: 1 })];
    expect(ids(observationsInPeriod(records, NOV, 'observed'))).toEqual([]);
    expect(ids(observationsInPeriod(records, NOV, 'self'))).toEqual(['b']);
  });
});

describe('resolvedInPeriod', () => {
  it('keeps voided trees (for the audit list) and counts versions', () => {
    const r = resolvedInPeriod([obs('a'), obs('v', { replaces: 'a', voided: true, originalDate: '2026-11-28', minute: 1 }), obs('k')], NOV);
    expect(r.map((x) => [x.original.id, x.current.id, x.versions])).toEqual([
      ['a', 'v', 2],
      ['k', 'k', 1],
    ]);
  });
});
