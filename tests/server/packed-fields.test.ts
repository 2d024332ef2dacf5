/** The packed texts of the fact reads (sums, days) read back in place (store/packed-fields.ts). */
import { describe, expect, it } from 'vitest';
import { readFields, unpackDayOfUnits } from '../../src/server/store/packed-fields';
import { type DayGrid, dayGrids } from '../../src/shared/domain/facts/reader';
import { seededRandom } from '../../src/shared/domain/random';

/** A day's units as splitting reads them: unit → fields. */
const bySplit = (packed: string): Map<string, number[]> => new Map(packed.split(';').map((u) => [u.split(',')[0] as string, u.split(',').slice(1).map(Number)]));

/** The days unpackDayOfUnits writes into 30-day grids, as unit → day → fields. */
function read(days: { day: number; packed: string }[], width: number): Map<string, Map<number, number[]>> {
  const grids = new Map<string, DayGrid>();
  const next = dayGrids(30, width);
  for (const { day, packed } of days) {
    unpackDayOfUnits(packed, day, width, (unitId) => {
      let g = grids.get(unitId);
      if (g === undefined) grids.set(unitId, (g = next()));
      return g;
    });
  }
  const out = new Map<string, Map<number, number[]>>();
  for (const [unitId, g] of grids) {
    const byDay = new Map<number, number[]>();
    g.has.forEach((h, i) => h === 1 && byDay.set(i, [...g.v.slice(i * width, (i + 1) * width)]));
    out.set(unitId, byDay);
  }
  return out;
}

describe('readFields', () => {
  it('reads a sums text into the positions asked, and says where it ended', () => {
    const v = [0, 0, 0, 0, 0, 0];
    expect(readFields('12,0,3', 0, [0, 2, 5], v)).toBe(7);
    expect(v).toEqual([12, 0, 0, 0, 0, 3]);
    const w = [0, 0];
    expect(readFields('a;7,-4;x', 2, [1, 0], w)).toBe(7);
    expect(w).toEqual([-4, 7]);
  });
});

describe('unpackDayOfUnits', () => {
  it('writes each unit\'s fields into its grid at the day (a day outside the grids is left out)', () => {
    const got = read(
      [
        { day: 1, packed: 'avd-1,0,1,0,0;se:avd.2,7,0,12,3' },
        { day: 0, packed: 'avd-1,1,0,12,3' },
        { day: 30, packed: 'avd-1,5,5,5,5' },
        { day: -1, packed: 'avd-3,5,5,5,5' },
      ],
      4,
    );
    expect(got).toEqual(
      new Map([
        ['avd-1', new Map([[1, [0, 1, 0, 0]], [0, [1, 0, 12, 3]]])],
        ['se:avd.2', new Map([[1, [7, 0, 12, 3]]])],
        ['avd-3', new Map()],
      ]),
    );
  });

  it('reads what splitting read, for random days of up to 600 units (grids from several buffers), negative and non-integer fields included', () => {
    const rand = seededRandom(17);
    for (let round = 0; round < 20; round++) {
      const width = 1 + Math.floor(rand() * 4);
      const value = () => {
        const r = rand();
        if (r < 0.05) return '-' + String(Math.floor(rand() * 50));
        if (r < 0.08) return (rand() * 10).toFixed(2);
        if (r < 0.1) return String(Math.floor(rand() * 1e9));
        return String(Math.floor(rand() * 3));
      };
      const units = Array.from({ length: 1 + Math.floor(rand() * 600) }, (_, u) => `avd-${u}`);
      const days = Array.from({ length: 30 }, (_, day) => ({ day, packed: units.filter(() => rand() < 0.9).map((u) => [u, ...Array.from({ length: width }, value)].join(',')).join(';') })).filter((d) => d.packed !== '');
      const want = new Map<string, Map<number, number[]>>();
      for (const { day, packed } of days) for (const [u, v] of bySplit(packed)) want.set(u, (want.get(u) ?? new Map()).set(day, v));
      const got = read(days, width);
      expect(new Map([...got].filter(([, d]) => d.size > 0))).toEqual(want);
    }
  });

  it('refuses a unit without fields rather than reading on for ever', () => {
    expect(() => read([{ day: 0, packed: 'avd-1;avd-2' }], 0)).toThrow(/without fields/);
  });
});
