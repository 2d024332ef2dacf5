/**
 * combineSegments (facts/reader.ts): a range's sum is the sum of its segments' sums. A segment
 * read by one range only is taken over as it is and the others are added into it; a segment read
 * by several ranges is copied, so adding into one range's sum never changes another's.
 */
import { describe, expect, it } from 'vitest';
import { combineSegments, type UnitSums } from '../../../src/shared/domain/facts/reader';

const sums = (entries: [string, string, number[]][]): UnitSums => {
  const out: UnitSums = new Map();
  for (const [unit, key, v] of entries) {
    const byKey = out.get(unit) ?? new Map<string, number[]>();
    byKey.set(key, v);
    out.set(unit, byKey);
  }
  return out;
};
const plain = (s: UnitSums | undefined) => Object.fromEntries([...(s ?? new Map())].map(([u, byKey]) => [u, Object.fromEntries(byKey)]));

describe('combineSegments', () => {
  it('adds each range’s segments, and a segment shared by ranges is the same for each of them', async () => {
    // Segment 0 is read by both ranges; 1 only by the first, 2 only by the second.
    const segs = [
      sums([['a', '', [1, 2]], ['b', '', [10, 20]]]),
      sums([['a', '', [100, 200]], ['c', '', [5, 5]]]),
      sums([['b', '', [1, 1]], ['a', 'k', [7, 0]]]),
    ];
    const [first, second, third] = await combineSegments(segs, [[0, 1], [2, 0], [0]]);
    expect(plain(first)).toEqual({ a: { '': [101, 202] }, b: { '': [10, 20] }, c: { '': [5, 5] } });
    expect(plain(second)).toEqual({ a: { '': [1, 2], k: [7, 0] }, b: { '': [11, 21] } });
    // The shared segment itself is unchanged by the additions.
    expect(plain(third)).toEqual({ a: { '': [1, 2] }, b: { '': [10, 20] } });
    expect(plain(segs[0])).toEqual({ a: { '': [1, 2] }, b: { '': [10, 20] } });
  });

  it('gives a range of one segment read by no other range that segment, and an empty range an empty sum', async () => {
    const only = sums([['a', '', [3]]]);
    const [one, none] = await combineSegments([only], [[0], []]);
    expect(one).toBe(only);
    expect(plain(none)).toEqual({});
  });
});
