/**
 * storage/facts-repo.ts applyFactPage on fake-indexeddb (sync/README.md rule 23): each block
 * replaces the device's copy, an empty block removes it, blocks that left the window go when the
 * window moves, and pages inside the same window keep every block they brought; the cursor is
 * written last and a page from another cursor is dropped.
 */
import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import { applyFactPage } from '../../src/client/storage/facts-repo';
import { getMeta, setMeta } from '../../src/client/storage/meta';
import type { FactBlock, FactWindow } from '../../src/shared/facts-api';
import { freshDb } from './helpers';

const DEVICE = 'dev-1';
const block = (unitId: string, id: string, seq: number, falls: string[] = ['2026-01-02']): FactBlock => ({ unitId: unitId as FactBlock['unitId'], block: id, seq, rows: {}, hr: [], falls, fallBefore: null });
const keys = async (db: ReturnType<typeof freshDb>) => (await db.facts.toArray()).map((b) => `${b.unitId} ${b.block}`).sort();

describe('fact pages on the device', () => {
  it('keeps what a page inside the window brings, and drops what left it when the window moves', async () => {
    const db = freshDb();
    await setMeta(db, 'credential', { deviceId: DEVICE, deviceSecret: 's' });
    const w1: FactWindow = { fromYear: '2024', fromDayMonth: '2025-10' };
    const page = (from: number, cursor: number, blocks: FactBlock[], window: FactWindow) => applyFactPage(db, DEVICE, { from, blocks, cursor, window });
    // How often a page looks over the blocks the device holds (filter and keys both start here).
    let looks = 0;
    const toCollection = db.facts.toCollection.bind(db.facts);
    db.facts.toCollection = () => {
      looks += 1;
      return toCollection();
    };

    expect(await page(0, 3, [block('u1', 'Y2024', 1), block('u1', 'Y2025', 2), block('u1', 'D2025-10', 3)], w1)).toBe('applied');
    expect(looks).toBe(1);
    expect(await page(3, 5, [block('u2', 'Y2024', 4), block('u2', 'D2025-11', 5)], w1)).toBe('applied');
    // Inside the same window a page does not look at what the device holds.
    expect(looks).toBe(1);
    expect(await keys(db)).toEqual(['u1 D2025-10', 'u1 Y2024', 'u1 Y2025', 'u2 D2025-11', 'u2 Y2024']);

    // The window moves on a year and a month: what lies before it goes, the page's block stays.
    const w2: FactWindow = { fromYear: '2025', fromDayMonth: '2025-11' };
    expect(await page(5, 6, [block('u1', 'D2025-11', 6)], w2)).toBe('applied');
    expect(await keys(db)).toEqual(['u1 D2025-11', 'u1 Y2025', 'u2 D2025-11']);
    expect(await getMeta(db, 'factWindow')).toEqual(w2);

    // Inside the same window: a block replaced, one removed by an empty block, one added.
    expect(await page(6, 9, [block('u1', 'Y2025', 7, ['2025-03-04']), { ...block('u2', 'D2025-11', 8), falls: [] }, block('u3', 'Y2026', 9)], w2)).toBe('applied');
    expect(await keys(db)).toEqual(['u1 D2025-11', 'u1 Y2025', 'u3 Y2026']);
    expect((await db.facts.get(['u1', 'Y2025']))?.falls).toEqual(['2025-03-04']);
    expect(await getMeta(db, 'factCursor')).toBe(9);

    // A page asked for from another cursor changes nothing.
    expect(await page(3, 10, [block('u4', 'Y2026', 10)], w2)).toBe('cursor-moved');
    expect(await keys(db)).toEqual(['u1 D2025-11', 'u1 Y2025', 'u3 Y2026']);
    expect(await getMeta(db, 'factCursor')).toBe(9);
  });

  it('drops blocks outside the window of a device that never stored one', async () => {
    const db = freshDb();
    await setMeta(db, 'credential', { deviceId: DEVICE, deviceSecret: 's' });
    await db.facts.bulkPut([block('u1', 'Y2022', 1), block('u1', 'Y2025', 2)]);
    expect(await applyFactPage(db, DEVICE, { from: 0, blocks: [], cursor: 2, window: { fromYear: '2024', fromDayMonth: '2025-10' } })).toBe('applied');
    expect(await keys(db)).toEqual(['u1 Y2025']);
  });
});
