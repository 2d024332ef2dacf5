/** The indicator table and series from raw rows: nodes, per-node targets, compare periods. */
import { describe, expect, it } from 'vitest';
import { contextFromRows, indicatorReportCompact, indicatorReportPacked, reportOfRows, seriesOfRows, reportRange, seriesPeriods, seriesRange } from '../../../../src/shared/domain/indicators';
import { CompactIndicatorReport, compactReport, expandPackedReport, IndicatorReport, IndicatorSeries, PackedIndicatorReport, packReport } from '../../../../src/shared/indicators-api';
import { AppError } from '../../../../src/shared/errors';
import { day, event, hrMonth, input, observations, row, shift } from './fixtures';

const NOW = Date.parse('2026-11-30T10:00:00Z');
const cell = (r: IndicatorReport, unitId: string, key: string) => r.cells.find((c) => c.unitId === unitId && c.key === key);

describe('indicatorReport', async () => {
  const rows = input({
    bhk: [...observations('avd1', '2026-11-02', 10, 9), ...observations('avd2', '2026-11-02', 10, 10), ...observations('avd1', '2025-11-02', 10, 5)],
    shifts: [shift('avd1', '2026-11-03', 'dag', 10, 1), shift('avd1', '2025-11-03', 'dag', 10, 3)],
    indicatorRows: [row('div', 'bhkTotal', { target: { op: 'gte', value: 90 } }), row('avd2', 'hrKvot', { hidden: true })],
  });
  const report = await reportOfRows(rows, '2026-11', NOW);

  it('is a valid answer: root first, then depth-first by name; one cell per node × def', async () => {
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

  it('in the compact form is what compactReport makes of it, made without the cell objects', async () => {
    for (const rootId of ['region', 'div', 'vo1', 'avd1', 'avd3']) {
      for (const period of ['2026-11', '2026', '2026-T3', '2025-W48']) {
        const wanted = compactReport(await reportOfRows({ ...rows, rootId }, period, NOW));
        const made = await indicatorReportCompact(contextFromRows({ ...rows, rootId }, rootId), period, NOW);
        expect(CompactIndicatorReport.safeParse(made).success).toBe(true);
        expect(JSON.stringify(made)).toBe(JSON.stringify(wanted));
      }
    }
  });

  it('in the packed form is what packReport makes of the compact one, and expands to the report', async () => {
    // HR months with a split by sex, this year and last: those cells carry their four figures, the rest none.
    const withHr = { ...rows, hrMonths: [hrMonth('avd1', '2026-11', 5, 1000, { kvotK: 6, kvotM: 3 }), hrMonth('avd1', '2025-11', 4, 1000, { kvotK: 5, kvotM: 2 }), hrMonth('avd2', '2026-11', 8, 500)] };
    let split = 0;
    for (const rootId of ['region', 'div', 'avd1']) {
      for (const period of ['2026-11', '2026']) {
        const full = await reportOfRows({ ...withHr, rootId }, period, NOW);
        const made = await indicatorReportPacked(contextFromRows({ ...withHr, rootId }, rootId), period, NOW);
        expect(PackedIndicatorReport.safeParse(made).success).toBe(true);
        expect(JSON.stringify(made)).toBe(JSON.stringify(packReport(compactReport(full))));
        expect(expandPackedReport(made)).toEqual(full);
        const long = made.cells.filter((c) => c.length === 15);
        expect(long.length).toBe(full.cells.filter((c) => c.valueK !== null || c.valueM !== null || c.compareK !== null || c.compareM !== null).length);
        split += long.length;
        expect(new Set(made.targets.map((t) => JSON.stringify(t))).size).toBe(made.targets.length);
      }
    }
    expect(split).toBeGreaterThan(0);
  });

  it('takes each cell\'s target from its own node (division 90 %, built-in 100 % above)', async () => {
    expect(cell(report, 'avd1', 'bhkTotal')).toMatchObject({ value: 90, n: 10, status: 'met', target: { op: 'gte', value: 90 }, comparePeriod: '2025-11', compareValue: 50, trend: 'up', improving: true });
    expect(cell(report, 'vo1', 'bhkTotal')).toMatchObject({ value: 95, reporting: 2, expected: 2, status: 'met' });
    expect(cell(report, 'div', 'bhkTotal')).toMatchObject({ reporting: 2, expected: 3 });
    const up = await reportOfRows({ ...rows, rootId: 'region' }, '2026-11', NOW);
    expect(cell(up, 'region', 'bhkTotal')).toMatchObject({ value: 95, target: { op: 'gte', value: 100 }, status: 'partial' });
  });

  it('compares Minska with the same month last year', async () => {
    expect(cell(report, 'avd1', 'sickShare')).toMatchObject({ value: 10, compareValue: 30, status: 'met', trend: 'down', improving: true });
    expect(cell(report, 'avd2', 'sickShare')).toMatchObject({ value: null, status: 'unmeasurable', trend: 'none' });
  });

  it('keeps a cell where a lower level hid the indicator (the column is the root\'s)', async () => {
    expect(cell(report, 'avd2', 'hrKvot')?.status).toBe('unmeasurable');
  });

  it('a changed target changes the old period\'s status; the facts stay the same', async () => {
    const stricter = { ...rows, indicatorRows: [row('div', 'bhkTotal', { target: { op: 'gte', value: 99 } })] };
    const again = await reportOfRows(stricter, '2026-11', NOW);
    // 90 % misses 99 % beyond the band, but rose from 50 %: delvis.
    expect(cell(again, 'avd1', 'bhkTotal')).toMatchObject({ value: 90, num: 9, den: 10, status: 'partial' });
    expect(cell(again, 'avd2', 'bhkTotal')).toMatchObject({ value: 100, status: 'met' });
  });

  it('rejects a malformed period with the field path', async () => {
    await expect(reportOfRows(rows, '2026-13', NOW)).rejects.toThrow(AppError);
    try {
      await reportOfRows(rows, '2026-13', NOW);
    } catch (e) {
      expect((e as AppError).path).toEqual(['period']);
    }
  });
});

describe('what a cell is compared with', async () => {
  it('a compare period with n below the minimum gives no arrow and no Öka/Minska verdict', async () => {
    // Last November rests on 2 observations (minimum 10): 0 % then is no baseline for 90 % now.
    const rows = input({ bhk: [...observations('avd1', '2026-11-02', 10, 9), ...observations('avd1', '2025-11-02', 2, 0)] });
    const r = await reportOfRows(rows, '2026-11', NOW);
    // 90 % is below the 100 % target's band; without a usable baseline it has not "improved": ej uppfyllt.
    expect(cell(r, 'avd1', 'bhkTotal')).toMatchObject({ value: 90, status: 'notMet', trend: 'none', improving: null });
    const oka = await reportOfRows({ ...rows, indicatorRows: [row('div', 'bhkTotal', { target: { op: 'increase' } })] }, '2026-11', NOW);
    expect(cell(oka, 'avd1', 'bhkTotal')).toMatchObject({ status: 'unmeasurable', trend: 'none' });
    // With a compare period at the minimum, both come back.
    const enough = await reportOfRows(input({ bhk: [...rows.bhk, ...observations('avd1', '2025-11-03', 8, 0)] }), '2026-11', NOW);
    expect(cell(enough, 'avd1', 'bhkTotal')).toMatchObject({ status: 'partial', trend: 'up', improving: true });
  });

  it('a count in the current period is compared with the same days of the compare period, not all of it', async () => {
    // 10 November: one harm day so far this month; last November had one by the 10th and one later.
    const rows = input({
      today: '2026-11-10',
      safetyEvents: [
        event('avd1', '2026-11-05', { severity: 'orange', category: 'trycksar' }),
        event('avd1', '2025-11-05', { severity: 'orange', category: 'trycksar' }),
        event('avd1', '2025-11-20', { severity: 'rod', category: 'trycksar' }),
      ],
    });
    const r = await reportOfRows(rows, '2026-11', NOW);
    expect(cell(r, 'avd1', 'harmDays')).toMatchObject({ value: 1, compareValue: 1, trend: 'flat', improving: null });
    // A past period is compared whole.
    const later = await reportOfRows({ ...rows, today: '2026-12-15' }, '2026-11', NOW);
    expect(cell(later, 'avd1', 'harmDays')).toMatchObject({ value: 1, compareValue: 2, trend: 'down', improving: true });
    // The previous week, Monday to Tuesday like this week so far (Tuesday 10 November, 2026-W46).
    // Both weeks' Monday and Tuesday were confirmed green; last week's harm came on Thursday.
    const week = await reportOfRows(
      {
        ...rows,
        indicatorRows: [row('div', 'harmDays', { compare: 'previous' })],
        safetyDays: ['2026-11-02', '2026-11-03', '2026-11-09', '2026-11-10'].map((d) => day('avd1', d)),
      },
      '2026-W46',
      NOW,
    );
    expect(cell(week, 'avd1', 'harmDays')).toMatchObject({ comparePeriod: '2026-W45', value: 0, compareValue: 0, trend: 'flat' });
  });
});

describe('indicatorSeries', async () => {
  it('gives count periods of to\'s kind, with median and signals', async () => {
    const bhk = ['2026-06', '2026-07', '2026-08', '2026-09', '2026-10', '2026-11'].flatMap((m, i) => observations('avd1', `${m}-05`, 10, 4 + i));
    const s = await seriesOfRows(input({ bhk }), 'avd1', 'bhkTotal', '2026-11', 6, NOW);
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

  it('throws not-found for a hidden or unknown key', async () => {
    await expect(seriesOfRows(input(), 'avd1', 'nope', '2026-11', 6, NOW)).rejects.toThrow(AppError);
  });
});

describe('load ranges', async () => {
  it('cover the period and its compare periods, safety events 730 days further back', async () => {
    expect(reportRange('2026-11')).toMatchObject({ from: '2025-11-01', to: '2026-11-30', eventsFrom: '2023-11-02' });
    expect(reportRange('2026-11', ['previous'])).toEqual({ from: '2026-10-01', to: '2026-11-30', eventsFrom: '2024-10-01', windows: [{ from: '2026-10-01', to: '2026-11-30' }] });
    expect(seriesPeriods('2026-W02', 3)).toEqual(['2025-W52', '2026-W01', '2026-W02']);
    expect(seriesRange('2026-11', 12)).toMatchObject({ from: '2024-12-01', to: '2026-11-30' });
  });

  it('a report loads only the period and its compare periods, not the year between', async () => {
    expect(reportRange('2026-11').windows).toEqual([
      { from: '2025-11-01', to: '2025-11-30' },
      { from: '2026-10-01', to: '2026-11-30' },
    ]);
    expect(reportRange('2026-W47').windows).toEqual([
      { from: '2025-11-17', to: '2025-11-23' },
      { from: '2026-11-09', to: '2026-11-22' },
    ]);
    // ISO week 53 compares with week 52 a year back; the year's compare periods coincide.
    expect(reportRange('2026-W53').windows).toEqual([
      { from: '2025-12-22', to: '2025-12-28' },
      { from: '2026-12-21', to: '2027-01-03' },
    ]);
    expect(reportRange('2026-W53')).toMatchObject({ from: '2025-12-22', to: '2027-01-03' });
    expect(reportRange('2026').windows).toEqual([{ from: '2025-01-01', to: '2026-12-31' }]);
    expect(reportRange('2026-T1').windows).toEqual([{ from: '2025-01-01', to: '2025-04-30' }, { from: '2025-09-01', to: '2026-04-30' }]);
  });
});
