/**
 * Which fact rows add up to a date range (facts/plan.ts): the whole months inside a range, and a
 * plan's segments for many ranges, each range's parts covering its days exactly once, months
 * read as month rows only before today's month (or any whole month, where a store's month rows
 * are whole for every month: the server's); with the server's year-to-month rows (grain c),
 * months from January read as one c row, and a reader over such rows sums what one without does.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { cumulativeFacts } from '../../../src/shared/domain/facts/contrib';
import { type FactRow, fieldsOf } from '../../../src/shared/domain/facts/families';
import { type DateRange, planRanges, wholeMonths } from '../../../src/shared/domain/facts/plan';
import { memoryReader } from '../../../src/shared/domain/facts/reader';
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
  it.each([
    [false, false],
    [true, false],
    [true, true],
  ])('covers each range’s days exactly once, with month rows only for whole months, before today’s month unless all months are whole (cumulative: %s, allMonths: %s)', (cumulative, allMonths) => {
    let cRows = 0;
    let laterMonths = 0;
    fc.assert(
      fc.property(fc.array(range, { minLength: 1, maxLength: 5 }), day, (ranges, today) => {
        const plan = planRanges(ranges, today, { cumulative, allMonths });
        ranges.forEach((r, i) => {
          const covered: string[] = [];
          for (const at of plan.parts[i] ?? []) {
            const s = plan.segments[at];
            if (s === undefined) throw new Error(`no segment ${at}`);
            if (s.grain === 'd') covered.push(...daysOf(s.from, s.to));
            else {
              if (!allMonths) expect(s.to < today.slice(0, 7)).toBe(true);
              else if (s.to >= today.slice(0, 7)) laterMonths += 1;
              // A c segment is one month's year to date: January up to it.
              const from = s.grain === 'c' ? `${s.to.slice(0, 4)}-01` : s.from;
              if (s.grain === 'c') {
                expect(s.from).toBe(s.to);
                cRows += 1;
              }
              for (let m = from; m <= s.to; m = addDays(monthEnd(m), 1).slice(0, 7)) covered.push(...daysOf(`${m}-01`, monthEnd(m)));
            }
          }
          expect(covered.sort()).toEqual(daysOf(r.from, r.to));
        });
        // Segments are distinct: a store reads each once.
        const keys = plan.segments.map((s) => `${s.grain} ${s.from} ${s.to}`);
        expect(new Set(keys).size).toBe(keys.length);
      }),
    );
    expect(cRows > 0).toBe(cumulative);
    // The property saw month rows of today's month or later only where they may be read.
    expect(laterMonths > 0).toBe(allMonths);
  });

  it('reads a year report’s ranges on 6 December from year-to-month rows where they start in January', () => {
    const ranges = [
      { from: '2026-01-01', to: '2026-12-06' },
      { from: '2025-01-01', to: '2025-12-06' },
      { from: '2025-01-01', to: '2025-12-31' },
      { from: '2025-12-01', to: '2026-11-30' },
    ];
    const text = (cumulative: boolean) => {
      const plan = planRanges(ranges, '2026-12-06', { cumulative });
      return plan.parts.map((p) => p.map((i) => plan.segments[i]).map((s) => `${s?.grain} ${s?.from}..${s?.to}`).sort());
    };
    expect(text(true)).toEqual([
      ['c 2026-11..2026-11', 'd 2026-12-01..2026-12-06'],
      ['c 2025-11..2025-11', 'd 2025-12-01..2025-12-06'],
      ['c 2025-12..2025-12'],
      ['c 2026-11..2026-11', 'm 2025-12..2025-12'],
    ]);
    expect(text(false)[0]).toEqual(['d 2026-12-01..2026-12-06', 'm 2026-01..2026-11']);
  });

  it('reads this year whole as its December year-to-month row when every month’s rows are whole (the server’s)', () => {
    const ranges = [
      { from: '2026-01-01', to: '2026-12-31' },
      { from: '2025-01-01', to: '2025-11-28' },
      { from: '2026-11-01', to: '2026-11-30' },
    ];
    const text = (opts: { cumulative: boolean; allMonths: boolean }) => {
      const plan = planRanges(ranges, '2026-11-28', opts);
      return plan.parts.map((p) => p.map((i) => plan.segments[i]).map((s) => `${s?.grain} ${s?.from}..${s?.to}`).sort());
    };
    expect(text({ cumulative: true, allMonths: true })).toEqual([['c 2026-12..2026-12'], ['c 2025-10..2025-10', 'd 2025-11-01..2025-11-28'], ['m 2026-11..2026-11']]);
    expect(text({ cumulative: true, allMonths: false })).toEqual([
      ['c 2026-10..2026-10', 'd 2026-11-01..2026-11-30', 'd 2026-12-01..2026-12-31'],
      ['c 2025-10..2025-10', 'd 2025-11-01..2025-11-28'],
      ['d 2026-11-01..2026-11-30'],
    ]);
  });
});

describe('a reader over year-to-month rows', () => {
  const units = ['u1', 'u2'];
  const fact = fc.record({ unit: fc.constantFrom(...units), day, key: fc.constantFrom('o|lakare', 's|ovrig'), n: fc.integer({ min: 1, max: 9 }) });
  it('sums every range as the reader over day and month rows does', async () => {
    const width = fieldsOf('bhk').length;
    await fc.assert(
      fc.asyncProperty(fc.array(fact, { maxLength: 40 }), fc.array(range, { minLength: 1, maxLength: 4 }), day, async (facts, ranges, today) => {
        const days = new Map<string, FactRow>();
        for (const f of facts) {
          const k = `${f.unit} ${f.day} ${f.key}`;
          const row = days.get(k) ?? { family: 'bhk', unitId: f.unit, grain: 'd', period: f.day, key: f.key, v: new Array<number>(width).fill(0) };
          row.v[0] = (row.v[0] as number) + f.n;
          row.v[1] = (row.v[1] as number) + 1;
          days.set(k, row);
        }
        const dayRows = [...days.values()];
        const months = new Map<string, FactRow>();
        for (const d of dayRows) {
          const k = `${d.unitId} ${d.period.slice(0, 7)} ${d.key}`;
          const m = months.get(k) ?? { ...d, grain: 'm', period: d.period.slice(0, 7), v: new Array<number>(width).fill(0) };
          m.v = m.v.map((x, i) => x + (d.v[i] as number));
          months.set(k, m);
        }
        const rows = [...dayRows, ...months.values()];
        const plain = memoryReader(rows, [], new Set(units), today);
        const withC = [...rows, ...cumulativeFacts([...months.values()])];
        const cumulative = memoryReader(withC, [], new Set(units), today, { cumulative: true });
        const server = memoryReader(withC, [], new Set(units), today, { cumulative: true, allMonths: true });
        for (const collapse of [false, true]) {
          const expected = await plain.sums('bhk', ranges, collapse);
          expect(await cumulative.sums('bhk', ranges, collapse)).toEqual(expected);
          expect(await server.sums('bhk', ranges, collapse)).toEqual(expected);
        }
      }),
    );
  });

  it('sums a keyed family’s months over their keys (key ’’)', () => {
    const m = (key: string, period: string, n: number): FactRow => ({ family: 'safetyCat', unitId: 'u1', grain: 'm', period, key, v: [n, 0, 0] });
    const c = cumulativeFacts([m('fall', '2026-10', 1), m('medication', '2026-11', 2)]);
    expect(c.map((r) => `${r.period} '${r.key}' ${r.v.join(',')}`)).toEqual(["2026-10 '' 1,0,0", "2026-11 '' 3,0,0", "2026-12 '' 3,0,0"]);
  });

  it('keeps a month in its own and every later month’s c row of that year, none that sum to zero', () => {
    const m = (period: string, n: number): FactRow => ({ family: 'staff', unitId: 'u1', grain: 'm', period, key: '', v: [n, 0, 0, 0, 0, n, 0] });
    const c = cumulativeFacts([m('2025-11', 2), m('2026-02', 3), m('2026-03', -3)]);
    expect(c.map((r) => `${r.grain} ${r.period} ${r.v[0]}`)).toEqual(['c 2025-11 2', 'c 2025-12 2', 'c 2026-02 3']);
    expect(c.find((r) => r.period === '2026-02')?.v).toEqual([3, 0, 0, 0, 0, 3, 0]);
  });
});
