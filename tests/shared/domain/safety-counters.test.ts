import { describe, expect, it } from 'vitest';
import { daysBetween, daysWithout } from '../../../src/shared/domain/safety-counters';

const ev = (date: string, category = 'fall') => ({ date, category });

describe('days since the last event ("32 dagar utan fall")', () => {
  it.each([
    ['same day', '2026-11-22', '2026-11-22', 0],
    ['yesterday', '2026-11-21', '2026-11-22', 1],
    ['across a month boundary', '2026-10-31', '2026-11-22', 22],
    ['across a year boundary', '2025-12-20', '2026-01-21', 32],
    ['across a leap day', '2028-02-27', '2028-03-01', 3],
    ['across a non-leap February', '2027-02-27', '2027-03-01', 2],
    ['across the DST change in Sweden (still whole days)', '2026-03-28', '2026-03-30', 2],
    ['a whole leap year', '2028-01-01', '2029-01-01', 366],
  ])('%s', (_name, from, to, n) => {
    expect(daysBetween(from, to)).toBe(n);
    expect(daysWithout([ev(from)], to, 'fall')).toEqual({ category: 'fall', days: n, lastDate: from });
  });

  it('counts per category and over all categories from the latest event of each', () => {
    const events = [ev('2025-12-20', 'fall'), ev('2026-01-15', 'trycksar'), ev('2025-11-02', 'fall'), ev('2026-01-19', 'vri')];
    expect(daysWithout(events, '2026-01-21', 'fall').days).toBe(32);
    expect(daysWithout(events, '2026-01-21', 'trycksar').days).toBe(6);
    expect(daysWithout(events, '2026-01-21', null)).toEqual({ category: null, days: 2, lastDate: '2026-01-19' });
  });

  it('has no count for a category without events, and ignores events dated after today', () => {
    expect(daysWithout([ev('2026-11-30')], '2026-11-22', 'fall')).toEqual({ category: 'fall', days: null, lastDate: null });
    expect(daysWithout([], '2026-11-22', null).days).toBeNull();
  });

  it('refuses malformed dates', () => {
    expect(() => daysBetween('2026-02-30', '2026-03-01')).toThrow('validation');
  });
});
