/**
 * A board's goal on this device, live (issue 14: one target per figure): the catalogue's
 * definition of the board's indicator in force at the unit, from the replica and the cached config
 * of the levels above, which is refreshed from the server when it answers. The hygiene board, the
 * staffing board, the meeting's steps and the wall screen read their target only through this.
 */
import { createEffect, type Accessor } from 'solid-js';
import { BOARD_INDICATORS, type BoardGoal, type BoardKind } from '../../../shared/domain/indicators/board-goal';
import type { TreeUnit } from '../../../shared/domain/rollup';
import type { OrgUnit } from '../../../shared/schema/org-unit';
import { useApp } from '../../kit/context';
import { createLiveQuery } from '../../primitives';
import type { PulsDb } from '../../storage/db';
import { boardGoalFor } from '../../storage/indicator-repo';
import { listUnits } from '../../storage/org-repo';
import { refreshConfig } from './config-refresh';

export const treeOf = (units: readonly OrgUnit[]): TreeUnit[] =>
  units.map((u): TreeUnit => ({ id: u.id, parentId: u.parentId, kind: u.kind, name: u.name, closedAt: u.closedAt }));

/** The device's org tree (the unit's ancestors resolve the levels' targets). */
export async function deviceTree(db: PulsDb): Promise<TreeUnit[]> {
  return treeOf(await listUnits(db));
}

/** Keeps the levels' indicator rows above `unitId` cached while a board shows it (best effort). */
export function refreshGoalsOf(unitId: Accessor<string>): void {
  const { api, db } = useApp();
  createEffect(() => void refreshConfig(api, db, unitId()));
}

export function createBoardGoal(unitId: Accessor<string>, board: BoardKind): Accessor<BoardGoal | undefined> {
  const { db } = useApp();
  refreshGoalsOf(unitId);
  return createLiveQuery(async () => {
    const id = unitId(); // read before the first await, so the query follows it
    return boardGoalFor(db, await deviceTree(db), id, BOARD_INDICATORS[board]);
  });
}

/** The staffing board's two sick-leave goals: the board's figure (sickShare) and the HR kvot (hrKvot). */
export async function staffingGoalsFor(db: PulsDb, units: readonly TreeUnit[], unitId: string): Promise<{ sick: BoardGoal; hr: BoardGoal }> {
  return { sick: await boardGoalFor(db, units, unitId, BOARD_INDICATORS.staffing), hr: await boardGoalFor(db, units, unitId, 'hrKvot') };
}
