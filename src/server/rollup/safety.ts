/**
 * /api/rollup/safety: every unit's Gröna korset month under a root, as pooled counts computed by
 * the shared safetyRollupNodes from raw rows (a manager's device runs the same function on its
 * replica when offline). Leaves carry their own cross (one status per day); every level above
 * carries sums, so the day's worst colour across units and completeness follow from counts.
 */
import type { SafetyRollupResponse } from '../../shared/api-safety';
import { localDate, periodRange } from '../../shared/domain/periods';
import { safetyRollupNodes } from '../../shared/domain/safety-rollup';
import { SafetyDay } from '../../shared/schema/safety-day';
import { SafetyEvent } from '../../shared/schema/safety-event';
import type { OrgView } from '../org/view';
import { publicData, type RowState } from '../../shared/sync/merge';
import type { Store, UnitRow } from '../store/store';

/**
 * Rows were validated on the way in; parsing again keeps one bad row from breaking the roll-up.
 * publicData drops merge bookkeeping (the lww tombstone field) before the strict schema sees it.
 */
function parseRows<T>(schema: { safeParse(v: unknown): { success: boolean; data?: T } }, rows: readonly RowState[]): T[] {
  return rows.flatMap((row) => {
    const r = schema.safeParse(publicData(row));
    return r.success ? [r.data as T] : [];
  });
}

/** `root` has been authorised by the route (http/route.ts); `org` is the request's tree. */
export async function safetyRollupFor(store: Store, org: OrgView, root: UnitRow, month: string, now: number): Promise<SafetyRollupResponse> {
  const { from, to } = periodRange(month);
  // A correction keeps its original's date (safety/write-rule.ts), so the month's rows are enough.
  const events = parseRows<SafetyEvent>(SafetyEvent, await store.listRows('safetyEvent', root.path, from, to));
  const days = parseRows<SafetyDay>(SafetyDay, await store.listRows('safetyDay', root.path, from, to));
  const today = localDate(now);
  return { month, rootId: root.id, today, nodes: safetyRollupNodes(org.tree, root.id, month, today, events, days) } as SafetyRollupResponse;
}
