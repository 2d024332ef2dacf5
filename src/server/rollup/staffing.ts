/**
 * /api/rollup/staffing: the month's staffing figures for every node under a root, plus the
 * root's trend, computed from the staff, beds and HR facts by the shared staffingReportOf (the
 * same function the device runs offline). Settings rows that no longer parse are left out.
 */
import type { StaffingRollupResponse } from '../../shared/staffing-api';
import { localDate } from '../../shared/domain/periods';
import { staffingReportOf } from '../../shared/domain/staffing-report';
import { AppError } from '../../shared/errors';
import type { UnitKind } from '../../shared/schema/org-unit';
import { StaffingSettings } from '../../shared/schema/staffing-settings';
import type { Principal } from '../auth/principal';
import { sqlFactReader } from '../facts/reader';
import { rowsOf } from '../indicators/load';
import type { Store } from '../store/store';

export async function staffingRollupFor(store: Store, p: Principal, rootId: string, month: string, now: number): Promise<StaffingRollupResponse> {
  const units = await store.listUnits();
  const root = units.find((u) => u.id === rootId);
  if (!root) throw new AppError('not-found', { unitId: rootId }, ['rootId']);
  if (!root.path.startsWith(p.scopePath)) throw new AppError('scope-denied', { unitId: rootId }, ['rootId']);
  const today = localDate(now);
  const tree = units.map((u) => ({ id: u.id, parentId: u.parentId, kind: u.kind as UnitKind, name: u.name, closedAt: u.closedAt }));
  const settings = await rowsOf(store, 'staffingSettings', StaffingSettings, root.path, '', '');
  return staffingReportOf(sqlFactReader(store, root.path, today), tree, rootId, today, settings, month);
}
