/**
 * fact_bhk_sum (migration 0008, issue 17): BHK facts summed over their keys. The migration fills
 * it from an existing fact_bhk; every write keeps it equal to the keyed rows' sums (additions,
 * subtractions that empty a row, a unit cleared and set again); a collapsed read from it equals
 * the keyed read summed; a sum row out of step is reported. SQLite and PostgreSQL, through the
 * real migrations and the real fact operations.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { type FactRow, fieldsOf } from '../../src/shared/domain/facts/families';
import { factOps } from '../../src/server/store/fact-ops';
import { dropMigrationSchemas, insertRegionUnits, MIGRATION_DATABASES } from '../fixtures/migrations';

afterAll(dropMigrationSchemas);

const WIDTH = fieldsOf('bhk').length;
/** A bhk vector with n and total set, the rest zero. */
const vec = (n: number, total: number): number[] => [n, total, ...new Array<number>(WIDTH - 2).fill(0)];
const bhk = (unitId: string, grain: 'd' | 'm', period: string, key: string, v: number[]): FactRow => ({ family: 'bhk', unitId, grain, period, key, v });

describe.each(MIGRATION_DATABASES)('fact_bhk_sum on %s', (_, dialect, open) => {
  it('is filled by the migration, kept by every write, read collapsed, and checked', async () => {
    const { db, migrator } = await open();
    try {
      expect((await migrator.migrateTo('0007_audit_scope')).error).toBeUndefined();
      await insertRegionUnits(db);
      // Facts stored before 0008, as an older server wrote them: two professions on u1's day and
      // month, one on u2's month.
      const cols = ['unit_id', 'grain', 'period', 'key', 'n', 'total'];
      const legacy: [string, string, string, string, number, number][] = [
        ['u1', 'd', '2026-10-05', 'o|lakare', 2, 1],
        ['u1', 'd', '2026-10-05', 'o|sjukskoterska', 3, 3],
        ['u1', 'm', '2026-10', 'o|lakare', 2, 1],
        ['u1', 'm', '2026-10', 'o|sjukskoterska', 3, 3],
        ['u2', 'm', '2026-10', 's|ovrig', 4, 2],
      ];
      await db.insertInto('fact_bhk').values(legacy.map((r) => Object.fromEntries(cols.map((c, i) => [c, r[i]])))).execute();

      // Up to 0008's successors before the year-to-month rows (0012, fact-cumulative.test.ts).
      expect((await migrator.migrateTo('0011_org_version')).error).toBeUndefined();
      const sums = async () =>
        (await db.selectFrom('fact_bhk_sum').select(['unit_id', 'grain', 'period', 'n', 'total']).orderBy('unit_id').orderBy('grain').orderBy('period').execute()).map((r) => [
          r.unit_id,
          r.grain,
          r.period,
          Number(r.n),
          Number(r.total),
        ]);
      expect(await sums()).toEqual([
        ['u1', 'd', '2026-10-05', 5, 4],
        ['u1', 'm', '2026-10', 5, 4],
        ['u2', 'm', '2026-10', 4, 2],
      ]);

      const f = factOps(db, dialect);
      expect(await f.sumDifferences('u1')).toEqual([]);
      // An addition, a subtraction that empties one key, and a new key on a new day.
      await f.write('bhk', [bhk('u1', 'm', '2026-10', 'o|lakare', vec(-2, -1)), bhk('u1', 'm', '2026-10', 'o|student', vec(1, 0)), bhk('u1', 'd', '2026-10-06', 'o|student', vec(1, 0))], 'add');
      expect(await sums()).toEqual([
        ['u1', 'd', '2026-10-05', 5, 4],
        ['u1', 'd', '2026-10-06', 1, 0],
        ['u1', 'm', '2026-10', 4, 3],
        ['u2', 'm', '2026-10', 4, 2],
      ]);
      // Everything at an address subtracted: the sum row goes with the keyed rows.
      await f.write('bhk', [bhk('u2', 'm', '2026-10', 's|ovrig', vec(-4, -2))], 'add');
      expect((await sums()).filter((r) => r[0] === 'u2')).toEqual([]);

      // A collapsed read (the sum table) equals the keyed read summed over keys.
      const segments = [{ grain: 'm' as const, from: '2026-10', to: '2026-10' }, { grain: 'd' as const, from: '2026-10-01', to: '2026-10-31' }];
      const collapsed = await f.sumSegments('bhk', '/reg/', segments, true);
      const keyed = await f.sumSegments('bhk', '/reg/', segments, false);
      const summedKeys = keyed.map((units) => new Map([...units].map(([u, byKey]) => [u, [...byKey.values()].reduce((a, b) => a.map((x, i) => x + (b[i] ?? 0)))])));
      expect(collapsed.map((units) => new Map([...units].map(([u, byKey]) => [u, byKey.get('')])))).toEqual(summedKeys);
      expect(collapsed[0]?.get('u1')?.get('')?.slice(0, 2)).toEqual([4, 3]);

      // A unit cleared and set again (the build) is summed again, on the latest schema (clearUnit
      // clears every fact table): 0012 adds the month's year-to-date rows, October to December.
      expect((await migrator.migrateToLatest()).error).toBeUndefined();
      const all = (await f.unitFacts('u1')).rows;
      await f.clearUnit('u1');
      expect(await sums()).toEqual([]);
      await f.write('bhk', all, 'set');
      expect(await f.sumDifferences('u1')).toEqual([]);
      expect((await sums()).length).toBe(6);

      // A keyed family without a sum table, read collapsed over one month, still has its keys
      // summed; kept by key, one row each (fact-ops.ts reads one period's rows as they are).
      const catWidth = fieldsOf('safetyCat').length;
      const cat = (key: string, first: number[]): FactRow => ({ family: 'safetyCat', unitId: 'u1', grain: 'm', period: '2026-10', key, v: [...first, ...new Array<number>(catWidth - first.length).fill(0)] });
      await f.write('safetyCat', [cat('fall', [1, 0, 0]), cat('lakemedel', [0, 2, 1])], 'add');
      const october = [{ grain: 'm' as const, from: '2026-10', to: '2026-10' }];
      expect((await f.sumSegments('safetyCat', '/reg/', october, true))[0]?.get('u1')?.get('')?.slice(0, 3)).toEqual([1, 2, 1]);
      const byKey = (await f.sumSegments('safetyCat', '/reg/', october, false))[0]?.get('u1');
      expect([...(byKey?.entries() ?? [])].map(([k, v]) => [k, v.slice(0, 3)]).sort()).toEqual([['fall', [1, 0, 0]], ['lakemedel', [0, 2, 1]]]);

      // A sum row out of step is reported with its address.
      await db.updateTable('fact_bhk_sum').set({ n: 99 }).where('unit_id', '=', 'u1').where('grain', '=', 'm').execute();
      expect(await f.sumDifferences('u1')).toEqual([`sum bhk u1 m 2026-10: stored 99,3${',0'.repeat(WIDTH - 2)}, keys 4,3${',0'.repeat(WIDTH - 2)}`]);
    } finally {
      await db.destroy();
    }
  }, 30_000);
});
