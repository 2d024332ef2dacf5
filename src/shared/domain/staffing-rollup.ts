/**
 * Staffing roll-up from raw rows: the one function the server's /api/rollup/staffing and the
 * device's offline figures both call (architecture principle 1). Three figures roll up side by
 * side, each with its own completeness:
 *  - the board's sick share: pooled staff-shifts (Σ sick / Σ planned), with filled vs expected
 *    unit-days;
 *  - the HR kvot: enheter pooled by ordinary hours (staffing-hr.ts). A higher level's own HR row
 *    (the HR system's figure for a VO, say) is kept as `ownHr` and never added to its children's;
 *  - beds: pooled days of the units that report beds.
 * Units are walked in id order, so the floating-point HR sums do not depend on input order.
 */
import type { BedsDay } from '../schema/beds-day';
import type { HrMonth } from '../schema/hr-month';
import type { StaffingShift } from '../schema/staffing-shift';
import { staffingConfig, type StaffingSettings } from '../schema/staffing-settings';
import { periodRange } from './periods';
import { type RollupNode, rollupTree, type TreeUnit } from './rollup';
import { addBedsCounts, type BedsCounts, countBeds, emptyBedsCounts } from './staffing-beds';
import { addHrCounts, emptyHrCounts, type HrCounts, hrCountsOf } from './staffing-hr';
import { addShiftCounts, countShifts, emptyShiftCounts, expectedDays, type ShiftCounts } from './staffing';

export interface StaffingInput {
  units: readonly TreeUnit[];
  rootId: string;
  /** Today in Europe/Stockholm: days after it are not expected yet (a partial month). */
  today: string;
  shifts: readonly StaffingShift[];
  hrMonths: readonly HrMonth[];
  beds: readonly BedsDay[];
  settings: readonly StaffingSettings[];
}

export interface BoardCounts extends ShiftCounts {
  /** Unit-days with at least one shift entered. */
  filledDays: number;
  /** Unit-days open reporting units were expected to fill in, up to today. */
  expectedDays: number;
}

export interface StaffingNode {
  unitId: string;
  board: BoardCounts;
  /** Open reporting units with ≥ 1 filled day, of `boardExpected` open reporting units. */
  boardReporting: number;
  boardExpected: number;
  hr: HrCounts;
  hrReporting: number;
  hrExpected: number;
  /** The unit's own HR row for the month (for a higher level: the HR system's own figure). */
  ownHr: HrMonth | null;
  beds: BedsCounts;
  targetPct: number | null;
}

const emptyBoard = (): BoardCounts => ({ ...emptyShiftCounts(), filledDays: 0, expectedDays: 0 });
const addBoard = (a: BoardCounts, b: BoardCounts): BoardCounts => ({
  ...addShiftCounts(a, b),
  filledDays: a.filledDays + b.filledDays,
  expectedDays: a.expectedDays + b.expectedDays,
});

function groupBy<T extends { unitId: string }>(rows: readonly T[], keep: (r: T) => boolean): Map<string, T[]> {
  const out = new Map<string, T[]>();
  for (const r of rows) {
    if (!keep(r)) continue;
    const list = out.get(r.unitId) ?? [];
    list.push(r);
    out.set(r.unitId, list);
  }
  return out;
}

/** Units sorted by id, and the ids that are some unit's parent (the levels above enheter). */
export function sortedTree(units: readonly TreeUnit[]): { tree: TreeUnit[]; parents: Set<string> } {
  const tree = [...units].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  const parents = new Set<string>();
  for (const u of tree) if (u.parentId !== null && u.parentId !== u.id) parents.add(u.parentId);
  return { tree, parents };
}

export function staffingRollup(input: StaffingInput, month: string): Map<string, StaffingNode> {
  const { from, to } = periodRange(month);
  const { tree, parents } = sortedTree(input.units);
  const settings = new Map(input.settings.map((s) => [s.unitId as string, s]));
  const shifts = groupBy(input.shifts, (r) => r.date >= from && r.date <= to);
  const beds = groupBy(input.beds, (r) => r.date >= from && r.date <= to);
  const hr = new Map<string, HrMonth>();
  for (const m of input.hrMonths) if (m.month === month) hr.set(m.unitId, m);

  const boardLeaf = new Map<string, BoardCounts>();
  const hrLeaf = new Map<string, HrCounts>();
  const bedsLeaf = new Map<string, BedsCounts>();
  for (const u of tree) {
    const config = staffingConfig(settings.get(u.id));
    const reports = !parents.has(u.id) && u.closedAt === null;
    const rows = shifts.get(u.id) ?? [];
    boardLeaf.set(u.id, {
      ...countShifts(rows),
      filledDays: new Set(rows.map((r) => r.date)).size,
      expectedDays: reports ? expectedDays(from, to, input.today, config.weekdaysOnly) : 0,
    });
    const own = hr.get(u.id);
    if (own !== undefined && !parents.has(u.id)) hrLeaf.set(u.id, hrCountsOf(own));
    bedsLeaf.set(u.id, countBeds(beds.get(u.id) ?? [], reports && config.bedsEnabled));
  }

  const board = rollupTree(tree, input.rootId, boardLeaf, addBoard, emptyBoard, (c) => c.filledDays > 0);
  const hrTree = rollupTree(tree, input.rootId, hrLeaf, addHrCounts, emptyHrCounts, (c) => c.units > 0);
  const bedsTree = rollupTree(tree, input.rootId, bedsLeaf, addBedsCounts, emptyBedsCounts, (c) => c.days > 0);

  const out = new Map<string, StaffingNode>();
  for (const [id, b] of board) {
    const h = hrTree.get(id) as RollupNode<HrCounts>;
    out.set(id, {
      unitId: id,
      board: b.counts,
      boardReporting: b.reporting,
      boardExpected: b.expected,
      hr: h.counts,
      hrReporting: h.reporting,
      hrExpected: h.expected,
      ownHr: hr.get(id) ?? null,
      beds: (bedsTree.get(id) as RollupNode<BedsCounts>).counts,
      targetPct: staffingConfig(settings.get(id)).targetPct,
    });
  }
  return out;
}
