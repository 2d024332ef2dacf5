/**
 * The texts the fact reads ask the database to pack (store/fact-ops.ts): a row's sums as one text
 * ("12,0,3") and a day's units as one ("avd-1,1,0,0,0;avd-2,…"), read back in place into fact
 * vectors and day grids. Pure.
 */
import type { DayGrid } from '../../shared/domain/facts/reader';

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

/**
 * One day's units as the days statement packs them ("avd-1,1,0,0,0;avd-2,…": a unit's id, then
 * `width` fields), each unit's fields written into day `day` of its grid (`gridOf`); a day outside
 * the grids is skipped. The fields are read in place (readFields), no string but the unit's id.
 */
export function unpackDayOfUnits(packed: string, day: number, width: number, gridOf: (unitId: string) => DayGrid): void {
  const v: number[] = new Array<number>(width).fill(0);
  const at = Array.from({ length: width }, (_, j) => j);
  let i = 0;
  while (i < packed.length) {
    const comma = packed.indexOf(',', i);
    // A unit's id is followed by at least one field (FactOps.days asks for one or more).
    if (comma < 0) throw new Error(`a day's packed units end in a unit without fields at ${i}`);
    const unitId = packed.slice(i, comma);
    i = readFields(packed, comma + 1, at, v);
    const grid = gridOf(unitId);
    if (day < 0 || day >= grid.has.length) continue;
    grid.has[day] = 1;
    for (let j = 0; j < width; j++) grid.v[day * width + j] = v[j] as number;
  }
}
