// @vitest-environment jsdom
/**
 * The first paint's token (storage/first-paint-token.ts, issue 19): it moves before every
 * IndexedDB write that can change a figure, through Dexie (the middleware) and through the direct
 * save path that bypasses Dexie (direct-write.ts), and stays put for writes no figure reads, so a
 * sync failing against a server that is down does not void every copy. jsdom for its real
 * localStorage; IndexedDB is fake-indexeddb, as in the other storage tests.
 */
import './helpers';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { addObservation, saveUnitSettings } from '../../src/client/storage/bhk-repo';
import { openDb, type PulsDb } from '../../src/client/storage/db';
import { inProcessLocks } from '../../src/client/storage/locks';
import { uuidv7 } from 'uuidv7';
import { moveToken, onTokenMoved, readToken } from '../../src/client/storage/first-paint-token';
import { deleteMeta, setMeta } from '../../src/client/storage/meta';
import { TOKEN_KEY } from '../../src/client/first-paint/keys';
import { applyPulledPage } from '../../src/client/storage/pull-apply';
import { observation, pulledObservation } from './helpers';

const DEVICE = { deviceId: '0190a0b0-c0d0-7e00-8000-000000000002', deviceSecret: 'x'.repeat(40) };
const NOW = Date.parse('2025-03-07T12:00:00Z');

const dbs: PulsDb[] = [];
beforeEach(() => localStorage.clear());
afterEach(() => {
  for (const db of dbs.splice(0)) db.close();
});

/** With in-process locks (jsdom has a window but no Web Locks): the counters' lease, so saves
 * after the first go through the direct path, as in a browser. */
async function sessionDb(): Promise<PulsDb> {
  const db = openDb(`test-${uuidv7()}`, { locks: inProcessLocks() });
  dbs.push(db);
  await setMeta(db, 'credential', DEVICE);
  return db;
}

/** Counts the token's moves while `write` runs. */
async function movesDuring(write: () => Promise<unknown>): Promise<number> {
  let moves = 0;
  const off = onTokenMoved(() => moves++);
  try {
    await write();
  } finally {
    off();
  }
  return moves;
}

describe('first paint token (issue 19)', () => {
  it('is made on first read and kept until moved', () => {
    expect(localStorage.getItem(TOKEN_KEY)).toBeNull();
    const token = readToken();
    expect(token).toMatch(/\S+/);
    expect(readToken()).toBe(token);
    moveToken();
    expect(readToken()).not.toBe(token);
  });

  it('moves before a write through Dexie that can change a figure has committed', async () => {
    const db = await sessionDb();
    const before = readToken();
    let committed = false;
    const movedBeforeCommit: boolean[] = [];
    const off = onTokenMoved(() => movedBeforeCommit.push(!committed));
    await saveUnitSettings(db, 'u1', { bhkMonthlyQuota: 12 }, NOW).then(() => (committed = true));
    off();
    expect(readToken()).not.toBe(before);
    expect(movedBeforeCommit.length).toBeGreaterThan(0);
    expect(movedBeforeCommit.every(Boolean)).toBe(true);
  });

  it('moves for rows, units, facts and the session; not for the outbox, refused changes or sync bookkeeping', async () => {
    const db = await sessionDb();
    const change = { seq: 1, entity: 'bhkObservation', id: 'x', unitId: 'u1', op: 'insert', fields: {}, hlc: '000000000000001-0000-test', schemaVersion: 1 } as never;
    expect(await movesDuring(() => db.outbox.add({ seq: 1, change, createdAt: NOW }))).toBe(0);
    expect(await movesDuring(() => db.rejected.put({ seq: 1, change, code: 'validation', rejectedAt: NOW }))).toBe(0);
    expect(await movesDuring(() => setMeta(db, 'cursor', 42))).toBe(0);
    expect(await movesDuring(() => setMeta(db, 'lastError', 'network'))).toBe(0);
    expect(await movesDuring(() => setMeta(db, 'syncingSince', NOW))).toBe(0);
    expect(await movesDuring(() => setMeta(db, 'pinned', []))).toBe(0);
    expect(await movesDuring(() => deleteMeta(db, 'syncingSince'))).toBe(0);

    expect(await movesDuring(() => addObservation(db, observation('u1', '2025-03-01'), NOW))).toBeGreaterThan(0);
    expect(await movesDuring(() => setMeta(db, 'lastSyncAt', NOW))).toBeGreaterThan(0);
    expect(await movesDuring(() => db.units.put({ id: 'u1', parentId: null, kind: 'enhet', name: 'Avd 1', closedAt: null } as never))).toBeGreaterThan(0);
    expect(await movesDuring(() => db.facts.clear())).toBeGreaterThan(0);
    expect(await movesDuring(() => deleteMeta(db, 'credential'))).toBeGreaterThan(0);
  });

  it('the direct IndexedDB save (lease held, no Dexie) moves it too, before its transaction', async () => {
    const db = await sessionDb();
    // The first save takes the counters' lease; the next one goes through direct-write.ts.
    await addObservation(db, observation('u1', '2025-03-01'), NOW);
    const before = readToken();
    const outboxAtMove: number[] = [];
    const off = onTokenMoved(() => {
      // A read transaction begun at the move is ordered before the save's transaction only if the
      // save had not begun one yet: it then sees the outbox without the save's row.
      const request = db.backendDB().transaction('outbox', 'readonly').objectStore('outbox').count();
      request.onsuccess = () => outboxAtMove.push(request.result);
    });
    await addObservation(db, observation('u1', '2025-03-02'), NOW);
    off();
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(readToken()).not.toBe(before);
    expect(outboxAtMove).toEqual([1]);
    expect(await db.outbox.count()).toBe(2);
  });

  it('a pulled page, written with IndexedDB itself, moves it too', async () => {
    const db = await sessionDb();
    const change = pulledObservation('u1', '2025-03-02', NOW - 60_000);
    const before = readToken();
    const moves = await movesDuring(() => applyPulledPage(db, DEVICE.deviceId, { from: 0, changes: [change], cursor: 1 }, NOW));
    expect(moves).toBeGreaterThanOrEqual(1);
    expect(readToken()).not.toBe(before);
    expect(await db.rows.count()).toBe(1);
  });
});
