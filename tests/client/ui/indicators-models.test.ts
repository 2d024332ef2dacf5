import { afterEach, describe, expect, it } from 'vitest';
import { setLanguage } from '../../../src/client/kit/i18n';
import { pointSignals, seriesColumns, signalLines, yRange } from '../../../src/client/features/indicators/chart-data';
import { childRows, listGroups, pulseRows, statusCounts, trail } from '../../../src/client/features/indicators/model';
import { BOARD_PERIOD_KINDS, nextPeriod, parsePeriod, stepPeriod } from '../../../src/client/kit/period';
import { BHK_PERIOD_KINDS } from '../../../src/shared/bhk-api';
import { INDICATOR_PERIODS } from '../../../src/shared/schema/indicator';
import { formatTarget, formatValue, periodLabel, reportingText, shortPeriod, trendClass, trendText } from '../../../src/client/features/indicators/texts';
import { indicatorTexts } from '../../../src/shared/i18n/features/indicators';
import { cell, report, series } from './indicators-fixtures';

afterEach(async () => setLanguage('sv'));

describe('indicator list (listGroups, childRows)', () => {
  it('groups by perspective in the fixed perspective order, indicators by order within', () => {
    const r = report({});
    expect(listGroups(r, 'div').map((g) => [g.perspective, g.rows.map((x) => x.def.key)])).toEqual([
      ['medborgare', ['a']],
      ['medarbetare', ['b']],
    ]);
    expect(listGroups(r, 'div', 'medarbetare').map((g) => g.perspective)).toEqual(['medarbetare']);
  });

  it('each row carries its own node\'s cell; a missing cell is null, not another node\'s', () => {
    const r = report({ 'vo-a': ['notMet', 'met'] });
    expect(listGroups(r, 'vo-a')[0]?.rows[0]?.cell?.status).toBe('notMet');
    const noCells = { ...r, cells: r.cells.filter((c) => c.unitId !== 'u3') };
    expect(listGroups(noCells, 'u3')[0]?.rows[0]?.cell).toBeNull();
  });

  it('children of a node with one indicator, and whether each is a level or a unit', () => {
    const r = report({ 'vo-b': ['partial', 'met'] });
    expect(childRows(r, 'div', 'a').map((c) => [c.node.id, c.cell?.status, c.isLevel])).toEqual([
      ['vo-a', 'met', true],
      ['vo-b', 'partial', true],
    ]);
    expect(childRows(r, 'vo-a', 'a').map((c) => [c.node.id, c.isLevel])).toEqual([
      ['u1', false],
      ['u2', false],
    ]);
    expect(childRows(r, 'u1', 'a')).toEqual([]);
  });
});

describe('division pulse table (worst first)', () => {
  it.each([
    // [u1, u2, u3] statuses for (a, b) → expected order
    [{ u1: ['met', 'met'], u2: ['notMet', 'met'], u3: ['partial', 'partial'] }, ['u2', 'u3', 'u1']],
    [{ u1: ['partial', 'unmeasurable'], u2: ['partial', 'met'], u3: ['met', 'met'] }, ['u1', 'u2', 'u3']],
    [{ u1: ['notMet', 'partial'], u2: ['notMet', 'notMet'], u3: ['unmeasurable', 'unmeasurable'] }, ['u2', 'u1', 'u3']],
    [{ u1: ['met', 'met'], u2: ['met', 'met'], u3: ['met', 'met'] }, ['u1', 'u2', 'u3']],
  ] as const)('%j → %j', (statuses, order) => {
    const t = pulseRows(report(statuses as never));
    expect(t.rows.map((r) => r.node.id)).toEqual(order);
  });

  it('rows are the leaf units only; columns follow the indicators\' order; a missing cell counts as □', () => {
    const r = report({ u1: ['notMet', 'partial'] });
    const t = pulseRows({ ...r, cells: r.cells.filter((c) => !(c.unitId === 'u3' && c.key === 'b')) });
    expect(t.defs.map((d) => d.key)).toEqual(['a', 'b']);
    expect(t.rows.map((x) => x.node.id).sort()).toEqual(['u1', 'u2', 'u3']);
    const u1 = t.rows.find((x) => x.node.id === 'u1');
    expect(u1?.cells.map((c) => c?.status)).toEqual(['notMet', 'partial']);
    expect(t.rows.find((x) => x.node.id === 'u3')?.counts).toEqual({ met: 1, partial: 0, notMet: 0, unmeasurable: 1 });
    expect(statusCounts([cell('x', 'a', 'met'), null])).toEqual({ met: 1, partial: 0, notMet: 0, unmeasurable: 1 });
  });
});

describe('breadcrumb trail', () => {
  const units = [
    { id: 'region', parentId: null, name: 'Region' },
    { id: 'div', parentId: 'region', name: 'Division' },
    { id: 'vo', parentId: 'div', name: 'VO' },
    { id: 'u', parentId: 'vo', name: 'Enhet' },
  ];
  it.each([
    ['div', 'u', ['div', 'vo']],
    ['div', 'vo', ['div']],
    ['div', 'div', []],
    ['vo', 'div', []], // above the scope: no trail
  ])('scope %s, at %s → %j', (scope, at, ids) => {
    expect(trail(units, scope, at).map((u) => u.id)).toEqual(ids);
  });
});

describe('chart adapter (uPlot columns)', () => {
  it('x is the period index; a period without a value is null in every value column, never 0', () => {
    const cols = seriesColumns(series([80, null, 95], { median: 87.5 }));
    expect(cols[0]).toEqual([0, 1, 2]);
    expect(cols[1]).toEqual([80, null, 95]);
    expect(cols[2]).toEqual([90, 90, 90]);
    expect(cols[3]).toEqual([87.5, 87.5, 87.5]);
    expect(cols[4]).toEqual([null, null, null]);
    expect(cols[5]).toEqual([null, null, null]);
  });

  it('no median (fewer than 2 values) and no fixed target give null lines', () => {
    const s = series([null, 70], { median: null });
    const cols = seriesColumns({ ...s, points: s.points.map((p) => ({ ...p, targetValue: null })) });
    expect(cols[2]).toEqual([null, null]);
    expect(cols[3]).toEqual([null, null]);
  });

  it('marks the points inside shift and trend signals (gaps inside a signal stay null)', () => {
    const s = series([1, 2, 3, null, 5, 6, 7, 8, 9], {
      median: 4,
      signals: [
        { kind: 'trend', from: 4, to: 8, side: 'up' },
        { kind: 'shift', from: 0, to: 2, side: 'below' },
      ],
    });
    const cols = seriesColumns(s);
    expect(cols[4]).toEqual([1, 2, 3, null, null, null, null, null, null]);
    expect(cols[5]).toEqual([null, null, null, null, 5, 6, 7, 8, 9]);
    expect(pointSignals(s).map((m) => m.join('+'))).toEqual(['shift', 'shift', 'shift', '', 'trend', 'trend', 'trend', 'trend', 'trend']);
  });

  it('signal lines say what, how many points with a value, and from which period to which', () => {
    const s = series([60, 61, null, 62, 63, 64, 65, 40], { signals: [{ kind: 'shift', from: 0, to: 6, side: 'above' }] });
    expect(signalLines(s)).toEqual([{ kind: 'shift', side: 'above', n: 6, fromPeriod: '2026-01', toPeriod: '2026-07' }]);
  });

  it('y range: percentages up to 100 when near it, else to the next 10; counts with headroom; never above the data floor of 0', () => {
    expect(yRange(seriesColumns(series([80, 95])), 'pct')).toEqual([0, 100]);
    const low = series([3, 8.6], { median: 5 });
    expect(yRange(seriesColumns({ ...low, points: low.points.map((p) => ({ ...p, targetValue: null })) }), 'pct')).toEqual([0, 10]);
    expect(yRange(seriesColumns({ ...low, points: low.points.map((p) => ({ ...p, targetValue: 30 })) }), 'days')).toEqual([0, 35]);
    expect(yRange([[], [], [], [], [], []], 'count')).toEqual([0, 5]);
    // A target of 90 % with no values: the line is drawn below the top, not on the edge.
    expect(yRange(seriesColumns({ ...series([null, null]), median: null }), 'pct')).toEqual([0, 100]);
    expect(yRange(seriesColumns({ ...low, median: null, points: low.points.map((p) => ({ ...p, targetValue: 50 })) }), 'pct')).toEqual([0, 60]);
  });
});

describe('formatting', () => {
  it.each([
    [82, 'pct', '82 %'],
    [8.64, 'pct', '8,6 %'],
    [3, 'days', '3 dagar'],
    [1, 'days', '1 dag'],
    [730, 'days', 'minst 730 dagar'],
    [1500, 'count', '1 500'],
    [null, 'pct', '–'],
  ] as const)('%s %s → %s', (v, unit, text) => {
    expect(formatValue(v, unit).replace(/\u00a0|\u202f/g, ' ')).toBe(text);
  });

  it.each([
    [{ op: 'gte', value: 90 }, 'pct', 'mål ≥ 90 %'],
    [{ op: 'lte', value: 0 }, 'count', 'mål ≤ 0'],
    [{ op: 'gte', value: 30 }, 'days', 'mål ≥ 30 dagar'],
    [{ op: 'decrease' }, 'pct', 'mål: Minska'],
    [{ op: 'increase' }, 'pct', 'mål: Öka'],
    [null, 'pct', 'inget mål'],
  ] as const)('target %j (%s) → %s', (target, unit, text) => {
    expect(formatTarget(target, unit).replace(/\u00a0|\u202f/g, ' ')).toBe(text);
  });

  it.each([
    ['up', true, 'bättre', 'trend-good'],
    ['down', true, 'bättre', 'trend-good'],
    ['up', false, 'sämre', 'trend-bad'],
    ['flat', null, 'oförändrat', 'trend-neutral'],
    ['diverging', null, 'K och M åt olika håll', 'trend-neutral'],
    ['none', null, 'inget att jämföra med', 'trend-neutral'],
  ] as const)('trend %s improving=%s → %s (%s)', (trend, improving, text, cls) => {
    expect(trendText(trend, improving)).toBe(text);
    expect(trendClass(trend, improving)).toBe(cls);
  });

  it('period labels, long and short, follow the language', async () => {
    expect(periodLabel('2026-11')).toBe('november 2026');
    expect(periodLabel('2026-W47')).toBe('vecka 47 2026');
    expect(periodLabel('2026-T3')).toBe('tertial 3 2026');
    expect(periodLabel('2026')).toBe('2026');
    expect(shortPeriod('2026-W07')).toBe('v7 26');
    expect(shortPeriod('2026-T1')).toBe('T1 26');
    await setLanguage('en');
    expect(periodLabel('2026-W47')).toBe('week 47 2026');
    expect(trendText('up', false)).toBe('worse');
  });

  it('the English catalogue has exactly the Swedish keys', () => {
    expect(Object.keys(indicatorTexts.en).sort()).toEqual(Object.keys(indicatorTexts.sv).sort());
  });
});

describe('periods in the address bar', () => {
  it.each([
    [undefined, '2026-11'],
    ['2026-W47', '2026-W47'],
    ['2026-T2', '2026-T2'],
    ['2025', '2025'],
    ['2026-12', '2026-11'], // not begun
    ['2026-11-20', '2026-11'], // a day is not an indicator period
    ['junk', '2026-11'],
  ])('%s → %s', (q, period) => {
    expect(parsePeriod(q, '2026-11-20')).toBe(period);
  });

  it('steps back and forth within the kind, never past the current period', () => {
    expect(stepPeriod('2026-01', -1)).toBe('2025-12');
    expect(stepPeriod('2026-T1', -1)).toBe('2025-T3');
    expect(stepPeriod('2026-W01', -1)).toBe('2025-W52');
    expect(nextPeriod('2026-10', '2026-11-20')).toBe('2026-11');
    expect(nextPeriod('2026-11', '2026-11-20')).toBeNull();
    expect(nextPeriod('2026-T2', '2026-11-20')).toBe('2026-T3');
  });
});

describe('completeness text (reportingText)', () => {
  it.each([
    [9, 11, '9 av 11 enheter'],
    [0, 1, '0 av 1 enhet'],
    [1, 1, '1 av 1 enhet'],
    [0, 0, '0 av 0 enheter'],
  ])('%i of %i reads "%s"', (reporting, expected, text) => {
    expect(reportingText(reporting, expected)).toBe(text);
  });

  it('English has its singular too', async () => {
    await setLanguage('en');
    expect(reportingText(1, 1)).toBe('1 of 1 unit');
    expect(reportingText(3, 4)).toBe('3 of 4 units');
  });
});

describe('board kit: one period model (kit/period.ts)', () => {
  it('the boards and the indicators offer the same period kinds the kit models', () => {
    expect([...BHK_PERIOD_KINDS]).toEqual([...BOARD_PERIOD_KINDS]);
    expect([...INDICATOR_PERIODS]).toEqual([...BOARD_PERIOD_KINDS]);
  });
});
