/** defResolver (issue 17: a region's report resolves each cell's definition in O(1)) = resolveDef. */
import { describe, expect, it } from 'vitest';
import { defResolver, resolveDef } from '../../../../src/shared/domain/indicators';
import { seededRandom } from '../../../../src/shared/domain/random';
import { row, TREE } from './fixtures';

const KEYS = ['bhkTotal', 'greenShare', 'hrKvot', 'riskDays'];
const UNITS = [...TREE.map((u) => u.id), 'elsewhere'];

function randomRows(rand: () => number) {
  const rows = [];
  for (const unitId of TREE.map((u) => u.id)) {
    for (const key of KEYS) {
      if (rand() < 0.5) continue;
      const pick = rand();
      const fields =
        key === 'riskDays'
          ? pick < 0.5
            ? { nameSv: 'Dagar med risk', source: { kind: 'count', metric: 'safetyRiskDays' } }
            : { unit: 'days', direction: 'lower' }
          : pick < 0.3
            ? { hidden: rand() < 0.5 }
            : pick < 0.6
              ? { target: { op: 'gte', value: Math.round(rand() * 100) } }
              : { minN: Math.round(rand() * 30), target: null };
      rows.push(row(unitId, key, fields));
    }
  }
  return rows;
}

describe('defResolver', () => {
  it('answers as resolveDef for every unit, key and includeHidden on random rows', () => {
    const rand = seededRandom(17);
    for (let round = 0; round < 200; round++) {
      const rows = randomRows(rand);
      const resolve = defResolver(rows, TREE);
      for (const unitId of UNITS) {
        for (const key of KEYS) {
          for (const hidden of [false, true]) expect(resolve(unitId, key, hidden)).toEqual(resolveDef(rows, TREE, unitId, key, hidden));
        }
      }
    }
  });

  it('cuts a cycle in the tree as ancestorsOf does', () => {
    const cyclic = [
      { id: 'a', parentId: 'b', kind: 'vo' as const, name: 'A', closedAt: null },
      { id: 'b', parentId: 'a', kind: 'vo' as const, name: 'B', closedAt: null },
    ];
    const rows = [row('a', 'bhkTotal', { minN: 3 }), row('b', 'bhkTotal', { minN: 7 })];
    for (const id of ['a', 'b']) expect(defResolver(rows, cyclic)(id, 'bhkTotal')).toEqual(resolveDef(rows, cyclic, id, 'bhkTotal'));
  });
});
