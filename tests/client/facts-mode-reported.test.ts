/**
 * Reported values on a device in facts mode (rule 22, protocol 4), on fake-indexeddb:
 *  - a leaf unit's values are read from its year blocks, and a cell with an unsynced write (or
 *    removal) on the device shows that write instead; a row kept after its write was pushed is not
 *    read (the feed no longer updates it);
 *  - a device that entered facts mode before reported values were bulk (protocol 3) drops its leaf
 *    units' value rows once, keeping rows with unsynced writes and every level's rows;
 *  - a pinned unit's values are its rows.
 */
import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import { enterFactsMode } from '../../src/client/storage/facts-repo';
import { getMeta, setMeta } from '../../src/client/storage/meta';
import { listReportedValues, reportedValuesOf } from '../../src/client/storage/reported-repo';
import { sortKeyFor } from '../../src/client/storage/rows';
import { encodeBlock, type FactBlock } from '../../src/shared/facts-api';
import type { Change } from '../../src/shared/protocol';
import { type ReportedValue, reportedValueIdFor } from '../../src/shared/schema/reported-value';
import type { RowState } from '../../src/shared/sync/merge';
import { freshDb } from './helpers';

const value = (unitId: string, period: string, num: number): ReportedValue =>
  ({ id: reportedValueIdFor(unitId, 'waitShare', period), unitId, measure: 'waitShare', period, num, den: 100, numK: null, denK: null, numM: null, denM: null, source: 'manual' }) as ReportedValue;

const row = (v: ReportedValue, deleted = false): RowState => ({ entity: 'reportedValue', id: v.id, unitId: v.unitId, data: { ...v, _deleted: deleted }, hlcs: {}, deleted });

const UNITS = [
  { id: 'vo', parentId: null, kind: 'vo', name: 'VO', closedAt: null },
  { id: 'u1', parentId: 'vo', kind: 'enhet', name: 'Avd 1', closedAt: null },
  { id: 'u2', parentId: 'vo', kind: 'enhet', name: 'Avd 2', closedAt: null },
] as const;

async function setUp() {
  const db = freshDb();
  const inBlock = [value('u1', '2026-01', 10), value('u1', '2026-02', 20), value('u1', '2026-03', 30), value('u2', '2026-01', 40)];
  const block = (unitId: string, seq: number) => encodeBlock(unitId, 'Y2026', seq, [], [], [], null, inBlock.filter((v) => v.unitId === unitId)) as unknown as FactBlock;
  await db.facts.bulkPut([block('u1', 1), block('u2', 2)]);
  // u1: an unsynced change of February and an unsynced removal of March; January's row was
  // written by the device and pushed long ago (stale: the block has 10, the row 9).
  const feb = value('u1', '2026-02', 21);
  const rows = [row(value('u1', '2026-01', 9)), row(feb), row(value('u1', '2026-03', 30), true), row(value('vo', '2026', 5))];
  await db.rows.bulkPut(rows.map((r) => ({ ...r, sortKey: sortKeyFor(r) })));
  const change = (seq: number, v: ReportedValue, op: 'patch' | 'delete'): { seq: number; change: Change; createdAt: number } => ({
    seq,
    change: { seq, entity: 'reportedValue', id: v.id, unitId: v.unitId, op, fields: op === 'delete' ? {} : { num: v.num }, hlc: '000000000000001-0000-a', schemaVersion: 1 } as Change,
    createdAt: 0,
  });
  await db.outbox.bulkPut([change(1, feb, 'patch'), change(2, value('u1', '2026-03', 30), 'delete')]);
  return { db, feb };
}

describe('reported values on a device in facts mode', () => {
  it('are its year blocks\' values with its own unsynced writes over them', async () => {
    const { db, feb } = await setUp();
    await setMeta(db, 'factsMode', true);
    await setMeta(db, 'factsBulk', 'x');
    expect((await listReportedValues(db, 'u1')).map((v) => [v.period, v.num])).toEqual([['2026-01', 10], ['2026-02', 21]]);
    expect(await listReportedValues(db, 'u1')).toContainEqual(feb);
    const all = await reportedValuesOf(db, [...UNITS], 'vo');
    expect(all.map((v) => `${v.unitId} ${v.period} ${v.num}`).sort()).toEqual(['u1 2026-01 10', 'u1 2026-02 21', 'u2 2026-01 40']);
    // Pinned: the unit's rows are its values (the pull keeps them current).
    await setMeta(db, 'pinned', [{ unitId: 'u1', usedAt: 0 }]);
    expect((await listReportedValues(db, 'u1')).map((v) => [v.period, v.num])).toEqual([['2026-01', 9], ['2026-02', 21]]);
  });

  it('outside facts mode are the replica\'s rows', async () => {
    const { db } = await setUp();
    expect((await reportedValuesOf(db, [...UNITS], 'vo')).map((v) => `${v.unitId} ${v.period} ${v.num}`).sort()).toEqual(['u1 2026-01 9', 'u1 2026-02 21', 'vo 2026 5']);
  });

  it('drop their leaf rows once on a device that entered facts mode before they were bulk', async () => {
    const { db } = await setUp();
    await db.rows.put({ ...row(value('u2', '2026-01', 39)), sortKey: '2026-01' });
    await setMeta(db, 'factsMode', true);
    await enterFactsMode(db, ['u1', 'u2']);
    const left = (await db.rows.where('entity').equals('reportedValue').toArray()).map((r) => `${r.unitId} ${r.id.split(':').at(-1)}`).sort();
    // u1 has unsynced writes: its rows stay; u2's go; the level's stay.
    expect(left).toEqual(['u1 2026-01', 'u1 2026-02', 'u1 2026-03', 'vo 2026']);
    expect(await getMeta(db, 'factsBulk')).toContain('reportedValue');
    // Once: a row arriving later (a pinned unit's) is not dropped by the next round.
    await db.rows.put({ ...row(value('u2', '2026-01', 39)), sortKey: '2026-01' });
    await enterFactsMode(db, ['u1', 'u2']);
    expect(await db.rows.where('[entity+unitId]').equals(['reportedValue', 'u2']).count()).toBe(1);
  });
});
