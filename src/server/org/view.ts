/**
 * The organisation tree as one request (or one push) sees it: the stored units, looked up by id,
 * and the same units in the shape the shared domain functions take (TreeUnit). Loaded once and
 * passed along, so no service reads the tree again or maps a UnitRow to a TreeUnit by hand.
 */
import { subtreeIds, type TreeUnit } from '../../shared/domain/rollup';
import type { UnitKind } from '../../shared/schema/org-unit';
import type { UnitRow } from '../store/store';

export interface OrgView {
  readonly units: readonly UnitRow[];
  /** The units for shared/domain (roll-ups, escalation, indicators), in the same order. */
  readonly tree: readonly TreeUnit[];
  get(id: string): UnitRow | undefined;
  /** Whether some unit has `id` as its parent (a unit with units below it, not a leaf). */
  isParent(id: string): boolean;
  /** The unit and every unit below it, parent before children ([] for an unknown id). */
  subtree(id: string): UnitRow[];
}

/** The one mapping from a stored unit to the shared domain's tree node. */
export const toTreeUnit = (u: UnitRow): TreeUnit => ({ id: u.id, parentId: u.parentId, kind: u.kind as UnitKind, name: u.name, closedAt: u.closedAt });

export function orgView(units: readonly UnitRow[]): OrgView {
  const byId = new Map(units.map((u) => [u.id, u]));
  const tree = units.map(toTreeUnit);
  let parents: Set<string> | undefined;
  return {
    units,
    tree,
    get: (id) => byId.get(id),
    isParent: (id) => (parents ??= new Set(units.flatMap((u) => (u.parentId === null ? [] : [u.parentId])))).has(id),
    subtree: (id) => subtreeIds(tree, id).flatMap((x) => byId.get(x) ?? []),
  };
}
