/**
 * Which fact rows add up to a date range (facts/plan.ts): the whole months inside a range, and a
 * plan's segments for many ranges, each range's parts covering its days exactly once, months
 * read as month rows only before today's month.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { type DateRange, planRanges, wholeMonths } from '../../../src/shared/domain/facts/plan';
import { addDays, daysInMonth } from '../../../src/shared/domain/periods';

const monthEnd = (m: string) => `${m}-${String(daysInMonth(m)).padStart(2, '0')}`;
const day = fc.integer({ min: 0, max: 800 }).map((n) => addDays('2025-01-01', n));
const range = fc.tuple(day, day).map(([a, b]): DateRange => (a <= b ? { from: a, to: b } : { from: b, to: a }));

/** Every day of [from, to]. */
function daysOf(from: string, to: string): string[] {
  const out: string[] = [];
  for (let d = from; d <= to; d = addDays(d, 1)) out.push(d);
  return out;
}

describe('wholeMonths', () => {
  it('names exactly the months whose every day lies in the range', () => {
    fc.assert(
      fc.property(range, (r) => {
        const { first, last } = wholeMonths(r);
        for (let m = addDays(r.from, -40).slice(0, 7); m <= addDays(r.to, 40).slice(0, 7); m = addDays(monthEnd(m), 1).slice(0, 7)) {
          expect(m >= first && m <= last).toBe(`${m}-01` >= r.from && monthEnd(m) <= r.to);
        }
      }),
    );
  });

  it('gives first > last when no whole month lies inside', () => {
    expect(wholeMonths({ from: '2026-03-02', to: '2026-03-31' })).toEqual({ first: '2026-04', last: '2026-03' });
    expect(wholeMonths({ from: '2026-03-01', to: '2026-03-31' })).toEqual({ first: '2026-03', last: '2026-03' });
  });
});

describe('planRanges', () => {
  it('covers each range’s days exactly once, with month rows only for whole months before today’s month', () => {
    fc.assert(
      fc.property(fc.array(range, { minLength: 1, maxLength: 5 }), day, (ranges, today) => {
        const plan = planRanges(ranges, today);
        ranges.forEach((r, i) => {
          const covered: string[] = [];
          for (const at of plan.parts[i] ?? []) {
            const s = plan.segments[at];
            if (s === undefined) throw new Error(`no segment ${at}`);
            if (s.grain === 'd') covered.push(...daysOf(s.from, s.to));
            else {
              expect(s.to < today.slice(0, 7)).toBe(true);
              for (let m = s.from; m <= s.to; m = addDays(monthEnd(m), 1).slice(0, 7)) covered.push(...daysOf(`${m}-01`, monthEnd(m)));
            }
          }
          expect(covered.sort()).toEqual(daysOf(r.from, r.to));
        });
      }),
    );
  });
});
