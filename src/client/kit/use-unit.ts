/**
 * The org tree as TreeUnits and the unit a screen is about: ?unit=… when it lies in the caller's
 * subtree, else the caller's own (a hand-edited address never shows an empty board).
 */
import { createMemo, type Accessor } from 'solid-js';
import { subtreeIds, type TreeUnit } from '../../shared/domain/rollup';
import { UnitId } from '../../shared/schema/ids';
import { useApp, useSession } from './context';
import { route } from './router';
import { createLiveQuery } from '../primitives';
import { listUnits } from '../storage/org-repo';

export interface UnitChoice {
  tree: Accessor<TreeUnit[] | undefined>;
  unitId: Accessor<string>;
  unit: Accessor<TreeUnit | undefined>;
  /** A VO, division or region: a unit with units below it. */
  isLevel: Accessor<boolean>;
  isLead: Accessor<boolean>;
}

export function useUnit(): UnitChoice {
  const { db } = useApp();
  const session = useSession();
  const units = createLiveQuery(() => listUnits(db));
  const tree = createMemo(() => units()?.map((u): TreeUnit => ({ id: u.id, parentId: u.parentId, kind: u.kind, name: u.name, closedAt: u.closedAt })));
  const unitId = createMemo(() => {
    const scope = session().identity.scopeUnitId;
    const parsed = UnitId.safeParse(route().query.unit);
    if (!parsed.success) return scope;
    const known = tree();
    return known !== undefined && subtreeIds(known, scope).includes(parsed.data) ? parsed.data : scope;
  });
  const unit = () => tree()?.find((u) => u.id === unitId());
  const isLevel = () => {
    const u = unit();
    return u !== undefined && u.kind !== 'enhet';
  };
  const isLead = () => ['manager', 'admin'].includes(session().identity.role);
  return { tree, unitId, unit, isLevel, isLead };
}
