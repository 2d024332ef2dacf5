/**
 * /api/rollup/staffing: the month's staffing figures for every node under a root, plus the
 * root's trend, computed from raw rows by the shared staffingReport (staffingRollup and
 * staffingTrend: the same functions the device runs offline). Rows that no longer parse are
 * left out, not guessed at.
 */
import type { StaffingRollupResponse } from '../../shared/staffing-api';
import { localDate } from '../../shared/domain/periods';
import { staffingReport } from '../../shared/domain/staffing-report';
import type { StaffingInput } from '../../shared/domain/staffing-rollup';
import { trendRange } from '../../shared/domain/staffing-trend';
import { BedsDay } from '../../shared/schema/beds-day';
import { HrMonth } from '../../shared/schema/hr-month';
import type { EntityName } from '../../shared/schema/registry';
import { StaffingSettings } from '../../shared/schema/staffing-settings';
import { StaffingShift } from '../../shared/schema/staffing-shift';
import { publicData } from '../../shared/sync/merge';
import type { z } from 'zod/mini';
import type { OrgView } from '../org/view';
import type { Store, UnitRow } from '../store/store';

async function rowsOf<T>(store: Store, entity: EntityName, schema: z.ZodMiniType<T>, path: string, from: string, to: string): Promise<T[]> {
  const out: T[] = [];
  for (const row of await store.listRows(entity, path, from, to)) {
    // publicData drops the tombstone field a revived cell keeps (`_deleted: false`).
    const parsed = schema.safeParse(publicData(row));
    if (parsed.success) out.push(parsed.data);
  }
  return out;
}

/** `root` has been authorised by the route (http/route.ts); `org` is the request's tree. */
export async function staffingRollupFor(store: Store, org: OrgView, root: UnitRow, month: string, now: number): Promise<StaffingRollupResponse> {
  const today = localDate(now);
  const range = trendRange(month, today);
  const firstMonth = range.months[0] as string;
  const input: StaffingInput = {
    units: org.tree,
    rootId: root.id,
    today,
    // The trend's days cover the whole month too (the range ends at the month's end or today).
    shifts: await rowsOf(store, 'staffingShift', StaffingShift, root.path, range.from, `${month}-31`),
    hrMonths: await rowsOf(store, 'hrMonth', HrMonth, root.path, firstMonth, month),
    beds: await rowsOf(store, 'bedsDay', BedsDay, root.path, `${month}-01`, `${month}-31`),
    settings: await rowsOf(store, 'staffingSettings', StaffingSettings, root.path, '', ''),
  };
  return staffingReport(input, month);
}
