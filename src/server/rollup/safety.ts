/**
 * /api/rollup/safety: every unit's Gröna korset month under a root, as pooled counts computed by
 * the shared safetyRollupOf from the safety facts (a manager's device runs the same function on
 * its fact blocks when offline). Leaves carry their own cross (one status per day); every level above
 * carries sums, so the day's worst colour across units and completeness follow from counts.
 */
import type { SafetyRollupResponse } from '../../shared/api-safety';
import { localDate, periodRange } from '../../shared/domain/periods';
import { safetyRollupOf } from '../../shared/domain/safety-rollup';
import { AppError } from '../../shared/errors';
import type { UnitKind } from '../../shared/schema/org-unit';
import type { Principal } from '../auth/principal';
import { sqlFactReader } from '../facts/reader';
import type { Store } from '../store/store';

export async function safetyRollupFor(store: Store, p: Principal, rootId: string, month: string, now: number): Promise<SafetyRollupResponse> {
  const units = await store.listUnits();
  const root = units.find((u) => u.id === rootId);
  if (!root) throw new AppError('not-found', { unitId: rootId }, ['rootId']);
  if (!root.path.startsWith(p.scopePath)) throw new AppError('scope-denied', { unitId: rootId }, ['rootId']);
  periodRange(month);
  const tree = units.map((u) => ({ id: u.id, parentId: u.parentId, kind: u.kind as UnitKind, name: u.name, closedAt: u.closedAt }));
  const today = localDate(now);
  const nodes = await safetyRollupOf(sqlFactReader(store, root.path, today), tree, rootId, month, today);
  return { month, rootId: root.id, today, nodes } as SafetyRollupResponse;
}
