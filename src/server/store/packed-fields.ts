/**
 * The texts the fact reads ask the database to pack (store/fact-ops.ts): a row's sums as one text
 * ("12,0,3") and a unit's days as one ("2026-11-01,1,0,0,0;…"), read back into fact vectors. Pure.
 */
import { type DayGrid, emptyDayGrid } from '../../shared/domain/facts/reader';

/**
 * Reads the integer fields of a packed text from position `i` ("12,0,3", fields ending at `,` or
 * `;` or the text's end) into `v` at the positions `at` names; returns the position after the
 * last field's separator. The digits are read in place, not as a string per field through split
 * and Number: a region's answers are tens of thousands of such texts. Anything but a plain
 * integer (never written: the columns are integers) is read as Number reads it.
 */
export function readFields(packed: string, i: number, at: readonly number[], v: number[]): number {
  for (const field of at) {
    const start = i;
    const negative = packed.charCodeAt(i) === 45;
    if (negative) i++;
    let x = 0;
    let c = packed.charCodeAt(i);
    while (c >= 48 && c <= 57) {
      x = x * 10 + (c - 48);
      c = packed.charCodeAt(++i);
    }
    if (!(c === 44 || c === 59 || Number.isNaN(c)) || i === start + (negative ? 1 : 0)) {
      const stop = packed.slice(start).search(/[,;]/);
      i = stop < 0 ? packed.length : start + stop;
      v[field] = Number(packed.slice(start, i));
    } else v[field] = negative ? -x : x;
    i++;
  }
  return i;
}

/** The whole number written by the `length` digits at `i`. */
function digitsAt(packed: string, i: number, length: number): number {
  let x = 0;
  for (let k = i; k < i + length; k++) x = x * 10 + (packed.charCodeAt(k) - 48);
  return x;
}

/**
 * The day number (dayNumber) of the date at `i` ("YYYY-MM-DD", as stored: a valid date), read in
 * place. No function is made inside a function here: under tsx each one is named on every call.
 */
const dayAt = (packed: string, i: number): number => Date.UTC(digitsAt(packed, i, 4), digitsAt(packed, i + 5, 2) - 1, digitsAt(packed, i + 8, 2)) / 86_400_000;

/**
 * One unit's days as the days statement packs them ("2026-11-01,1,0,0,0;2026-11-02,…": the date,
 * then `width` fields), into a grid whose day 0 has the day number `first` (DayGrid): no string
 * or array a day. A region's month is 45,000 days: read into a map of day vectors, a string and
 * an array each, they were most of what Gröna korset's roll-up cost in Node.
 */
export function unpackDayGrid(packed: string, first: number, length: number, width: number, grid: DayGrid = emptyDayGrid(length, width)): DayGrid {
  const v: number[] = new Array<number>(width).fill(0);
  const at = Array.from({ length: width }, (_, j) => j);
  let i = 0;
  while (i < packed.length) {
    const day = dayAt(packed, i) - first;
    i = readFields(packed, i + 11, at, v);
    if (day < 0 || day >= length) continue;
    grid.has[day] = 1;
    for (let j = 0; j < width; j++) grid.v[day * width + j] = v[j] as number;
  }
  return grid;
}
