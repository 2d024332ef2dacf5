import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import { ancestorsOf, rollupTree, rollupWalk, rollupWalkPaced, subtreeIds, type TreeUnit, treeWalk } from '../../../src/shared/domain/rollup';
import { SLICE_MS, turn } from '../../../src/shared/domain/pace';
import { addCounts, bhkFigures, emptyCounts, type BhkCounts } from '../../../src/shared/domain/bhk';
import { BHK_STEPS } from '../../../src/shared/schema/bhk-observation';
import type { UnitKind } from '../../../src/shared/schema/org-unit';

const u = (id: string, parentId: string | null, kind: UnitKind = 'enhet', closed: string | null = null): TreeUnit =>
  ({ id, parentId, kind, name: id, closedAt: closed });

/**
 *  R (region)
 *  ├─ D1 (division)
 *  │  ├─ V1 (vo): E1, E2, E3 (closed)
 *  │  └─ V2 (vo): E4, S (enhet with a sub-unit) ─ E5
 *  └─ D2 (division, no children yet: reports as a leaf)
 */
const TREE: TreeUnit[] = [
  u('R', null, 'region'),
  u('D1', 'R', 'division'),
  u('D2', 'R', 'division'),
  u('V1', 'D1', 'vo'),
  u('V2', 'D1', 'vo'),
  u('E1', 'V1'),
  u('E2', 'V1'),
  u('E3', 'V1', 'enhet', '2026-06-30T12:00:00.000Z'),
  u('E4', 'V2'),
  u('S', 'V2'),
  u('E5', 'S'),
];

/** Numbers as counts: add = +, data = anything above 0. */
const sumUp = (units: readonly TreeUnit[], root: string, counts: Record<string, number>) =>
  rollupTree(units, root, new Map(Object.entries(counts)), (a, b) => a + b, () => 0, (c) => c > 0);

describe('subtreeIds and ancestorsOf', () => {
  const subtreeCases: [string, string[]][] = [
    ['R', ['R', 'D1', 'V1', 'E1', 'E2', 'E3', 'V2', 'E4', 'S', 'E5', 'D2']],
    ['V2', ['V2', 'E4', 'S', 'E5']],
    ['E1', ['E1']],
    ['unknown', []],
  ];
  it.each(subtreeCases)('subtree of %s', (root, expected) => {
    expect(subtreeIds(TREE, root)).toEqual(expected);
  });

  const ancestorCases: [string, string[]][] = [
    ['E5', ['S', 'V2', 'D1', 'R']],
    ['E1', ['V1', 'D1', 'R']],
    ['R', []],
    ['unknown', []],
  ];
  it.each(ancestorCases)('ancestors of %s', (id, expected) => {
    expect(ancestorsOf(TREE, id)).toEqual(expected);
  });

  it('stops at a parent that is not a known unit', () => {
    expect(ancestorsOf([u('A', 'B'), u('B', 'gone')], 'A')).toEqual(['B']);
  });
});

describe('rollupTree: counts and completeness', () => {
  const counts = { E1: 5, E2: 0, E3: 7, E4: 2, E5: 1, V1: 10 };
  const result = sumUp(TREE, 'R', counts);
  const cases: [string, number, number, number][] = [
    // unit, pooled counts, reporting, expected
    ['E1', 5, 1, 1],
    ['E2', 0, 0, 1],
    ['E3', 7, 0, 0], // closed: its history counts, but it is not expected to report
    ['V1', 22, 1, 2], // 10 recorded on the VO itself + 5 + 0 + 7
    ['S', 1, 1, 1], // has a child, so not itself a reporting unit
    ['E5', 1, 1, 1],
    ['V2', 3, 2, 2],
    ['D1', 25, 3, 4],
    ['D2', 0, 0, 1],
    ['R', 25, 3, 5],
  ];
  it.each(cases)('%s: counts %i, %i of %i reporting', (id, pooled, reporting, expected) => {
    expect(result.get(id)).toEqual({ unitId: id, counts: pooled, reporting, expected });
  });

  it('returns a node for every unit of the subtree and nothing else', () => {
    expect([...result.keys()].sort()).toEqual(subtreeIds(TREE, 'R').sort());
    expect([...sumUp(TREE, 'V1', counts).keys()].sort()).toEqual(['E1', 'E2', 'E3', 'V1']);
  });

  it('ignores counts of units outside the subtree and returns nothing for an unknown root', () => {
    expect(sumUp(TREE, 'V2', counts).get('V2')?.counts).toBe(3);
    expect(sumUp(TREE, 'nope', counts).size).toBe(0);
  });
});

describe('rollupTree: BHK pooling', () => {
  /** n observations of which ok are correct on all steps (only the totals matter here). */
  const bhk = (n: number, ok: number): BhkCounts => {
    const c = emptyCounts();
    c.n = n;
    c.totalAllOk = ok;
    c.hygieneAllOk = ok;
    c.dressAllOk = n;
    // Every miss is on hand disinfection before; all other steps are always ja.
    for (const s of BHK_STEPS) {
      c.steps[s] = s === 'handDisinfectionBefore' ? { ja: ok, nej: n - ok, na: 0 } : { ja: n, nej: 0, na: 0 };
    }
    return c;
  };

  it('pools counts: the VO figure is Σ ok / Σ n, not the mean of unit percentages', () => {
    const units = [u('V', null, 'vo'), u('A', 'V'), u('B', 'V'), u('C', 'V')];
    const leaf = new Map([
      ['A', bhk(2, 2)], // 100 %
      ['B', bhk(40, 20)], // 50 %
      ['C', bhk(0, 0)], // no observations: not reporting
    ]);
    const result = rollupTree(units, 'V', leaf, addCounts, emptyCounts, (c) => c.n > 0);
    const v = result.get('V');
    expect(v?.reporting).toBe(2);
    expect(v?.expected).toBe(3);
    const f = bhkFigures(v?.counts ?? emptyCounts(), 30);
    const meanOfPercentages = (100 + 50) / 2;
    expect(f.total).toEqual({ num: 22, den: 42, pct: (22 / 42) * 100 });
    expect(f.total.pct).not.toBeCloseTo(meanOfPercentages);
    expect(f.steps.handDisinfectionBefore).toEqual({ num: 22, den: 42, pct: (22 / 42) * 100 });
    expect(f.tooFew).toBe(false);
    expect(bhkFigures(result.get('A')?.counts ?? emptyCounts(), 30).tooFew).toBe(true);
  });
});

describe('rollupTree: malformed and deep trees', () => {
  it('ignores a cycle that does not reach the root', () => {
    const units = [u('R', null, 'region'), u('A', 'R'), u('X', 'Y'), u('Y', 'X')];
    const result = sumUp(units, 'R', { A: 1, X: 5, Y: 5 });
    expect(result.get('R')).toEqual({ unitId: 'R', counts: 1, reporting: 1, expected: 1 });
    expect(result.has('X')).toBe(false);
  });

  it('terminates when the root sits inside a cycle', () => {
    const units = [u('A', 'C', 'vo'), u('B', 'A'), u('C', 'B')];
    const result = sumUp(units, 'A', { A: 1, B: 2, C: 4 });
    expect(subtreeIds(units, 'A')).toEqual(['A', 'B', 'C']);
    expect(result.get('A')).toEqual({ unitId: 'A', counts: 7, reporting: 1, expected: 1 });
    expect(ancestorsOf(units, 'A')).toEqual(['C', 'B']);
  });

  it('counts a duplicated unit id once', () => {
    const units = [u('R', null, 'region'), u('A', 'R'), u('A', 'R')];
    expect(sumUp(units, 'R', { A: 3 }).get('R')).toEqual({ unitId: 'R', counts: 3, reporting: 1, expected: 1 });
  });

  it('handles a 5 000-deep chain without recursion limits', () => {
    const units = [u('n0', null, 'region')];
    for (let i = 1; i < 5000; i++) units.push(u(`n${i}`, `n${i - 1}`));
    const result = sumUp(units, 'n0', { n4999: 1, n10: 2 });
    expect(result.get('n0')).toEqual({ unitId: 'n0', counts: 3, reporting: 1, expected: 1 });
    expect(ancestorsOf(units, 'n4999')).toHaveLength(4999);
  });

  it('on random trees, every node pools its subtree and counts its open leaves', () => {
    const arbTree = fc.array(fc.tuple(fc.nat(), fc.boolean(), fc.nat({ max: 3 })), { maxLength: 40 }).map((spec) => {
      const units = [u('u0', null, 'region')];
      const counts: Record<string, number> = { u0: 1 };
      spec.forEach(([parent, closed, count], i) => {
        units.push(u(`u${i + 1}`, `u${parent % (i + 1)}`, 'enhet', closed ? '2026-01-01T00:00:00.000Z' : null));
        counts[`u${i + 1}`] = count;
      });
      return { units, counts };
    });
    fc.assert(
      fc.property(arbTree, ({ units, counts }) => {
        const result = sumUp(units, 'u0', counts);
        const parents = new Set(units.map((x) => x.parentId));
        for (const unit of units) {
          const sub = subtreeIds(units, unit.id);
          const leaves = sub.filter((id) => !parents.has(id) && units.find((x) => x.id === id)?.closedAt === null);
          expect(result.get(unit.id)).toEqual({
            unitId: unit.id,
            counts: sub.reduce((s, id) => s + (counts[id] ?? 0), 0),
            expected: leaves.length,
            reporting: leaves.filter((id) => (counts[id] ?? 0) > 0).length,
          });
        }
      }),
    );
  });
});

describe('rollupWalkPaced', () => {
  it('gives what rollupWalk gives, on random trees with cycles and duplicates', async () => {
    const arbTree = fc.array(fc.tuple(fc.nat(), fc.boolean(), fc.nat({ max: 3 })), { maxLength: 40 }).map((spec) => {
      const units = [u('u0', null, 'region')];
      const counts = new Map<string, number>([['u0', 1]]);
      spec.forEach(([parent, closed, count], i) => {
        // Parents anywhere in the list (a later one too: cycles), and now and then an id twice.
        const id = i % 9 === 8 ? `u${i}` : `u${i + 1}`;
        units.push(u(id, `u${parent % (spec.length + 1)}`, 'enhet', closed ? '2026-01-01T00:00:00.000Z' : null));
        counts.set(id, count);
      });
      return { units, counts };
    });
    await fc.assert(
      fc.asyncProperty(arbTree, async ({ units, counts }) => {
        for (const root of ['u0', 'u3']) {
          const walked = treeWalk(units, root);
          const add = (a: number, b: number) => a + b;
          const paced = await rollupWalkPaced(walked, counts, add, () => 0, (c) => c > 0);
          expect([...paced]).toEqual([...rollupWalk(walked, counts, add, () => 0, (c) => c > 0)]);
        }
      }),
    );
  });

  it('gives the event loop its turns while it pools', async () => {
    // A chain r ← e0 ← e1 … ← e39: every node above the last adds one child.
    const units = [u('r', null, 'region'), ...Array.from({ length: 40 }, (_, i) => u(`e${i}`, i === 0 ? 'r' : `e${i - 1}`))];
    await turn();
    let turns = 0;
    const count = () => {
      turns += 1;
      if (turns < 1_000) setImmediate(count);
    };
    setImmediate(count);
    // Each addition takes a millisecond: 40 of them are several slices.
    const slow = (a: number, b: number) => {
      const end = performance.now() + 1;
      while (performance.now() < end);
      return a + b;
    };
    const result = await rollupWalkPaced(treeWalk(units, 'r'), new Map(units.map((x) => [x.id, 1])), slow, () => 0, (c) => c > 0);
    expect(result.get('r')?.counts).toBe(41);
    expect(turns).toBeGreaterThanOrEqual(Math.floor(40 / (SLICE_MS + 1)));
    // And none while the work fits in a slice (the loop above stops itself at 1,000), in a task
    // of its own: the end of the walk above has used part of its task's slice.
    await turn();
    const before = turns;
    await rollupWalkPaced(treeWalk(units.slice(0, 3), 'r'), new Map(), (a: number, b: number) => a + b, () => 0, () => false);
    expect(turns).toBe(before);
  });
});
