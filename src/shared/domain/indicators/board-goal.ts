/**
 * One target per figure (issue 14): a board's goal is the indicator catalogue's definition in
 * force at the unit (the built-in default, then the level rows from the root down, resolve.ts),
 * never a number of the board's own. The hygiene board, the staffing board, the pulse meeting's
 * steps and the wall screen all read their target, minimum n and status through this module, so
 * they show what Mål och resultat shows for the same unit and period.
 *
 * The boards' old settings fields (unitSettings.bhkTargetPct and .bhkMinN,
 * staffingSettings.targetPct) stay readable (synced schemas only grow, sync rule 16) but nothing
 * shows them any more; legacyGoalOverrides turns what they held into catalogue overrides once
 * (server/indicators/board-goal-migration.ts).
 */
import type { IndicatorDef, IndicatorStatus } from '../../indicators-api';
import type { Indicator, IndicatorTarget } from '../../schema/indicator';
import type { StaffingSettings } from '../../schema/staffing-settings';
import { DEFAULT_UNIT_SETTINGS, type UnitSettings } from '../../schema/unit-settings';
import type { TreeUnit } from '../rollup';
import type { DateRange } from './types';
import { comparePeriodOf, compareRange } from './ranges';
import { defResolver, resolveDef } from './resolve';
import { indicatorStatus } from './status';
import { accumulates } from './values';

/** The catalogue indicator behind each board's headline figure. */
export const BOARD_INDICATORS = { hygiene: 'bhkTotal', staffing: 'sickShare' } as const;
export type BoardKind = keyof typeof BOARD_INDICATORS;

export interface BoardGoal {
  key: string;
  /** The definition in force at the unit (hidden ones too: a board still has its figure); null when there is none. */
  def: IndicatorDef | null;
  target: IndicatorTarget | null;
  /** The fixed value of a ≥/≤ target in display units (pct as 0–100); null for Öka/Minska or none. */
  targetValue: number | null;
  minN: number;
}

/** The goal of `key` at `unitId` from the indicator rows on its path (the same rows Mål och resultat resolves). */
export function boardGoal(rows: readonly Indicator[], units: readonly TreeUnit[], unitId: string, key: string): BoardGoal {
  return goalOf(key, resolveDef(rows, units, unitId, key, true));
}

/**
 * boardGoal for many nodes of one tree (a roll-up's every node): the definitions resolved once per
 * path (resolve.ts defResolver), not by a walk of the whole tree per node.
 */
export function boardGoals(rows: readonly Indicator[], units: readonly TreeUnit[]): (unitId: string, key: string) => BoardGoal {
  const resolve = defResolver(rows, units);
  return (unitId, key) => goalOf(key, resolve(unitId, key, true));
}

function goalOf(key: string, def: IndicatorDef | null): BoardGoal {
  const target = def?.target ?? null;
  const targetValue = target !== null && (target.op === 'gte' || target.op === 'lte') ? (target.value ?? null) : null;
  return { key, def, target, targetValue, minN: def?.minN ?? 0 };
}

/**
 * The dates a board's figure for `period` is compared with (the same compare period and elapsed
 * days as the report's cell); null without a definition.
 */
export function boardCompareRange(goal: BoardGoal, period: string, today: string): DateRange | null {
  if (goal.def === null) return null;
  return compareRange(period, comparePeriodOf(period, goal.def.compare), today, accumulates(goal.def));
}

/**
 * The status of a board's figure, as the report decides it (status.ts): `value` in display units
 * with its n, and the compare period's value with its n (a compare value on fewer than the
 * minimum n is no baseline, as in the report).
 */
export function boardStatus(goal: BoardGoal, value: number | null, n: number, compare: { value: number | null; n: number } | null): IndicatorStatus {
  if (goal.def === null) return 'unmeasurable';
  const c = compare !== null && compare.n >= goal.minN ? compare.value : null;
  return indicatorStatus({ direction: goal.def.direction, tolerance: goal.def.tolerance, minN: goal.minN }, goal.target, value, n, c);
}

/** The value of an "at most" target (≤), the only kind a lower-is-better board judges itself; else null. */
export const atMostValue = (goal: BoardGoal): number | null => (goal.target?.op === 'lte' ? goal.targetValue : null);

/** The staffing board's sick-leave target at a node: the sickShare indicator's "≤" value, or null. */
export const sickTargetPct = (rows: readonly Indicator[] | undefined, units: readonly TreeUnit[], unitId: string): number | null =>
  atMostValue(boardGoal(rows ?? [], units, unitId, BOARD_INDICATORS.staffing));

/** A fixed ≥/≤ target missed (▲ or ◆): the board asks for an action. */
export const belowGoal = (status: IndicatorStatus): boolean => status === 'partial' || status === 'notMet';

/** An indicator row's fields to write at one unit (an insert or a per-field patch of its own row). */
export interface GoalOverride {
  unitId: string;
  key: string;
  fields: Partial<Pick<Indicator, 'target' | 'minN'>>;
}

const sameTarget = (a: IndicatorTarget | null, b: IndicatorTarget | null): boolean =>
  a === b || (a !== null && b !== null && a.op === b.op && (a.value ?? null) === (b.value ?? null));

/**
 * The migration of the boards' own targets into the catalogue (issue 14). For each unit's
 * settings row, a value someone chose on the board becomes that unit's catalogue override when
 * it differs from what the catalogue resolves there today:
 *  - unitSettings.bhkTargetPct → bhkTotal `target ≥ value`; unitSettings.bhkMinN → bhkTotal
 *    `minN`. The board's old defaults (80 %, n 10) were never a choice (every saved settings row
 *    carries them), so they are dropped and the catalogue's target stands;
 *  - staffingSettings.targetPct (a value, "Minska to at most") → `target ≤ value` on both
 *    sick-leave indicators, sickShare (the board's share) and hrKvot (the HR kvot the board showed
 *    beside it and judged against the same number); null or absent = no choice.
 * Levels are migrated before their units (a unit's override is compared with what its level's
 * new override gives), so a unit that only repeated its level's value gets no row of its own.
 * Pure: the caller writes the result through the sync path.
 */
export function legacyGoalOverrides(
  rows: readonly Indicator[],
  units: readonly TreeUnit[],
  unitSettings: readonly Partial<UnitSettings>[],
  staffingSettings: readonly Partial<StaffingSettings>[],
): GoalOverride[] {
  const depth = (id: string): number => {
    let d = 0;
    let u = units.find((x) => x.id === id);
    const seen = new Set<string>();
    while (u !== undefined && u.parentId !== null && !seen.has(u.id)) {
      seen.add(u.id);
      d += 1;
      const parent = u.parentId;
      u = units.find((x) => x.id === parent);
    }
    return d;
  };
  const known = new Set(units.map((u) => u.id));
  const wanted: { unitId: string; key: string; target?: IndicatorTarget; minN?: number }[] = [];
  for (const s of unitSettings) {
    if (s.unitId === undefined || !known.has(s.unitId)) continue;
    const target = typeof s.bhkTargetPct === 'number' && s.bhkTargetPct !== DEFAULT_UNIT_SETTINGS.bhkTargetPct ? { op: 'gte' as const, value: s.bhkTargetPct } : undefined;
    const minN = typeof s.bhkMinN === 'number' && s.bhkMinN !== DEFAULT_UNIT_SETTINGS.bhkMinN ? s.bhkMinN : undefined;
    if (target !== undefined || minN !== undefined) wanted.push({ unitId: s.unitId, key: BOARD_INDICATORS.hygiene, target, minN });
  }
  for (const s of staffingSettings) {
    if (s.unitId === undefined || !known.has(s.unitId) || typeof s.targetPct !== 'number') continue;
    for (const key of [BOARD_INDICATORS.staffing, 'hrKvot']) wanted.push({ unitId: s.unitId, key, target: { op: 'lte', value: s.targetPct } });
  }
  wanted.sort((a, b) => depth(a.unitId) - depth(b.unitId) || (a.unitId < b.unitId ? -1 : a.unitId > b.unitId ? 1 : 0) || (a.key < b.key ? -1 : 1));
  const current: Indicator[] = [...rows];
  const out: GoalOverride[] = [];
  for (const w of wanted) {
    const goal = boardGoal(current, units, w.unitId, w.key);
    const fields: GoalOverride['fields'] = {};
    if (w.target !== undefined && !sameTarget(goal.target, w.target)) fields.target = w.target;
    if (w.minN !== undefined && goal.minN !== w.minN) fields.minN = w.minN;
    if (Object.keys(fields).length === 0) continue;
    out.push({ unitId: w.unitId, key: w.key, fields });
    // Later (deeper) units resolve against the rows as they will be.
    const id = `indicator:${w.unitId}:${w.key}`;
    const own = current.findIndex((r) => r.id === id);
    if (own >= 0) current[own] = { ...(current[own] as Indicator), ...fields };
    else current.push({ id, unitId: w.unitId, key: w.key, ...fields } as Indicator);
  }
  return out;
}
