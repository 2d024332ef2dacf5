/**
 * BHK roll-up from raw observations: the one function the server's roll-up routes and the
 * tablet's offline figure both call, so they cannot disagree (architecture principle 1).
 * Corrections are applied per unit first, then counts are pooled up the tree.
 */
import type { BhkObservation } from '../schema/bhk-observation';
import { addCounts, type BhkCounts, countObservations, effectiveObservations, emptyCounts } from './bhk';
import { type BhkSource, type DateRange, observationsInPeriod } from './bhk-period';
import { type RollupNode, rollupTree, type TreeUnit } from './rollup';

/** Headline counts of one profession: total, hygiene-all and dress-all, each with its n. */
export interface ProfessionCounts {
  n: number;
  selfAssessmentN: number;
  hygieneAllOk: number;
  dressAllOk: number;
  totalAllOk: number;
}

/** A unit's or a level's counts for a period: all observations, and per profession code. */
export interface BhkPeriodCounts {
  counts: BhkCounts;
  professions: Record<string, ProfessionCounts>;
}

const emptyProfession = (): ProfessionCounts => ({ n: 0, selfAssessmentN: 0, hygieneAllOk: 0, dressAllOk: 0, totalAllOk: 0 });

export function countByProfession(obs: readonly BhkObservation[]): Record<string, ProfessionCounts> {
  const byCode = new Map<string, BhkObservation[]>();
  for (const o of obs) {
    const list = byCode.get(o.profession) ?? [];
    list.push(o);
    byCode.set(o.profession, list);
  }
  const out: Record<string, ProfessionCounts> = {};
  for (const code of [...byCode.keys()].sort()) {
    const c = countObservations(byCode.get(code) ?? []);
    out[code] = { n: c.n, selfAssessmentN: c.selfAssessmentN, hygieneAllOk: c.hygieneAllOk, dressAllOk: c.dressAllOk, totalAllOk: c.totalAllOk };
  }
  return out;
}

export function emptyPeriodCounts(): BhkPeriodCounts {
  return { counts: emptyCounts(), professions: {} };
}

/** Pooled sum, per profession too. */
export function addPeriodCounts(a: BhkPeriodCounts, b: BhkPeriodCounts): BhkPeriodCounts {
  const professions: Record<string, ProfessionCounts> = {};
  for (const code of [...new Set([...Object.keys(a.professions), ...Object.keys(b.professions)])].sort()) {
    const x = a.professions[code] ?? emptyProfession();
    const y = b.professions[code] ?? emptyProfession();
    professions[code] = {
      n: x.n + y.n,
      selfAssessmentN: x.selfAssessmentN + y.selfAssessmentN,
      hygieneAllOk: x.hygieneAllOk + y.hygieneAllOk,
      dressAllOk: x.dressAllOk + y.dressAllOk,
      totalAllOk: x.totalAllOk + y.totalAllOk,
    };
  }
  return { counts: addCounts(a.counts, b.counts), professions };
}

/**
 * One unit's counts for a period, from ALL of its records the caller holds (corrections and voids
 * included; records of other periods are fine and left out). The tablet calls this offline.
 */
export function bhkUnitCounts(raw: readonly BhkObservation[], range: DateRange, source: BhkSource = 'all'): BhkPeriodCounts {
  const obs = observationsInPeriod(raw, range, source);
  return { counts: countObservations(obs), professions: countByProfession(obs) };
}

const groupByUnit = (observations: readonly BhkObservation[]): Map<string, BhkObservation[]> => {
  const byUnit = new Map<string, BhkObservation[]>();
  for (const o of observations) {
    const list = byUnit.get(o.unitId) ?? [];
    list.push(o);
    byUnit.set(o.unitId, list);
  }
  return byUnit;
};

/** Every node under `rootId` for a period: each unit through bhkUnitCounts, then pooled. */
export function bhkPeriodRollup(
  units: readonly TreeUnit[],
  rootId: string,
  observations: readonly BhkObservation[],
  range: DateRange,
  source: BhkSource = 'all',
): Map<string, RollupNode<BhkPeriodCounts>> {
  const leafCounts = new Map<string, BhkPeriodCounts>();
  for (const [unitId, list] of groupByUnit(observations)) leafCounts.set(unitId, bhkUnitCounts(list, range, source));
  return rollupTree(units, rootId, leafCounts, addPeriodCounts, emptyPeriodCounts, (c) => c.counts.n > 0);
}

/** All given observations, without a period: corrections applied per unit, then pooled. */
export function bhkRollup(
  units: readonly TreeUnit[],
  rootId: string,
  observations: readonly BhkObservation[],
): Map<string, RollupNode<BhkCounts>> {
  const leafCounts = new Map<string, BhkCounts>();
  for (const [unitId, list] of groupByUnit(observations)) leafCounts.set(unitId, countObservations(effectiveObservations(list)));
  return rollupTree(units, rootId, leafCounts, addCounts, emptyCounts, (c) => c.n > 0);
}
