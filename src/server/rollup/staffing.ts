/**
 * /api/rollup/staffing: the month's staffing figures for every node under a root, plus the
 * root's trend, computed from the staff, beds and HR facts by the shared staffingReportOf (the
 * same function the device runs offline). Settings rows that no longer parse are left out. The
 * sick-leave target of each node is the indicator catalogue's (sickShare, issue 14): the
 * indicator rows of the root's ancestors and subtree are read with the settings.
 */
import type { StaffingRollupResponse } from '../../shared/staffing-api';
import { localDate } from '../../shared/domain/periods';
import { staffingReportOf } from '../../shared/domain/staffing-report';
import { StaffingSettings } from '../../shared/schema/staffing-settings';
import { sqlFactReader } from '../facts/reader';
import { Indicator } from '../../shared/schema/indicator';
import { ancestorIndicatorRows, rowsOf } from '../indicators/load';
import type { OrgView } from '../org/view';
import type { Store, UnitRow } from '../store/store';

/** `root` has been authorised by the route (http/route.ts); `org` is the request's tree. */
export async function staffingRollupFor(store: Store, org: OrgView, root: UnitRow, month: string, now: number): Promise<StaffingRollupResponse> {
  const today = localDate(now);
  const settings = await rowsOf(store, 'staffingSettings', StaffingSettings, root.path, '', '');
  const indicatorRows = [...(await ancestorIndicatorRows(store, org, root.id)), ...(await rowsOf(store, 'indicator', Indicator, root.path, '', ''))];
  return staffingReportOf(sqlFactReader(store, root.path, today), org.tree, root.id, today, settings, month, indicatorRows);
}
