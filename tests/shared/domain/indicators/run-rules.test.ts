/** Run-chart rules: shift (≥ 6 on one side of the median), trend (≥ 5 rising or falling). */
import { describe, expect, it } from 'vitest';
import { median, runSignals } from '../../../../src/shared/domain/indicators';
import type { RunSignal } from '../../../../src/shared/indicators-api';

describe('median', () => {
  it.each([
    [[], null],
    [[5], null],
    [[null, 5, null], null],
    [[3, 1], 2],
    [[3, 1, 2], 2],
    [[4, null, 1, 3, 2], 2.5],
  ] as [(number | null)[], number | null][])('%j → %s', (values, expected) => {
    expect(median(values)).toBe(expected);
  });
});

describe('runSignals', () => {
  const cases: [string, (number | null)[], number, RunSignal[]][] = [
    ['5 above is no shift', [9, 9, 9, 9, 9, 1, 1], 5, []],
    ['6 above is a shift', [9, 8, 9, 8, 9, 8, 1], 5, [{ kind: 'shift', from: 0, to: 5, side: 'above' }]],
    ['a point on the median neither breaks nor counts', [9, 8, 9, 5, 8, 9, 1], 5, []],
    ['… and a 6th point beyond it makes the shift', [9, 8, 9, 5, 8, 9, 8, 1], 5, [{ kind: 'shift', from: 0, to: 6, side: 'above' }]],
    ['nulls are skipped, not breaks', [1, 2, null, 1, 2, null, 1, 2, 9], 5, [{ kind: 'shift', from: 0, to: 7, side: 'below' }]],
    ['5 rising points is a trend', [1, 2, 3, 4, 5], 3, [{ kind: 'trend', from: 0, to: 4, side: 'up' }]],
    ['4 rising points is not', [3, 1, 2, 3, 4], 2.5, []],
    ['an equal value neither breaks nor counts', [1, 2, 2, 3, 4], 2, []],
    ['… so 5 different rising values with a repeat are a trend', [1, 2, 2, 3, 4, 5], 2.5, [{ kind: 'trend', from: 0, to: 5, side: 'up' }]],
    ['falling with a gap', [9, 8, null, 7, 6, 5], 7, [{ kind: 'trend', from: 0, to: 5, side: 'down' }]],
  ];
  it.each(cases)('%s', (_name, values, med, expected) => {
    expect(runSignals(values, med)).toEqual(expected);
  });

  it('gives no shifts without a median, but still trends', () => {
    expect(runSignals([1, 2, 3, 4, 5, 6], null)).toEqual([{ kind: 'trend', from: 0, to: 5, side: 'up' }]);
  });

  it('reports a shift and a trend in the same run', () => {
    const s = runSignals([10, 11, 12, 13, 14, 15, 1, 1, 1, 1, 1, 1], 5.5);
    expect(s).toEqual([
      { kind: 'shift', from: 0, to: 5, side: 'above' },
      { kind: 'trend', from: 0, to: 5, side: 'up' },
      { kind: 'shift', from: 6, to: 11, side: 'below' },
    ]);
  });
});
