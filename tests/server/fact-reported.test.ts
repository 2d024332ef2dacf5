/**
 * Reported values as facts (fact_reported, migration 0014, issue 17): a database whose reported
 * values were stored as rows before 0014 gets one fact per live value that parses (not a
 * tombstone's, not a broken row's), and the read over a scope gives them back exactly: every
 * double as it was written, nulls as nulls, only the periods asked for, only the scope's units, in
 * (unit, measure, period) order. SQLite and PostgreSQL, through the real migrations and the real
 * fact operations.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { factOps } from '../../src/server/store/fact-ops';
import { type ReportedValue, reportedValueIdFor } from '../../src/shared/schema/reported-value';
import { dropMigrationSchemas, insertRegionUnits, MIGRATION_DATABASES } from '../fixtures/migrations';

afterAll(dropMigrationSchemas);

const value = (unitId: string, measure: string, period: string, num: number, more: Partial<ReportedValue> = {}): ReportedValue =>
  ({ id: reportedValueIdFor(unitId, measure, period), unitId, measure, period, num, den: null, numK: null, denK: null, numM: null, denM: null, source: 'import', ...more }) as ReportedValue;

// Doubles whose shortest text has 17 digits, a negative amount, a large one, a K/M split.
const LIVE = [
  value('u1', 'hiredCost', '2026-03', 0.30000000000000004),
  value('u1', 'hiredCost', '2026-T1', 1234.5600000000001, { source: 'manual' }),
  value('u1', 'budgetResult', '2026', -4.2),
  value('u1', 'waitFirstVisit', '2026-03', 12, { den: 40, numK: 7, denK: 21.5, numM: 5, denM: 18.5 }),
  value('u2', 'hiredCost', '2025-12', 1e12, { den: 0 }),
  value('u2', 'hiredCost', '2024-12', 3),
];

describe.each(MIGRATION_DATABASES)('reported values as facts on %s', (_, dialect, open) => {
  it('are built from the rows stored before migration 0014 and read back exactly', async () => {
    const { db, migrator } = await open();
    try {
      expect((await migrator.migrateTo('0013_fact_cumulative_index')).error).toBeUndefined();
      await insertRegionUnits(db);
      const row = (v: ReportedValue, data: Record<string, unknown>, deleted = 0) => ({ entity: 'reportedValue', id: v.id, unit_id: v.unitId, data: JSON.stringify(data), hlcs: '{}', deleted, sort_key: v.period });
      const gone = value('u2', 'hiredCost', '2026-01', 5);
      const broken = value('u2', 'hiredCost', '2026-02', 5);
      await db
        .insertInto('rows')
        .values([
          ...LIVE.map((v, i) => row(v, i === 0 ? { ...v, _deleted: false } : v)),
          row(gone, { ...gone, _deleted: true }, 1),
          row(broken, { ...broken, num: 'fem' }),
        ])
        .execute();

      expect((await migrator.migrateToLatest()).error).toBeUndefined();
      const f = factOps(db, dialect);
      const stored = [...(await f.unitReported('u1')), ...(await f.unitReported('u2'))];
      const byId = (vs: readonly ReportedValue[]) => [...vs].sort((a, b) => (a.id < b.id ? -1 : 1));
      expect(byId(stored)).toEqual(byId(LIVE));

      // The years 2025–2026 of the region: in (unit, measure, period) order, 2024 left out.
      const read = await f.reported('/reg/', '2025', '2026~');
      const order = (a: ReportedValue, b: ReportedValue) => (a.unitId !== b.unitId ? (a.unitId < b.unitId ? -1 : 1) : a.measure !== b.measure ? (a.measure < b.measure ? -1 : 1) : a.period < b.period ? -1 : 1);
      expect(read).toEqual(LIVE.filter((v) => v.period >= '2025').sort(order));
      expect(read.map((v) => v.num)).toContain(0.30000000000000004);
      expect(await f.reported('/reg/u2/', '2025', '2026~')).toEqual([LIVE[4]]);

      // Kept as the push keeps them: set replaces, null removes.
      const changed = { ...(LIVE[3] as ReportedValue), num: 13, numK: null, denK: null, numM: null, denM: null };
      await f.setReported([
        { unitId: 'u1', measure: 'waitFirstVisit', period: '2026-03', value: LIVE[3] as ReportedValue },
        { unitId: 'u1', measure: 'waitFirstVisit', period: '2026-03', value: changed },
        { unitId: 'u2', measure: 'hiredCost', period: '2025-12', value: null },
      ]);
      expect(await f.reported('/reg/', '2026-03', '2026-03')).toEqual([LIVE[0], changed]);
      expect((await f.reported('/reg/', '2026', '2026~')).map((v) => `${v.measure} ${v.period}`)).toEqual(['budgetResult 2026', 'hiredCost 2026-03', 'hiredCost 2026-T1', 'waitFirstVisit 2026-03']);
      expect(await f.reported('/reg/u2/', '2025', '2026~')).toEqual([]);
      await f.clearUnit('u1');
      expect(await f.unitReported('u1')).toEqual([]);
    } finally {
      await db.destroy();
    }
  });

  it('go to devices in year blocks after migration 0015: leaf units\' changes are marked bulk, their blocks numbered anew', async () => {
    const { db, migrator } = await open();
    try {
      expect((await migrator.migrateTo('0014_fact_reported')).error).toBeUndefined();
      await insertRegionUnits(db);
      const f = factOps(db, dialect);
      // As the push of a process at 0014 stored them (its fact_reported only: no year-to-month rows yet).
      const level = value('reg', 'budgetResult', '2026', 7);
      await db
        .insertInto('fact_reported' as never)
        .values([...LIVE, level].map((v) => ({ unit_id: v.unitId, period: v.period, measure: v.measure, num: v.num, den: v.den, num_k: v.numK, den_k: v.denK, num_m: v.numM, den_m: v.denM, source: v.source })) as never)
        .execute();
      const change = (v: ReportedValue, entity = 'reportedValue') => ({ entity, row_id: v.id, unit_id: v.unitId, op: 'insert', fields: '{}', hlc: 'x', device_id: 'd', account_id: null, received_at: '2026-11-01T08:00:00.000Z' });
      await db.insertInto('changes').values([change(LIVE[0] as ReportedValue), change(level), change(LIVE[4] as ReportedValue, 'indicator')]).execute();
      // A block the feed already sent, and the sequence past it.
      await db.insertInto('fact_blocks').values({ unit_id: 'u1', block: 'Y2026', seq: 5 }).execute();
      await db.insertInto('fact_state').values({ name: 'seq', value: '7' }).execute();

      expect((await migrator.migrateToLatest()).error).toBeUndefined();
      const marks = await db.selectFrom('changes').select(['unit_id', 'entity', 'leaf_bulk']).orderBy('server_seq').execute();
      expect(marks.map((m) => [m.unit_id, m.entity, Number(m.leaf_bulk)])).toEqual([['u1', 'reportedValue', 1], ['reg', 'reportedValue', 0], ['u2', 'indicator', 0]]);
      // Every (unit, year) with a value gets the next numbers, past the stored sequence.
      const blocks = await f.blocksAfter('/reg/', 7, 100, '2024', '2024-01');
      expect(blocks.map((b) => `${b.unitId} ${b.block} ${b.seq}`)).toEqual(['reg Y2026 8', 'u1 Y2026 9', 'u2 Y2024 10', 'u2 Y2025 11']);
      expect((await db.selectFrom('fact_state').select('value').where('name', '=', 'seq').executeTakeFirst())?.value).toBe('11');
      const contents = await f.blockContents(blocks);
      const held = (unitId: string, block: string) => contents.get(`${unitId}\u0000${block}`)?.reported;
      expect(held('u1', 'Y2026')).toEqual(LIVE.filter((v) => v.unitId === 'u1').sort((a, b) => (a.measure !== b.measure ? (a.measure < b.measure ? -1 : 1) : a.period < b.period ? -1 : 1)));
      expect(held('u2', 'Y2025')).toEqual([LIVE[4]]);
      expect(held('reg', 'Y2026')).toEqual([level]);
      // Run again (as after a stop half-way on SQLite): new numbers past the stored ones, never one a block has.
      await db.deleteFrom('kysely_migration').where('name', 'in', ['0015_reported_in_blocks', '0016_reported_year_to_month', '0017_reported_period_index']).execute();
      expect((await migrator.migrateToLatest()).error).toBeUndefined();
      expect((await f.blocksAfter('/reg/', 7, 100, '2024', '2024-01')).map((b) => `${b.unitId} ${b.block} ${b.seq}`)).toEqual(['reg Y2026 12', 'u1 Y2026 13', 'u2 Y2024 14', 'u2 Y2025 15']);
    } finally {
      await db.destroy();
    }
  });

  it('are filled a page at a time past broken pages, and filled anew by a migration that stopped half-way', async () => {
    const { db, migrator } = await open();
    try {
      expect((await migrator.migrateTo('0013_fact_cumulative_index')).error).toBeUndefined();
      await insertRegionUnits(db);
      // 35 measures × 36 months live (more than a page of 1,000), then a page and one of broken rows, last in id order.
      const live: ReportedValue[] = [];
      for (let m = 0; m < 35; m++) for (let k = 0; k < 36; k++) live.push(value('u2', `m${m}`, `${2024 + Math.floor(k / 12)}-${String((k % 12) + 1).padStart(2, '0')}`, m * 100 + k + 0.25));
      const broken = Array.from({ length: 1001 }, (_, k) => value('u2', `zz${k}`, '2026-01', 1));
      const rows = [...live.map((v) => ({ v, data: v as unknown })), ...broken.map((v) => ({ v, data: { ...v, num: 'ett' } as unknown }))];
      for (let i = 0; i < rows.length; i += 500) {
        await db
          .insertInto('rows')
          .values(rows.slice(i, i + 500).map(({ v, data }) => ({ entity: 'reportedValue', id: v.id, unit_id: v.unitId, data: JSON.stringify(data), hlcs: '{}', deleted: 0, sort_key: v.period })))
          .execute();
      }
      expect((await migrator.migrateToLatest()).error).toBeUndefined();
      const f = factOps(db, dialect);
      const sorted = (vs: readonly ReportedValue[]) => [...vs].sort((a, b) => (a.id < b.id ? -1 : 1));
      expect(sorted(await f.unitReported('u2'))).toEqual(sorted(live));

      // As if 0014 had stopped half-way: its table holds a stray value and it (and 0015 after it) is not recorded as run.
      await db.deleteFrom('kysely_migration').where('name', 'in', ['0014_fact_reported', '0015_reported_in_blocks', '0016_reported_year_to_month', '0017_reported_period_index']).execute();
      await f.setReported([{ unitId: 'u1', measure: 'stray', period: '2026', value: value('u1', 'stray', '2026', 1) }]);
      expect((await migrator.migrateToLatest()).error).toBeUndefined();
      expect(await f.unitReported('u1')).toEqual([]);
      expect((await f.unitReported('u2')).length).toBe(live.length);
    } finally {
      await db.destroy();
    }
  });
});
