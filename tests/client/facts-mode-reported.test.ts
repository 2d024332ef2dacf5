/**
 * Reported values on a device in facts mode (rule 22, protocol 4), on fake-indexeddb:
 *  - a leaf unit's values are read from its year blocks, and a cell the device holds a row of (its
 *    own write or removal, unsynced or pushed) shows the row; when a year block of the unit
 *    arrives, the rows of that year without unsynced writes go (the feed no longer updates them);
 *  - a device that entered facts mode before reported values were bulk (protocol 3) reads its rows
 *    until a fact pull reaches the head, then drops its leaf units' value rows once, keeping rows
 *    with unsynced writes and every level's rows, and reads the blocks;
 *  - a pinned unit's values are its rows.
 */
import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import { applyFactPage, BULK_TEXT, completeFactsBulk } from '../../src/client/storage/facts-repo';
import { getMeta, setMeta } from '../../src/client/storage/meta';
import { listReportedValues, reportedValuesOf, saveReportedValues } from '../../src/client/storage/reported-repo';
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
  // written by the device and pushed (the block has 10, the row 9: the block is older).
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
  it('are its year blocks\' values with the device\'s rows over them until a block of their year arrives', async () => {
    const { db, feb } = await setUp();
    await setMeta(db, 'credential', { deviceId: 'dev', deviceSecret: 's' });
    await setMeta(db, 'factsMode', true);
    await setMeta(db, 'factsBulk', BULK_TEXT);
    await db.units.bulkPut(UNITS.map((u) => ({ ...u })) as never);
    expect((await listReportedValues(db, 'u1')).map((v) => [v.period, v.num])).toEqual([['2026-01', 9], ['2026-02', 21]]);
    expect(await listReportedValues(db, 'u1')).toContainEqual(feb);
    // u2's January removed by the device, which knew it only from the block: a row without a period.
    const gone = value('u2', '2026-01', 40);
    await db.rows.put({ entity: 'reportedValue', id: gone.id, unitId: 'u2', data: { id: gone.id, unitId: 'u2', _deleted: true }, hlcs: {}, deleted: true, sortKey: '' });
    expect(await listReportedValues(db, 'u2')).toEqual([]);
    // Entered again: the new value shows, sent whole (an insert over the removal's row).
    await saveReportedValues(db, [value('u2', '2026-01', 39)]);
    expect((await listReportedValues(db, 'u2')).map((v) => v.num)).toEqual([39]);
    expect((await db.outbox.toArray()).at(-1)?.change).toMatchObject({ op: 'insert', fields: { period: '2026-01', measure: 'waitShare', num: 39 } });
    await saveReportedValues(db, [], [{ id: gone.id, unitId: 'u2' }]);
    expect(await listReportedValues(db, 'u2')).toEqual([]);
    await db.outbox.where('seq').above(2).delete();
    // u1's year block arrives (January is 11 now): the pushed January row goes, the rows with
    // unsynced writes stay, and so does the level's row.
    const jan = { ...value('u1', '2026-01', 11) };
    const newer = encodeBlock('u1', 'Y2026', 3, [], [], [], null, [jan, value('u1', '2026-02', 20), value('u1', '2026-03', 30)]) as unknown as FactBlock;
    expect(await applyFactPage(db, 'dev', { from: 0, blocks: [newer], cursor: 3, window: { fromYear: '2024', fromDayMonth: '2025-02' } })).toBe('applied');
    expect((await db.rows.where('entity').equals('reportedValue').toArray()).map((r) => r.id.split(':').slice(1).join(' ')).sort()).toEqual([
      'u1 waitShare 2026-02',
      'u1 waitShare 2026-03',
      'u2 waitShare 2026-01',
      'vo waitShare 2026',
    ]);
    // A unit whose id holds ':' (ids.ts): its pushed row goes too when its year block arrives.
    const colon = value('se:avd:9', '2026-05', 3);
    await db.units.put({ id: 'se:avd:9', parentId: 'vo', kind: 'enhet', name: 'Avd 9', closedAt: null } as never);
    await db.rows.put({ ...row(colon), sortKey: '2026-05' });
    const colonBlock = encodeBlock('se:avd:9', 'Y2026', 6, [], [], [], null, [value('se:avd:9', '2026-05', 4)]) as unknown as FactBlock;
    expect(await applyFactPage(db, 'dev', { from: 3, blocks: [colonBlock], cursor: 6, window: { fromYear: '2024', fromDayMonth: '2025-02' } })).toBe('applied');
    expect(await db.rows.get(['reportedValue', colon.id])).toBeUndefined();
    expect((await listReportedValues(db, 'se:avd:9')).map((v) => v.num)).toEqual([4]);
    // u2's block (someone entered January again): the removal's row goes, the block's value shows.
    const again = encodeBlock('u2', 'Y2026', 4, [], [], [], null, [value('u2', '2026-01', 41)]) as unknown as FactBlock;
    expect(await applyFactPage(db, 'dev', { from: 6, blocks: [again], cursor: 7, window: { fromYear: '2024', fromDayMonth: '2025-02' } })).toBe('applied');
    expect((await listReportedValues(db, 'u2')).map((v) => v.num)).toEqual([41]);
    expect((await listReportedValues(db, 'u1')).map((v) => [v.period, v.num])).toEqual([['2026-01', 11], ['2026-02', 21]]);
    const all = await reportedValuesOf(db, [...UNITS], 'vo');
    expect(all.map((v) => `${v.unitId} ${v.period} ${v.num}`).sort()).toEqual(['u1 2026-01 11', 'u1 2026-02 21', 'u2 2026-01 41', 'vo 2026 5']);
    // Pinned: the unit's rows are its values (the pull keeps them current).
    await setMeta(db, 'pinned', [{ unitId: 'u1', usedAt: 0 }]);
    expect((await listReportedValues(db, 'u1')).map((v) => [v.period, v.num])).toEqual([['2026-02', 21]]);
  });

  it('outside facts mode are the replica\'s rows', async () => {
    const { db } = await setUp();
    expect((await reportedValuesOf(db, [...UNITS], 'vo')).map((v) => `${v.unitId} ${v.period} ${v.num}`).sort()).toEqual(['u1 2026-01 9', 'u1 2026-02 21', 'vo 2026 5']);
  });

  it('on a device that entered facts mode before they were bulk, are its rows until a fact pull reaches the head', async () => {
    const { db } = await setUp();
    await db.rows.put({ ...row(value('u2', '2026-01', 39)), sortKey: '2026-01' });
    await setMeta(db, 'factsMode', true);
    // Its blocks were pulled before the update (no values in them): the rows are still the values,
    // also while the pull that brings the blocks again runs (a page drops no row).
    await setMeta(db, 'credential', { deviceId: 'dev', deviceSecret: 's' });
    await db.units.bulkPut(UNITS.map((u) => ({ ...u })) as never);
    const page = encodeBlock('u2', 'Y2026', 5, [], [], [], null, [value('u2', '2026-01', 40)]) as unknown as FactBlock;
    expect(await applyFactPage(db, 'dev', { from: 0, blocks: [page], cursor: 5, window: { fromYear: '2024', fromDayMonth: '2025-02' } })).toBe('applied');
    expect((await reportedValuesOf(db, [...UNITS], 'vo')).map((v) => `${v.unitId} ${v.period} ${v.num}`).sort()).toEqual(['u1 2026-01 9', 'u1 2026-02 21', 'u2 2026-01 39', 'vo 2026 5']);
    await completeFactsBulk(db, ['u1', 'u2']);
    const left = (await db.rows.where('entity').equals('reportedValue').toArray()).map((r) => `${r.unitId} ${r.id.split(':').at(-1)}`).sort();
    // u2's row goes; u1's pushed January row goes, its rows with unsynced writes stay; the level's stay.
    expect(left).toEqual(['u1 2026-02', 'u1 2026-03', 'vo 2026']);
    expect(await getMeta(db, 'factsBulk')).toBe(BULK_TEXT);
    expect((await reportedValuesOf(db, [...UNITS], 'vo')).map((v) => `${v.unitId} ${v.period} ${v.num}`).sort()).toEqual(['u1 2026-01 10', 'u1 2026-02 21', 'u2 2026-01 40', 'vo 2026 5']);
    // Once: a row arriving later (a pinned unit's) is not dropped by the next pull.
    await db.rows.put({ ...row(value('u2', '2026-01', 39)), sortKey: '2026-01' });
    await completeFactsBulk(db, ['u1', 'u2']);
    expect(await db.rows.where('[entity+unitId]').equals(['reportedValue', 'u2']).count()).toBe(1);
  });
});
