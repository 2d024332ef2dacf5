import { describe, expect, it } from 'vitest';
import type { HrCsvErrorCode } from '../../../src/shared/domain/hr-csv';
import { emptyHrCounts } from '../../../src/shared/domain/staffing-hr';
import { emptyBedsCounts } from '../../../src/shared/domain/staffing-beds';
import { staffingTrend, trendRange } from '../../../src/shared/domain/staffing-trend';
import { staffingHrTexts } from '../../../src/shared/i18n/features/staffing-hr';
import { staffingTexts } from '../../../src/shared/i18n/features/staffing';
import { shiftIdFor, type StaffingShift } from '../../../src/shared/schema/staffing-shift';
import type { StaffingRollupNode, StaffingRollupResponse } from '../../../src/shared/staffing-api';
import { dayToX, trendColumns, yCeiling } from '../../../src/client/features/staffing/chart-data';
import { hrErrorText } from '../../../src/client/features/staffing/hr-errors';
import { rollupView } from '../../../src/client/features/staffing/rollup-model';
import { clearDraft, initialDrafts, markSaved, planDay, previousShifts, problemOf, refreshDrafts, setCount, step } from '../../../src/client/features/staffing/shift-draft';
import { unitFigures } from '../../../src/client/features/staffing/unit-figures';
import { hrMonth, settings, shift, unit } from '../../shared/domain/staffing-fixtures';
import { row } from '../../shared/domain/indicators/fixtures';
import { boardGoal } from '../../../src/shared/domain/indicators/board-goal';

// The sick-leave targets are the catalogue's (issue 14): "≤ 6 %" for the board's share and the HR kvot at u1.
const GOAL_ROWS = [row('u1', 'sickShare', { target: { op: 'lte', value: 6 } }), row('u1', 'hrKvot', { target: { op: 'lte', value: 6 } })];
const goalsOf = (rows: typeof GOAL_ROWS) => ({ sick: boardGoal(rows, [unit('u1', null)], 'u1', 'sickShare'), hr: boardGoal(rows, [unit('u1', null)], 'u1', 'hrKvot') });

const s = (date: string, name: string, planned: number, sick = 0): StaffingShift => shift('u1', date, name, planned, sick);

describe('morning entry drafts', () => {
  const SHIFTS = ['dag', 'kvall', 'natt'];

  it("offers yesterday's planned staffing with no absences; a shift saved today shows what was saved", () => {
    const drafts = initialDrafts(SHIFTS, [s('2026-03-10', 'dag', 9, 2)], [s('2026-03-09', 'dag', 10, 3), s('2026-03-09', 'kvall', 8, 1)]);
    expect(drafts.map((d) => [d.shift, d.origin, d.counts.planned, d.counts.sick])).toEqual([
      ['dag', 'saved', 9, 2],
      ['kvall', 'suggested', 8, 0],
      ['natt', 'new', null, 0],
    ]);
  });

  it('a shift saved today but no longer configured is still shown', () => {
    expect(initialDrafts(['dag'], [s('2026-03-10', 'dygn', 5)], []).map((d) => d.shift)).toEqual(['dag', 'dygn']);
  });

  it('the starting point is each shift\'s latest entry in the week before', () => {
    const rows = [s('2026-03-01', 'natt', 3), s('2026-03-06', 'dag', 10), s('2026-03-08', 'dag', 11), s('2026-03-10', 'dag', 12), s('2026-03-02', 'kvall', 7)];
    expect(previousShifts(rows, '2026-03-10', '2026-03-03').map((r) => [r.shift, r.planned])).toEqual([['dag', 11]]);
  });

  it('steppers never go below 0 or above 999; + on an empty planned gives 1; − on it stays empty', () => {
    const [d] = initialDrafts(['dag'], [], []);
    if (d === undefined) throw new Error('no draft');
    expect(step(d, 'planned', 1).counts.planned).toBe(1);
    expect(step(d, 'planned', -1).counts.planned).toBeNull();
    expect(step(d, 'sick', -1).counts.sick).toBe(0);
    expect(setCount(d, 'planned', 1234).counts.planned).toBe(999);
    expect(setCount(d, 'vab', null).counts.vab).toBe(0);
    expect(setCount(d, 'planned', 4.7).counts.planned).toBe(4);
  });

  it.each([
    [{ planned: null, sick: 1 }, { field: 'planned', key: 'needPlanned' }],
    [{ planned: 3, sick: 4 }, { field: 'sick', key: 'absentOverPlanned' }],
    [{ planned: 3, sick: 2, vab: 2 }, { field: 'vab', key: 'absentOverPlanned' }],
    [{ planned: 3, sick: 1, vab: 1, otherAbsence: 2 }, { field: 'otherAbsence', key: 'absentOverPlanned' }],
    [{ planned: 3, sick: 1, covered: 2 }, { field: 'covered', key: 'coveredOverAbsent' }],
    [{ planned: 3, sick: 3, covered: 3 }, null],
    [{ planned: null }, null],
  ])('problem of %j → %j', (counts, problem) => {
    const [d] = initialDrafts(['dag'], [], []);
    const draft = { ...d!, counts: { ...d!.counts, ...(counts as Partial<NonNullable<typeof d>["counts"]>) } };
    expect(problemOf(draft)).toEqual(problem);
  });

  it('planDay: writes changed and suggested shifts, removes an emptied saved one, leaves gaps as gaps', () => {
    const drafts = initialDrafts(SHIFTS, [s('2026-03-10', 'dag', 9, 2), s('2026-03-10', 'natt', 4)], [s('2026-03-09', 'kvall', 8)]);
    const [dag, kvall, natt] = drafts;
    const plan = planDay([dag!, step(kvall!, 'sick', 1), clearDraft(natt!)], 'u1', '2026-03-10');
    expect(plan.save).toEqual([{ ...s('2026-03-10', 'kvall', 8, 1) }]);
    expect(plan.remove).toEqual([{ id: shiftIdFor('u1', '2026-03-10', 'natt'), unitId: 'u1' }]);
    expect(plan.problems).toEqual([]);
    // Unchanged: nothing to write.
    expect(planDay(initialDrafts(['dag'], [s('2026-03-10', 'dag', 9)], []), 'u1', '2026-03-10')).toEqual({ save: [], remove: [], problems: [] });
    // A new shift left empty stays a gap.
    expect(planDay(initialDrafts(['natt'], [], []), 'u1', '2026-03-10').save).toEqual([]);
  });

  it('planDay: a problem holds its shift back and is reported', () => {
    const [d] = initialDrafts(['dag'], [], [s('2026-03-09', 'dag', 2)]);
    const plan = planDay([setCount(d!, 'sick', 3)], 'u1', '2026-03-10');
    expect(plan.save).toEqual([]);
    expect(plan.problems).toEqual([{ shift: 'dag', problem: { field: 'sick', key: 'absentOverPlanned' } }]);
  });

  it('after saving, drafts are saved; a refresh keeps what the user is still editing', () => {
    const drafts = initialDrafts(SHIFTS, [], [s('2026-03-09', 'dag', 10)]);
    const edited = [step(drafts[0]!, 'sick', 1), drafts[1]!, drafts[2]!];
    expect(markSaved(edited).map((d) => [d.origin, d.dirty])).toEqual([['saved', false], ['new', false], ['new', false]]);
    const fresh = initialDrafts(SHIFTS, [s('2026-03-10', 'kvall', 7)], []);
    const refreshed = refreshDrafts(edited, fresh);
    expect(refreshed.map((d) => [d.shift, d.origin, d.counts.sick, d.counts.planned])).toEqual([
      ['dag', 'suggested', 1, 10],
      ['kvall', 'saved', 0, 7],
      ['natt', 'new', 0, null],
    ]);
  });
});

describe('trend chart adapter (uPlot columns)', () => {
  const input = {
    units: [unit('u1', null)],
    rootId: 'u1',
    today: '2026-03-05',
    shifts: [s('2026-03-02', 'dag', 10, 1), s('2026-03-02', 'natt', 10, 1), s('2026-03-04', 'dag', 10, 5), s('2025-12-20', 'dag', 10, 10)],
    hrMonths: [hrMonth('u1', '2026-02', 7.5, 100)],
    beds: [],
    settings: [settings('u1', { targetPct: 9 })],
    indicatorRows: GOAL_ROWS,
  };
  const trend = staffingTrend(input, trendRange('2026-03', '2026-03-05'));
  const cols = trendColumns(trend);
  const at = (date: string) => cols[0].indexOf(dayToX(date));

  it('x ascending from the first shown day to the last, one column per series, all the same length', () => {
    expect(cols).toHaveLength(6);
    expect(cols[0][0]).toBe(dayToX('2026-01-01'));
    expect(cols[0].at(-1)).toBe(dayToX('2026-03-05'));
    expect(cols[0].every((x, i) => i === 0 || x > (cols[0][i - 1] as number))).toBe(true);
    expect(new Set(cols.map((c) => c.length))).toEqual(new Set([31 + 28 + 5]));
  });

  it('a day nobody filled in is null, never 0; a filled day is its pooled share', () => {
    expect(cols[1][at('2026-03-02')]).toBe(10);
    expect(cols[1][at('2026-03-03')]).toBeNull();
    expect(cols[1][at('2026-03-04')]).toBe(50);
  });

  it('rolling lines pool the filled days; the lead-in before the first shown day feeds the 30-day line only', () => {
    expect(cols[2][at('2026-03-03')]).toBe(10);
    expect(cols[2][at('2026-03-04')]).toBe((7 / 30) * 100);
    // 20 December is not drawn, but it is in the 30-day windows ending 1–18 January (D−29 … D).
    expect(cols[3][at('2026-01-01')]).toBe(100);
    expect(cols[3][at('2026-01-18')]).toBe(100);
    expect(cols[3][at('2026-01-19')]).toBeNull();
    expect(cols[2][at('2026-01-01')]).toBeNull();
  });

  it("the HR kvot is drawn across its month; the target across the range", () => {
    expect(cols[4][at('2026-02-14')]).toBe(7.5);
    expect(cols[4][at('2026-03-02')]).toBeNull();
    // The catalogue's 6 %, not the settings' old targetPct (9).
    expect(new Set(cols[5])).toEqual(new Set([6]));
    expect(staffingTrend({ ...input, indicatorRows: [] }, trendRange('2026-03', '2026-03-05')).targetPct).toBeNull();
  });

  it('the y axis reaches the highest value, rounded up to 5 %, at least 10 %', () => {
    expect([yCeiling(null), yCeiling(3), yCeiling(10), yCeiling(10.1), yCeiling(50)]).toEqual([10, 10, 10, 15, 50]);
  });
});

describe('unit figures', () => {
  it('today, 7 and 30 days, the month so far, and the latest HR month beside the board', () => {
    const shifts = [s('2026-03-09', 'dag', 10, 1), s('2026-03-10', 'dag', 10, 3), s('2026-02-10', 'dag', 20, 2)];
    const trend = staffingTrend(
      { units: [unit('u1', null)], rootId: 'u1', today: '2026-03-10', shifts, hrMonths: [hrMonth('u1', '2026-02', 8, null, { korttid: 3 })], beds: [], settings: [], indicatorRows: GOAL_ROWS },
      trendRange('2026-03', '2026-03-10'),
    );
    const f = unitFigures(trend, '2026-03-10', '2026-03', 10, goalsOf(GOAL_ROWS));
    expect(f.today?.counts).toMatchObject({ sick: 3, planned: 10 });
    expect(f.week).toMatchObject({ filledDays: 2, windowDays: 7, share: { num: 4, den: 20 } });
    expect(f.days30).toMatchObject({ filledDays: 3, windowDays: 30, share: { num: 6, den: 40 } });
    expect(f.month).toMatchObject({ filledDays: 2, share: { pct: 20 } });
    expect(f.status).toBe('notMet');
    expect(f.hr).toMatchObject({ month: '2026-02', hrPct: 8, board: { share: { pct: 10 } }, own: { korttid: 3 }, status: 'notMet' });
    expect([f.target, f.targetPct, f.hr.target]).toEqual([{ op: 'lte', value: 6 }, 6, { op: 'lte', value: 6 }]);
  });

  it('an Öka/Minska target (the catalogue default) is named, not judged, on the board', () => {
    const trend = staffingTrend({ units: [unit('u1', null)], rootId: 'u1', today: '2026-03-10', shifts: [s('2026-03-10', 'dag', 10, 3)], hrMonths: [hrMonth('u1', '2026-02', 8, null)], beds: [], settings: [] }, trendRange('2026-03', '2026-03-10'));
    const f = unitFigures(trend, '2026-03-10', '2026-03', 10, goalsOf([]));
    expect([f.target, f.targetPct, f.status, f.hr.status]).toEqual([{ op: 'decrease' }, null, null, null]);
  });

  it('without any HR figure, the comparison is for last month and says it is missing', () => {
    const trend = staffingTrend({ units: [unit('u1', null)], rootId: 'u1', today: '2026-03-10', shifts: [], hrMonths: [], beds: [], settings: [] }, trendRange('2026-03', '2026-03-10'));
    expect(unitFigures(trend, '2026-03-10', '2026-03', 10, goalsOf([])).hr).toMatchObject({ month: '2026-02', hrPct: null, status: null });
  });
});

describe('roll-up view', () => {
  const node = (unitId: string, parentId: string | null, over: Partial<StaffingRollupNode> = {}): StaffingRollupNode =>
    ({
      unitId, name: unitId.toUpperCase(), kind: parentId === null ? 'vo' : 'enhet', parentId, closed: false,
      board: { planned: 100, sick: 5, vab: 0, otherAbsence: 0, covered: 0, shifts: 10, filledDays: 10, expectedDays: 10 },
      boardReporting: 1, boardExpected: 1, hr: emptyHrCounts(), hrReporting: 0, hrExpected: 1, ownHr: null,
      beds: emptyBedsCounts(), targetPct: 6, ...over,
    }) as StaffingRollupNode;
  const res = (nodes: StaffingRollupNode[]): StaffingRollupResponse =>
    ({ month: '2026-02', rootId: 'vo', today: '2026-03-10', nodes, trend: { range: trendRange('2026-02', '2026-03-10'), days: [], hrMonths: [], targetPct: null } }) as unknown as StaffingRollupResponse;

  it('names where each HR figure comes from: own, weighted, per unit only, none', () => {
    const v = rollupView(
      res([
        node('vo', null, { hr: { ...emptyHrCounts(), units: 3, weightedUnits: 1, ordinaryHours: 100, sickHours: 4 } }),
        node('b', 'vo', { ownHr: hrMonth('b', '2026-02', 5.5, null) as never, hr: { ...emptyHrCounts(), units: 1 } }),
        node('a', 'vo', { hr: { ...emptyHrCounts(), units: 1, weightedUnits: 1, ordinaryHours: 100, sickHours: 4 } }),
        node('c', 'vo', { board: { planned: 0, sick: 0, vab: 0, otherAbsence: 0, covered: 0, shifts: 0, filledDays: 0, expectedDays: 10 } }),
      ]),
    );
    expect(v?.root).toMatchObject({ hrSource: 'weighted', hrPct: 4, board: { pct: 5 }, boardStatus: 'met' });
    expect(v?.children.map((c) => [c.node.unitId, c.hrSource, c.hrPct, c.boardStatus])).toEqual([
      ['a', 'weighted', 4, 'met'],
      ['b', 'own', 5.5, 'met'],
      ['c', 'none', null, null],
    ]);
    // The HR kvot is judged against its own catalogue target at the node (hrKvot).
    const perUnit = rollupView(res([node('vo', null, { hr: { ...emptyHrCounts(), units: 2 } })]), () => 6);
    expect(perUnit?.root).toMatchObject({ hrSource: 'perUnit', hrPct: null, hrStatus: 'grey' });
  });

  it('an answer without its root gives nothing to show', () => {
    expect(rollupView(res([node('a', 'vo')]))).toBeNull();
  });
});

describe('texts', () => {
  it('every import error code has a sentence with its line, in Swedish and English', () => {
    const codes: HrCsvErrorCode[] = [
      'not-utf8', 'empty', 'delimiter', 'quote', 'column-count', 'too-many-rows', 'missing-column', 'required', 'number',
      'range', 'korttid-over-total', 'month', 'future-month', 'unknown-unit', 'ambiguous-unit', 'unit-closed', 'duplicate',
    ];
    for (const code of codes) {
      expect(Object.hasOwn(staffingHrTexts.sv, `err.${code}`), code).toBe(true);
      expect(hrErrorText({ line: 7, code, column: 'Enhet', value: 'X', expected: 3, got: 4, firstLine: 2 })).not.toMatch(/\{\w+\}/);
    }
    expect(hrErrorText({ line: 4, code: 'duplicate', column: 'Enhet', value: 'avd-21', firstLine: 2 })).toBe('Rad 4: ”avd-21” finns redan för samma månad på rad 2.');
  });

  it('English has exactly the Swedish keys', () => {
    for (const texts of [staffingTexts, staffingHrTexts]) expect(Object.keys(texts.en).sort()).toEqual(Object.keys(texts.sv).sort());
  });
});

