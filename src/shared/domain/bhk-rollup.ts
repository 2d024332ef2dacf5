/**
 * BHK roll-up from the bhk facts (domain/facts: each counted observation's vector, per source and
 * profession): the one computation the server's roll-up routes (over its fact tables), a manager's
 * device (over its fact blocks) and the tablet (over facts of its own raw rows) all run, so they
 * cannot disagree (architecture principle 1). Counts are pooled up the tree, never averaged.
 */
import type { BhkPeriodRollupResponse } from '../bhk-api';
import { BHK_STEPS, type BhkObservation } from '../schema/bhk-observation';
import { addCounts, type BhkCounts, countObservations, effectiveObservations, emptyCounts } from './bhk';
import type { BhkSource, DateRange } from './bhk-period';
import { bhkBucket, bhkFiledDates, dayFacts } from './facts/contrib';
import { fieldIndex, parseBhkKey } from './facts/families';
import type { FactReader, UnitSums } from './facts/reader';
import { sumDays } from './facts/reader';
import { sliceUsed, turn } from './pace';
import { type RollupNode, rollupTree, rollupWalkPaced, type TreeUnit, treeWalk } from './rollup';

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

const sourceMatches = (self: boolean, source: BhkSource): boolean => source === 'all' || (source === 'self') === self;

/**
 * A unit's (or a level's) counts from its bhk sums by key (`s|…`/`o|…` and the profession): only
 * the keys of `source` count; selfAssessmentN is the part of n from självskattning.
 */
export function bhkCountsFromSums(byKey: ReadonlyMap<string, readonly number[]> | undefined, source: BhkSource): BhkPeriodCounts {
  const c = emptyCounts();
  const professions: Record<string, ProfessionCounts> = {};
  const at = (f: 'n' | 'total' | 'hygiene' | 'dress', v: readonly number[]) => v[fieldIndex('bhk', f)] as number;
  for (const key of [...(byKey?.keys() ?? [])].sort()) {
    const v = byKey?.get(key) as readonly number[];
    const { self, profession } = parseBhkKey(key);
    if (!sourceMatches(self, source) || at('n', v) === 0) continue;
    const n = at('n', v);
    c.n += n;
    if (self) c.selfAssessmentN += n;
    c.totalAllOk += at('total', v);
    c.hygieneAllOk += at('hygiene', v);
    c.dressAllOk += at('dress', v);
    BHK_STEPS.forEach((step, i) => {
      const ja = v[4 + 2 * i] as number;
      const nej = v[5 + 2 * i] as number;
      c.steps[step].ja += ja;
      c.steps[step].nej += nej;
      c.steps[step].na += n - ja - nej;
    });
    const p = (professions[profession] ??= emptyProfession());
    p.n += n;
    if (self) p.selfAssessmentN += n;
    p.hygieneAllOk += at('hygiene', v);
    p.dressAllOk += at('dress', v);
    p.totalAllOk += at('total', v);
  }
  const sorted: Record<string, ProfessionCounts> = {};
  for (const code of Object.keys(professions).sort()) sorted[code] = professions[code] as ProfessionCounts;
  return { counts: c, professions: sorted };
}

/**
 * One unit's counts for a period, from ALL of its records the caller holds (corrections and voids
 * included; records of other periods are fine and left out). The tablet calls this offline: the
 * records become facts exactly as on the server, then they are summed.
 */
export function bhkUnitCounts(raw: readonly BhkObservation[], range: DateRange, source: BhkSource = 'all'): BhkPeriodCounts {
  const filed = bhkFiledDates(raw);
  const buckets = new Map<string, { unitId: string; date: string; rows: BhkObservation[] }>();
  for (const o of raw) {
    const date = filed.get(o.id) as string;
    if (date < range.from || date > range.to) continue;
    const k = `${o.unitId}\u0000${date}`;
    const b = buckets.get(k) ?? { unitId: o.unitId, date, rows: [] };
    b.rows.push(o);
    buckets.set(k, b);
  }
  const days = dayFacts([...buckets.values()].flatMap((b) => bhkBucket(b.unitId, b.date, b.rows)));
  const merged = new Map<string, number[]>();
  for (const byKey of sumDays(days, 'bhk', range, false).values()) {
    for (const [key, v] of byKey) merged.set(key, (merged.get(key) ?? v.map(() => 0)).map((x, i) => x + (v[i] as number)));
  }
  return bhkCountsFromSums(merged, source);
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

/**
 * Every node under `rootId` from each unit's bhk sums by key: pooled, with completeness. A
 * region's 1,500 units are counted in slices with turns of the event loop between them (pace.ts):
 * at once they held a server's loop for 40-90 ms (issue 17).
 */
export async function bhkRollupFromSums(units: readonly TreeUnit[], rootId: string, sums: UnitSums, source: BhkSource = 'all'): Promise<Map<string, RollupNode<BhkPeriodCounts>>> {
  const leafCounts = new Map<string, BhkPeriodCounts>();
  for (const [unitId, byKey] of sums) {
    leafCounts.set(unitId, bhkCountsFromSums(byKey, source));
    if (sliceUsed()) await turn();
  }
  await turn();
  return rollupWalkPaced(treeWalk(units, rootId), leafCounts, addPeriodCounts, emptyPeriodCounts, (c) => c.counts.n > 0);
}

/** The roll-up for a period, read from facts. */
export async function bhkPeriodRollupOf(reader: FactReader, units: readonly TreeUnit[], rootId: string, range: DateRange, source: BhkSource = 'all') {
  const [sums] = await reader.sums('bhk', [range], false);
  return bhkRollupFromSums(units, rootId, sums ?? new Map(), source);
}

/** Every node under `rootId` for a period from raw observations (each unit through bhkUnitCounts). */
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

/** The answer of GET /api/bhk/rollup from a roll-up's nodes: built by the server and, offline, by a device. */
export function bhkRollupAnswer(
  units: readonly TreeUnit[],
  root: TreeUnit,
  period: string,
  source: BhkSource,
  professions: BhkPeriodRollupResponse['professions'],
  nodes: Map<string, RollupNode<BhkPeriodCounts>>,
): BhkPeriodRollupResponse {
  const byId = new Map(units.map((u) => [u.id, u]));
  return {
    period,
    source,
    rootId: root.id,
    professions,
    nodes: [...nodes.values()].map((n) => {
      const u = byId.get(n.unitId);
      return {
        unitId: n.unitId,
        name: u?.name ?? n.unitId,
        kind: u?.kind ?? 'enhet',
        // The root's parent is named so the client can tell where the answer sits in the tree.
        parentId: n.unitId === root.id ? root.parentId : (u?.parentId ?? null),
        closed: u?.closedAt != null,
        counts: n.counts.counts,
        professions: n.counts.professions,
        reporting: n.reporting,
        expected: n.expected,
      };
    }),
  } as BhkPeriodRollupResponse;
}
