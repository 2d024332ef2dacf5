/**
 * HR months on a device in facts mode (rule 22), on fake-indexeddb: a leaf unit's months are read
 * from its year blocks, and a month the device holds a row of (its own write, unsynced or pushed)
 * shows the row; when a year block of that unit and year arrives, the rows of that year without
 * unsynced writes go, so a month someone else corrected later shows the correction, not the
 * device's old write for good. Rows of other years, of pinned units and with unsynced writes stay.
 * The figures the device computes read the same months as its HR list.
 */
import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import { applyFactPage, deviceFactReader } from '../../src/client/storage/facts-repo';
import { setMeta } from '../../src/client/storage/meta';
import { sortKeyFor } from '../../src/client/storage/rows';
import { listHrMonths, removeHrMonth, saveHrMonths } from '../../src/client/storage/staffing-repo';
import { encodeBlock, type FactBlock, yearBlockOfCell } from '../../src/shared/facts-api';
import type { Change } from '../../src/shared/protocol';
import { type HrMonth, hrMonthIdFor, hrMonthParts } from '../../src/shared/schema/hr-month';
import type { RowState } from '../../src/shared/sync/merge';
import { freshDb } from './helpers';

const hr = (unitId: string, month: string, kvotTotal: number): HrMonth =>
  ({ id: hrMonthIdFor(unitId, month), unitId, month, kvotTotal, kvotK: null, kvotM: null, korttid: null, ordinaryHours: 1600, source: 'import' }) as HrMonth;
const row = (m: HrMonth): RowState => ({ entity: 'hrMonth', id: m.id, unitId: m.unitId, data: { ...m, _deleted: false }, hlcs: {}, deleted: false });
const block = (unitId: string, year: string, seq: number, months: HrMonth[]) => encodeBlock(unitId, `Y${year}`, seq, [], months, [], null, []) as unknown as FactBlock;
const WINDOW = { fromYear: '2024', fromDayMonth: '2025-02' };
const kvots = async (db: ReturnType<typeof freshDb>, unitId: string) => (await listHrMonths(db, unitId, '2025-01', '2026-12')).map((m) => [m.month, m.kvotTotal]);
/** The months the device's figures (staffing roll-up, Mål och resultat) read for the VO's subtree. */
const figureKvots = async (db: ReturnType<typeof freshDb>) =>
  (await (await deviceFactReader(db, ['vo', 'u1', 'u2'], '2026-12-07')).hrMonths('2026-01', '2026-12')).map((m) => [m.unitId, m.month, m.kvotTotal]).sort((a, b) => String(a).localeCompare(String(b)));

/** A VO manager's device in facts mode, its VO and two units. */
async function factsModeDevice() {
  const db = freshDb();
  await setMeta(db, 'credential', { deviceId: 'dev', deviceSecret: 's' });
  await setMeta(db, 'factsMode', true);
  await db.units.bulkPut([
    { id: 'vo', parentId: null, kind: 'vo', name: 'VO', closedAt: null },
    { id: 'u1', parentId: 'vo', kind: 'enhet', name: 'Avd 1', closedAt: null },
    { id: 'u2', parentId: 'vo', kind: 'enhet', name: 'Avd 2', closedAt: null },
  ] as never);
  return db;
}

describe('HR months on a device in facts mode', () => {
  it('are the year blocks\' months with the device\'s rows over them until a block of their year arrives', async () => {
    const db = await factsModeDevice();
    await db.facts.bulkPut([block('u1', '2026', 1, [hr('u1', '2026-01', 5), hr('u1', '2026-02', 6)]), block('u2', '2026', 2, [hr('u2', '2026-01', 3)])]);
    // u1: January imported by this device and pushed; February's import not yet synced; December 2025 pushed.
    const feb = hr('u1', '2026-02', 7);
    const rows = [row(hr('u1', '2026-01', 4.5)), row(feb), row(hr('u1', '2025-12', 8)), row(hr('u2', '2026-01', 2))];
    await db.rows.bulkPut(rows.map((r) => ({ ...r, sortKey: sortKeyFor(r) })));
    await db.outbox.put({ seq: 1, change: { seq: 1, entity: 'hrMonth', id: feb.id, unitId: 'u1', op: 'patch', fields: { kvotTotal: 7 }, hlc: '000000000000001-0000-a', schemaVersion: 1 } as unknown as Change, createdAt: 0 });
    expect(await kvots(db, 'u1')).toEqual([['2025-12', 8], ['2026-01', 4.5], ['2026-02', 7]]);

    // u1's 2026 block comes (the unit's manager corrected January to 4.9): January's row goes,
    // February's (unsynced) and December's (another year) stay.
    expect(await applyFactPage(db, 'dev', { from: 0, blocks: [block('u1', '2026', 3, [hr('u1', '2026-01', 4.9), hr('u1', '2026-02', 6)])], cursor: 3, window: WINDOW })).toBe('applied');
    expect(await kvots(db, 'u1')).toEqual([['2025-12', 8], ['2026-01', 4.9], ['2026-02', 7]]);
    expect((await db.rows.where('entity').equals('hrMonth').toArray()).map((r) => r.id).sort()).toEqual(
      [hrMonthIdFor('u1', '2025-12'), hrMonthIdFor('u1', '2026-02'), hrMonthIdFor('u2', '2026-01')].sort(),
    );
    // Pinned, u2's rows are its months: its block does not take them away.
    await setMeta(db, 'pinned', [{ unitId: 'u2', usedAt: 0 }]);
    expect(await applyFactPage(db, 'dev', { from: 3, blocks: [block('u2', '2026', 4, [hr('u2', '2026-01', 3)])], cursor: 4, window: WINDOW })).toBe('applied');
    expect(await kvots(db, 'u2')).toEqual([['2026-01', 2]]);
    // The 2025 block: December's row goes.
    expect(await applyFactPage(db, 'dev', { from: 4, blocks: [block('u1', '2025', 5, [hr('u1', '2025-12', 8.5)])], cursor: 5, window: WINDOW })).toBe('applied');
    expect(await kvots(db, 'u1')).toEqual([['2025-12', 8.5], ['2026-01', 4.9], ['2026-02', 7]]);
    expect(await db.rows.get(['hrMonth', hrMonthIdFor('u1', '2025-12')])).toBeUndefined();
  });

  it('a month removed that the device knew only from its block is gone at once, and entered again shows the new value', async () => {
    const db = await factsModeDevice();
    await db.facts.put(block('u1', '2026', 1, [hr('u1', '2026-01', 5), hr('u1', '2026-02', 6)]));
    // The level's own HR month is a row the change feed keeps current: a block does not take it.
    await db.rows.put({ ...row(hr('vo', '2026-01', 3)), sortKey: '2026-01' });
    expect(await kvots(db, 'u1')).toEqual([['2026-01', 5], ['2026-02', 6]]);
    expect(await figureKvots(db)).toEqual([['u1', '2026-01', 5], ['u1', '2026-02', 6], ['vo', '2026-01', 3]]);
    // The device's figures read the months its list shows, offline, before any sync.
    await removeHrMonth(db, { id: hrMonthIdFor('u1', '2026-01'), unitId: 'u1' }, 1_000);
    expect(await kvots(db, 'u1')).toEqual([['2026-02', 6]]);
    expect(await figureKvots(db)).toEqual([['u1', '2026-02', 6], ['vo', '2026-01', 3]]);
    await saveHrMonths(db, [hr('u1', '2026-01', 4.2)], 2_000);
    expect(await kvots(db, 'u1')).toEqual([['2026-01', 4.2], ['2026-02', 6]]);
    expect(await figureKvots(db)).toEqual([['u1', '2026-01', 4.2], ['u1', '2026-02', 6], ['vo', '2026-01', 3]]);
    // Sent whole: an insert that brings the month back on the server (its clock is later than the removal's).
    const sent = (await db.outbox.toArray()).map((r) => [r.change.op, r.change.fields.month ?? null]);
    expect(sent).toEqual([['delete', null], ['insert', '2026-01']]);
    // Pushed, then the unit's block comes: its row goes, the level's stays.
    await db.outbox.clear();
    expect(await applyFactPage(db, 'dev', { from: 0, blocks: [block('u1', '2026', 2, [hr('u1', '2026-01', 4.2), hr('u1', '2026-02', 6)]), block('vo', '2026', 3, [])], cursor: 3, window: WINDOW })).toBe('applied');
    expect((await db.rows.where('entity').equals('hrMonth').toArray()).map((r) => r.id)).toEqual([hrMonthIdFor('vo', '2026-01')]);
    expect(await kvots(db, 'u1')).toEqual([['2026-01', 4.2], ['2026-02', 6]]);
  });

  it('a cell\'s year block is read from its id, from the right (a unit id may hold \':\')', () => {
    expect(hrMonthParts(hrMonthIdFor('se:avd:9', '2026-05'))).toEqual({ unitId: 'se:avd:9', month: '2026-05' });
    expect(yearBlockOfCell('hrMonth', hrMonthIdFor('se:avd:9', '2026-05'))).toEqual({ unitId: 'se:avd:9', block: 'Y2026' });
    expect(yearBlockOfCell('reportedValue', 'reportedValue:se:avd:9:waitShare:2026-T2')).toEqual({ unitId: 'se:avd:9', block: 'Y2026' });
    for (const bad of ['hrMonth:2026-05', 'hrMonth::2026-05', 'hrMonth:u1:2026-5', 'bedsDay:u1:2026-05', 'hrMonth:u1']) expect(hrMonthParts(bad)).toBeNull();
    expect(yearBlockOfCell('bedsDay', 'bedsDay:u1:2026-05-01')).toBeNull();
  });

  it('refuses a range outside its fact window, also where only reported values would be read', async () => {
    const db = await factsModeDevice();
    await setMeta(db, 'factWindow', WINDOW);
    const reader = await deviceFactReader(db, ['vo', 'u1', 'u2'], '2026-12-07');
    expect(() => reader.covers?.([{ from: '2023-03-01', to: '2023-03-31' }])).toThrow(expect.objectContaining({ code: 'network' }));
    expect(() => reader.covers?.([{ from: '2024-03-01', to: '2024-03-31' }, { from: '2026-11-01', to: '2026-11-30' }])).not.toThrow();
  });
});
