/**
 * The BHK profession list in force for a unit: the nearest bhkConfig record at or above it (a
 * region sets it for all its units; a lower level may set its own), else the default list. A ward
 * tablet cannot pull its region's record (pull is scoped to its unit), so it asks here and keeps
 * the answer for offline use.
 */
import type { BhkConfigResponse } from '../../shared/bhk-api';
import { ancestorsOf } from '../../shared/domain/rollup';
import { AppError } from '../../shared/errors';
import { BhkConfig, bhkConfigIdFor } from '../../shared/schema/bhk-config';
import type { UnitKind } from '../../shared/schema/org-unit';
import type { Principal } from '../auth/principal';
import type { Store, UnitRow } from '../store/store';
import { publicData } from '../../shared/sync/merge';

/** `professions: []` with `sourceUnitId: null` means "the default list" (labels per language). */
export async function bhkProfessionsAt(store: Store, units: readonly UnitRow[], unitId: string): Promise<BhkConfigResponse> {
  const tree = units.map((u) => ({ id: u.id, parentId: u.parentId, kind: u.kind as UnitKind, name: u.name, closedAt: u.closedAt }));
  for (const id of [unitId, ...ancestorsOf(tree, unitId)]) {
    const row = await store.getRow('bhkConfig', bhkConfigIdFor(id));
    if (row === undefined || row.deleted) continue;
    const parsed = BhkConfig.safeParse(publicData(row));
    if (parsed.success) return { sourceUnitId: parsed.data.unitId, professions: parsed.data.professions };
  }
  return { sourceUnitId: null, professions: [] };
}

export async function bhkConfigFor(store: Store, p: Principal, unitId: string): Promise<BhkConfigResponse> {
  const units = await store.listUnits();
  const unit = units.find((u) => u.id === unitId);
  if (!unit) throw new AppError('not-found', { unitId }, ['unitId']);
  if (!unit.path.startsWith(p.scopePath)) throw new AppError('scope-denied', { unitId }, ['unitId']);
  return bhkProfessionsAt(store, units, unitId);
}
