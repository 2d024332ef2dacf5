/**
 * One target per figure (issue 14): the BHK board (unitBoard, also on the meeting's step and the
 * wall screen) and Mål och resultat (indicatorReport) give the same target and the same status
 * for the same unit and period, because the board resolves its goal from the catalogue
 * (boardGoal). And the migration of the boards' old targets into catalogue overrides.
 */
import { describe, expect, it } from 'vitest';
import { figureStatus, unitBoard } from '../../../../src/client/features/hygiene/unit-figures';
import { reportOfRows } from '../../../../src/shared/domain/indicators';
import { boardGoal, legacyGoalOverrides } from '../../../../src/shared/domain/indicators/board-goal';
import type { BhkObservation } from '../../../../src/shared/schema/bhk-observation';
import type { Indicator } from '../../../../src/shared/schema/indicator';
import { staffingSettingsIdFor, type StaffingSettings } from '../../../../src/shared/schema/staffing-settings';
import { settingsIdFor, type UnitSettings } from '../../../../src/shared/schema/unit-settings';
import { input, observations, row, TREE, unitSettings } from './fixtures';

const NOW = Date.parse('2026-11-30T12:00:00Z');
const TODAY = '2026-11-30';

interface Case {
  label: string;
  rows: Indicator[];
  bhk: BhkObservation[];
  status: 'met' | 'partial' | 'notMet' | 'unmeasurable';
}

const CASES: Case[] = [
  { label: 'catalogue default ≥ 100 %: 9 of 10 is not met', rows: [], bhk: observations('avd1', '2026-11-10', 10, 9), status: 'notMet' },
  { label: "the division's ≥ 90 %: 9 of 10 is met", rows: [row('div', 'bhkTotal', { target: { op: 'gte', value: 90 } })], bhk: observations('avd1', '2026-11-10', 10, 9), status: 'met' },
  {
    label: 'a unit override below its division: ≥ 80 % at avd1, 8 of 10 met',
    rows: [row('div', 'bhkTotal', { target: { op: 'gte', value: 90 } }), row('avd1', 'bhkTotal', { target: { op: 'gte', value: 80 } })],
    bhk: observations('avd1', '2026-11-10', 10, 8),
    status: 'met',
  },
  {
    label: 'within the tolerance band: 88 of 100 against ≥ 90 % is partly met',
    rows: [row('div', 'bhkTotal', { target: { op: 'gte', value: 90 } })],
    bhk: observations('avd1', '2026-11-10', 100, 88),
    status: 'partial',
  },
  {
    label: 'missed but better than last year by the flat threshold: partly met',
    rows: [row('div', 'bhkTotal', { target: { op: 'gte', value: 95 } })],
    bhk: [...observations('avd1', '2026-11-10', 10, 7), ...observations('avd1', '2025-11-10', 10, 5)],
    status: 'partial',
  },
  {
    label: 'below the catalogue minimum n (5 at avd1): not measurable on both',
    rows: [row('avd1', 'bhkTotal', { minN: 5 })],
    bhk: observations('avd1', '2026-11-10', 4, 4),
    status: 'unmeasurable',
  },
  {
    label: 'the minimum n override makes 6 observations count',
    rows: [row('avd1', 'bhkTotal', { minN: 5, target: { op: 'gte', value: 90 } })],
    bhk: observations('avd1', '2026-11-10', 6, 6),
    status: 'met',
  },
  {
    label: 'an Öka target against last year',
    rows: [row('vo1', 'bhkTotal', { target: { op: 'increase' } })],
    bhk: [...observations('avd1', '2026-11-10', 10, 6), ...observations('avd1', '2025-11-10', 10, 8)],
    status: 'notMet',
  },
];

describe('board = Mål och resultat: the BHK total of one unit', () => {
  it.each(CASES)('$label', async ({ rows, bhk, status }) => {
    const report = await reportOfRows(input({ bhk, indicatorRows: rows, unitSettings: [unitSettings('avd1', 10)] }), '2026-11', NOW);
    const cell = report.cells.find((c) => c.unitId === 'avd1' && c.key === 'bhkTotal');
    expect(cell).toBeDefined();
    const goal = boardGoal(rows, TREE, 'avd1', 'bhkTotal');
    const board = unitBoard(bhk, { bhkMonthlyQuota: 10 }, goal, { period: '2026-11', source: 'all', today: TODAY });
    expect(goal.target).toEqual(cell!.target);
    expect(board.figures.total.pct).toBeCloseTo(cell!.value ?? NaN, 9);
    expect(board.figures.n).toBe(cell!.n);
    expect(cell!.status).toBe(status);
    expect(board.status).toBe(figureStatus(cell!.status));
    expect(board.belowTarget).toBe(status === 'partial' || status === 'notMet');
  });

  it('the staffing board reads the sick-leave indicator’s target at the unit', async () => {
    const rows = [row('div', 'sickShare', { target: { op: 'lte', value: 6 } }), row('avd2', 'sickShare', { target: { op: 'lte', value: 5 } })];
    const report = await reportOfRows(input({ indicatorRows: rows }), '2026-11', NOW);
    for (const unitId of ['avd1', 'avd2', 'avd3']) {
      const cell = report.cells.find((c) => c.unitId === unitId && c.key === 'sickShare');
      const goal = boardGoal(rows, TREE, unitId, 'sickShare');
      expect(goal.target).toEqual(cell!.target);
      expect(goal.targetValue).toBe(unitId === 'avd2' ? 5 : 6);
    }
    expect(boardGoal([], TREE, 'avd1', 'sickShare')).toMatchObject({ target: { op: 'decrease' }, targetValue: null });
  });
});

const bhkSettings = (unitId: string, fields: Partial<UnitSettings>): Partial<UnitSettings> => ({ id: settingsIdFor(unitId), unitId: unitId as UnitSettings['unitId'], ...fields });
const staffSettings = (unitId: string, fields: Partial<StaffingSettings>): Partial<StaffingSettings> => ({ id: staffingSettingsIdFor(unitId), unitId: unitId as StaffingSettings['unitId'], ...fields });

describe('legacyGoalOverrides: the boards’ own targets become catalogue overrides once', () => {
  it('a chosen BHK target or minimum n that differs from the catalogue becomes the unit’s override', () => {
    const rows = [row('div', 'bhkTotal', { target: { op: 'gte', value: 90 } })];
    const out = legacyGoalOverrides(rows, TREE, [bhkSettings('avd1', { bhkTargetPct: 85, bhkMinN: 10, bhkMonthlyQuota: 12 }), bhkSettings('avd2', { bhkTargetPct: 90, bhkMinN: 6 })], []);
    expect(out).toEqual([
      { unitId: 'avd1', key: 'bhkTotal', fields: { target: { op: 'gte', value: 85 } } },
      { unitId: 'avd2', key: 'bhkTotal', fields: { minN: 6 } },
    ]);
  });

  it('the old defaults (80 %, n 10) were no choice: the catalogue stands', () => {
    const out = legacyGoalOverrides([row('div', 'bhkTotal', { target: { op: 'gte', value: 90 } })], TREE, [bhkSettings('avd1', { bhkTargetPct: 80, bhkMinN: 10, bhkMonthlyQuota: 10 })], []);
    expect(out).toEqual([]);
  });

  it('a staffing target is "at most" for the board’s share and the HR kvot: levels first, a unit repeating its level gets no row', () => {
    const out = legacyGoalOverrides([], TREE, [], [staffSettings('avd1', { targetPct: 6 }), staffSettings('div', { targetPct: 6 }), staffSettings('avd3', { targetPct: 5 }), staffSettings('avd2', { targetPct: null })]);
    expect(out).toEqual([
      { unitId: 'div', key: 'hrKvot', fields: { target: { op: 'lte', value: 6 } } },
      { unitId: 'div', key: 'sickShare', fields: { target: { op: 'lte', value: 6 } } },
      { unitId: 'avd3', key: 'hrKvot', fields: { target: { op: 'lte', value: 5 } } },
      { unitId: 'avd3', key: 'sickShare', fields: { target: { op: 'lte', value: 5 } } },
    ]);
  });

  it('is idempotent: run again over its own result, it writes nothing', () => {
    const settings = [bhkSettings('avd1', { bhkTargetPct: 85, bhkMinN: 4 })];
    const staffing = [staffSettings('vo1', { targetPct: 7 })];
    const first = legacyGoalOverrides([], TREE, settings, staffing);
    const rows = first.map((o) => row(o.unitId, o.key, o.fields));
    expect(first).toHaveLength(3);
    expect(legacyGoalOverrides(rows, TREE, settings, staffing)).toEqual([]);
    expect(boardGoal(rows, TREE, 'avd1', 'bhkTotal')).toMatchObject({ targetValue: 85, minN: 4 });
    expect(boardGoal(rows, TREE, 'avd2', 'sickShare').targetValue).toBe(7);
  });

  it('ignores settings of units not in the tree', () => {
    expect(legacyGoalOverrides([], TREE, [bhkSettings('gone', { bhkTargetPct: 50 })], [staffSettings('gone', { targetPct: 3 })])).toEqual([]);
  });
});
