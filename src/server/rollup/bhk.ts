/** /api/rollup/bhk: pooled BHK counts for every node under a root, from raw observations. */
import type { BhkRollupResponse } from '../../shared/api';
import { bhkRollup } from '../../shared/domain/bhk-rollup';
import { daysInMonth } from '../../shared/domain/periods';
import { AppError } from '../../shared/errors';
import { BhkObservation } from '../../shared/schema/bhk-observation';
import type { UnitKind } from '../../shared/schema/org-unit';
import type { Principal } from '../auth/principal';
import type { Store } from '../store/store';

export async function bhkRollupFor(store: Store, p: Principal, rootId: string, month: string): Promise<BhkRollupResponse> {
  const units = await store.listUnits();
  const root = units.find((u) => u.id === rootId);
  if (!root) throw new AppError('not-found', { unitId: rootId }, ['rootId']);
  if (!root.path.startsWith(p.scopePath)) throw new AppError('scope-denied', { unitId: rootId }, ['rootId']);
  const rows = await store.listRows('bhkObservation', root.path, `${month}-01`, `${month}-${String(daysInMonth(month)).padStart(2, '0')}`);
  const observations: BhkObservation[] = [];
  for (const row of rows) {
    const parsed = BhkObservation.safeParse(row.data);
    if (parsed.success) observations.push(parsed.data);
  }
  const tree = units.map((u) => ({ id: u.id, parentId: u.parentId, kind: u.kind as UnitKind, name: u.name, closedAt: u.closedAt }));
  const nodes = bhkRollup(tree, rootId, observations);
  const byId = new Map(tree.map((u) => [u.id, u]));
  return {
    month,
    rootId: root.id,
    nodes: [...nodes.values()].map((n) => {
      const u = byId.get(n.unitId);
      return {
        unitId: n.unitId,
        name: u?.name ?? n.unitId,
        kind: u?.kind ?? 'enhet',
        parentId: n.unitId === root.id ? root.parentId : (u?.parentId ?? null),
        closed: u?.closedAt != null,
        counts: n.counts,
        reporting: n.reporting,
        expected: n.expected,
      };
    }),
  } as BhkRollupResponse;
}
