import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { effectiveRecords } from '../../../src/shared/domain/corrections';

const r = (id: string, o: { replaces?: string; voided?: boolean; createdAt?: string; date?: string } = {}) => ({
  id,
  date: o.date ?? '2026-11-02',
  createdAt: o.createdAt ?? '2026-11-02T10:00:00.000Z',
  ...(o.replaces ? { replaces: o.replaces } : {}),
  ...(o.voided ? { voided: true } : {}),
});

describe('corrections of append-only records', () => {
  it('a chain keeps its last link; a void drops the record; two offline corrections converge on the later', () => {
    expect(effectiveRecords([r('a'), r('b', { replaces: 'a' }), r('c', { replaces: 'b' })]).map((x) => x.id)).toEqual(['c']);
    expect(effectiveRecords([r('a'), r('b', { replaces: 'a', voided: true })])).toEqual([]);
    expect(effectiveRecords([r('a'), r('b', { replaces: 'a', createdAt: '2' }), r('c', { replaces: 'a', createdAt: '3' })]).map((x) => x.id)).toEqual(['c']);
  });

  it('a correction of an unknown record stands alone; a cycle is ignored; duplicates count once', () => {
    expect(effectiveRecords([r('b', { replaces: 'missing' })]).map((x) => x.id)).toEqual(['b']);
    expect(effectiveRecords([r('x', { replaces: 'y' }), r('y', { replaces: 'x' })])).toEqual([]);
    expect(effectiveRecords([r('a'), r('a')])).toHaveLength(1);
  });

  it('does not depend on the order records arrive in', () => {
    const all = [r('a'), r('b', { replaces: 'a' }), r('c'), r('d', { replaces: 'c', voided: true }), r('e', { replaces: 'b', date: '2026-11-01' }), r('f')];
    const expected = effectiveRecords(all);
    fc.assert(fc.property(fc.shuffledSubarray(all, { minLength: all.length }), (shuffled) => {
      expect(effectiveRecords(shuffled)).toEqual(expected);
    }));
    expect(expected.map((x) => x.id)).toEqual(['e', 'f']);
  });
});
