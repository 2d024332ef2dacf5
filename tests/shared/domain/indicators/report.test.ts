/** The indicator table and series from raw rows: nodes, per-node targets, compare periods. */
import { describe, expect, it } from 'vitest';
import { indicatorReport, indicatorSeries, reportRange, seriesPeriods, seriesRange } from '../../../../src/shared/domain/indicators';
import { IndicatorReport, IndicatorSeries } from '../../../../src/shared/indicators-api';
import { AppError } from '../../../../src/shared/errors';
import { input, observations, row, shift } from './fixtures';

const NOW = Date.parse('2026-11-30T10:00:00Z');
const cell = (r: IndicatorReport, unitId: string, key: string) => r.cells.find((c) => c.unitId === unitId && c.key === key);

describe('indicatorReport', () => {
  const rows = input({
    bhk: [...observations('avd1', '2026-11-02', 10, 9), ...observations('avd2', '2026-11-02', 10, 10), ...observations('avd1', '2025-11-02', 10, 5)],
    shifts: [shift('avd1', '2026-11-03', 'dag', 10, 1), shift('avd1', '2025-11-03', 'dag', 10, 3)],
    indicatorRows: [row('div', 'bhkTotal', { target: { op: 'gte', value: 90 } }), row('avd2', 'hrKvot', { hidden: true })],
  });
  const report = indicatorReport(rows, '2026-11', NOW);

  it('is a valid answer: root first, then depth-first by name; one cell per node × def', () => {
    expect(IndicatorReport.safeParse(report).success).toBe(true);
    expect(report.nodes.map((n) => [n.id, n.depth])).toEqual([
      ['div', 0],
      ['vo2', 1], // "VO Kirurgi" before "VO Medicin"
      ['avd3', 2],
      ['vo1', 1],
      ['avd1', 2],
      ['avd2', 2],
    ]);
    expect(report.cells).toHaveLength(report.nodes.length * report.defs.length);
    expect(report.computedAt).toBe('2026-11-30T10:00:00.000Z');
  });

  it('takes each cell\'s target from its own node (division 90 %, built-in 100 % above)', () => {
    expect(cell(report, 'avd1', 'bhkTotal')).toMatchObject({ value: 90, n: 10, status: 'met', target: { op: 'gte', value: 90 }, comparePeriod: '2025-11', compareValue: 50, trend: 'up', improving: true });
    expect(cell(report, 'vo1', 'bhkTotal')).toMatchObject({ value: 95, reporting: 2, expected: 2, status: 'met' });
    expect(cell(report, 'div', 'bhkTotal')).toMatchObject({ reporting: 2, expected: 3 });
    const up = indicatorReport({ ...rows, rootId: 'region' }, '2026-11', NOW);
    expect(cell(up, 'region', 'bhkTotal')).toMatchObject({ value: 95, target: { op: 'gte', value: 100 }, status: 'partial' });
  });

  it('compares Minska with the same month last year', () => {
    expect(cell(report, 'avd1', 'sickShare')).toMatchObject({ value: 10, compareValue: 30, status: 'met', trend: 'down', improving: true });
    expect(cell(report, 'avd2', 'sickShare')).toMatchObject({ value: null, status: 'unmeasurable', trend: 'none' });
  });

  it('keeps a cell where a lower level hid the indicator (the column is the root\'s)', () => {
    expect(cell(report, 'avd2', 'hrKvot')?.status).toBe('unmeasurable');
  });

  it('a changed target changes the old period\'s status; the facts stay the same', () => {
    const stricter = { ...rows, indicatorRows: [row('div', 'bhkTotal', { target: { op: 'gte', value: 99 } })] };
    const again = indicatorReport(stricter, '2026-11', NOW);
    // 90 % misses 99 % beyond the band, but rose from 50 %: delvis.
    expect(cell(again, 'avd1', 'bhkTotal')).toMatchObject({ value: 90, num: 9, den: 10, status: 'partial' });
    expect(cell(again, 'avd2', 'bhkTotal')).toMatchObject({ value: 100, status: 'met' });
  });

  it('rejects a malformed period with the field path', () => {
    expect(() => indicatorReport(rows, '2026-13', NOW)).toThrow(AppError);
    try {
      indicatorReport(rows, '2026-13', NOW);
    } catch (e) {
      expect((e as AppError).path).toEqual(['period']);
    }
  });
});

describe('indicatorSeries', () => {
  it('gives count periods of to\'s kind, with median and signals', () => {
    const bhk = ['2026-06', '2026-07', '2026-08', '2026-09', '2026-10', '2026-11'].flatMap((m, i) => observations('avd1', `${m}-05`, 10, 4 + i));
    const s = indicatorSeries(input({ bhk }), 'avd1', 'bhkTotal', '2026-11', 6, NOW);
    expect(IndicatorSeries.safeParse(s).success).toBe(true);
    expect(s.points.map((p) => [p.period, p.value, p.targetValue])).toEqual([
      ['2026-06', 40, 100],
      ['2026-07', 50, 100],
      ['2026-08', 60, 100],
      ['2026-09', 70, 100],
      ['2026-10', 80, 100],
      ['2026-11', 90, 100],
    ]);
    expect(s.median).toBe(65);
    expect(s.signals).toEqual([{ kind: 'trend', from: 0, to: 5, side: 'up' }]);
  });

  it('throws not-found for a hidden or unknown key', () => {
    expect(() => indicatorSeries(input(), 'avd1', 'nope', '2026-11', 6, NOW)).toThrow(AppError);
  });
});

describe('load ranges', () => {
  it('cover the period and its compare periods, safety events 730 days further back', () => {
    expect(reportRange('2026-11')).toEqual({ from: '2025-11-01', to: '2026-11-30', eventsFrom: '2023-11-02' });
    expect(reportRange('2026-11', ['previous'])).toEqual({ from: '2026-10-01', to: '2026-11-30', eventsFrom: '2024-10-01' });
    expect(seriesPeriods('2026-W02', 3)).toEqual(['2025-W52', '2026-W01', '2026-W02']);
    expect(seriesRange('2026-11', 12)).toMatchObject({ from: '2024-12-01', to: '2026-11-30' });
  });
});
