/**
 * A board's goal on this device, live (issue 14: one target per figure): the catalogue's
 * definition of the board's indicator in force at the unit, from the replica and the cached config
 * of the levels above, which is refreshed from the server when it answers. The hygiene board, the
 * staffing board, the meeting's steps and the wall screen read their target only through this.
 */
import { createEffect, type Accessor } from 'solid-js';
import { BOARD_INDICATORS, type BoardGoal, type BoardKind } from '../../../shared/domain/indicators/board-goal';
import type { TreeUnit } from '../../../shared/domain/rollup';
import { useApp } from '../../kit/context';
import { createLiveQuery } from '../../primitives';
import { boardGoalFor } from '../../storage/indicator-repo';
import { listUnits } from '../../storage/org-repo';
import { refreshConfig } from './config-refresh';

export function createBoardGoal(unitId: Accessor<string>, board: BoardKind): Accessor<BoardGoal | undefined> {
  const { api, db } = useApp();
  createEffect(() => void refreshConfig(api, db, unitId()));
  return createLiveQuery(async () => {
    const id = unitId(); // read before the first await, so the query follows it
    const units = (await listUnits(db)).map((u): TreeUnit => ({ id: u.id, parentId: u.parentId, kind: u.kind, name: u.name, closedAt: u.closedAt }));
    return boardGoalFor(db, units, id, BOARD_INDICATORS[board]);
  });
}
