/** The organisation tree: read in scope, and the admin's create / rename / move / close. */
import { uuidv7 } from 'uuidv7';
import type { OrgUnit } from '../../shared/schema/org-unit';
import { AppError } from '../../shared/errors';
import { type Principal, requireRole } from '../auth/principal';
import type { Store, StoreTx, UnitRow } from '../store/store';

export const toOrgUnit = (u: UnitRow): OrgUnit => ({
  id: u.id,
  name: u.name,
  kind: u.kind,
  parentId: u.parentId,
  closedAt: u.closedAt,
}) as OrgUnit;

/** Units in the caller's subtree plus their ancestors (so a client can show the path). */
export async function listOrg(store: Store, p: Principal): Promise<OrgUnit[]> {
  const units = await store.listUnits();
  const ancestorIds = new Set(p.scopePath.split('/').filter(Boolean));
  return units.filter((u) => u.path.startsWith(p.scopePath) || ancestorIds.has(u.id)).map(toOrgUnit);
}

export async function createUnit(store: Store, p: Principal, input: { name: string; kind: string; parentId: string }, id: string = uuidv7()): Promise<OrgUnit> {
  requireRole(p, 'admin');
  return store.tx(async (tx) => {
    const parent = await tx.getUnit(input.parentId);
    if (!parent) throw new AppError('not-found', { unitId: input.parentId }, ['parentId']);
    if (!parent.path.startsWith(p.scopePath)) throw new AppError('scope-denied', { unitId: input.parentId }, ['parentId']);
    if (await tx.getUnit(id)) throw new AppError('duplicate', { unitId: id }, ['id']);
    const unit: UnitRow = { id, name: input.name, kind: input.kind, parentId: parent.id, path: `${parent.path}${id}/`, closedAt: null };
    await tx.insertUnit(unit);
    return toOrgUnit(unit);
  });
}

/** Moves `unit` under `newParent` inside an open transaction; refuses cycles. */
export async function moveUnit(tx: StoreTx, unit: UnitRow, newParent: UnitRow): Promise<UnitRow> {
  if (newParent.path.startsWith(unit.path)) throw new AppError('cycle', { unitId: unit.id }, ['parentId']);
  const newPath = `${newParent.path}${unit.id}/`;
  await tx.updateUnit(unit.id, { parentId: newParent.id });
  await tx.rewritePaths(unit.path, newPath);
  return { ...unit, parentId: newParent.id, path: newPath };
}

export async function updateUnit(
  store: Store,
  p: Principal,
  id: string,
  patch: { name?: string; parentId?: string; closed?: boolean },
  now: number,
): Promise<OrgUnit> {
  requireRole(p, 'admin');
  return store.tx(async (tx) => {
    let unit = await tx.getUnit(id);
    if (!unit) throw new AppError('not-found', { unitId: id });
    if (!unit.path.startsWith(p.scopePath)) throw new AppError('scope-denied', { unitId: id });
    if (patch.parentId !== undefined && patch.parentId !== unit.parentId) {
      if (unit.parentId === null) throw new AppError('validation', { reason: 'root-cannot-move' }, ['parentId']);
      const parent = await tx.getUnit(patch.parentId);
      if (!parent) throw new AppError('not-found', { unitId: patch.parentId }, ['parentId']);
      if (!parent.path.startsWith(p.scopePath)) throw new AppError('scope-denied', { unitId: patch.parentId }, ['parentId']);
      unit = await moveUnit(tx, unit, parent);
    }
    const changes: Partial<UnitRow> = {};
    if (patch.name !== undefined) changes.name = patch.name;
    if (patch.closed !== undefined) changes.closedAt = patch.closed ? (unit.closedAt ?? new Date(now).toISOString()) : null;
    await tx.updateUnit(id, changes);
    return toOrgUnit({ ...unit, ...changes });
  });
}
