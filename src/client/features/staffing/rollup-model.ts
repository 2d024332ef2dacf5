/**
 * A staffing roll-up answer as the screen shows it: for the chosen level and each unit below it,
 * the board's pooled sick share with its completeness, and the HR kvot with where it comes from.
 * Figures are computed here from counts with the shared functions, never from percentages.
 */
import type { Ratio } from '../../../shared/domain/bhk';
import { sickShare, lowerBetterStatus, type LowerBetterStatus } from '../../../shared/domain/staffing';
import { bedsFigures, type BedsFigures } from '../../../shared/domain/staffing-beds';
import { hrFigure, type HrFigure } from '../../../shared/domain/staffing-hr';
import type { HrMonth } from '../../../shared/schema/hr-month';
import type { StaffingRollupNode, StaffingRollupResponse } from '../../../shared/staffing-api';

/**
 * Where a node's HR figure comes from:
 * - own: the HR system's figure for this very unit or level;
 * - weighted: enheter pooled by ordinary hours (covering `weightedUnits` of `units`);
 * - perUnit: enheter have a kvot but none gave hours, so there is no total, only their own rows;
 * - none: nothing reported for the month.
 */
export type HrSource = 'own' | 'weighted' | 'perUnit' | 'none';

export interface NodeView {
  node: StaffingRollupNode;
  board: Ratio;
  hrSource: HrSource;
  hrPct: number | null;
  hr: HrFigure;
  own: HrMonth | null;
  beds: BedsFigures | null;
  boardStatus: LowerBetterStatus | null;
  hrStatus: LowerBetterStatus | null;
}

/**
 * `hrTargetPct`: the HR kvot's own "≤" target at the node in the catalogue (hrKvot); the board's
 * share is judged against node.targetPct, the catalogue's sickShare target (issue 14).
 */
export function nodeView(node: StaffingRollupNode, hrTargetPct: number | null = null): NodeView {
  const hr = hrFigure(node.hr);
  const hrSource: HrSource = node.ownHr !== null ? 'own' : hr.kvotPct !== null ? 'weighted' : hr.units > 0 ? 'perUnit' : 'none';
  const hrPct = node.ownHr?.kvotTotal ?? hr.kvotPct;
  const board = sickShare(node.board);
  return {
    node,
    board,
    hrSource,
    hrPct,
    hr,
    own: node.ownHr,
    beds: node.beds.days > 0 || node.beds.expectedUnits > 0 ? bedsFigures(node.beds) : null,
    boardStatus: node.board.filledDays > 0 ? lowerBetterStatus(board.pct, node.targetPct) : null,
    hrStatus: lowerBetterStatus(hrPct, hrTargetPct),
  };
}

export interface RollupView {
  root: NodeView;
  children: NodeView[];
}

export function rollupView(res: StaffingRollupResponse, hrTargetOf: (unitId: string) => number | null = () => null): RollupView | null {
  const root = res.nodes.find((n) => n.unitId === res.rootId);
  if (root === undefined) return null;
  const children = res.nodes
    .filter((n) => n.parentId === root.unitId && n.unitId !== root.unitId)
    .sort((a, b) => a.name.localeCompare(b.name, 'sv'))
    .map((n) => nodeView(n, hrTargetOf(n.unitId)));
  return { root: nodeView(root, hrTargetOf(root.unitId)), children };
}
