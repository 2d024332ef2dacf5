import './helpers';
import { describe, expect, it } from 'vitest';
import { enrol } from '../../src/client/auth/session';
import { renewToken } from '../../src/client/auth/token';
import { applyScopeChange } from '../../src/client/storage/device';
import { addObservation, listObservations } from '../../src/client/storage/bhk-repo';
import { getMeta, setMeta } from '../../src/client/storage/meta';
import { readSyncSnapshot } from '../../src/client/storage/sync-state';
import { PROTOCOL_VERSION } from '../../src/shared/protocol';
import { FakeServer } from './fake-server';
import { engineFor, freshDb, newEnrolCode, observation, useDevices } from './helpers';

const { device, deviceIdOf, track } = useDevices();

describe('sync engine: tokens, revocation, versions', () => {
  it('renews an expired token on 401 token-expired and pushes without losing the outbox', async () => {
    const server = new FakeServer();
    const db = await device(server);
    const engine = engineFor(db, server);
    await engine.syncNow();
    for (let i = 1; i <= 3; i++) await addObservation(db, observation('u1', `2025-03-0${i}`));
    server.expireTokens(); // the server says expired; the client still believes its token is fresh
    server.requests.length = 0;

    await engine.syncNow();
    expect(server.requests.slice(0, 3)).toEqual(['push', 'token', 'push']);
    expect(await db.outbox.count()).toBe(0);
    expect(server.log).toHaveLength(3);
    expect(await getMeta(db, 'lastError')).toBeNull();
  });

  it('renews a token shortly before it expires, without a 401 round trip', async () => {
    const server = new FakeServer();
    const db = await device(server);
    const engine = engineFor(db, server);
    await engine.syncNow();
    const token = (await getMeta(db, 'token'))!;
    await setMeta(db, 'token', { ...token, expiresAt: Date.now() + 30_000 }); // inside the renewal margin
    server.requests.length = 0;
    await engine.syncNow();
    expect(server.requests[0]).toBe('token');
    expect(server.requests.filter((r) => r === 'token')).toHaveLength(1);
    expect((await getMeta(db, 'token'))!.token).not.toBe(token.token);
  });

  it('a scope change reported with a renewed token restarts the cursor, so older rows of the new scope arrive', async () => {
    const server = new FakeServer();
    const writer = await device(server, 'u2');
    await addObservation(writer, observation('u2', '2025-03-04'));
    await engineFor(writer, server).syncNow();
    const db = await device(server, 'u1');
    const engine = engineFor(db, server);
    await engine.syncNow();
    expect(await db.rows.count()).toBe(0);
    expect(await getMeta(db, 'cursor')).toBe(0);
    await addObservation(db, observation('u1', '2025-03-05'));
    await engine.syncNow();
    expect(await getMeta(db, 'cursor')).toBe(2);

    const dev = server.devices.get(await deviceIdOf(db))!;
    dev.identity = { ...dev.identity, role: 'manager', scopeUnitId: 'vo1' } as typeof dev.identity;
    server.expireTokens();
    await engine.syncNow();
    expect((await listObservations(db, 'u2', '2025-03')).map((o) => o.date)).toEqual(['2025-03-04']);
    expect(await getMeta(db, 'cursor')).toBe(2);
    expect((await getMeta(db, 'identity'))!.scopeUnitId).toBe('vo1');
  });

  it('a token renewal that reports another scope only marks it; the replica is rebuilt by the next sync round, explicitly', async () => {
    const server = new FakeServer();
    const writer = await device(server, 'u2');
    await addObservation(writer, observation('u2', '2025-03-04'));
    await engineFor(writer, server).syncNow();
    const db = await device(server, 'u1');
    await addObservation(db, observation('u1', '2025-03-05'));
    await engineFor(db, server).syncNow();
    const rowsBefore = await db.rows.toArray();

    const dev = server.devices.get(await deviceIdOf(db))!;
    dev.identity = { ...dev.identity, role: 'manager', scopeUnitId: 'vo1' } as typeof dev.identity;
    await renewToken(db, { fetch: server.fetch });
    expect(await getMeta(db, 'scopeChanged')).toBe(true);
    expect(await db.rows.toArray()).toEqual(rowsBefore); // renewal never rebuilds
    expect(await getMeta(db, 'cursor')).toBe(2);

    expect(await applyScopeChange(db)).toBe(true);
    expect(await getMeta(db, 'cursor')).toBeUndefined();
    expect(await getMeta(db, 'scopeChanged')).toBeUndefined();
    expect(await applyScopeChange(db)).toBe(false); // applied once
    await engineFor(db, server).syncNow();
    expect((await listObservations(db, 'u2', '2025-03')).map((o) => o.date)).toEqual(['2025-03-04']);
  });

  it('a failed renewal (offline) keeps the outbox and records network', async () => {
    const server = new FakeServer();
    const db = await device(server);
    await addObservation(db, observation());
    server.faults.push({ route: 'token', kind: 'network' });
    await engineFor(db, server).syncNow();
    expect(await getMeta(db, 'lastError')).toBe('network');
    expect(await db.outbox.count()).toBe(1);
  });

  it('a revoked device keeps its rows and outbox, is marked revoked and stops asking', async () => {
    const server = new FakeServer();
    const db = await device(server);
    const engine = engineFor(db, server);
    const synced = await addObservation(db, observation('u1', '2025-03-01'));
    await engine.syncNow();
    const pending = await addObservation(db, observation('u1', '2025-03-02'));
    server.revoke(await deviceIdOf(db));

    await engine.syncNow();
    const snap = await readSyncSnapshot(db);
    expect(snap).toMatchObject({ revoked: true, lastError: 'device-revoked', pending: 1 });
    expect((await listObservations(db, 'u1', '2025-03')).map((o) => o.id)).toEqual([synced.id, pending.id]);

    server.requests.length = 0;
    await engine.syncNow();
    expect(server.requests).toEqual([]);
    expect(await db.outbox.count()).toBe(1);
  });

  it('rules 1–2: re-enrolling a revoked tablet renumbers its outbox from 1 for the new device and resets the cursor', async () => {
    const server = new FakeServer();
    const db = await device(server);
    const engine = engineFor(db, server);
    await addObservation(db, observation('u1', '2025-03-01'));
    await engine.syncNow();
    const oldId = await deviceIdOf(db);
    const pending = [await addObservation(db, observation('u1', '2025-03-02')), await addObservation(db, observation('u1', '2025-03-03'))];
    expect((await db.outbox.toArray()).map((r) => r.seq)).toEqual([2, 3]);
    server.revoke(oldId);
    await engine.syncNow();
    expect(await getMeta(db, 'revoked')).toBe(true);

    const code = newEnrolCode();
    server.addEnrolCode(code, 'u1');
    const session = await enrol(db, code, 'same tablet', { fetch: server.fetch });
    expect(session.deviceId).not.toBe(oldId);
    const outbox = await db.outbox.orderBy('seq').toArray();
    expect(outbox.map((r) => [r.seq, r.change.seq, r.change.id])).toEqual([
      [1, 1, pending[0]!.id],
      [2, 2, pending[1]!.id],
    ]);
    expect(await getMeta(db, 'cursor')).toBeUndefined();
    expect(await getMeta(db, 'revoked')).toBeUndefined();
    // The pending writes stay visible before the first sync of the new device.
    expect(await listObservations(db, 'u1', '2025-03')).toHaveLength(3);

    await engine.syncNow();
    expect(await db.outbox.count()).toBe(0);
    expect(server.devices.get(session.deviceId)!.lastSeq).toBe(2);
    expect(server.log).toHaveLength(3);
    expect(await listObservations(db, 'u1', '2025-03')).toHaveLength(3);
    expect(await getMeta(db, 'nextSeq')).toBe(3);
  });

  it('rule 16: client-too-old marks the client, keeps the outbox, and clears once the server accepts it again', async () => {
    const server = new FakeServer();
    const db = await device(server);
    await addObservation(db, observation());
    server.minProtocolVersion = PROTOCOL_VERSION + 1;
    const engine = engineFor(db, server);
    await engine.syncNow();
    expect(await readSyncSnapshot(db)).toMatchObject({ clientTooOld: true, lastError: 'client-too-old', pending: 1 });

    server.minProtocolVersion = PROTOCOL_VERSION;
    await engine.syncNow();
    expect(await readSyncSnapshot(db)).toMatchObject({ clientTooOld: false, lastError: null, pending: 0 });
  });

  it('rule 16: client-too-old on pull (nothing to push) is recorded the same way', async () => {
    const server = new FakeServer();
    const db = await device(server);
    server.minProtocolVersion = PROTOCOL_VERSION + 1;
    await engineFor(db, server).syncNow();
    expect(await getMeta(db, 'clientTooOld')).toBe(true);
    expect(await getMeta(db, 'cursor')).toBeUndefined();
  });

  it('records rate-limited with the server’s Retry-After and keeps the outbox', async () => {
    const server = new FakeServer();
    const db = await device(server);
    await addObservation(db, observation());
    server.faults.push({ route: 'push', kind: 'status', status: 429, body: { code: 'rate-limited' }, headers: { 'retry-after': '30' } });
    await engineFor(db, server).syncNow();
    expect(await getMeta(db, 'lastError')).toBe('rate-limited');
    expect(await db.outbox.count()).toBe(1);
  });

  it('does nothing without a session', async () => {
    const server = new FakeServer();
    const db = freshDb();
    track(db);
    await engineFor(db, server).syncNow();
    expect(server.requests).toEqual([]);
    expect(await getMeta(db, 'lastError')).toBeUndefined();
  });
});
