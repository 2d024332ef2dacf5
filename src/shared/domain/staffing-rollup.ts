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
import type { Indicator } from '../schema/indicator';
import { staffingConfig, type StaffingSettings } from '../schema/staffing-settings';
import { atMostValue, BOARD_INDICATORS, boardGoals } from './indicators/board-goal';
import { bedsContribution, dayFacts, shiftContribution } from './facts/contrib';
import { type FactRow, fieldIndex } from './facts/families';
import { sumDays, type UnitSums } from './facts/reader';
import { periodRange } from './periods';
import { type RollupNode, rollupWalkPaced, type TreeUnit, treeWalk } from './rollup';
import { sliceUsed, turn } from './pace';
import { addBedsCounts, type BedsCounts, emptyBedsCounts } from './staffing-beds';
import { addHrCounts, emptyHrCounts, type HrCounts, hrCountsOf } from './staffing-hr';
import { addShiftCounts, emptyShiftCounts, expectedDays, type ShiftCounts } from './staffing';

export interface StaffingInput {
  units: readonly TreeUnit[];
  rootId: string;
  /** Today in Europe/Stockholm: days after it are not expected yet (a partial month). */
  today: string;
  shifts: readonly StaffingShift[];
  hrMonths: readonly HrMonth[];
  beds: readonly BedsDay[];
  settings: readonly StaffingSettings[];
  /**
   * Indicator rows on the path to and under the root: the sick-leave target is the catalogue's
   * (sickShare, issue 14), not the settings' old targetPct. Absent = the built-in catalogue only.
   */
  indicatorRows?: readonly Indicator[];
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

/** The shift and beds rows of the input as day facts (domain/facts). */
export function staffingDayFacts(input: Pick<StaffingInput, 'shifts' | 'beds'>): FactRow[] {
  return dayFacts([...input.shifts.flatMap(shiftContribution), ...input.beds.flatMap(bedsContribution)]);
}

/** What the month's roll-up reads: per unit the month's staff and beds sums, and its HR rows. */
export interface StaffingMonthFacts {
  units: readonly TreeUnit[];
  rootId: string;
  today: string;
  settings: readonly StaffingSettings[];
  indicatorRows?: readonly Indicator[];
  /** staff family per unit (key ''), summed over the month. */
  staff: UnitSums;
  /** beds family per unit (key ''), summed over the month. */
  beds: UnitSums;
  /** HR rows of the month (units and levels). */
  hrMonths: readonly HrMonth[];
}

const vecOf = (sums: UnitSums, unitId: string): readonly number[] | undefined => sums.get(unitId)?.get('');

function shiftCountsOf(v: readonly number[] | undefined): ShiftCounts {
  const at = (f: 'planned' | 'sick' | 'vab' | 'otherAbsence' | 'covered' | 'shifts') => (v === undefined ? 0 : (v[fieldIndex('staff', f)] as number));
  return { planned: at('planned'), sick: at('sick'), vab: at('vab'), otherAbsence: at('otherAbsence'), covered: at('covered'), shifts: at('shifts') };
}

function bedsCountsOf(v: readonly number[] | undefined, expected: boolean): BedsCounts {
  const at = (f: 'days' | 'disponibla' | 'belagda' | 'overbelaggningar' | 'utlokaliserade' | 'utskrivningsklara') =>
    v === undefined ? 0 : (v[fieldIndex('beds', f)] as number);
  const days = at('days');
  return {
    days,
    disponibla: at('disponibla'),
    belagda: at('belagda'),
    overbelaggningar: at('overbelaggningar'),
    utlokaliserade: at('utlokaliserade'),
    utskrivningsklara: at('utskrivningsklara'),
    units: days > 0 ? 1 : 0,
    expectedUnits: expected || days > 0 ? 1 : 0,
  };
}

/** Units sorted by id, and the ids that are some unit's parent (the levels above enheter). */
export function sortedTree(units: readonly TreeUnit[]): { tree: TreeUnit[]; parents: Set<string> } {
  const tree = [...units].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  const parents = new Set<string>();
  for (const u of tree) if (u.parentId !== null && u.parentId !== u.id) parents.add(u.parentId);
  return { tree, parents };
}

/**
 * A region's 1,500 units are counted in slices with turns of the event loop between them (pace.ts):
 * in one task, this held the server's event loop ~25 ms and, with a collection inside, 50–70 ms.
 */
export async function staffingRollupFromFacts(f: StaffingMonthFacts, month: string): Promise<Map<string, StaffingNode>> {
  const { from, to } = periodRange(month);
  const { tree, parents } = sortedTree(f.units);
  const settings = new Map(f.settings.map((s) => [s.unitId as string, s]));
  const hr = new Map<string, HrMonth>();
  for (const m of f.hrMonths) if (m.month === month) hr.set(m.unitId, m);

  const boardLeaf = new Map<string, BoardCounts>();
  const hrLeaf = new Map<string, HrCounts>();
  const bedsLeaf = new Map<string, BedsCounts>();
  for (const u of tree) {
    const config = staffingConfig(settings.get(u.id));
    const reports = !parents.has(u.id) && u.closedAt === null;
    const staff = vecOf(f.staff, u.id);
    boardLeaf.set(u.id, {
      ...shiftCountsOf(staff),
      filledDays: staff === undefined ? 0 : (staff[fieldIndex('staff', 'days')] as number),
      expectedDays: reports ? expectedDays(from, to, f.today, config.weekdaysOnly) : 0,
    });
    const own = hr.get(u.id);
    if (own !== undefined && !parents.has(u.id)) hrLeaf.set(u.id, hrCountsOf(own));
    bedsLeaf.set(u.id, bedsCountsOf(vecOf(f.beds, u.id), reports && config.bedsEnabled));
    if (sliceUsed()) await turn();
  }

  // One walk of the tree for the three roll-ups.
  const walked = treeWalk(tree, f.rootId);
  const board = await rollupWalkPaced(walked, boardLeaf, addBoard, emptyBoard, (c) => c.filledDays > 0);
  const hrTree = await rollupWalkPaced(walked, hrLeaf, addHrCounts, emptyHrCounts, (c) => c.units > 0);
  const bedsTree = await rollupWalkPaced(walked, bedsLeaf, addBedsCounts, emptyBedsCounts, (c) => c.days > 0);

  const goals = boardGoals(f.indicatorRows ?? [], f.units);
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
      targetPct: atMostValue(goals(id, BOARD_INDICATORS.staffing)),
    });
    if (sliceUsed()) await turn();
  }
  return out;
}

/** The month's roll-up from raw rows: the rows become facts exactly as on the server. */
export function staffingRollup(input: StaffingInput, month: string): Promise<Map<string, StaffingNode>> {
  const days = staffingDayFacts(input);
  const range = periodRange(month);
  return staffingRollupFromFacts(
    {
      units: input.units,
      rootId: input.rootId,
      today: input.today,
      settings: input.settings,
      indicatorRows: input.indicatorRows,
      staff: sumDays(days, 'staff', range, true),
      beds: sumDays(days, 'beds', range, true),
      hrMonths: input.hrMonths,
    },
    month,
  );
}
