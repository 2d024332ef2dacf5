import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import {
  addDays,
  daysInMonth,
  isLastWeekOfMonth,
  isoWeeksInYear,
  localDate,
  periodKey,
  periodKind,
  periodRange,
  previousPeriod,
  samePeriodLastYear,
  type PeriodKind,
} from '../../../src/shared/domain/periods';

const ms = (iso: string): number => Date.parse(iso);

describe('localDate (Europe/Stockholm by default)', () => {
  const cases: [string, string, string?][] = [
    ['2026-11-22T12:00:00Z', '2026-11-22'],
    // Winter time, UTC+1: 23:30 UTC is already the next day.
    ['2026-11-21T23:30:00Z', '2026-11-22'],
    ['2026-11-21T22:59:59Z', '2026-11-21'],
    // Summer time, UTC+2.
    ['2026-06-30T22:30:00Z', '2026-07-01'],
    ['2026-06-30T21:59:59Z', '2026-06-30'],
    // Spring forward 2026-03-29 01:00 UTC: the evening before is still UTC+1, the evening after UTC+2.
    ['2026-03-28T23:00:00Z', '2026-03-29'],
    ['2026-03-28T22:59:59Z', '2026-03-28'],
    ['2026-03-29T21:59:59Z', '2026-03-29'],
    ['2026-03-29T22:00:00Z', '2026-03-30'],
    // Fall back 2026-10-25 01:00 UTC.
    ['2026-10-24T21:59:59Z', '2026-10-24'],
    ['2026-10-24T22:00:00Z', '2026-10-25'],
    ['2026-10-25T22:59:59Z', '2026-10-25'],
    ['2026-10-25T23:00:00Z', '2026-10-26'],
    ['2026-12-31T23:00:00Z', '2027-01-01'],
    ['2026-12-31T23:00:00Z', '2026-12-31', 'UTC'],
    ['2026-11-22T03:00:00Z', '2026-11-21', 'America/New_York'],
  ];
  it.each(cases)('%s → %s (%s)', (instant, expected, tz) => {
    expect(tz === undefined ? localDate(ms(instant)) : localDate(ms(instant), tz)).toBe(expected);
  });
});

describe('localDate: the quarter-hour cache (issue 19) gives what Intl gives', () => {
  // One formatter per zone: building one per call made these checks take 15 s on a busy machine.
  const formats = new Map<string, Intl.DateTimeFormat>();
  const formatOf = (timeZone: string) => {
    let f = formats.get(timeZone);
    if (f === undefined) formats.set(timeZone, (f = new Intl.DateTimeFormat('en-US', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' })));
    return f;
  };
  const fresh = (instant: number, timeZone: string) => {
    const parts = formatOf(timeZone).formatToParts(new Date(instant));
    const get = (type: string) => parts.find((p) => p.type === type)?.value ?? '';
    return `${get('year').padStart(4, '0')}-${get('month')}-${get('day')}`;
  };
  const zones = ['Europe/Stockholm', 'America/New_York', 'Asia/Kathmandu', 'Australia/Adelaide', 'Pacific/Chatham', 'UTC'];
  it('for any instant 1900–2199 in zones with half- and quarter-hour offsets, asked twice and in any order', () => {
    fc.assert(
      fc.property(fc.integer({ min: Date.UTC(1900, 0, 1), max: Date.UTC(2199, 11, 31) }), fc.constantFrom(...zones), (instant, tz) => {
        const expected = fresh(instant, tz);
        expect(localDate(instant, tz)).toBe(expected);
        expect(localDate(instant, tz)).toBe(expected);
      }),
      { numRuns: 2000 },
    );
  });
  it('on each side of every Stockholm midnight and DST switch in 2026, a second before and at the switch', () => {
    for (let day = Date.UTC(2026, 0, 1); day < Date.UTC(2027, 0, 1); day += 3_600_000) {
      for (const instant of [day - 1000, day, day + 899_999]) expect(localDate(instant)).toBe(fresh(instant, 'Europe/Stockholm'));
    }
  });
});

describe('periodKey', () => {
  const cases: [string, PeriodKind, string][] = [
    ['2026-11-22', 'day', '2026-11-22'],
    ['2026-11-22', 'week', '2026-W47'],
    ['2026-11-22', 'month', '2026-11'],
    ['2026-11-22', 'tertial', '2026-T3'],
    ['2026-11-22', 'year', '2026'],
    // ISO week edges: 2026 starts on a Thursday and has 53 weeks.
    ['2025-12-28', 'week', '2025-W52'],
    ['2025-12-29', 'week', '2026-W01'],
    ['2026-01-01', 'week', '2026-W01'],
    ['2026-12-31', 'week', '2026-W53'],
    ['2027-01-01', 'week', '2026-W53'],
    ['2027-01-03', 'week', '2026-W53'],
    ['2027-01-04', 'week', '2027-W01'],
    ['2024-12-30', 'week', '2025-W01'],
    ['2021-01-03', 'week', '2020-W53'],
    // The calendar year of a date is not its ISO week-year, but it is its month/tertial/year.
    ['2027-01-01', 'year', '2027'],
    ['2027-01-01', 'tertial', '2027-T1'],
    ['2026-04-30', 'tertial', '2026-T1'],
    ['2026-05-01', 'tertial', '2026-T2'],
    ['2026-08-31', 'tertial', '2026-T2'],
    ['2026-09-01', 'tertial', '2026-T3'],
  ];
  it.each(cases)('%s as %s → %s', (date, kind, expected) => {
    expect(periodKey(date, kind)).toBe(expected);
  });

  it.each(['2026-02-29', '2026-13-01', '2026-1-1', '26-01-01', ''])('rejects invalid date %j', (date) => {
    expect(() => periodKey(date, 'day')).toThrow('validation');
  });
});

describe('periodRange', () => {
  const cases: [string, PeriodKind, string, string][] = [
    ['2026-11-22', 'day', '2026-11-22', '2026-11-22'],
    ['2026-W47', 'week', '2026-11-16', '2026-11-22'],
    ['2026-W01', 'week', '2025-12-29', '2026-01-04'],
    ['2026-W53', 'week', '2026-12-28', '2027-01-03'],
    ['2025-W01', 'week', '2024-12-30', '2025-01-05'],
    ['2026-02', 'month', '2026-02-01', '2026-02-28'],
    ['2024-02', 'month', '2024-02-01', '2024-02-29'],
    ['2026-T1', 'tertial', '2026-01-01', '2026-04-30'],
    ['2026-T2', 'tertial', '2026-05-01', '2026-08-31'],
    ['2026-T3', 'tertial', '2026-09-01', '2026-12-31'],
    ['2026', 'year', '2026-01-01', '2026-12-31'],
  ];
  it.each(cases)('%s → %s %s..%s', (key, kind, from, to) => {
    expect(periodRange(key)).toEqual({ kind, from, to });
    expect(periodKind(key)).toBe(kind);
  });

  it.each(['2027-W53', '2026-W00', '2026-W54', '2026-13', '2026-T0', '2026-T4', '2026-Q1', '2026-02-30', '26', ''])(
    'rejects malformed key %j',
    (key) => {
      expect(() => periodRange(key)).toThrow('validation');
    },
  );

  it('every date lies in the range of its own period key', () => {
    const kinds: PeriodKind[] = ['day', 'week', 'month', 'tertial', 'year'];
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 40_000 }), fc.constantFrom(...kinds), (offset, kind) => {
        const date = addDays('1990-01-01', offset);
        const { from, to } = periodRange(periodKey(date, kind));
        expect(from <= date && date <= to).toBe(true);
        expect(periodKey(from, kind)).toBe(periodKey(to, kind));
        expect(periodKey(addDays(from, -1), kind)).not.toBe(periodKey(date, kind));
        expect(periodKey(addDays(to, 1), kind)).not.toBe(periodKey(date, kind));
      }),
    );
  });
});

describe('previousPeriod', () => {
  const cases: [string, string][] = [
    ['2026-01-01', '2025-12-31'],
    ['2024-03-01', '2024-02-29'],
    ['2026-W01', '2025-W52'],
    ['2027-W01', '2026-W53'],
    ['2026-W47', '2026-W46'],
    ['2026-01', '2025-12'],
    ['2026-11', '2026-10'],
    ['2026-T1', '2025-T3'],
    ['2026-T3', '2026-T2'],
    ['2026', '2025'],
  ];
  it.each(cases)('%s → %s', (key, expected) => {
    expect(previousPeriod(key)).toBe(expected);
  });
});

describe('samePeriodLastYear', () => {
  const cases: [string, string][] = [
    ['2026-11-22', '2025-11-22'],
    ['2024-02-29', '2023-02-28'],
    ['2026-W47', '2025-W47'],
    ['2026-W53', '2025-W52'],
    ['2020-W53', '2019-W52'],
    ['2027-W52', '2026-W52'],
    ['2027-W01', '2026-W01'],
    ['2026-11', '2025-11'],
    ['2026-T2', '2025-T2'],
    ['2026', '2025'],
  ];
  it.each(cases)('%s → %s', (key, expected) => {
    expect(samePeriodLastYear(key)).toBe(expected);
  });
});

describe('calendar helpers', () => {
  it.each([
    ['2026-01', 31],
    ['2026-02', 28],
    ['2024-02', 29],
    ['2000-02', 29],
    ['1900-02', 28],
    ['2026-04', 30],
    ['2026-12', 31],
  ] as const)('daysInMonth(%s) = %i', (month, days) => {
    expect(daysInMonth(month)).toBe(days);
  });

  it.each([
    ['2015', 53],
    ['2020', 53],
    ['2025', 52],
    ['2026', 53],
    ['2027', 52],
  ] as const)('isoWeeksInYear(%s) = %i', (year, weeks) => {
    expect(isoWeeksInYear(Number(year))).toBe(weeks);
  });

  it.each([
    ['2026-11-23', false],
    ['2026-11-24', true],
    ['2026-11-30', true],
    ['2026-02-21', false],
    ['2026-02-22', true],
    ['2024-02-22', false],
    ['2024-02-23', true],
    ['2026-12-25', true],
    ['2026-12-24', false],
  ] as const)('isLastWeekOfMonth(%s) = %s', (date, expected) => {
    expect(isLastWeekOfMonth(date)).toBe(expected);
  });

  it.each([
    ['2026-11-22', 1, '2026-11-23'],
    ['2026-12-31', 1, '2027-01-01'],
    ['2024-02-28', 1, '2024-02-29'],
    ['2026-03-01', -1, '2026-02-28'],
    ['2026-03-28', 2, '2026-03-30'],
    ['2026-10-24', 2, '2026-10-26'],
    ['2026-11-22', 0, '2026-11-22'],
    ['2026-11-22', -365, '2025-11-22'],
  ] as const)('addDays(%s, %i) = %s', (date, n, expected) => {
    expect(addDays(date, n)).toBe(expected);
  });
});
