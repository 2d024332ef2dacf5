/**
 * Navigation over a BHK roll-up answer: the selected node, its children and the path back to the
 * root. The counts are already pooled by the server; figures are computed here from counts with
 * the shared bhkFigures, never from percentages.
 */
import { bhkFigures, periodRange, addDays, previousPeriod, type BhkFigures } from '../../../shared/domain';
import type { BhkRollupNode } from '../../../shared/api';
import { DEFAULT_UNIT_SETTINGS } from '../../../shared/schema/unit-settings';

/**
 * The minimum n where the catalogue is not known yet (the old board default). Otherwise each node
 * is greyed on its own catalogue minimum n (bhkTotal in force at that node, as Mål och resultat
 * greys its cell: one rule per figure, issue 14).
 */
export const ROLLUP_MIN_N = DEFAULT_UNIT_SETTINGS.bhkMinN;

export interface RollupView<N extends BhkRollupNode = BhkRollupNode> {
  node: N;
  figures: BhkFigures;
  children: { node: N; figures: BhkFigures }[];
  /** Root first, selected node last. */
  trail: N[];
}

/** Any roll-up answer: the month route's (api.ts) or the period route's (bhk-api.ts). */
export interface RollupAnswer<N extends BhkRollupNode> {
  rootId: string;
  nodes: readonly N[];
}

export function rollupView<N extends BhkRollupNode>(res: RollupAnswer<N>, selectedId: string | undefined, minNOf: (unitId: string) => number = () => ROLLUP_MIN_N): RollupView<N> | null {
  const byId = new Map(res.nodes.map((n) => [n.unitId as string, n]));
  const node = (selectedId !== undefined ? byId.get(selectedId) : undefined) ?? byId.get(res.rootId);
  if (node === undefined) return null;
  const trail: N[] = [node];
  const seen = new Set<string>([node.unitId]);
  // Walk up to the answer's root; `seen` stops a malformed (cyclic) answer from looping.
  for (let p = node.parentId; p !== null && node.unitId !== res.rootId; ) {
    const parent = byId.get(p);
    if (parent === undefined || seen.has(p)) break;
    trail.unshift(parent);
    seen.add(p);
    if (p === res.rootId) break;
    p = parent.parentId;
  }
  const children = res.nodes
    .filter((n) => n.parentId === node.unitId && n.unitId !== node.unitId)
    .sort((a, b) => a.name.localeCompare(b.name, 'sv'))
    .map((n) => ({ node: n, figures: bhkFigures(n.counts, minNOf(n.unitId)) }));
  return { node, figures: bhkFigures(node.counts, minNOf(node.unitId)), children, trail };
}

export function previousMonth(month: string): string {
  return previousPeriod(month);
}

export function nextMonth(month: string): string {
  return addDays(periodRange(month).to, 1).slice(0, 7);
}
