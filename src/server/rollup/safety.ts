/**
 * /api/rollup/safety: every unit's Gröna korset month under a root, as pooled counts computed by
 * the shared safetyPoolViewsOf from the safety facts (a manager's device runs the same function,
 * safetyRollupOf, on its fact blocks when offline). Leaves carry their own cross (one status per
 * day); every level above carries sums, so the day's worst colour across units and completeness
 * follow from counts. The route writes the pooled nodes in the form asked (api-safety.ts).
 */
import type { PooledSafetyRollup } from '../../shared/api-safety';
import { localDate, periodRange } from '../../shared/domain/periods';
import { safetyPoolViewsOf } from '../../shared/domain/safety-rollup';
import { sqlFactReader } from '../facts/reader';
import type { OrgView } from '../org/view';
import type { Store, UnitRow } from '../store/store';

/** `root` has been authorised by the route (http/route.ts); `org` is the request's tree. */
export async function safetyRollupFor(store: Store, org: OrgView, root: UnitRow, month: string, now: number): Promise<PooledSafetyRollup> {
  periodRange(month);
  const today = localDate(now);
  const nodes = await safetyPoolViewsOf(sqlFactReader(store, root.path, today), org.tree, root.id, month, today);
  return { month, rootId: root.id, today, nodes };
}
