/** The packed texts of the fact reads (sums, days) read back in place (store/packed-fields.ts). */
import { describe, expect, it } from 'vitest';
import type { FactRow } from '../../src/shared/domain/facts/families';
import { readFields, unpackDayGrid } from '../../src/server/store/packed-fields';
import { addDays, dayNumber } from '../../src/shared/domain/periods';
import { seededRandom } from '../../src/shared/domain/random';

/** What the reading did before: a string per day and per field. */
const bySplit = (packed: string, unitId: string, width: number, at: readonly number[]): FactRow[] =>
  packed.split(';').map((day) => {
    const parts = day.split(',');
    const v = new Array<number>(width).fill(0);
    at.forEach((field, i) => (v[field] = Number(parts[i + 1])));
    return { family: 'safety', unitId, grain: 'd', period: parts[0] as string, key: '', v };
  });

/** The days unpackDayGrid reads (day 0 = 2026-11-01), as the fact rows they stand for, each field where `at` puts it. */
const read = (packed: string, width: number, at: readonly number[]): FactRow[] => {
  const grid = unpackDayGrid(packed, dayNumber('2026-11-01'), 30, at.length);
  return [...grid.has].flatMap((h, i) => {
    if (h !== 1) return [];
    const v = new Array<number>(width).fill(0);
    at.forEach((field, j) => (v[field] = grid.v[i * at.length + j] as number));
    return [{ family: 'safety', unitId: 'avd-1', grain: 'd', period: addDays('2026-11-01', i), key: '', v }];
  });
};

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

describe('unpackDayGrid', () => {
  it('reads each day\'s fields into its place in the grid (a day outside it is left out)', () => {
    expect(read('2026-11-02,0,1,0,0;2026-11-01,1,0,12,3;2026-12-01,5,5,5,5;2026-10-31,5,5,5,5', 9, [0, 5, 6, 7])).toEqual([
      { family: 'safety', unitId: 'avd-1', grain: 'd', period: '2026-11-01', key: '', v: [1, 0, 0, 0, 0, 0, 12, 3, 0] },
      { family: 'safety', unitId: 'avd-1', grain: 'd', period: '2026-11-02', key: '', v: [0, 0, 0, 0, 0, 1, 0, 0, 0] },
    ]);
  });

  it('reads what splitting read, for random days, negative and non-integer fields included', () => {
    const rand = seededRandom(17);
    for (let round = 0; round < 200; round++) {
      const days = 1 + Math.floor(rand() * 30);
      const at = [0, 2, 3, 8].slice(0, 1 + Math.floor(rand() * 4));
      const value = () => {
        const r = rand();
        if (r < 0.05) return '-' + String(Math.floor(rand() * 50));
        if (r < 0.08) return (rand() * 10).toFixed(2);
        if (r < 0.1) return String(Math.floor(rand() * 1e9));
        return String(Math.floor(rand() * 3));
      };
      const packed = Array.from({ length: days }, (_, d) => [`2026-11-${String(d + 1).padStart(2, '0')}`, ...at.map(value)].join(',')).join(';');
      expect(read(packed, 9, at), packed).toEqual(bySplit(packed, 'avd-1', 9, at));
    }
  });
});
