import './helpers';
import { afterEach, describe, expect, it } from 'vitest';
import type { PulsDb } from '../../src/client/storage/db';
import { addObservation } from '../../src/client/storage/bhk-repo';
import { setMeta } from '../../src/client/storage/meta';
import { dismissRejected, exportUnsynced, readSyncSnapshot, STALE_SYNC_MS } from '../../src/client/storage/sync-state';
import { FakeServer } from './fake-server';
import { engineFor, enrolledDb, freshDb, observation } from './helpers';

const dbs: PulsDb[] = [];
afterEach(() => {
  for (const db of dbs.splice(0)) db.close();
});

describe('storage/sync-state', () => {
  it('an untouched database has an empty snapshot', async () => {
    const db = freshDb();
    dbs.push(db);
    expect(await readSyncSnapshot(db)).toEqual({
      pending: 0,
      oldestPendingAt: null,
      rejected: [],
      lastSyncAt: null,
      lastError: null,
      syncing: false,
      progress: null,
      firstSyncDone: false,
      clockOffsetMs: null,
      clientTooOld: false,
      revoked: false,
      persisted: null,
    });
  });

  it('counts pending changes and the oldest one; a sync flag older than the stale limit is not believed', async () => {
    const server = new FakeServer();
    const db = await enrolledDb(server);
    dbs.push(db);
    await addObservation(db, observation(), 1_000);
    await addObservation(db, observation(), 5_000);
    await setMeta(db, 'syncingSince', 10_000);
    expect(await readSyncSnapshot(db, 10_000 + STALE_SYNC_MS - 1)).toMatchObject({ pending: 2, oldestPendingAt: 1_000, syncing: true });
    expect((await readSyncSnapshot(db, 10_000 + STALE_SYNC_MS)).syncing).toBe(false);
  });

  it('rule 5: rejected changes stay listed until dismissed', async () => {
    const server = new FakeServer();
    const db = await enrolledDb(server, 'u1');
    dbs.push(db);
    await addObservation(db, observation('u2'));
    await addObservation(db, observation('u2', '2025-03-15'));
    await engineFor(db, server).syncNow();
    const { rejected } = await readSyncSnapshot(db);
    expect(rejected.map((r) => [r.seq, r.code])).toEqual([
      [1, 'scope-denied'],
      [2, 'scope-denied'],
    ]);
    await dismissRejected(db, 1);
    expect((await readSyncSnapshot(db)).rejected.map((r) => r.seq)).toEqual([2]);
  });

  it('exportUnsynced returns JSON with every outbox and rejected change', async () => {
    const server = new FakeServer();
    const db = await enrolledDb(server, 'u1');
    dbs.push(db);
    const rejected = await addObservation(db, observation('u2'));
    await engineFor(db, server).syncNow();
    const pending = await addObservation(db, observation('u1', '2025-03-20'), Date.UTC(2025, 2, 20, 8));
    const text = await exportUnsynced(db, Date.UTC(2025, 2, 21));
    const parsed = JSON.parse(text) as {
      format: string;
      exportedAt: string;
      outbox: { seq: number; createdAt: string; change: { id: string } }[];
      rejected: { code: string; change: { id: string } }[];
    };
    expect(parsed.format).toBe('pulstavlan-unsynced');
    expect(parsed.exportedAt).toBe('2025-03-21T00:00:00.000Z');
    expect(parsed.outbox).toEqual([expect.objectContaining({ seq: 2, createdAt: '2025-03-20T08:00:00.000Z', change: expect.objectContaining({ id: pending.id }) })]);
    expect(parsed.rejected).toEqual([expect.objectContaining({ code: 'scope-denied', change: expect.objectContaining({ id: rejected.id }) })]);
  });

  it('a rejection from a later device epoch never overwrites an older one with the same seq', async () => {
    const server = new FakeServer();
    const db = await enrolledDb(server, 'u1');
    dbs.push(db);
    await addObservation(db, observation('u2'));
    await engineFor(db, server).syncNow();
    await enrolledDb(server, 'u1', db); // a new device id: numbering restarts at 1
    await addObservation(db, observation('u2', '2025-03-15'));
    await engineFor(db, server).syncNow();
    const rejected = (await readSyncSnapshot(db)).rejected;
    expect(rejected).toHaveLength(2);
    expect(rejected.map((r) => r.seq)).toEqual([-1, 1]);
  });
});
