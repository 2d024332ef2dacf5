/**
 * Year-to-month sums of reported values (fact_reported_c, migration 0016, issue 17): a range from
 * 1 January reads one row a unit and measure at its last whole month instead of every value. The
 * rows must hold exactly what the shared code sums from the values (reported.ts reportedSumsOf),
 * bit for bit, after the migration and after any sequence of writes and removals; the report's
 * read must equal the shared function over the values for every kind of range. SQLite and
 * PostgreSQL, through the real migrations and the real fact operations.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { yearToMonthDifferences } from '../../src/server/facts/build';
import { type ReportedYearToMonth, yearToMonthOf, yearToMonthSums } from '../../src/server/facts/reported';
import { factOps } from '../../src/server/store/fact-ops';
import { reportedSumsByRange, reportedSumsOf } from '../../src/shared/domain/indicators/reported';
import { periodRange } from '../../src/shared/domain/periods';
import { seededRandom } from '../../src/shared/domain/random';
import { type ReportedValue, reportedValueIdFor } from '../../src/shared/schema/reported-value';
import { dropMigrationSchemas, insertRegionUnits, MIGRATION_DATABASES } from '../fixtures/migrations';

afterAll(dropMigrationSchemas);

const SEED = Number(process.env.YTM_SEED ?? Math.floor(Math.random() * 2 ** 31));
console.log(`reported-year-to-month.test.ts: YTM_SEED=${SEED}`);

const value = (unitId: string, measure: string, period: string, num: number, more: Partial<ReportedValue> = {}): ReportedValue =>
  ({ id: reportedValueIdFor(unitId, measure, period), unitId, measure, period, num, den: null, numK: null, denK: null, numM: null, denM: null, source: 'import', ...more }) as ReportedValue;

const PERIODS = ['2025', '2025-T1', '2025-T3', '2025-02', '2025-12', '2026', '2026-T1', '2026-T2', '2026-T3', ...Array.from({ length: 12 }, (_, m) => `2026-${String(m + 1).padStart(2, '0')}`)];
// Amounts whose sums depend on the order they are added in, and whole numbers.
const AMOUNTS = [1e12, 0.00005, 0.1, 0.2, 0.30000000000000004, 7, -4.25, 1234.5600000000001];

function randomValue(rand: () => number): ReportedValue {
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rand() * xs.length)] as T;
  const split = rand() < 0.4;
  return value(pick(['u1', 'u2', 'reg']), pick(['waitShare', 'hiredCost']), pick(PERIODS), pick(AMOUNTS), {
    den: rand() < 0.7 ? pick(AMOUNTS) : null,
    ...(split ? { numK: pick(AMOUNTS), denK: pick(AMOUNTS), numM: pick(AMOUNTS), denM: rand() < 0.5 ? null : pick(AMOUNTS) } : {}),
  });
}

// Ranges a report asks for: years, a year to a day, January's first days, a month, a tertial, across years.
const RANGES = [
  periodRange('2026'),
  periodRange('2025'),
  { from: '2026-01-01', to: '2026-12-06' },
  { from: '2026-01-01', to: '2026-04-30' },
  { from: '2026-01-01', to: '2026-01-10' },
  { from: '2026-01-01', to: '2026-01-31' },
  periodRange('2026-03'),
  periodRange('2026-T2'),
  { from: '2025-01-01', to: '2026-12-31' },
  { from: '2025-12-01', to: '2026-06-30' },
];

const byKey = (rows: readonly ReportedYearToMonth[]) => [...rows].sort((a, b) => (`${a.unitId} ${a.measure} ${a.month}` < `${b.unitId} ${b.measure} ${b.month}` ? -1 : 1));

describe('year-to-month sums (pure)', () => {
  it('a range from 1 January within its year reads its last whole month; any other reads values', () => {
    expect(yearToMonthOf(periodRange('2026'))).toBe('2026-12');
    expect(yearToMonthOf({ from: '2026-01-01', to: '2026-12-06' })).toBe('2026-11');
    expect(yearToMonthOf({ from: '2026-01-01', to: '2026-01-31' })).toBe('2026-01');
    expect(yearToMonthOf({ from: '2026-01-01', to: '2026-01-30' })).toBeNull();
    expect(yearToMonthOf({ from: '2024-01-01', to: '2024-02-29' })).toBe('2024-02');
    expect(yearToMonthOf({ from: '2024-01-01', to: '2024-02-28' })).toBe('2024-01');
    expect(yearToMonthOf({ from: '2025-12-01', to: '2026-12-31' })).toBeUndefined();
    expect(yearToMonthOf({ from: '2026-01-01', to: '2027-01-31' })).toBeUndefined();
    expect(yearToMonthOf(periodRange('2026-02'))).toBeUndefined();
  });

  it('each month holds the shared sum of the year\'s values up to its end, in the shared order', () => {
    const vs = [value('u1', 'm', '2026-03', 0.00005), value('u1', 'm', '2026-01', 1e12), value('u1', 'm', '2026-02', 0.00005), value('u1', 'm', '2026-T1', 3), value('u1', 'm', '2026', 2), value('u1', 'm', '2025-12', 9)];
    const rows = yearToMonthSums(vs);
    const at = (month: string) => rows.find((r) => r.month === month)?.sums;
    // Months first, in order: (1e12 + 5e-5) + 5e-5, which is not 1e12 + (5e-5 + 5e-5).
    expect(at('2026-03')?.num).toBe(1e12 + 0.00005 + 0.00005);
    expect(at('2026-03')?.num).not.toBe(1e12 + (0.00005 + 0.00005));
    expect(at('2026-03')?.units).toBe(3);
    // The first tertial ends with April.
    expect(at('2026-04')?.units).toBe(4);
    expect(at('2026-12')?.units).toBe(5);
    expect(at('2025-12')?.units).toBe(1);
    expect(at('2025-11')).toBeUndefined();
    for (const r of rows) expect(r.sums).toEqual(reportedSumsOf(vs, { from: `${r.month.slice(0, 4)}-01-01`, to: periodRange(r.month).to }).get('m'));
    // The rebuild check's comparison: equal, then a changed, a missing and an extra row.
    expect(yearToMonthDifferences(rows, vs)).toEqual([]);
    const changed = rows.map((r, i) => (i === 0 ? { ...r, sums: { ...r.sums, num: r.sums.num + 1 } } : r));
    expect(yearToMonthDifferences(changed, vs)).toHaveLength(1);
    expect(yearToMonthDifferences(rows.slice(1), vs)).toEqual([expect.stringContaining(`${rows[0]?.month} m: stored -`)]);
    expect(yearToMonthDifferences([...rows, { ...(rows[0] as ReportedYearToMonth), measure: 'x' }], vs)).toEqual([expect.stringContaining('x: extra')]);
  });
});

describe.each(MIGRATION_DATABASES)('year-to-month sums of reported values on %s', (_, dialect, open) => {
  it(`are built by 0016, kept by every write, and read as the shared function sums the values (seed ${SEED})`, async () => {
    const rand = seededRandom(SEED);
    const { db, migrator } = await open();
    try {
      expect((await migrator.migrateTo('0015_reported_in_blocks')).error).toBeUndefined();
      await insertRegionUnits(db);
      // Values a process at 0015 stored (fact_reported only).
      const before = [...new Map(Array.from({ length: 60 }, () => randomValue(rand)).map((v) => [v.id, v])).values()];
      await db
        .insertInto('fact_reported' as never)
        .values(before.map((v) => ({ unit_id: v.unitId, period: v.period, measure: v.measure, num: v.num, den: v.den, num_k: v.numK, den_k: v.denK, num_m: v.numM, den_m: v.denM, source: v.source })) as never)
        .execute();
      expect((await migrator.migrateToLatest()).error).toBeUndefined();
      const f = factOps(db, dialect);
      const model = new Map(before.map((v) => [v.id, v]));

      const agrees = async () => {
        const values = [...model.values()];
        for (const unitId of ['reg', 'u1', 'u2']) {
          const stored = await f.unitYearToMonth(unitId);
          expect(byKey(stored)).toEqual(byKey(yearToMonthSums(values.filter((v) => v.unitId === unitId))));
          expect(yearToMonthDifferences(stored, await f.unitReported(unitId))).toEqual([]);
        }
        expect(await f.reportedSums('/reg/', RANGES)).toEqual(reportedSumsByRange(values, RANGES));
        expect(await f.reportedSums('/reg/u2/', RANGES)).toEqual(reportedSumsByRange(values.filter((v) => v.unitId === 'u2'), RANGES));
      };
      await agrees();
      // Not vacuous: the year ranges hold sums of several units.
      expect((await f.reportedSums('/reg/', [periodRange('2026')]))[0]?.size).toBe(3);

      // Writes and removals in batches, a cell written twice in one batch (the last counts).
      for (let round = 0; round < 12; round++) {
        const batch = Array.from({ length: 1 + Math.floor(rand() * 8) }, () => {
          const v = randomValue(rand);
          const existing = [...model.values()];
          if (rand() < 0.3 && existing.length > 0) {
            const gone = existing[Math.floor(rand() * existing.length)] as ReportedValue;
            return { unitId: gone.unitId, measure: gone.measure, period: gone.period, value: null };
          }
          return { unitId: v.unitId, measure: v.measure, period: v.period, value: v };
        });
        await f.setReported(batch);
        const last = new Map(batch.map((it) => [reportedValueIdFor(it.unitId, it.measure, it.period), it]));
        for (const [id, it] of last) {
          if (it.value === null) model.delete(id);
          else model.set(id, it.value);
        }
        await agrees();
      }

      // A sum that differs from its values is found (the rebuild check's lines); a cleared unit has none.
      await db.updateTable('fact_reported_c' as never).set({ num: 1 } as never).where('unit_id' as never, '=', 'u1' as never).execute();
      const u1 = [...model.values()].filter((v) => v.unitId === 'u1');
      expect(u1.length).toBeGreaterThan(0);
      expect(yearToMonthDifferences(await f.unitYearToMonth('u1'), u1).length).toBeGreaterThan(0);
      await f.clearUnit('u1');
      expect(await f.unitYearToMonth('u1')).toEqual([]);

      // 0016 run again (as after a stop half-way on SQLite, so 0017 after it too) over a stray row: built anew from the values.
      await db.insertInto('fact_reported_c' as never).values({ unit_id: 'u2', month: '2019-01', measure: 'stray', units: 1, num: 1, den: 0, k_units: 0, num_k: 0, den_k: 0, m_units: 0, num_m: 0, den_m: 0 } as never).execute();
      await db.deleteFrom('kysely_migration').where('name', 'in', ['0016_reported_year_to_month', '0017_reported_period_index']).execute();
      expect((await migrator.migrateToLatest()).error).toBeUndefined();
      for (const v of u1) model.delete(v.id);
      await agrees();
    } finally {
      await db.destroy();
    }
  });
});
