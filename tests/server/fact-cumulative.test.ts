/**
 * Year-to-month rows (grain c, migration 0012, issue 17): a database whose month rows were stored
 * before 0012 gets the c rows the server would have kept for them (cumulativeFacts, the shared
 * definition: summed over keys), in every family's table and in the BHK sum table, and a read of
 * a year to date summed over keys from them equals the month rows' sum. SQLite and PostgreSQL, through the real migrations and
 * the real fact operations.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { cumulativeFacts } from '../../src/shared/domain/facts/contrib';
import { type FactRow, factKey, fieldsOf } from '../../src/shared/domain/facts/families';
import { factOps } from '../../src/server/store/fact-ops';
import { dropMigrationSchemas, insertRegionUnits, MIGRATION_DATABASES } from '../fixtures/migrations';

afterAll(dropMigrationSchemas);

const STAFF = fieldsOf('staff');

describe.each(MIGRATION_DATABASES)('year-to-month facts on %s', (_, dialect, open) => {
  it('are built from the month rows stored before migration 0012, as the server keeps them', async () => {
    const { db, migrator } = await open();
    try {
      expect((await migrator.migrateTo('0011_org_version')).error).toBeUndefined();
      await insertRegionUnits(db);
      // As an older server stored them: BHK by key on two years, staff months, a day row (no c).
      const bhk: [string, string, string, string, number, number][] = [
        ['u1', 'm', '2025-11', 'o|lakare', 2, 1],
        ['u1', 'm', '2026-01', 'o|lakare', 3, 3],
        ['u1', 'm', '2026-01', 's|ovrig', 1, 0],
        ['u1', 'm', '2026-03', 'o|lakare', 4, 2],
        ['u2', 'm', '2026-12', 'o|lakare', 5, 5],
        ['u1', 'd', '2026-03-04', 'o|lakare', 4, 2],
      ];
      const bhkCols = ['unit_id', 'grain', 'period', 'key', 'n', 'total'];
      await db.insertInto('fact_bhk').values(bhk.map((r) => Object.fromEntries(bhkCols.map((c, i) => [c, r[i]])))).execute();
      await db
        .insertInto('fact_bhk_sum')
        .columns(['unit_id', 'grain', 'period', 'n', 'total'])
        .expression((eb) =>
          eb
            .selectFrom('fact_bhk')
            .select(['unit_id', 'grain', 'period'])
            .select((s) => [s.fn.sum('n').as('n'), s.fn.sum('total').as('total')])
            .groupBy(['unit_id', 'grain', 'period']),
        )
        .execute();
      await db
        .insertInto('fact_staff')
        .values([
          { unit_id: 'u2', grain: 'm', period: '2026-02', key: '', planned: 10, sick: 1, shifts: 10, days: 5 },
          { unit_id: 'u2', grain: 'm', period: '2026-04', key: '', planned: 6, sick: 0, shifts: 6, days: 3 },
        ])
        .execute();

      const f = factOps(db, dialect);
      const before = [...(await f.unitFacts('u1')).rows, ...(await f.unitFacts('u2')).rows];
      expect(before.some((r) => r.grain === 'c')).toBe(false);
      expect((await migrator.migrateToLatest()).error).toBeUndefined();

      const after = [...(await f.unitFacts('u1')).rows, ...(await f.unitFacts('u2')).rows];
      const text = (rows: FactRow[]) => rows.map((r) => `${factKey(r)} ${r.v.join(',')}`).sort();
      expect(text(after)).toEqual(text([...before, ...cumulativeFacts(before)]));
      // Not vacuous: u1's months carried from January over December, its own year only, summed
      // over sources and professions (key '').
      const c = (unitId: string, period: string) => after.filter((r) => r.grain === 'c' && r.unitId === unitId && r.period === period);
      expect(c('u1', '2026-12').map((r) => [r.family, r.key, ...r.v.slice(0, 2)])).toEqual([['bhk', '', 8, 5]]);
      expect(c('u1', '2026-02').map((r) => r.v.slice(0, 2))).toEqual([[4, 3]]);
      expect(c('u1', '2025-12').map((r) => r.v.slice(0, 2))).toEqual([[2, 1]]);
      expect(c('u2', '2026-04').find((r) => r.family === 'staff')?.v[STAFF.indexOf('planned')]).toBe(16);
      // u1: bhk 2025-11..12 and 2026-01..12; u2: bhk 2026-12, staff 2026-02..12.
      expect(after.filter((r) => r.grain === 'c').length).toBe(2 + 12 + 1 + 11);
      expect(await f.sumDifferences('u1')).toEqual([]);
      expect(await f.sumDifferences('u2')).toEqual([]);

      // A year to date read summed over keys (from the sum table) from c rows equals its month
      // rows' sum; c rows of consecutive months read together (one range and a CASE on PostgreSQL) too.
      const [fromC, fromMonths] = await f.sumSegments('bhk', '/reg/', [{ grain: 'c', from: '2026-11', to: '2026-11' }, { grain: 'm', from: '2026-01', to: '2026-11' }], true);
      expect(fromC).toEqual(fromMonths);
      expect(fromC?.get('u1')?.get('')?.slice(0, 2)).toEqual([8, 5]);
      const run = await f.sumSegments('bhk', '/reg/', [{ grain: 'c', from: '2025-11', to: '2025-11' }, { grain: 'c', from: '2025-12', to: '2025-12' }, { grain: 'c', from: '2026-12', to: '2026-12' }], true);
      expect(run.map((s) => [s.get('u1')?.get('')?.[0] ?? 0, s.get('u2')?.get('')?.[0] ?? 0])).toEqual([[2, 0], [2, 0], [8, 5]]);
      const [staffC, staffMonths] = await f.sumSegments('staff', '/reg/', [{ grain: 'c', from: '2026-05', to: '2026-05' }, { grain: 'm', from: '2026-01', to: '2026-05' }], false);
      expect(staffC).toEqual(staffMonths);

      // What devices and the data feed read (fact blocks) holds day and month rows only.
      const blocks = await f.blockContents([{ unitId: 'u1', block: 'Y2026' }, { unitId: 'u1', block: 'Y2025' }, { unitId: 'u2', block: 'Y2026' }]);
      const blockRows = [...blocks.values()].flatMap((b) => b.rows);
      expect(blockRows.length).toBeGreaterThan(0);
      expect(blockRows.filter((r) => r.grain !== 'm')).toEqual([]);
    } finally {
      await db.destroy();
    }
  }, 30_000);
});
