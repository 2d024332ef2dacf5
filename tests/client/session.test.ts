import './helpers';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { z } from 'zod/mini';
import { createApi, requestJson } from '../../src/client/api/http';
import { enrol, loadSession, login, logout } from '../../src/client/auth/session';
import { addObservation, listObservations } from '../../src/client/storage/bhk-repo';
import type { PulsDb } from '../../src/client/storage/db';
import { getMeta } from '../../src/client/storage/meta';
import { AppError } from '../../src/shared/errors';
import { PushResponse } from '../../src/shared/protocol';
import { FakeServer } from './fake-server';
import { engineFor, enrolledDb, freshDb, newEnrolCode, observation } from './helpers';

const dbs: PulsDb[] = [];
afterEach(() => {
  vi.unstubAllGlobals();
  for (const db of dbs.splice(0)) db.close();
});
function track(db: PulsDb): PulsDb {
  dbs.push(db);
  return db;
}
async function caught(promise: Promise<unknown>): Promise<AppError> {
  const error = await promise.then(() => undefined, (e: unknown) => e);
  expect(error).toBeInstanceOf(AppError);
  return error as AppError;
}

describe('auth/session', () => {
  it('login stores the device credential and identity; a wrong password stores nothing', async () => {
    const server = new FakeServer();
    const db = track(freshDb());
    expect((await caught(login(db, 'anna', 'wrong', undefined, { fetch: server.fetch }))).code).toBe('invalid-credentials');
    expect(await loadSession(db)).toBeNull();
    const session = await login(db, 'anna', 'correct horse', 'Annas laptop', { fetch: server.fetch });
    expect(session.identity).toMatchObject({ kind: 'account', username: 'anna', scopeUnitId: 'u1' });
    expect(await loadSession(db)).toEqual(session);
    expect((await getMeta(db, 'credential'))!.deviceSecret).toHaveLength(64);
  });

  it('enrol asks for persistent storage and records the answer (null when unsupported)', async () => {
    const server = new FakeServer();
    const unsupported = await enrolledDb(server, 'u1', track(freshDb()));
    expect(await getMeta(unsupported, 'persisted')).toBeNull();
    const persist = vi.fn(async () => true);
    vi.stubGlobal('navigator', { storage: { persist } });
    const granted = await enrolledDb(server, 'u1', track(freshDb()));
    expect(persist).toHaveBeenCalledOnce();
    expect(await getMeta(granted, 'persisted')).toBe(true);
  });

  it('enrol with an unknown code fails with enrol-code-invalid', async () => {
    const server = new FakeServer();
    const db = track(freshDb());
    expect((await caught(enrol(db, newEnrolCode(), undefined, { fetch: server.fetch }))).code).toBe('enrol-code-invalid');
    expect(await loadSession(db)).toBeNull();
  });

  it('logout refuses while the outbox holds changes, and changes nothing', async () => {
    const server = new FakeServer();
    const db = track(await enrolledDb(server));
    await addObservation(db, observation());
    const error = await caught(logout(db, { fetch: server.fetch }));
    expect(error.code).toBe('outbox-not-empty');
    expect(error.meta).toEqual({ pending: 1 });
    expect(await loadSession(db)).not.toBeNull();
    expect(server.requests).not.toContain('logout');
  });

  it('logout revokes the device on the server and clears credential, identity, token, rows and units', async () => {
    const server = new FakeServer();
    const db = track(await enrolledDb(server));
    await addObservation(db, observation());
    await engineFor(db, server).syncNow();
    const deviceId = (await loadSession(db))!.deviceId;
    await logout(db, { fetch: server.fetch });
    expect(server.devices.get(deviceId)!.revoked).toBe(true);
    expect(await loadSession(db)).toBeNull();
    expect(await getMeta(db, 'token')).toBeUndefined();
    expect(await getMeta(db, 'cursor')).toBeUndefined();
    expect(await db.rows.count()).toBe(0);
    expect(await db.units.count()).toBe(0);
  });

  it('a forced logout (offline) keeps the outbox, which the next login renumbers and pushes', async () => {
    const server = new FakeServer();
    const db = track(await enrolledDb(server));
    const obs = await addObservation(db, observation());
    server.faults.push({ route: 'token', kind: 'network' });
    await logout(db, { force: true, fetch: server.fetch });
    expect(await loadSession(db)).toBeNull();
    expect(await db.rows.count()).toBe(0);
    expect(await db.outbox.count()).toBe(1);

    await login(db, 'anna', 'correct horse', undefined, { fetch: server.fetch });
    expect(await listObservations(db, 'u1', obs.date.slice(0, 7))).toEqual([obs]); // rebuilt from the outbox
    await engineFor(db, server).syncNow();
    expect(await db.outbox.count()).toBe(0);
    expect(server.log.map((c) => c.id)).toEqual([obs.id]);
  });
});

describe('api/http', () => {
  const reply = (status: number, body: unknown, headers: Record<string, string> = {}) => async () =>
    new Response(body === undefined ? null : typeof body === 'string' ? body : JSON.stringify(body), { status, headers });

  it('maps an error body to AppError with the server code, path and meta plus the status', async () => {
    const error = await caught(
      requestJson({ fetch: reply(403, { code: 'scope-denied', path: ['unitId'], meta: { unitId: 'u9' } }) }, { method: 'GET', path: '/x', schema: null }),
    );
    expect(error).toMatchObject({ code: 'scope-denied', path: ['unitId'], meta: { unitId: 'u9', status: 403 } });
  });

  it('maps a failed fetch to network, a bare status to its code, and carries Retry-After', async () => {
    const failing = async (): Promise<Response> => {
      throw new TypeError('fetch failed');
    };
    expect((await caught(requestJson({ fetch: failing }, { method: 'GET', path: '/x', schema: null }))).code).toBe('network');
    expect((await caught(requestJson({ fetch: reply(502, 'Bad gateway') }, { method: 'GET', path: '/x', schema: null }))).code).toBe('internal');
    const limited = await caught(requestJson({ fetch: reply(429, { code: 'rate-limited' }, { 'retry-after': '7' }) }, { method: 'GET', path: '/x', schema: null }));
    expect(limited.meta).toMatchObject({ retryAfterMs: 7000 });
  });

  it('parses answers with the given schema: invalid → internal; protocol values are accepted with a 4xx status', async () => {
    const schema = z.object({ n: z.number() });
    expect(await requestJson({ fetch: reply(200, { n: 1 }) }, { method: 'GET', path: '/x', schema })).toEqual({ n: 1 });
    expect((await caught(requestJson({ fetch: reply(200, { n: 'one' }) }, { method: 'GET', path: '/x', schema }))).code).toBe('internal');
    const gap = { ok: false, reason: 'seq-gap', expectedSeq: 4, serverTime: 1 };
    expect(await requestJson({ fetch: reply(409, gap) }, { method: 'POST', path: '/api/sync/push', body: {}, schema: PushResponse })).toEqual(gap);
    expect(await requestJson({ fetch: reply(204, undefined) }, { method: 'POST', path: '/x', schema: null })).toBeUndefined();
  });

  it('createApi sends the bearer token and renews it once on token-expired', async () => {
    const server = new FakeServer();
    const db = track(await enrolledDb(server));
    const api = createApi(db, '', server.fetch);
    expect((await api.get('/api/org', z.object({ units: z.array(z.unknown()) }))).units).toHaveLength(4);
    server.expireTokens();
    server.requests.length = 0;
    await api.get('/api/org', z.object({ units: z.array(z.unknown()) }));
    expect(server.requests).toEqual(['org', 'token', 'org']);
  });

  it('createApi marks the database revoked on a device-revoked answer', async () => {
    const server = new FakeServer();
    const db = track(await enrolledDb(server));
    const api = createApi(db, '', server.fetch);
    await api.get('/api/org', z.object({ units: z.array(z.unknown()) }));
    server.revoke((await loadSession(db))!.deviceId);
    expect((await caught(api.get('/api/org', z.object({})))).code).toBe('device-revoked');
    expect(await getMeta(db, 'revoked')).toBe(true);
  });
});
