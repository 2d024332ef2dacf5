/**
 * An app on a fresh in-memory SQLite store with the demo organisation (no sample observations),
 * a clock the test moves by hand, and small typed wrappers around app.inject.
 */
import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, expect } from 'vitest';
import { loadTokenKey } from '../../src/server/auth/tokens';
import { type AppOptions, buildApp } from '../../src/server/http/app';
import { DEMO_PASSWORD } from '../../src/server/seed/demo-org';
import { seedDemo } from '../../src/server/seed/seed';
import { createSqliteStore } from '../../src/server/store/sqlite/index';
import type { Store } from '../../src/server/store/store';
import { DeviceCredential, EnrolCodeResponse, type Identity, TokenResponse } from '../../src/shared/api';
import { type Change, PROTOCOL_VERSION, PullResponse, PushResponse, type ServerChange } from '../../src/shared/protocol';

/** 2026-03-10 10:00 in Stockholm. */
export const NOW = Date.UTC(2026, 2, 10, 9, 0, 0);
export const TODAY = '2026-03-10';
export const MONTH = '2026-03';
export const TOKEN_TTL_S = 900;

export interface Harness {
  app: FastifyInstance;
  store: Store;
  clock: { now: number };
  close(): Promise<void>;
}

export type HarnessOptions = Partial<Omit<AppOptions, 'store' | 'tokenKey' | 'now'>>;

export async function harness(opts: HarnessOptions = {}, store?: Store): Promise<Harness> {
  const db = store ?? createSqliteStore(':memory:');
  await db.migrate();
  await seedDemo(db, NOW, { observations: false });
  const clock = { now: NOW };
  const app = await buildApp({
    store: db,
    tokenKey: await loadTokenKey(db),
    tokenTtlS: TOKEN_TTL_S,
    rateLimitPerDevice: 100_000,
    rateLimitPerIp: 100_000,
    staticDir: null,
    ...opts,
    now: () => clock.now,
  });
  return {
    app,
    store: db,
    clock,
    close: async () => {
      await app.close();
      await db.close();
    },
  };
}

/** A fresh harness (above) with `username` signed in; a test file's hook: `({ h, user: admin } = await signedIn('admin'))`. */
export async function signedIn(username: string): Promise<{ h: Harness; user: Client }> {
  const h = await harness();
  return { h, user: await loginAs(h, username) };
}

/** A fresh harness with a tablet on Avdelning 21 (enrolled by its manager) and one on Avdelning 22 (by the VO's). */
export async function withWardTablets(): Promise<{ h: Harness; t21: Client; t22: Client }> {
  const h = await harness();
  return { h, t21: await enrolTablet(h, await loginAs(h, 'avdchef21'), 'avd-21'), t22: await enrolTablet(h, await loginAs(h, 'vochef'), 'avd-22') };
}

/** An enrolled device or logged-in person, holding its credential and a current token. */
export interface Client {
  deviceId: string;
  deviceSecret: string;
  token: string;
  identity: Identity;
}

type Method = 'GET' | 'POST' | 'PATCH';
export interface Call {
  token?: string | Client;
  body?: unknown;
  /** Sent as is, with content-type application/json. */
  raw?: string;
  headers?: Record<string, string>;
}

export function call(h: Harness, method: Method, url: string, c: Call = {}): Promise<LightMyRequestResponse> {
  const headers: Record<string, string> = { ...c.headers };
  if (c.token !== undefined) headers.authorization = `Bearer ${typeof c.token === 'string' ? c.token : c.token.token}`;
  if (c.raw !== undefined || c.body !== undefined) headers['content-type'] ??= 'application/json';
  return h.app.inject({
    method,
    url,
    headers,
    ...(c.raw !== undefined ? { payload: c.raw } : c.body !== undefined ? { payload: JSON.stringify(c.body) } : {}),
  });
}

/** Asserts the status and error code of a failed call and returns the body. */
export function expectError(res: LightMyRequestResponse, status: number, code: string): Record<string, unknown> {
  const body = res.json() as Record<string, unknown>;
  expect({ status: res.statusCode, code: body.code }).toEqual({ status, code });
  return body;
}

export async function renew(h: Harness, cred: { deviceId: string; deviceSecret: string }): Promise<TokenResponse> {
  const res = await call(h, 'POST', '/api/auth/token', { body: { deviceId: cred.deviceId, deviceSecret: cred.deviceSecret } });
  expect(res.statusCode, res.body).toBe(200);
  return TokenResponse.parse(res.json());
}

async function toClient(h: Harness, res: LightMyRequestResponse): Promise<Client> {
  expect(res.statusCode, res.body).toBe(200);
  const cred = DeviceCredential.parse(res.json());
  const t = await renew(h, cred);
  return { deviceId: cred.deviceId, deviceSecret: cred.deviceSecret, token: t.accessToken, identity: cred.identity };
}

export async function loginAs(h: Harness, username: string, password = DEMO_PASSWORD): Promise<Client> {
  return toClient(h, await call(h, 'POST', '/api/auth/login', { body: { username, password } }));
}

export async function newEnrolCode(h: Harness, manager: Client, unitId: string): Promise<string> {
  const res = await call(h, 'POST', '/api/enrol-codes', { token: manager, body: { unitId } });
  expect(res.statusCode, res.body).toBe(200);
  return EnrolCodeResponse.parse(res.json()).code;
}

export async function enrolTablet(h: Harness, manager: Client, unitId: string): Promise<Client> {
  const code = await newEnrolCode(h, manager, unitId);
  return toClient(h, await call(h, 'POST', '/api/auth/enrol', { body: { code } }));
}

export function pushRaw(h: Harness, c: Client, changes: readonly Change[], extra: Record<string, unknown> = {}) {
  return call(h, 'POST', '/api/sync/push', { token: c, body: { protocolVersion: PROTOCOL_VERSION, deviceId: c.deviceId, changes, ...extra } });
}

export async function push(h: Harness, c: Client, changes: readonly Change[]): Promise<PushResponse> {
  const res = await pushRaw(h, c, changes);
  expect(res.statusCode, res.body).toBe(200);
  return PushResponse.parse(res.json());
}

/** Every change in the caller's scope after `cursor`, following hasMore. */
/** Every change the caller pulls from `cursor`. `version` 2 asks for the raw feed a device above
 * the unit level had before facts mode (rule 22); `pinned` names units it holds rows of. */
export async function pullAll(h: Harness, c: Client, cursor = 0, version = PROTOCOL_VERSION, pinned: string[] = []): Promise<ServerChange[]> {
  const out: ServerChange[] = [];
  const pins = pinned.length > 0 ? `&pinned=${pinned.join(',')}` : '';
  for (;;) {
    const res = await call(h, 'GET', `/api/sync/pull?cursor=${cursor}&protocolVersion=${version}${pins}`, { token: c });
    expect(res.statusCode, res.body).toBe(200);
    const page = PullResponse.parse(res.json());
    if (!page.ok) throw new Error(`pull refused: ${page.reason}`);
    out.push(...page.changes);
    cursor = page.cursor;
    if (!page.hasMore) return out;
  }
}

/**
 * An in-memory SQLite store with the whole demo seeded at NOW, shared by a file's tests (opened
 * before them, closed after). Returns the store's getter.
 */
export function useSeededDemo(): () => Store {
  let store: Store | undefined;
  beforeAll(async () => {
    store = createSqliteStore(':memory:');
    await store.migrate();
    await seedDemo(store, NOW);
  });
  afterAll(async () => {
    await store?.close();
  });
  return () => store!;
}
