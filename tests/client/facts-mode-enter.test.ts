/**
 * Entering facts mode (storage/facts-repo.ts enterFactsMode, sync/README.md rule 22): the board
 * rows of the leaf units the device is told of go, of every bulk entity, in one look per entity
 * for all the units; rows with unsynced writes stay, and so do rows of units that are not named
 * (a level's, a pinned unit's) and rows of entities that are not bulk.
 */
import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import { enterFactsMode } from '../../src/client/storage/facts-repo';
import { getMeta } from '../../src/client/storage/meta';
import { BULK_ENTITIES } from '../../src/shared/facts-api';
import type { Change } from '../../src/shared/protocol';
import { freshDb } from './helpers';

const row = (entity: string, unitId: string, n: number) => ({ entity, id: `${entity}-${unitId}-${n}`, unitId, data: { id: `${entity}-${unitId}-${n}`, unitId }, hlcs: {}, deleted: false, sortKey: '' });

describe('entering facts mode', () => {
  it('drops the named leaves\' board rows of every bulk entity, keeping unsynced ones and everything else', async () => {
    const db = freshDb();
    const leaves = Array.from({ length: 40 }, (_, i) => `u${String(i).padStart(2, '0')}`);
    const rows = [
      ...leaves.flatMap((u) => BULK_ENTITIES.map((e) => row(e, u, 1))),
      row('bhkObservation', 'u07', 2),
      // Not named: a level's rows and a pinned leaf's (the caller leaves it out).
      row('reportedValue', 'vo', 1),
      row('bhkObservation', 'pinned', 1),
      // Not a bulk entity: the unit's settings stay.
      row('unitSettings', 'u03', 1),
    ];
    await db.rows.bulkPut(rows as never);
    // An unsynced write of u05's observation.
    await db.outbox.put({ seq: 1, change: { entity: 'bhkObservation', id: 'bhkObservation-u05-1' } as unknown as Change, createdAt: 0 });

    await enterFactsMode(db, leaves);

    const left = (await db.rows.toArray()).map((r) => r.id).sort();
    expect(left).toEqual(['bhkObservation-pinned-1', 'bhkObservation-u05-1', 'reportedValue-vo-1', 'unitSettings-u03-1']);
    expect(await getMeta(db, 'factsMode')).toBe(true);
    // Once in facts mode, entering again drops nothing more.
    await db.rows.put(row('safetyDay', 'u01', 9) as never);
    await enterFactsMode(db, leaves);
    expect(await db.rows.get(['safetyDay', 'safetyDay-u01-9'])).toBeDefined();
  });
});
