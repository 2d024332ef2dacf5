import './helpers';
import { describe, expect, it } from 'vitest';
import { addObservation, getUnitSettings, listObservations, saveUnitSettings } from '../../src/client/storage/bhk-repo';
import { getMeta } from '../../src/client/storage/meta';
import { listUnits } from '../../src/client/storage/org-repo';
import { readSyncSnapshot } from '../../src/client/storage/sync-state';
import { writeTransaction } from '../../src/client/storage/records';
import { MAX_CHANGES_PER_PUSH } from '../../src/shared/protocol';
import { FakeServer } from './fake-server';
import { engineFor, observation, useDevices } from './helpers';

const { device, deviceIdOf } = useDevices();

describe('sync engine: push', () => {
  it('rules 3, 6, 7, 9: push + pull round trip between two tablets; own changes come back as no-ops', async () => {
    const server = new FakeServer();
    const a = await device(server);
    const b = await device(server);
    const obs = await addObservation(a, observation('u1', '2025-03-03'));
    await saveUnitSettings(a, 'u1', { bhkMinN: 4 });
    const rowsBefore = await a.rows.toArray();

    await engineFor(a, server).syncNow();
    expect(await a.outbox.count()).toBe(0);
    expect(server.log).toHaveLength(2);
    expect(await a.rows.toArray()).toEqual(rowsBefore);
    expect(await getMeta(a, 'cursor')).toBe(2);

    await engineFor(b, server).syncNow();
    expect(await listObservations(b, 'u1', '2025-03')).toEqual([obs]);
    expect((await getUnitSettings(b, 'u1')).bhkMinN).toBe(4);
    expect((await listUnits(b)).map((u) => u.id).sort()).toEqual(['region', 'u1', 'u2', 'vo1']);
    const snap = await readSyncSnapshot(b);
    expect(snap).toMatchObject({ pending: 0, lastError: null, syncing: false, firstSyncDone: true, progress: null });
    expect(snap.lastSyncAt).not.toBeNull();
  });

  it('rule 3: a reply lost after commit costs nothing; the replay is skipped and the outbox drains', async () => {
    const server = new FakeServer();
    const db = await device(server);
    for (let i = 1; i <= 3; i++) await addObservation(db, observation('u1', `2025-03-0${i}`));
    server.faults.push({ route: 'push', kind: 'drop-reply' });
    const engine = engineFor(db, server);

    await engine.syncNow();
    expect(await getMeta(db, 'lastError')).toBe('network');
    expect(await db.outbox.count()).toBe(3); // not confirmed, so not deleted (rule 6)
    expect(server.devices.get(await deviceIdOf(db))!.lastSeq).toBe(3);

    await engine.syncNow();
    expect(await db.outbox.count()).toBe(0);
    expect(server.log).toHaveLength(3); // no duplicates
    expect(await getMeta(db, 'lastError')).toBeNull();
  });

  it('rule 5: a rejected change moves to `rejected` with its code and does not block the changes behind it', async () => {
    const server = new FakeServer();
    const db = await device(server, 'u1');
    await addObservation(db, observation('u1', '2025-03-01'));
    const outside = await addObservation(db, observation('u2', '2025-03-02')); // not in a u1 tablet's write scope
    await addObservation(db, observation('u1', '2025-03-03'));

    await engineFor(db, server).syncNow();
    expect(await db.outbox.count()).toBe(0);
    const rejected = await db.rejected.toArray();
    expect(rejected).toHaveLength(1);
    expect(rejected[0]).toMatchObject({ seq: 2, code: 'scope-denied', change: { id: outside.id } });
    expect(server.log.map((c) => c.unitId)).toEqual(['u1', 'u1']);
  });

  it('rule 3: a rejection whose reply was lost is reported again on replay and still reaches `rejected`', async () => {
    const server = new FakeServer();
    const db = await device(server, 'u1');
    await addObservation(db, observation('u2', '2025-03-02'));
    server.faults.push({ route: 'push', kind: 'drop-reply' });
    const engine = engineFor(db, server);
    await engine.syncNow();
    expect(await db.rejected.count()).toBe(0);
    await engine.syncNow();
    expect((await db.rejected.toArray()).map((r) => r.code)).toEqual(['scope-denied']);
    expect(await db.outbox.count()).toBe(0);
  });

  it(`rule 3: pushes in seq order in batches of at most ${MAX_CHANGES_PER_PUSH}`, async () => {
    const server = new FakeServer();
    const db = await device(server);
    const total = MAX_CHANGES_PER_PUSH + 20;
    // Local writes share a transaction only through writeTransaction (counter-lease.ts).
    await writeTransaction(db, async () => {
      for (let i = 0; i < total; i++) await addObservation(db, observation('u1', '2025-03-05'));
    });
    const sizes: number[] = [];
    const fetch = server.fetch;
    server.fetch = async (input, init) => {
      if (input.endsWith('/api/sync/push')) sizes.push((JSON.parse(init.body as string) as { changes: unknown[] }).changes.length);
      return fetch(input, init);
    };
    await engineFor(db, server).syncNow();
    expect(sizes).toEqual([MAX_CHANGES_PER_PUSH, 20]);
    expect(server.devices.get(await deviceIdOf(db))!.lastSeq).toBe(total);
  });
});

describe('sync engine: seq-gap recovery (rule 4)', () => {
  it('rule 4: the server is behind (restored backup): the outbox is renumbered to what it expects, no row lost', async () => {
    const server = new FakeServer();
    const db = await device(server);
    for (let i = 1; i <= 3; i++) await addObservation(db, observation('u1', `2025-03-0${i}`));
    const engine = engineFor(db, server);
    await engine.syncNow();
    const late = [await addObservation(db, observation('u1', '2025-03-10')), await addObservation(db, observation('u1', '2025-03-11'))];
    server.devices.get(await deviceIdOf(db))!.lastSeq = 1; // the server lost seqs 2 and 3

    await engine.syncNow();
    expect(await getMeta(db, 'lastError')).toBeNull();
    expect(await db.outbox.count()).toBe(0);
    expect(server.devices.get(await deviceIdOf(db))!.lastSeq).toBe(3);
    expect(server.log.map((c) => c.id)).toEqual(expect.arrayContaining(late.map((o) => o.id)));
    expect(await getMeta(db, 'nextSeq')).toBe(4);
  });

  it('rule 4: the server is ahead (expectedSeq > our first seq): rows it already has are confirmed, the rest pushed', async () => {
    const server = new FakeServer();
    const db = await device(server);
    const obs = [];
    for (let i = 1; i <= 4; i++) obs.push(await addObservation(db, observation('u1', `2025-03-0${i}`)));
    const dev = server.devices.get(await deviceIdOf(db))!;
    // The server processed 1–2 in an earlier request whose reply never came, then says so with a gap answer.
    dev.lastSeq = 2;
    server.faults.push({ route: 'push', kind: 'status', status: 409, body: { ok: false, reason: 'seq-gap', expectedSeq: 3, serverTime: Date.now() } });

    await engineFor(db, server).syncNow();
    expect(await db.outbox.count()).toBe(0);
    expect(dev.lastSeq).toBe(4);
    expect(server.log.map((c) => c.id)).toEqual([obs[2]!.id, obs[3]!.id]);
  });

  it('rule 4: a hole in the outbox is closed before pushing, so the server never answers seq-gap', async () => {
    const server = new FakeServer();
    const db = await device(server);
    for (let i = 1; i <= 3; i++) await addObservation(db, observation('u1', `2025-03-0${i}`));
    await db.outbox.delete(2);
    await engineFor(db, server).syncNow();
    expect(await db.outbox.count()).toBe(0);
    expect(server.log).toHaveLength(2);
    expect(server.devices.get(await deviceIdOf(db))!.lastSeq).toBe(2);
  });

  it('rule 6: numbering continues past a lastSeq the server reports beyond ours', async () => {
    const server = new FakeServer();
    const db = await device(server);
    await addObservation(db, observation());
    server.devices.get(await deviceIdOf(db))!.lastSeq = 7;
    const engine = engineFor(db, server);
    await engine.syncNow();
    expect(await db.outbox.count()).toBe(0);
    await addObservation(db, observation('u1', '2025-03-20'));
    expect((await db.outbox.toArray())[0]!.seq).toBe(8);
    await engine.syncNow();
    expect(server.log).toHaveLength(1);
  });

  it('rule 4: a server that keeps answering seq-gap stops the round with seq-gap and keeps the outbox', async () => {
    const server = new FakeServer();
    const db = await device(server);
    await addObservation(db, observation());
    const gap = { route: 'push', kind: 'status', status: 409, body: { ok: false, reason: 'seq-gap', expectedSeq: 1, serverTime: Date.now() } } as const;
    server.faults.push(gap, gap, gap, gap, gap);
    await engineFor(db, server).syncNow();
    expect(await getMeta(db, 'lastError')).toBe('seq-gap');
    expect(await db.outbox.count()).toBe(1);
  });
});
