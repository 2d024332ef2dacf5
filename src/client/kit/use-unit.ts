/**
 * The board kit's one way to choose the unit a screen is about: `?unit=…` when it lies in the
 * caller's subtree, else the caller's own (a hand-edited address never shows an empty board, nor a
 * unit this device never receives). While the org tree is still unknown (the first sync is running)
 * the address is taken as it is, and replaced by the caller's own unit once the tree says it is
 * outside the subtree.
 */
import { createMemo, type Accessor } from 'solid-js';
import { subtreeIds, type TreeUnit } from '../../shared/domain/rollup';
import { UnitId } from '../../shared/schema/ids';
import { useApp, useSession } from './context';
import { route } from './router';
import { createLiveQuery } from '../primitives';
import type { PulsDb } from '../storage/db';
import { listUnits } from '../storage/org-repo';
import type { OrgUnit } from '../../shared/schema/org-unit';

export interface UnitChoice {
  /** The org tree the device holds; undefined until read. */
  tree: Accessor<TreeUnit[] | undefined>;
  unitId: Accessor<UnitId>;
  unit: Accessor<TreeUnit | undefined>;
  /** A VO, division or region (any kind but enhet). A unit not in the tree yet counts as an enhet. */
  isLevel: Accessor<boolean>;
  /** A manager or admin: may edit settings and enter figures beyond the staff's window. */
  isLead: Accessor<boolean>;
}

/** Pure: the chosen unit id. Exported for the table test. */
export function chooseUnitId(requested: string | undefined, scopeUnitId: string, tree: readonly TreeUnit[] | undefined): UnitId {
  const scope = scopeUnitId as UnitId; // the server's identity names a unit id
  const parsed = UnitId.safeParse(requested);
  if (!parsed.success) return scope;
  if (tree === undefined) return parsed.data;
  return subtreeIds(tree, scopeUnitId).includes(parsed.data) ? parsed.data : scope;
}

/** A unit as the boards' trees hold it. */
export const treeUnit = (u: OrgUnit): TreeUnit => ({ id: u.id, parentId: u.parentId, kind: u.kind, name: u.name, closedAt: u.closedAt });

/** The device's org tree read once, as useUnit's `tree` holds it. */
export async function readTree(db: PulsDb): Promise<TreeUnit[]> {
  return (await listUnits(db)).map(treeUnit);
}

export function useUnit(): UnitChoice {
  const { db } = useApp();
  const session = useSession();
  const units = createLiveQuery(() => listUnits(db));
  const tree = createMemo(() => units()?.map(treeUnit));
  const unitId = createMemo(() => chooseUnitId(route().query.unit, session().identity.scopeUnitId, tree()));
  const unit = () => tree()?.find((u) => u.id === unitId());
  const isLevel = () => {
    const u = unit();
    return u !== undefined && u.kind !== 'enhet';
  };
  const isLead = () => ['manager', 'admin'].includes(session().identity.role);
  return { tree, unitId, unit, isLevel, isLead };
}
