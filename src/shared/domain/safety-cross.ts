/**
 * Geometry of Gröna korset (docs/domain.md §1.2): one month drawn as a plus sign on a 7 × 7 grid, rows
 * of 3, 3, 7, 7, 7, 3, 3 cells (the arms are the middle three columns), numbered row by row:
 *
 *             [ 1][ 2][ 3]
 *             [ 4][ 5][ 6]
 * [ 7][ 8][ 9][10][11][12][13]
 * [14][15][16][17][18][19][20]
 * [21][22][23][24][25][26][27]
 *             [28][29][30]
 *             [31][  ][  ]     ← cells past the month's last day stay blank
 */
import { daysInMonth } from './periods';

/** Cells per row, top to bottom: 33 cells in all, enough for any month. */
export const CROSS_ROWS = [3, 3, 7, 7, 7, 3, 3] as const;
export const CROSS_SIZE = 7;

export interface CrossCell {
  /** 0-based grid row and column on the 7 × 7 grid. */
  row: number;
  col: number;
  /** Day of the month, or null for a blank cell beyond the month's length. */
  day: number | null;
  /** YYYY-MM-DD of that day, or null. */
  date: string | null;
}

/** The 33 cells of `month`'s cross in reading order; throws 'validation' on a malformed month. */
export function crossCells(month: string): CrossCell[] {
  const length = daysInMonth(month);
  const cells: CrossCell[] = [];
  let n = 0;
  CROSS_ROWS.forEach((width, row) => {
    const first = (CROSS_SIZE - width) / 2;
    for (let i = 0; i < width; i++) {
      n += 1;
      const day = n <= length ? n : null;
      cells.push({ row, col: first + i, day, date: day === null ? null : `${month}-${String(day).padStart(2, '0')}` });
    }
  });
  return cells;
}

/** Every date of `month`, first to last. */
export function monthDates(month: string): string[] {
  return Array.from({ length: daysInMonth(month) }, (_, i) => `${month}-${String(i + 1).padStart(2, '0')}`);
}
