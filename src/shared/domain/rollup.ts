/**
 * Roll-up over the organisation tree (region → division → VO → enhet, any depth).
 *
 * Invariants:
 *  - A node's counts are the pooled sum (via `add`) of its own records and every descendant's;
 *    percentages are computed from these sums afterwards, never averaged.
 *  - Completeness: `expected` counts the open reporting units (leaves whose closedAt is null) in the
 *    node's subtree, `reporting` those of them whose own counts pass `hasData`. A closed unit still
 *    contributes its history to the counts but is not expected to report.
 *  - The tree is taken as parentId links seen from `rootId` downwards. A malformed tree is handled
 *    without looping: a unit is visited once, and cycles that lead back into the walk are cut.
 */
import { sliceUsed, turn } from './pace';
import type { UnitKind } from '../schema/org-unit';

export interface TreeUnit {
  id: string;
  parentId: string | null;
  kind: UnitKind;
  name: string;
  closedAt: string | null;
}

export interface RollupNode<C> {
  unitId: string;
  /** Pooled counts of the unit itself and all its descendants. */
  counts: C;
  /** Open reporting units in the subtree whose counts pass hasData ("12 av 14 har rapporterat"). */
  reporting: number;
  /** Open reporting units (leaves, not closed) in the subtree. */
  expected: number;
}

/** A subtree as rollupWalk pools it (treeWalk): made once, it serves many roll-ups over one tree. */
export interface Walk {
  /** Subtree ids in pre-order (parent before children, children in input order). */
  order: string[];
  /** Children of each visited unit along the walk; cyclic back-links are left out. */
  children: Map<string, string[]>;
  byId: Map<string, TreeUnit>;
}

function walk(units: readonly TreeUnit[], rootId: string): Walk {
  const byId = new Map<string, TreeUnit>();
  const childrenOf = new Map<string, string[]>();
  for (const u of units) {
    if (byId.has(u.id)) continue;
    byId.set(u.id, u);
    if (u.parentId !== null) {
      const list = childrenOf.get(u.parentId) ?? [];
      list.push(u.id);
      childrenOf.set(u.parentId, list);
    }
  }
  const order: string[] = [];
  const children = new Map<string, string[]>();
  if (!byId.has(rootId)) return { order, children, byId };

  const visited = new Set<string>([rootId]);
  const stack = [rootId];
  for (let id = stack.pop(); id !== undefined; id = stack.pop()) {
    order.push(id);
    const kids = (childrenOf.get(id) ?? []).filter((k) => !visited.has(k));
    for (const k of kids) visited.add(k);
    children.set(id, kids);
    // Reversed so that pop() visits children in input order.
    for (let i = kids.length - 1; i >= 0; i--) stack.push(kids[i] as string);
  }
  return { order, children, byId };
}

/** rootId and all its descendants, parent before children; [] when rootId is unknown. */
export function subtreeIds(units: readonly TreeUnit[], rootId: string): string[] {
  return walk(units, rootId).order;
}

/**
 * Parent, grandparent, … up to the root, nearest first, excluding `id`. Stops at a parent id that
 * names no known unit, and at a cycle.
 */
export function ancestorsOf(units: readonly TreeUnit[], id: string): string[] {
  const byId = new Map<string, TreeUnit>();
  for (const u of units) if (!byId.has(u.id)) byId.set(u.id, u);
  const result: string[] = [];
  const seen = new Set<string>([id]);
  let parent = byId.get(id)?.parentId ?? null;
  while (parent !== null && byId.has(parent) && !seen.has(parent)) {
    seen.add(parent);
    result.push(parent);
    parent = byId.get(parent)?.parentId ?? null;
  }
  return result;
}

/**
 * Rolls `leafCounts` (records attached to each unit, usually enheter) up the subtree of `rootId`.
 * Returns a node for every unit in that subtree; counts for units outside it are ignored.
 */
export function rollupTree<C>(
  units: readonly TreeUnit[],
  rootId: string,
  leafCounts: ReadonlyMap<string, C>,
  add: (a: C, b: C) => C,
  empty: () => C,
  hasData: (c: C) => boolean,
): Map<string, RollupNode<C>> {
  return rollupWalk(walk(units, rootId), leafCounts, add, empty, hasData);
}

/** The subtree of `rootId` as rollupTree walks it, for roll-ups of many periods over one tree (rollupWalk). */
export const treeWalk = (units: readonly TreeUnit[], rootId: string): Walk => walk(units, rootId);

/** rollupTree over a walk made once (treeWalk): the same nodes and counts. */
export function rollupWalk<C>(walked: Walk, leafCounts: ReadonlyMap<string, C>, add: (a: C, b: C) => C, empty: () => C, hasData: (c: C) => boolean): Map<string, RollupNode<C>> {
  const result = new Map<string, RollupNode<C>>();
  // Reverse pre-order puts every child before its parent.
  for (let i = walked.order.length - 1; i >= 0; i--) rollNode(walked, i, result, leafCounts, add, empty, hasData);
  return result;
}

/**
 * rollupWalk in slices with turns of the event loop between them (pace.ts), for a caller that may
 * wait: a region's 1,561 nodes pooled in one task held the server's loop ~5–10 ms a roll-up.
 */
export async function rollupWalkPaced<C>(
  walked: Walk,
  leafCounts: ReadonlyMap<string, C>,
  add: (a: C, b: C) => C,
  empty: () => C,
  hasData: (c: C) => boolean,
): Promise<Map<string, RollupNode<C>>> {
  const result = new Map<string, RollupNode<C>>();
  for (let i = walked.order.length - 1; i >= 0; i--) {
    rollNode(walked, i, result, leafCounts, add, empty, hasData);
    if (sliceUsed()) await turn();
  }
  return result;
}

/** The node at `order[i]` into `result`, its children (later in the order) already there. */
function rollNode<C>(
  { order, children, byId }: Walk,
  i: number,
  result: Map<string, RollupNode<C>>,
  leafCounts: ReadonlyMap<string, C>,
  add: (a: C, b: C) => C,
  empty: () => C,
  hasData: (c: C) => boolean,
): void {
  const id = order[i] as string;
  const own = leafCounts.get(id) ?? empty();
  const kids = children.get(id) ?? [];
  if (kids.length === 0) {
    const open = byId.get(id)?.closedAt === null;
    result.set(id, {
      unitId: id,
      counts: own,
      expected: open ? 1 : 0,
      reporting: open && hasData(own) ? 1 : 0,
    });
    return;
  }
  let counts = own;
  let expected = 0;
  let reporting = 0;
  for (const k of kids) {
    const child = result.get(k);
    if (child === undefined) continue;
    counts = add(counts, child.counts);
    expected += child.expected;
    reporting += child.reporting;
  }
  result.set(id, { unitId: id, counts, expected, reporting });
}
