import { describe, expect, it } from 'vitest';
import { CROSS_ROWS, crossCells, monthDates } from '../../../src/shared/domain/safety-cross';

/** The cross drawn as text, one line per row: day numbers, "__" for a blank cell, "  " outside. */
function draw(month: string): string[] {
  const grid = Array.from({ length: 7 }, () => Array.from({ length: 7 }, () => '  '));
  for (const c of crossCells(month)) (grid[c.row] as string[])[c.col] = c.day === null ? '__' : String(c.day).padStart(2, '0');
  return grid.map((r) => r.join(' ').trimEnd());
}

describe('cross geometry: rows of 3, 3, 7, 7, 7, 3, 3', () => {
  it('has 33 cells, row widths 3,3,7,7,7,3,3, arms in the middle three columns', () => {
    const cells = crossCells('2026-01');
    expect(cells).toHaveLength(33);
    expect(CROSS_ROWS.reduce((a, b) => a + b, 0)).toBe(33);
    for (let row = 0; row < 7; row++) {
      const cols = cells.filter((c) => c.row === row).map((c) => c.col);
      expect(cols).toEqual(CROSS_ROWS[row] === 3 ? [2, 3, 4] : [0, 1, 2, 3, 4, 5, 6]);
    }
  });

  it.each([
    ['2026-01', 31, ['      01 02 03', '      04 05 06', '07 08 09 10 11 12 13', '14 15 16 17 18 19 20', '21 22 23 24 25 26 27', '      28 29 30', '      31 __ __']],
    ['2026-04', 30, ['      01 02 03', '      04 05 06', '07 08 09 10 11 12 13', '14 15 16 17 18 19 20', '21 22 23 24 25 26 27', '      28 29 30', '      __ __ __']],
    ['2028-02', 29, ['      01 02 03', '      04 05 06', '07 08 09 10 11 12 13', '14 15 16 17 18 19 20', '21 22 23 24 25 26 27', '      28 29 __', '      __ __ __']],
    ['2026-02', 28, ['      01 02 03', '      04 05 06', '07 08 09 10 11 12 13', '14 15 16 17 18 19 20', '21 22 23 24 25 26 27', '      28 __ __', '      __ __ __']],
    ['1900-02', 28, ['      01 02 03', '      04 05 06', '07 08 09 10 11 12 13', '14 15 16 17 18 19 20', '21 22 23 24 25 26 27', '      28 __ __', '      __ __ __']],
    ['2000-02', 29, ['      01 02 03', '      04 05 06', '07 08 09 10 11 12 13', '14 15 16 17 18 19 20', '21 22 23 24 25 26 27', '      28 29 __', '      __ __ __']],
  ])('%s (%i days) is drawn with blanks beyond the last day', (month, days, picture) => {
    expect(draw(month)).toEqual(picture);
    const cells = crossCells(month);
    expect(cells.filter((c) => c.day !== null)).toHaveLength(days);
    expect(cells.filter((c) => c.date !== null).map((c) => c.date)).toEqual(monthDates(month));
    expect(cells.find((c) => c.day === days)?.date).toBe(`${month}-${days}`);
  });

  it('refuses a malformed month', () => {
    expect(() => crossCells('2026-13')).toThrow('validation');
    expect(() => crossCells('26-01')).toThrow('validation');
  });
});
