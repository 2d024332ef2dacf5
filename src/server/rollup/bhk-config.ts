/**
 * The BHK profession list in force for a unit: the nearest bhkConfig record at or above it (a
 * region sets it for all its units; a lower level may set its own), else the default list. A ward
 * tablet cannot pull its region's record (pull is scoped to its unit), so it asks here and keeps
 * the answer for offline use.
 */
import type { BhkConfigResponse } from '../../shared/bhk-api';
import { ancestorsOf } from '../../shared/domain/rollup';
import { BhkConfig, bhkConfigIdFor } from '../../shared/schema/bhk-config';
import type { OrgView } from '../org/view';
import type { Store, UnitRow } from '../store/store';
import { publicData } from '../../shared/sync/merge';

/** `professions: []` with `sourceUnitId: null` means "the default list" (labels per language). */
export async function bhkProfessionsAt(store: Store, org: OrgView, unitId: string): Promise<BhkConfigResponse> {
  for (const id of [unitId, ...ancestorsOf(org.tree, unitId)]) {
    const row = await store.getRow('bhkConfig', bhkConfigIdFor(id));
    if (row === undefined || row.deleted) continue;
    const parsed = BhkConfig.safeParse(publicData(row));
    if (parsed.success) return { sourceUnitId: parsed.data.unitId, professions: parsed.data.professions };
  }
  return { sourceUnitId: null, professions: [] };
}

/** `unit` has been authorised by the route (http/route.ts); `org` is the request's tree. */
export async function bhkConfigFor(store: Store, org: OrgView, unit: UnitRow): Promise<BhkConfigResponse> {
  return bhkProfessionsAt(store, org, unit.id);
}
