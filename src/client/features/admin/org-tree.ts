/** The org list as an indented tree, and which units may become whose parent. Pure. */
import { subtreeIds } from '../../../shared/domain';
import type { OrgUnit } from '../../../shared/schema/org-unit';

export interface TreeRow {
  unit: OrgUnit;
  depth: number;
}

/** Every unit once, parents before children, siblings by name; units whose parent is missing are roots. */
export function treeRows(units: readonly OrgUnit[]): TreeRow[] {
  const ids = new Set(units.map((u) => u.id as string));
  const byName = (a: OrgUnit, b: OrgUnit) => a.name.localeCompare(b.name, 'sv');
  const children = new Map<string, OrgUnit[]>();
  const roots: OrgUnit[] = [];
  for (const u of units) {
    if (u.parentId === null || !ids.has(u.parentId)) roots.push(u);
    else children.set(u.parentId, [...(children.get(u.parentId) ?? []), u]);
  }
  const rows: TreeRow[] = [];
  const seen = new Set<string>();
  const visit = (u: OrgUnit, depth: number) => {
    // A cyclic tree from a bad import must not hang the admin page.
    if (seen.has(u.id)) return;
    seen.add(u.id);
    rows.push({ unit: u, depth });
    for (const c of (children.get(u.id) ?? []).sort(byName)) visit(c, depth + 1);
  };
  for (const r of roots.sort(byName)) visit(r, 0);
  return rows;
}

/** Open units that can hold children: not enheter (the leaves that report). */
export function parentCandidates(units: readonly OrgUnit[]): OrgUnit[] {
  return units.filter((u) => u.kind !== 'enhet' && u.closedAt === null);
}

/** Where `unit` may move: any open non-leaf outside its own subtree (the server rejects cycles too). */
export function moveTargets(units: readonly OrgUnit[], unitId: string): OrgUnit[] {
  const own = new Set(subtreeIds(units, unitId));
  return parentCandidates(units).filter((u) => !own.has(u.id));
}

/** Open enheter within `rootId`'s subtree: the units a tablet can be enrolled for. */
export function enrolableUnits(units: readonly OrgUnit[], rootId: string): OrgUnit[] {
  const within = new Set(subtreeIds(units, rootId));
  return units.filter((u) => within.has(u.id) && u.kind === 'enhet' && u.closedAt === null);
}
