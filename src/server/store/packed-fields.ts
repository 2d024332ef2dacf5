/**
 * The texts the fact reads ask the database to pack (store/fact-ops.ts): a row's sums as one text
 * ("12,0,3") and a unit's days as one ("2026-11-01,1,0,0,0;…"), read back into fact vectors. Pure.
 */

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
 * One unit's days as the days statement packs them ("2026-11-01,1,0,0,0;2026-11-02,…": the period,
 * then the fields `at` names), as day → vector of `width` fields (a copy of one zero vector each).
 * A region's month is 45,000 days: read as a string per day and per field, they were most of what
 * Gröna korset's roll-up cost in Node, and as a row object each the most of what it kept alive.
 */
export function unpackDays(packed: string, width: number, at: readonly number[]): Map<string, number[]> {
  const zero = new Array<number>(width).fill(0);
  const out = new Map<string, number[]>();
  let i = 0;
  while (i < packed.length) {
    const comma = packed.indexOf(',', i);
    const end = comma < 0 ? packed.length : comma;
    const period = packed.slice(i, end);
    const v = zero.slice();
    i = readFields(packed, end + 1, at, v);
    out.set(period, v);
  }
  return out;
}
