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
  hsaId: u.hsaId ?? null,
}) as OrgUnit;

/** Refuses an HSA-id another unit already has (the unique index decides a race). */
export async function checkHsaId(tx: StoreTx, unitId: string, hsaId: string | null | undefined): Promise<void> {
  if (hsaId === null || hsaId === undefined) return;
  const holder = await tx.getUnitByHsaId(hsaId);
  if (holder && holder.id !== unitId) throw new AppError('duplicate', { hsaId }, ['hsaId']);
}

/** Units in the caller's subtree plus their ancestors (so a client can show the path). */
export function listOrg(p: Principal, org: OrgView): OrgUnit[] {
  return visibleUnits(p, org).map(toOrgUnit);
}

// Units are read again inside the transaction and checked there: a concurrent move decides.
/** Two admins giving one HSA-id at once: the unique index decides, as a duplicate. */
async function uniqueHsa<T>(work: Promise<T>, hsaId: string | null | undefined): Promise<T> {
  try {
    return await work;
  } catch (e) {
    if (hsaId && /unique/i.test(String((e as Error).message))) throw new AppError('duplicate', { hsaId }, ['hsaId']);
    throw e;
  }
}

export async function createUnit(store: Store, p: Principal, input: { name: string; kind: string; parentId: string; hsaId?: string | null | undefined }, id: string = uuidv7()): Promise<OrgUnit> {
  return uniqueHsa(createUnitTx(store, p, input, id), input.hsaId);
}
async function createUnitTx(store: Store, p: Principal, input: { name: string; kind: string; parentId: string; hsaId?: string | null | undefined }, id: string): Promise<OrgUnit> {
  return store.tx(async (tx) => {
    const parent = authorize(p, 'administer', await tx.getUnit(input.parentId), input.parentId, 'parentId');
    if (await tx.getUnit(id)) throw new AppError('duplicate', { unitId: id }, ['id']);
    await checkHsaId(tx, id, input.hsaId);
    const unit: UnitRow = { id, name: input.name, kind: input.kind, parentId: parent.id, path: `${parent.path}${id}/`, closedAt: null, hsaId: input.hsaId ?? null };
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
  patch: { name?: string; parentId?: string; closed?: boolean; hsaId?: string | null | undefined },
  now: number,
): Promise<OrgUnit> {
  return uniqueHsa(updateUnitTx(store, p, id, patch, now), patch.hsaId);
}
async function updateUnitTx(store: Store, p: Principal, id: string, patch: { name?: string; parentId?: string; closed?: boolean; hsaId?: string | null | undefined }, now: number): Promise<OrgUnit> {
  return store.tx(async (tx) => {
    let unit = authorize(p, 'administer', await tx.getUnit(id), id, 'id');
    if (patch.parentId !== undefined && patch.parentId !== unit.parentId) {
      if (unit.parentId === null) throw new AppError('validation', { reason: 'root-cannot-move' }, ['parentId']);
      const parent = authorize(p, 'administer', await tx.getUnit(patch.parentId), patch.parentId, 'parentId');
      unit = await moveUnit(tx, unit, parent);
    }
    const changes: Partial<UnitRow> = {};
    if (patch.name !== undefined) changes.name = patch.name;
    if (patch.hsaId !== undefined) {
      await checkHsaId(tx, id, patch.hsaId);
      changes.hsaId = patch.hsaId;
    }
    if (patch.closed !== undefined) changes.closedAt = patch.closed ? (unit.closedAt ?? new Date(now).toISOString()) : null;
    await tx.updateUnit(id, changes);
    return toOrgUnit({ ...unit, ...changes });
  });
}
