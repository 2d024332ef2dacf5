/**
 * /api/rollup/staffing: the month's staffing figures for every node under a root, plus the
 * root's trend, computed from the staff, beds and HR facts by the shared staffingReportOf (the
 * same function the device runs offline). Settings rows that no longer parse are left out.
 */
import type { StaffingRollupResponse } from '../../shared/staffing-api';
import { localDate } from '../../shared/domain/periods';
import { staffingReportOf } from '../../shared/domain/staffing-report';
import { StaffingSettings } from '../../shared/schema/staffing-settings';
import { sqlFactReader } from '../facts/reader';
import { rowsOf } from '../indicators/load';
import type { OrgView } from '../org/view';
import type { Store, UnitRow } from '../store/store';

/** `root` has been authorised by the route (http/route.ts); `org` is the request's tree. */
export async function staffingRollupFor(store: Store, org: OrgView, root: UnitRow, month: string, now: number): Promise<StaffingRollupResponse> {
  const today = localDate(now);
  const settings = await rowsOf(store, 'staffingSettings', StaffingSettings, root.path, '', '');
  return staffingReportOf(sqlFactReader(store, root.path, today), org.tree, root.id, today, settings, month);
}
