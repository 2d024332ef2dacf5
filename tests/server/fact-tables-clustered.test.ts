/**
 * Migration 0009 (issue 17): on SQLite every fact table is rebuilt WITHOUT ROWID, stored in its
 * primary key's order, with the same rows and its indexes (the fall days' partial index, which
 * lastFalls names); the fact operations read and write it as before. On PostgreSQL it changes
 * nothing. Through the real migrations and the real fact operations.
 */
import { sql } from 'kysely';
import { afterAll, describe, expect, it } from 'vitest';
import { type FactRow, fieldIndex, fieldsOf } from '../../src/shared/domain/facts/families';
import { factOps } from '../../src/server/store/fact-ops';
import { dropMigrationSchemas, insertRegionUnits, MIGRATION_DATABASES } from '../fixtures/migrations';

afterAll(dropMigrationSchemas);

const vector = (family: FactRow['family'], set: Record<string, number>): number[] => {
  const v = new Array<number>(fieldsOf(family).length).fill(0);
  for (const [field, n] of Object.entries(set)) v[fieldIndex(family, field as never)] = n;
  return v;
};
const row = (family: FactRow['family'], unitId: string, grain: 'd' | 'm', period: string, key: string, set: Record<string, number>): FactRow => ({ family, unitId, grain, period, key, v: vector(family, set) });

const BEFORE: FactRow[] = [
  row('bhk', 'u1', 'd', '2026-10-05', 'o|lakare', { n: 2, total: 1 }),
  row('bhk', 'u1', 'm', '2026-10', 'o|lakare', { n: 2, total: 1 }),
  row('safety', 'u1', 'd', '2026-10-05', '', { green: 1, conf: 1 }),
  row('safety', 'u1', 'd', '2026-10-06', '', { wRod: 1, evRod: 1, falls: 1 }),
  row('safety', 'u1', 'm', '2026-10', '', { green: 1, conf: 1, wRod: 1, evRod: 1, falls: 1 }),
  row('safetyCat', 'u1', 'd', '2026-10-06', 'fall', { rod: 1 }),
  row('staff', 'u2', 'd', '2026-10-05', 'dag', { planned: 8, sick: 1, shifts: 1 }),
  row('staff', 'u2', 'm', '2026-10', 'dag', { planned: 8, sick: 1, shifts: 1 }),
];

describe.each(MIGRATION_DATABASES)('fact tables after 0009 on %s', (_, dialect, open) => {
  it('hold the same rows, clustered by their key on SQLite, and read and write as before', async () => {
    const { db, migrator } = await open();
    try {
      expect((await migrator.migrateTo('0008_fact_sums')).error).toBeUndefined();
      await insertRegionUnits(db);
      const before = factOps(db, dialect);
      for (const family of ['bhk', 'safety', 'safetyCat', 'staff'] as const) await before.write(family, BEFORE.filter((r) => r.family === family), 'set');
      await before.setHr([{ unitId: 'u2', month: '2026-10', hr: { id: 'hr', unitId: 'u2', month: '2026-10', kvotTotal: 4.5, kvotK: null, kvotM: null, korttid: null, ordinaryHours: 1600, source: 'manual' } as never }]);
      const contents = async () => ({ u1: await factOps(db, dialect).unitFacts('u1'), u2: await factOps(db, dialect).unitFacts('u2') });
      const was = await contents();
      expect(was.u1.rows).toHaveLength(6);

      // Up to the migration before 0012, which adds year-to-month rows (fact-cumulative.test.ts).
      expect((await migrator.migrateTo('0011_org_version')).error).toBeUndefined();
      expect(await contents()).toEqual(was);
      // From 0013 a partial index of the year-to-month rows beside it (read in facts-scope-read.test.ts).
      const layout = async (indexNames = ['fact_safety_falls'], more: string[] = []) => {
        if (dialect !== 'sqlite') return;
        const tables = (await sql<{ name: string; sql: string }>`select name, sql from sqlite_master where type = 'table' and name like 'fact%'`.execute(db)).rows;
        const clustered = tables.filter((t) => /without rowid$/i.test(t.sql)).map((t) => t.name).sort();
        expect(clustered).toEqual([...['fact_beds', 'fact_bhk', 'fact_bhk_sum', 'fact_hr', 'fact_safety', 'fact_safety_cat', 'fact_staff'], ...more].sort());
        const indexes = (await sql<{ name: string }>`select name from sqlite_master where type = 'index' and tbl_name = 'fact_safety' and sql is not null order by name`.execute(db)).rows;
        expect(indexes.map((i) => i.name)).toEqual(indexNames);
      };
      await layout();
      const f = factOps(db, dialect);
      // lastFalls names the partial index on SQLite: it must still be there.
      expect(await f.lastFalls('/reg/', [{ from: '2026-10-01', to: '2026-10-31' }])).toEqual([new Map([['u1', '2026-10-06']])]);
      await f.write('bhk', [row('bhk', 'u1', 'd', '2026-10-05', 'o|lakare', { n: 1, total: 1 })], 'add');
      await f.write('safety', [row('safety', 'u1', 'd', '2026-10-06', '', { wRod: -1, evRod: -1, falls: -1 })], 'add');
      const [sums] = await f.sumSegments('bhk', '/reg/', [{ grain: 'd', from: '2026-10-01', to: '2026-10-31' }], true);
      expect(sums?.get('u1')?.get('')?.slice(0, 2)).toEqual([3, 2]);
      expect(await f.lastFalls('/reg/', [{ from: '2026-10-01', to: '2026-10-31' }])).toEqual([new Map()]);
      expect(await f.sumDifferences('u1')).toEqual([]);
      // The migrations after it keep the layout.
      expect((await migrator.migrateToLatest()).error).toBeUndefined();
      await layout(['fact_safety_c', 'fact_safety_falls'], ['fact_reported', 'fact_reported_c']);
      expect(await f.sumDifferences('u1')).toEqual([]);
    } finally {
      await db.destroy();
    }
  });
});
