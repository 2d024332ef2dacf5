import './helpers';
import { afterEach, describe, expect, it } from 'vitest';
import { addObservation } from '../../src/client/storage/bhk-repo';
import type { PulsDb } from '../../src/client/storage/db';
import { getMeta } from '../../src/client/storage/meta';
import { createSyncEngine, SYNC_CHANNEL_NAME } from '../../src/client/sync/engine';
import type { SyncTransport } from '../../src/client/sync/transport';
import { FakeServer } from './fake-server';
import { engineFor, enrolledDb, observation } from './helpers';

const dbs: PulsDb[] = [];
afterEach(() => {
  for (const db of dbs.splice(0)) db.close();
});
const until = async (check: () => Promise<boolean>, ms = 2_000): Promise<void> => {
  const end = Date.now() + ms;
  while (!(await check())) {
    if (Date.now() > end) throw new Error('timed out');
    await new Promise((r) => setTimeout(r, 10));
  }
};

describe('sync engine: lifecycle', () => {
  it('start() syncs at once and tells other tabs on the BroadcastChannel; stop() ends it', async () => {
    const server = new FakeServer();
    const db = await enrolledDb(server);
    dbs.push(db);
    await addObservation(db, observation());
    const otherTab = new BroadcastChannel(SYNC_CHANNEL_NAME);
    const messages: unknown[] = [];
    otherTab.onmessage = (event: MessageEvent) => messages.push(event.data);
    const engine = engineFor(db, server, { intervalMs: 60_000 });
    engine.start();
    try {
      await until(async () => (await db.outbox.count()) === 0 && messages.length > 0);
      expect(messages).toEqual([{ type: 'synced' }]);
    } finally {
      engine.stop();
      otherTab.close();
    }
  });

  it('a local write asks a started engine for a sync (callers never do); another database write does not, nor a stopped engine', async () => {
    const server = new FakeServer();
    const db = await enrolledDb(server);
    const other = await enrolledDb(server);
    dbs.push(db, other);
    const engine = engineFor(db, server, { intervalMs: 60_000 });
    engine.start();
    try {
      await until(async () => (await getMeta(db, 'lastSyncAt')) != null);
      const rounds = server.log.length;
      await addObservation(other, observation());
      await new Promise((r) => setTimeout(r, 50));
      expect(server.log).toHaveLength(rounds); // the other database's write is not this engine's
      await addObservation(db, observation());
      await until(async () => (await db.outbox.count()) === 0);
      expect(server.log).toHaveLength(rounds + 1);
    } finally {
      engine.stop();
    }
    await addObservation(db, observation());
    await new Promise((r) => setTimeout(r, 50));
    expect(await db.outbox.count()).toBe(1); // stopped: it waits for the next start
  });

  it('a save during a running round is pushed by a follow-up round, not left for the timer', async () => {
    const server = new FakeServer();
    const db = await enrolledDb(server);
    dbs.push(db);
    const engine = engineFor(db, server, { intervalMs: 60_000 });
    let open!: () => void;
    server.gate = new Promise<void>((r) => (open = r));
    const first = engine.syncNow();
    await new Promise((r) => setTimeout(r, 20)); // the round is now waiting on the server
    await addObservation(db, observation());
    const second = engine.syncNow();
    open();
    server.gate = null;
    await Promise.all([first, second]);
    expect(await db.outbox.count()).toBe(0);
  });

  it('errors never escape: a transport that throws a non-AppError is recorded as internal', async () => {
    const server = new FakeServer();
    const db = await enrolledDb(server);
    dbs.push(db);
    await addObservation(db, observation());
    const broken: SyncTransport = {
      push: async () => {
        throw new RangeError('bug');
      },
      pull: async () => {
        throw new RangeError('bug');
      },
      org: async () => [],
    };
    await expect(createSyncEngine({ db, transport: broken }).syncNow()).resolves.toBeUndefined();
    expect(await getMeta(db, 'lastError')).toBe('internal');
    expect(await db.outbox.count()).toBe(1);
    expect(await getMeta(db, 'syncingSince')).toBeUndefined();
  });
});
