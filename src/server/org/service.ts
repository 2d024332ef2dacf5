/** The organisation tree: read in scope, and the admin's create / rename / move / close. */
import { uuidv7 } from 'uuidv7';
import type { OrgUnit } from '../../shared/schema/org-unit';
import { AppError } from '../../shared/errors';
import { authorize, visibleUnits } from '../auth/policy';
import type { Principal } from '../auth/principal';
import type { OrgView } from './view';
import type { Store, StoreTx, UnitRow } from '../store/store';

export const toOrgUnit = (u: UnitRow): OrgUnit => ({
  id: u.id,
  name: u.name,
  kind: u.kind,
  parentId: u.parentId,
  closedAt: u.closedAt,
}) as OrgUnit;

/** Units in the caller's subtree plus their ancestors (so a client can show the path). */
export function listOrg(p: Principal, org: OrgView): OrgUnit[] {
  return visibleUnits(p, org).map(toOrgUnit);
}

// Units are read again inside the transaction and checked there: a concurrent move decides.
export async function createUnit(store: Store, p: Principal, input: { name: string; kind: string; parentId: string }, id: string = uuidv7()): Promise<OrgUnit> {
  return store.tx(async (tx) => {
    const parent = authorize(p, 'administer', await tx.getUnit(input.parentId), input.parentId, 'parentId');
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
  return store.tx(async (tx) => {
    let unit = authorize(p, 'administer', await tx.getUnit(id), id, 'id');
    if (patch.parentId !== undefined && patch.parentId !== unit.parentId) {
      if (unit.parentId === null) throw new AppError('validation', { reason: 'root-cannot-move' }, ['parentId']);
      const parent = authorize(p, 'administer', await tx.getUnit(patch.parentId), patch.parentId, 'parentId');
      unit = await moveUnit(tx, unit, parent);
    }
    const changes: Partial<UnitRow> = {};
    if (patch.name !== undefined) changes.name = patch.name;
    if (patch.closed !== undefined) changes.closedAt = patch.closed ? (unit.closedAt ?? new Date(now).toISOString()) : null;
    await tx.updateUnit(id, changes);
    return toOrgUnit({ ...unit, ...changes });
  });
}
