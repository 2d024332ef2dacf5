import { beforeAll, describe, expect, it } from 'vitest';
import { bedsFigures, countBeds } from '../../../src/shared/domain/staffing-beds';
import { addHrCounts, emptyHrCounts, hrCountsOf, hrFigure } from '../../../src/shared/domain/staffing-hr';
import { staffingRollup, type StaffingInput } from '../../../src/shared/domain/staffing-rollup';
import { staffingTrend, trendRange } from '../../../src/shared/domain/staffing-trend';
import { sickShare } from '../../../src/shared/domain/staffing';
import { beds, hrMonth, settings, shift, unit } from './staffing-fixtures';
import { row } from './indicators/fixtures';

// The sick-leave targets are the catalogue's (sickShare "≤", issue 14), not the settings' targetPct.
const sickAtMost = (unitId: string, value: number) => row(unitId, 'sickShare', { target: { op: 'lte', value } });

/**
 *  R (region) ─ V (vo): A, B, C (closed), M (mottagning, weekdays only)
 *             └ W (vo, no units yet: reports as a leaf)
 */
const UNITS = [
  unit('R', null, 'region'),
  unit('V', 'R', 'vo'),
  unit('W', 'R', 'vo'),
  unit('A', 'V'),
  unit('B', 'V'),
  unit('C', 'V', 'enhet', '2026-01-31T12:00:00.000Z'),
  unit('M', 'V'),
];

const input = (over: Partial<StaffingInput> = {}): StaffingInput => ({
  units: UNITS,
  rootId: 'R',
  today: '2026-03-10',
  shifts: [],
  hrMonths: [],
  beds: [],
  settings: [],
  ...over,
});

describe('HR kvot: weighted by ordinary hours, never an invented total', () => {
  it.each([
    ['two units with hours pool by hours', [hrMonth('A', '2026-02', 10, 1000), hrMonth('B', '2026-02', 4, 3000)], 5.5, 2, 2],
    ['a unit without hours is counted but not weighted', [hrMonth('A', '2026-02', 10, 1000), hrMonth('B', '2026-02', 4, null)], 10, 1, 2],
    ['no unit with hours: no total', [hrMonth('A', '2026-02', 10, null), hrMonth('B', '2026-02', 4, null)], null, 0, 2],
    ['zero hours weigh nothing', [hrMonth('A', '2026-02', 10, 0)], null, 0, 1],
  ])('%s', (_, rows, kvot, weighted, units) => {
    const f = hrFigure(rows.map(hrCountsOf).reduce(addHrCounts, emptyHrCounts()));
    expect(f.kvotPct === null ? null : Number(f.kvotPct.toFixed(6))).toBe(kvot);
    expect([f.weightedUnits, f.units]).toEqual([weighted, units]);
  });

  it('korttid pools over the units that give both korttid and hours', () => {
    const rows = [hrMonth('A', '2026-02', 10, 1000, { korttid: 4 }), hrMonth('B', '2026-02', 6, 1000), hrMonth('C', '2026-02', 8, 3000, { korttid: 2 })];
    const f = hrFigure(rows.map(hrCountsOf).reduce(addHrCounts, emptyHrCounts()));
    expect(f.korttidPct).toBeCloseTo((40 + 60) / 4000 * 100, 10);
  });
});

describe('beds: överbeläggningar per 100 disponibla vårdplatser, pooled over days', () => {
  it('Σ över / Σ disponibla × 100, not a mean of daily figures', () => {
    const c = countBeds([beds('A', '2026-03-01', 20, 22, 2, 1), beds('A', '2026-03-02', 10, 10, 0, 0)], true);
    expect(bedsFigures(c)).toEqual({ days: 2, overPer100: (2 / 30) * 100, utlokPer100: (1 / 30) * 100, occupancyPct: (32 / 30) * 100 });
    expect([c.units, c.expectedUnits]).toEqual([1, 1]);
  });

  it('no days: no figure; an enabled unit without days is still expected', () => {
    const c = countBeds([], true);
    expect(bedsFigures(c).overPer100).toBeNull();
    expect([c.units, c.expectedUnits]).toEqual([0, 1]);
  });
});

describe('staffingRollup', () => {
  const shifts = [
    shift('A', '2026-03-02', 'dag', 10, 1),
    shift('A', '2026-03-03', 'dag', 10, 2),
    shift('B', '2026-03-02', 'dag', 20, 2),
    shift('C', '2026-03-02', 'dag', 5, 5), // a closed unit's history still counts
    shift('A', '2026-02-27', 'dag', 10, 9), // another month: not counted
  ];
  let nodes: Awaited<ReturnType<typeof staffingRollup>>;
  beforeAll(async () => {
    nodes = await staffingRollup(
      input({
        shifts,
        settings: [settings('M', { weekdaysOnly: true }), settings('A', { bedsEnabled: true, targetPct: 9 }), settings('V', { targetPct: 9 })],
        indicatorRows: [sickAtMost('A', 5), sickAtMost('V', 6)],
        hrMonths: [hrMonth('A', '2026-03', 10, 1000), hrMonth('B', '2026-03', 4, null), hrMonth('V', '2026-03', 7.5, 9000), hrMonth('A', '2026-02', 1, 1)],
        beds: [beds('A', '2026-03-02', 20, 21, 1)],
      }),
      '2026-03',
    );
  });

  it('pools staff-shifts up the tree', () => {
    expect(sickShare(nodes.get('V')?.board ?? null)).toEqual({ num: 10, den: 45, pct: (10 / 45) * 100 });
    expect(nodes.get('R')?.board.planned).toBe(45);
  });

  it('completeness: open units with a filled day, of open units (closed C not expected; W counts as a leaf)', () => {
    expect([nodes.get('V')?.boardReporting, nodes.get('V')?.boardExpected]).toEqual([2, 3]);
    expect([nodes.get('R')?.boardReporting, nodes.get('R')?.boardExpected]).toEqual([2, 4]);
  });

  it('unit-days: filled vs expected up to today; the mottagning expects weekdays only', () => {
    expect(nodes.get('A')?.board).toMatchObject({ filledDays: 2, expectedDays: 10 });
    expect(nodes.get('M')?.board).toMatchObject({ filledDays: 0, expectedDays: 7 });
    expect(nodes.get('C')?.board).toMatchObject({ filledDays: 1, expectedDays: 0 });
    expect(nodes.get('V')?.board).toMatchObject({ filledDays: 4, expectedDays: 27 });
  });

  it("HR: enheter pool by hours; a level's own HR row is kept apart and never added", () => {
    const v = nodes.get('V');
    expect(hrFigure(v?.hr ?? emptyHrCounts())).toMatchObject({ kvotPct: 10, weightedUnits: 1, units: 2 });
    expect(v?.ownHr?.kvotTotal).toBe(7.5);
    expect([v?.hrReporting, v?.hrExpected]).toEqual([2, 3]);
    expect(nodes.get('B')?.ownHr?.kvotTotal).toBe(4);
    expect(nodes.get('M')?.ownHr).toBeNull();
  });

  it('beds: only units that report beds are expected', () => {
    expect(nodes.get('V')?.beds).toMatchObject({ days: 1, overbelaggningar: 1, units: 1, expectedUnits: 1 });
  });

  it("targets are the catalogue's in force at each node (a level's target holds below it); the settings' old targetPct is not read", () => {
    expect(nodes.get('A')?.targetPct).toBe(5);
    expect(nodes.get('V')?.targetPct).toBe(6);
    expect(nodes.get('B')?.targetPct).toBe(6);
    // Above V the catalogue's default "Minska" has no value to judge against.
    expect(nodes.get('R')?.targetPct).toBeNull();
  });

  it('does not depend on the order of units or rows', async () => {
    const again = await staffingRollup(
      input({
        units: [...UNITS].reverse(),
        shifts: [...shifts].reverse(),
        settings: [settings('A', { bedsEnabled: true, targetPct: 9 }), settings('V', { targetPct: 9 }), settings('M', { weekdaysOnly: true })],
        indicatorRows: [sickAtMost('V', 6), sickAtMost('A', 5)],
        hrMonths: [hrMonth('V', '2026-03', 7.5, 9000), hrMonth('B', '2026-03', 4, null), hrMonth('A', '2026-03', 10, 1000)],
        beds: [beds('A', '2026-03-02', 20, 21, 1)],
      }),
      '2026-03',
    );
    expect(again).toEqual(nodes);
  });
});

describe('staffingTrend', () => {
  it('trendRange: three months shown, 29 days of lead-in, ending today in the current month', () => {
    expect(trendRange('2026-03', '2026-03-10')).toEqual({
      from: '2025-12-03',
      shownFrom: '2026-01-01',
      to: '2026-03-10',
      months: ['2026-01', '2026-02', '2026-03'],
    });
    expect(trendRange('2026-02', '2026-03-10').to).toBe('2026-02-28');
  });

  it('pools the subtree per day with gaps, and the HR kvot per month', () => {
    const trend = staffingTrend(
      input({
        rootId: 'V',
        shifts: [shift('A', '2026-03-02', 'dag', 10, 1), shift('B', '2026-03-02', 'dag', 10, 3), shift('A', '2026-03-04', 'natt', 4, 0)],
        hrMonths: [hrMonth('A', '2026-02', 10, 1000), hrMonth('B', '2026-02', 4, 3000), hrMonth('V', '2026-02', 6, null)],
        settings: [settings('V', { targetPct: 9 })],
        indicatorRows: [sickAtMost('V', 6)],
      }),
      trendRange('2026-03', '2026-03-05'),
    );
    const day = (d: string) => trend.days.find((x) => x.date === d);
    expect(day('2026-03-02')).toMatchObject({ units: 2, counts: { sick: 4, planned: 20 } });
    expect(day('2026-03-03')).toEqual({ date: '2026-03-03', counts: null, units: 0 });
    expect(trend.days.at(-1)?.date).toBe('2026-03-05');
    const feb = trend.hrMonths.find((m) => m.month === '2026-02');
    expect(hrFigure(feb?.hr ?? emptyHrCounts()).kvotPct).toBeCloseTo(5.5, 10);
    expect(feb?.own?.kvotTotal).toBe(6);
    expect(trend.targetPct).toBe(6);
  });
});
