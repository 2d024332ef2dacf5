import { describe, expect, it } from 'vitest';
import {
  absenceShare,
  countShifts,
  dailySeries,
  expectedDays,
  lowerBetterStatus,
  poolDays,
  rollingShares,
  sickShare,
} from '../../../src/shared/domain/staffing';
import { shift } from './staffing-fixtures';

/** Ward A, March 2026: three shifts a day; the 3rd and the 5th nobody filled in. */
const MARCH = [
  shift('a', '2026-03-01', 'dag', 10, 1),
  shift('a', '2026-03-01', 'kvall', 8, 0),
  shift('a', '2026-03-01', 'natt', 4, 1),
  shift('a', '2026-03-02', 'dag', 10, 2, { vab: 1 }),
  shift('a', '2026-03-02', 'kvall', 8, 0),
  shift('a', '2026-03-02', 'natt', 4, 0),
  shift('a', '2026-03-04', 'dag', 10, 0),
  // Only the day shift on the 6th: the day counts, with what was entered.
  shift('a', '2026-03-06', 'dag', 10, 5),
];

describe('daily sick share = Σ sick / Σ planned staff-shifts', () => {
  const series = dailySeries(MARCH, '2026-03-01', '2026-03-07');
  it.each([
    ['2026-03-01', 2, 22, (2 / 22) * 100],
    ['2026-03-02', 2, 22, (2 / 22) * 100],
    ['2026-03-03', null, null, null], // a gap, not 0 %
    ['2026-03-04', 0, 10, 0], // a filled-in day with nobody sick is 0 %
    ['2026-03-05', null, null, null],
    ['2026-03-06', 5, 10, 50],
    ['2026-03-07', null, null, null],
  ])('%s: sick %s of planned %s → %s %%', (date, sick, planned, pct) => {
    const day = series.find((d) => d.date === date);
    expect(day?.counts?.sick ?? null).toBe(sick);
    expect(day?.counts?.planned ?? null).toBe(planned);
    expect(sickShare(day?.counts ?? null).pct).toBe(pct);
  });

  it('a gap is null counts and no unit; a filled day names its units', () => {
    expect(series.map((d) => d.units)).toEqual([1, 1, 0, 1, 0, 1, 0]);
    expect(series.length).toBe(7);
  });

  it('VAB and other absence count as absence, not as sick', () => {
    const day2 = series[1]?.counts ?? null;
    expect(absenceShare(day2).num).toBe(3);
    expect(sickShare(day2).num).toBe(2);
  });

  it('a day whose shifts planned nobody is filled in but has no share', () => {
    const s = dailySeries([shift('a', '2026-03-01', 'dag', 0, 0)], '2026-03-01', '2026-03-01');
    expect(s[0]?.counts).not.toBeNull();
    expect(sickShare(s[0]?.counts ?? null)).toEqual({ num: 0, den: 0, pct: null });
  });
});

describe('pooled periods skip gaps and never average percentages', () => {
  it('the month pools the filled days: (2+2+0+5) / (22+22+10+10)', () => {
    const f = poolDays(dailySeries(MARCH, '2026-03-01', '2026-03-31'));
    expect(f.share).toEqual({ num: 9, den: 64, pct: (9 / 64) * 100 });
    expect(f.filledDays).toBe(4);
    expect(f.windowDays).toBe(31);
    // The mean of the four daily percentages would be 17.7 %: not what is reported.
    expect(f.share.pct).not.toBeCloseTo((2 / 22 + 2 / 22 + 0 + 0.5) * 25, 3);
  });

  it('a month nobody filled in has no figure', () => {
    const f = poolDays(dailySeries(MARCH, '2026-04-01', '2026-04-30'));
    expect(f).toMatchObject({ filledDays: 0, share: { pct: null } });
  });

  it('rolling 7 days: each window pools the filled days it holds', () => {
    const series = dailySeries(MARCH, '2026-03-01', '2026-03-10');
    const r7 = rollingShares(series, 7);
    expect(r7[0]).toBe((2 / 22) * 100); // 1st: only itself
    expect(r7[2]).toBe((4 / 44) * 100); // 3rd is a gap: the window still has the 1st and 2nd
    expect(r7[5]).toBe((9 / 64) * 100); // 6th: 1st–6th
    expect(r7[7]).toBe((7 / 42) * 100); // 8th: 2nd–8th (the 1st left the window)
    expect(r7[9]).toBe((5 / 20) * 100); // 10th: 4th–10th
  });

  it('rolling: null where the window holds no filled day', () => {
    const series = dailySeries(MARCH, '2026-03-20', '2026-03-25');
    expect(rollingShares(series, 7)).toEqual([null, null, null, null, null, null]);
  });

  it('rolling 30 days equals the pooled month when the window is the month', () => {
    const series = dailySeries(MARCH, '2026-03-01', '2026-03-30');
    expect(rollingShares(series, 30)[29]).toBe(poolDays(series).share.pct);
  });
});

describe('expected days: a partial month counts up to today', () => {
  it.each([
    ['2026-03-01', '2026-03-31', '2026-03-10', false, 10],
    ['2026-03-01', '2026-03-31', '2026-04-02', false, 31],
    ['2026-03-01', '2026-03-31', '2026-02-27', false, 0],
    // Mon 2 – Fri 6 March and Mon 9 – Tue 10: 7 weekdays (the 1st and 7th–8th are a weekend).
    ['2026-03-01', '2026-03-31', '2026-03-10', true, 7],
    ['2026-02-01', '2026-02-28', '2026-12-31', false, 28],
  ])('%s–%s, today %s, weekdays only %s → %i', (from, to, today, weekdaysOnly, n) => {
    expect(expectedDays(from, to, today, weekdaysOnly)).toBe(n);
  });
});

describe('lower-is-better goal status (target "Minska" to at most X %)', () => {
  it.each([
    [5.0, 6, 'met'],
    [6.0, 6, 'met'],
    [6.2, 6, 'partly'], // within 5 % relative above the target
    [6.3, 6, 'partly'],
    [6.31, 6, 'notMet'],
    [null, 6, 'grey'],
    [5.0, null, null],
  ] as const)('%s %% against %s → %s', (pct, target, status) => {
    expect(lowerBetterStatus(pct, target)).toBe(status);
  });
});

describe('countShifts', () => {
  it('adds every count and the number of shift rows', () => {
    expect(countShifts(MARCH)).toEqual({ planned: 64, sick: 9, vab: 1, otherAbsence: 0, covered: 0, shifts: 8 });
  });
});
