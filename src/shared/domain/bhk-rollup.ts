/**
 * BHK roll-up from raw observations: the one function the server's /api/rollup/bhk and the
 * tablet's offline figure both call, so they cannot disagree (architecture principle 1).
 * Corrections are applied per unit first, then counts are pooled up the tree.
 */
import type { BhkObservation } from '../schema/bhk-observation';
import { addCounts, type BhkCounts, countObservations, effectiveObservations, emptyCounts } from './bhk';
import { type RollupNode, rollupTree, type TreeUnit } from './rollup';

export function bhkRollup(
  units: readonly TreeUnit[],
  rootId: string,
  observations: readonly BhkObservation[],
): Map<string, RollupNode<BhkCounts>> {
  const byUnit = new Map<string, BhkObservation[]>();
  for (const o of observations) {
    const list = byUnit.get(o.unitId) ?? [];
    list.push(o);
    byUnit.set(o.unitId, list);
  }
  const leafCounts = new Map<string, BhkCounts>();
  for (const [unitId, list] of byUnit) leafCounts.set(unitId, countObservations(effectiveObservations(list)));
  return rollupTree(units, rootId, leafCounts, addCounts, emptyCounts, (c) => c.n > 0);
}
