/**
 * /api/rollup/safety: every unit's Gröna korset month under a root, as pooled counts computed by
 * the shared safetyRollupNodes from raw rows (a manager's device runs the same function on its
 * replica when offline). Leaves carry their own cross (one status per day); every level above
 * carries sums, so the day's worst colour across units and completeness follow from counts.
 */
import type { SafetyRollupResponse } from '../../shared/api-safety';
import { localDate, periodRange } from '../../shared/domain/periods';
import { safetyRollupNodes } from '../../shared/domain/safety-rollup';
import { AppError } from '../../shared/errors';
import type { UnitKind } from '../../shared/schema/org-unit';
import { SafetyDay } from '../../shared/schema/safety-day';
import { SafetyEvent } from '../../shared/schema/safety-event';
import type { Principal } from '../auth/principal';
import { publicData, type RowState } from '../../shared/sync/merge';
import type { Store } from '../store/store';

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

export async function safetyRollupFor(store: Store, p: Principal, rootId: string, month: string, now: number): Promise<SafetyRollupResponse> {
  const units = await store.listUnits();
  const root = units.find((u) => u.id === rootId);
  if (!root) throw new AppError('not-found', { unitId: rootId }, ['rootId']);
  if (!root.path.startsWith(p.scopePath)) throw new AppError('scope-denied', { unitId: rootId }, ['rootId']);
  const { from, to } = periodRange(month);
  // A correction keeps its original's date (safety/write-rule.ts), so the month's rows are enough.
  const events = parseRows<SafetyEvent>(SafetyEvent, await store.listRows('safetyEvent', root.path, from, to));
  const days = parseRows<SafetyDay>(SafetyDay, await store.listRows('safetyDay', root.path, from, to));
  const tree = units.map((u) => ({ id: u.id, parentId: u.parentId, kind: u.kind as UnitKind, name: u.name, closedAt: u.closedAt }));
  const today = localDate(now);
  return { month, rootId: root.id, today, nodes: safetyRollupNodes(tree, rootId, month, today, events, days) } as SafetyRollupResponse;
}
