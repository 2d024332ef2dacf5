/**
 * A report reads of its compare ranges only what the cells compared with them read (report.ts
 * rangeNeeds): a year report's year to date last year serves the sums that grow with the days, so
 * its BHK and staffing are not read. The report must be the same as when every range is read
 * whole: random boards' rows, reported values, targets, minimum n and compare periods, for
 * months, tertials, years and weeks, with today inside and outside the period.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { contextFromRows, indicatorReportCompact, loadPeriodFacts, rangeNeeds } from '../../../../src/shared/domain/indicators';
import { AppError } from '../../../../src/shared/errors';
import { resolveDefs } from '../../../../src/shared/domain/indicators/resolve';
import { addDays } from '../../../../src/shared/domain/periods';
import { BHK_STEPS } from '../../../../src/shared/schema/bhk-observation';
import { ReportedValue, reportedValueIdFor } from '../../../../src/shared/schema/reported-value';
import { day, event, hrMonth, input, obs, row, shift, TREE } from './fixtures';

const LEAVES = ['avd1', 'avd2', 'avd3'];
const LEVELS = ['region', 'div', 'vo1', 'vo2'];
const KEYS = ['bhkTotal', 'bhkQuota', 'greenShare', 'sickShare', 'hrKvot', 'daysSinceFall', 'harmDays'];
const REPORTED = [
  row('region', 'waitShare', { nameSv: 'Väntande ≤ 90 dagar', source: { kind: 'reported', form: 'ratio', grain: 'month', at: 'unit' }, unit: 'pct', direction: 'higher', target: { op: 'gte', value: 70 }, perspective: 'medborgare' }),
  row('region', 'kpp', { nameSv: 'Produktivitet KPP', source: { kind: 'reported', form: 'count', grain: 'year', at: 'level' }, unit: 'count', direction: 'higher', target: null, perspective: 'ekonomi' }),
];

/** A day between 2024-10-01 and 2026-12-31. */
const date = fc.integer({ min: 0, max: 821 }).map((n) => addDays('2024-10-01', n));
const leaf = fc.constantFrom(...LEAVES);

const rowsOf = fc.record({
  bhk: fc.array(fc.record({ unit: leaf, date, nej: fc.subarray([...BHK_STEPS], { maxLength: 2 }) }), { maxLength: 30 }),
  days: fc.array(fc.record({ unit: leaf, date, green: fc.boolean() }), { maxLength: 30 }),
  events: fc.array(fc.record({ unit: leaf, date, category: fc.constantFrom('fall', 'trycksar'), severity: fc.constantFrom('gul', 'orange', 'rod') }), { maxLength: 12 }),
  shifts: fc.array(fc.record({ unit: leaf, date, planned: fc.integer({ min: 1, max: 9 }), sick: fc.integer({ min: 0, max: 3 }) }), { maxLength: 20 }),
  hr: fc.array(fc.record({ unit: fc.constantFrom(...LEAVES, 'vo1'), month: date.map((d) => d.slice(0, 7)), kvot: fc.integer({ min: 0, max: 150 }), hours: fc.option(fc.integer({ min: 1, max: 5000 })) }), { maxLength: 10 }),
  reported: fc.array(fc.record({ unit: fc.constantFrom(...LEAVES, 'vo1', 'div'), month: date.map((d) => d.slice(0, 7)), num: fc.integer({ min: 0, max: 50 }), den: fc.integer({ min: 50, max: 100 }) }), { maxLength: 10 }),
  /** A level's own yearly figure (kpp, reported at the level: never pooled). */
  kpp: fc.array(fc.record({ unit: fc.constantFrom(...LEVELS, ...LEAVES), year: fc.constantFrom('2024', '2025', '2026'), num: fc.integer({ min: 0, max: 500 }) }), { maxLength: 6 }),
  defs: fc.array(
    fc.record({ unit: fc.constantFrom(...LEVELS, ...LEAVES), key: fc.constantFrom(...KEYS), minN: fc.integer({ min: 0, max: 12 }), compare: fc.constantFrom('lastYear', 'previous'), target: fc.integer({ min: 0, max: 100 }) }),
    { maxLength: 8 },
  ),
  today: date,
  period: fc.constantFrom('2026-11', '2026-10', '2026', '2025', '2026-T3', '2026-T1', '2026-W47', '2025-12'),
});

describe('a report’s compare ranges read for its cells only', () => {
  it('give the report that reading them whole gives', async () => {
    let partial = 0;
    await fc.assert(
      fc.asyncProperty(rowsOf, async (r) => {
        const inputRows = input({
          rootId: 'region',
          today: r.today,
          bhk: r.bhk.map((o) => obs(o.unit, o.date, o.nej)),
          safetyDays: r.days.map((d) => day(d.unit, d.date, d.green)),
          safetyEvents: r.events.map((e) => event(e.unit, e.date, { category: e.category, severity: e.severity })),
          shifts: r.shifts.map((s) => shift(s.unit, s.date, 'dag', s.planned, Math.min(s.sick, s.planned))),
          hrMonths: [...new Map(r.hr.map((h) => [`${h.unit}|${h.month}`, hrMonth(h.unit, h.month, h.kvot / 10, h.hours)])).values()],
          reported: [
            ...new Map(
              r.reported.map((v) => [
                `${v.unit}|${v.month}`,
                ReportedValue.parse({ id: reportedValueIdFor(v.unit, 'waitShare', v.month), unitId: v.unit, measure: 'waitShare', period: v.month, num: v.num, den: v.den, numK: null, denK: null, numM: null, denM: null, source: 'manual' }),
              ]),
            ).values(),
            ...new Map(
              r.kpp.map((v) => [
                `${v.unit}|${v.year}`,
                ReportedValue.parse({ id: reportedValueIdFor(v.unit, 'kpp', v.year), unitId: v.unit, measure: 'kpp', period: v.year, num: v.num, den: null, numK: null, denK: null, numM: null, denM: null, source: 'manual' }),
              ]),
            ).values(),
          ],
          indicatorRows: [
            ...REPORTED,
            ...new Map(r.defs.map((d) => [`${d.unit}|${d.key}`, row(d.unit, d.key, { minN: d.minN, compare: d.compare, target: { op: 'gte', value: d.target } })])).values(),
          ],
        });
        const now = Date.parse(`${r.today}T10:00:00Z`);
        const ctx = contextFromRows(inputRows, 'region');
        const needs = rangeNeeds(resolveDefs(ctx.indicatorRows, ctx.units, 'region'), r.period, r.today);
        if ([...needs.values()].some((s) => !s.has('bhk'))) partial += 1;
        const cells = await indicatorReportCompact(ctx, r.period, now, 'cells');
        const all = await indicatorReportCompact(contextFromRows(inputRows, 'region'), r.period, now, 'all');
        expect(JSON.stringify(cells)).toBe(JSON.stringify(all));
      }),
      { numRuns: 150 },
    );
    // Some of the reports did leave a compare range's BHK unread.
    expect(partial).toBeGreaterThan(10);
  });

  it('are all shown to the reader first, also one of which no board is read (a device outside its window refuses)', async () => {
    const ctx = contextFromRows(input({ rootId: 'region', today: '2026-12-07' }), 'region');
    const asked: string[] = [];
    const reader = {
      ...ctx.reader,
      covers: (ranges: readonly { from: string; to: string }[]) => {
        asked.push(...ranges.map((r) => `${r.from}/${r.to}`));
        if (ranges.some((r) => r.from < '2025-06-01')) throw new AppError('network', { reason: 'facts-outside-window' });
      },
    };
    // Last year's March is read for reported values only.
    const needs = new Map([['2025-03-01/2025-03-31', new Set(['reported'] as const)]]);
    await expect(loadPeriodFacts(reader, [{ from: '2026-03-01', to: '2026-03-31' }, { from: '2025-03-01', to: '2025-03-31' }], '2026-12-07', [], undefined, needs)).rejects.toThrow(AppError);
    expect(asked).toEqual(['2026-03-01/2026-03-31', '2025-03-01/2025-03-31']);
  });

  it('a year report on 7 December reads last year to date for Gröna korset’s sums only', () => {
    const ctx = contextFromRows(input({ rootId: 'region', today: '2026-12-07' }), 'region');
    const needs = rangeNeeds(resolveDefs(ctx.indicatorRows, TREE, 'region'), '2026', '2026-12-07');
    expect(Object.fromEntries([...needs].map(([k, v]) => [k, [...v].sort()]))).toEqual({
      '2025-01-01/2025-12-07': ['safety'],
      '2025-01-01/2025-12-31': ['bhk', 'falls', 'hr', 'safety', 'staff'],
    });
  });
});
