/**
 * Issue 18, "keep it proven": every route Fastify registered (the app's route table, collected by
 * its onRoute hook in http/route.ts, so a new route is walked without editing this file) against malformed JSON, wrong types, huge and
 * deeply nested bodies, prototype-named keys, NUL and control characters, unicode oddities,
 * out-of-range numbers, hostile path and query values and forged tokens, on SQLite and on
 * PostgreSQL: no response is ≥ 500, and after every refused request (4xx) every table is as it
 * was (row counts and a checksum per table; the security log may only grow). Routes listed in
 * VALID also get a valid request, one field of which is broken at a time.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { InjectOptions, LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { loadTokenKey } from '../../src/server/auth/tokens';
import { createSqliteStore } from '../../src/server/store/sqlite/index';
import { PROTOCOL_VERSION } from '../../src/shared/protocol';
import { ENTITY_SAMPLES } from '../fixtures/samples';
import { createSchema, dropSchema, PG_URL, pgStoreOn } from '../fixtures/postgres';
import { observation, outbox } from '../fixtures/sync';
import { bodyMutations, forgedTokens, genericBodies, HOSTILE_PARAMS, type Json } from './hostile/attacks';
import { changedTables, type Fingerprint, type Fingerprinter, pgFingerprinter, sqliteFingerprinter } from './hostile/snapshot';
import { type Client, enrolTablet, type Harness, harness, loginAs, newEnrolCode, NOW, push, TODAY } from './helpers';

interface Route {
  method: string;
  url: string;
}
/** A valid request to a route: its path parameters, query string and body. */
interface Valid {
  params?: Record<string, string>;
  query?: string;
  body?: Json;
  /** Called on every body sent (a mutation too), e.g. to give a push the next seq. */
  prepare?: (body: Json, label: string) => Promise<Json>;
}
interface Ctx {
  h: Harness;
  admin: () => Client;
}

/** Generous: a timed-out test's loop would run on beside the next test and muddle both. */
const SLOW = 300_000;

const key = (r: Route) => `${r.method} ${r.url}`;

const VALID: Record<string, (c: Ctx) => Promise<Valid>> = {
  'POST /api/auth/login': async () => ({ body: { username: 'divisionschef', password: 'pulstavlan', label: 'Telefon' } }),
  'POST /api/auth/enrol': async (c) => ({ body: { code: await newEnrolCode(c.h, c.admin(), 'avd-21'), label: 'Platta' } }),
  'POST /api/auth/token': async (c) => {
    const other = await loginAs(c.h, 'vochef');
    return { body: { deviceId: other.deviceId, deviceSecret: other.deviceSecret } };
  },
  'POST /api/sync/push': async (c) => {
    const obs = observation('avd-21', TODAY, { task: 'Omläggning', note: 'Bra', observer: 'AB' });
    const change = outbox(c.admin().deviceId, NOW).insertObs(obs);
    return {
      body: { protocolVersion: PROTOCOL_VERSION, deviceId: c.admin().deviceId, changes: [change as unknown as Json] },
      // Every push must carry the next seq, or it would be a replay or a gap and never validated.
      prepare: async (body, label) => {
        const next = ((await c.h.store.getDevice(c.admin().deviceId))?.lastSeq ?? 0) + 1;
        const change = (body as { changes?: Json[] } | null)?.changes?.[0];
        if (change && typeof change === 'object' && !Array.isArray(change) && !label.startsWith('changes.0.seq')) return setSeq(body, next);
        return body;
      },
    };
  },
  'GET /api/sync/pull': async () => ({ query: 'cursor=0&protocolVersion=2' }),
  'POST /api/admin/units': async () => ({ body: { name: 'Avdelning 90', kind: 'enhet', parentId: 'vo-med' } }),
  'PATCH /api/admin/units/:id': async () => ({ params: { id: 'avd-22' }, body: { name: 'Avdelning 22', parentId: 'vo-med', closed: false } }),
  'POST /api/admin/units/import': async () => ({ body: { format: 'csv', content: 'id;name;kind;parentId\navd-91;Avdelning 91;enhet;vo-med\n' } }),
  'POST /api/admin/accounts': async () => ({ body: { username: 'ny.person', displayName: 'Ny Person', password: 'langt-losenord', role: 'staff', scopeUnitId: 'avd-21' } }),
  'PATCH /api/admin/accounts/:id': async (c) => ({ params: { id: await accountId(c, 'personal21') }, body: { disabled: false } }),
  'GET /api/admin/accounts/:id/devices': async (c) => ({ params: { id: await accountId(c, 'personal21') } }),
  'POST /api/admin/accounts/:id/link': async (c) => ({ params: { id: await accountId(c, 'personal21') }, body: { externalId: 'SE2321000016-P1' } }),
  'POST /api/auth/oidc/redeem': async () => ({ body: { ticket: 'a'.repeat(43), label: 'Telefon' } }),
  'GET /api/auth/oidc/callback': async () => ({ query: 'state=abc&code=def' }),
  'GET /api/admin/sign-in-groups': async () => ({ query: 'rootId=vo-med' }),
  'POST /api/admin/sign-in-groups': async () => ({ body: { group: 'SSK-AVD21', role: 'staff', unitId: 'avd-21' } }),
  'GET /api/admin/sign-in-waiting': async () => ({ query: 'rootId=region' }),
  'POST /api/admin/sign-in-waiting/place': async () => ({ body: { subject: 'ny-person', role: 'staff', unitId: 'avd-21' } }),
  'POST /api/admin/sign-in-waiting/dismiss': async () => ({ body: { subject: 'ny-person', rootId: 'region' } }),
  'GET /api/audit/changes': async () => ({ query: 'rootId=avd-21&from=2026-03-01&to=2026-03-31&entity=bhkObservation&limit=10' }),
  'GET /api/audit/changes.csv': async () => ({ query: 'rootId=avd-21&from=2026-03-01&to=2026-03-31' }),
  'GET /api/audit/changes.xlsx': async () => ({ query: 'rootId=avd-21&from=2026-03-01&to=2026-03-31' }),
  'GET /api/audit/events': async () => ({ query: 'rootId=region&from=2026-03-01&limit=10&before=100' }),
  'POST /api/enrol-codes': async () => ({ body: { unitId: 'avd-21' } }),
  'GET /api/devices': async () => ({ query: 'unitId=avd-21' }),
  'POST /api/devices/:id/revoke': async (c) => ({ params: { id: (await enrolTablet(c.h, c.admin(), 'avd-22')).deviceId } }),
  'GET /api/rollup/bhk': async () => ({ query: 'rootId=avd-21&month=2026-03' }),
  'GET /api/bhk/rollup': async () => ({ query: 'rootId=avd-21&period=2026-03&source=all' }),
  'GET /api/bhk/config': async () => ({ query: 'unitId=avd-21' }),
  'GET /api/export/bhk.csv': async () => ({ query: 'rootId=avd-21&period=2026-03' }),
  'GET /api/rollup/safety': async () => ({ query: 'rootId=avd-21&month=2026-03' }),
  'GET /api/rollup/staffing': async () => ({ query: 'rootId=avd-21&month=2026-03' }),
  'GET /api/indicators/report': async () => ({ query: 'rootId=avd-21&period=2026-03' }),
  'GET /api/indicators/series': async () => ({ query: 'unitId=avd-21&key=bhkTotal&to=2026-03&count=6' }),
  'GET /api/indicators/config': async () => ({ query: 'unitId=avd-21' }),
  'GET /api/export/indicators.csv': async () => ({ query: 'rootId=avd-21&period=2026-03' }),
  'GET /api/admin/api-keys': async () => ({}),
  'GET /api/feed/bhk': async () => ({ query: 'rootId=vo-med&since=0&limit=10' }),
  'GET /api/feed/units.csv': async () => ({ query: 'rootId=vo-med' }),
  'GET /api/feed/hr': async () => ({ query: 'rootId=avd-21&since=3' }),
  'POST /api/admin/api-keys': async () => ({ body: { name: 'Power BI Medicin', scopeUnitId: 'vo-med', expiresOn: '2026-12-31' } }),
  'POST /api/admin/api-keys/:id/revoke': async (c) => ({ params: { id: await newApiKeyId(c) } }),
  'GET /api/goals/report': async () => ({ query: 'rootId=avd-21&period=2026-DA04' }),
  'GET /api/goals/config': async () => ({ query: 'unitId=avd-21' }),
};

/** A route without an entry is still walked, with no valid request to break. */
const noValid = async (): Promise<Valid> => ({});

async function newApiKeyId(c: Ctx): Promise<string> {
  const res = await c.h.app.inject({ method: 'POST', url: '/api/admin/api-keys', headers: { authorization: `Bearer ${c.admin().token}` }, payload: { name: 'Att återkalla', scopeUnitId: 'avd-21' } });
  return (res.json() as { key: { id: string } }).key.id;
}
async function accountId(c: Ctx, username: string): Promise<string> {
  return (await c.h.store.getAccountByUsername(username))?.id ?? 'missing';
}
function setSeq(body: Json, seq: number): Json {
  const copy = structuredClone(body) as { changes: Record<string, Json>[] };
  (copy.changes[0] as Record<string, Json>).seq = seq;
  return copy as unknown as Json;
}
/** Values no string field of a synced record may hold (tests/shared/schema/strings.test.ts tries them all). */
const PUSH_STRINGS = ['\u0000', 'x\uD800', '\uFF11\uFF12\uFF11\uFF12\uFF11\uFF12-\uFF11\uFF12\uFF11\uFF12', 'x'.repeat(5_000)];
function* stringLeaves(value: unknown, at: (string | number)[] = []): Generator<[(string | number)[], string]> {
  if (typeof value === 'string') for (const s of PUSH_STRINGS) yield [at, s];
  else if (Array.isArray(value)) yield* stringLeaves(value[0], [...at, 0]);
  else if (value !== null && typeof value === 'object') for (const [k, v] of Object.entries(value)) yield* stringLeaves(v, [...at, k]);
}
function setLeaf(sample: Record<string, unknown>, at: (string | number)[], value: string): Record<string, unknown> {
  const copy = structuredClone(sample);
  const parent = at.slice(0, -1).reduce<Record<string | number, unknown>>((o, k) => o[k] as Record<string | number, unknown>, copy);
  parent[at[at.length - 1] as string | number] = value;
  return copy;
}
const fill = (url: string, params: Record<string, string>) => url.replace(/:(\w+)/g, (_, p: string) => params[p] ?? 'x');

interface Env {
  h: Harness;
  fp: Fingerprinter;
  routes: Route[];
  close(): Promise<void>;
}

/** Fastify answers HEAD for every GET; the table lists the GET once. */
const withHead = (table: readonly Route[]): Route[] => table.flatMap((r) => (r.method === 'GET' ? [r, { method: 'HEAD', url: r.url }] : [r]));

async function sqliteEnv(): Promise<Env> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'pulstavlan-bad-input-'));
  const file = path.join(dir, 'db.sqlite');
  const h = await harness({}, createSqliteStore(file));
  const fp = sqliteFingerprinter(file);
  return { h, fp, routes: withHead(h.app.routeTable), close: async () => (await fp.close(), await h.close(), fs.rmSync(dir, { recursive: true, force: true })) };
}
async function pgEnv(): Promise<Env> {
  const schema = await createSchema();
  const h = await harness({}, await pgStoreOn(schema));
  const fp = await pgFingerprinter(PG_URL, schema);
  return { h, fp, routes: withHead(h.app.routeTable), close: async () => (await fp.close(), await h.close(), await dropSchema(schema)) };
}

describe.each([
  ['SQLite', sqliteEnv],
  ['PostgreSQL', pgEnv],
] as const)('every registered route against bad input on %s', (_, makeEnv) => {
  let env: Env;
  let admin: Client;
  let last: Fingerprint;
  const failures: string[] = [];
  let sent = 0;

  /** One request; checks the two invariants and keeps the baseline current. */
  async function send(label: string, req: { method: string; url: string; headers?: Record<string, string>; payload?: string }): Promise<LightMyRequestResponse> {
    const res = await env.h.app.inject({ ...req, method: req.method as InjectOptions['method'] });
    sent++;
    const now = await env.fp.take(last);
    const changed = changedTables(last, now);
    const where = `${label} → ${res.statusCode} ${res.body.slice(0, 120)}`;
    if (res.statusCode >= 500) failures.push(`≥ 500: ${where}`);
    if (res.statusCode >= 400 && changed.length > 0) failures.push(`refused but changed ${changed.join(', ')}: ${where}`);
    last = now;
    return res;
  }
  const bearer = () => ({ authorization: `Bearer ${admin.token}` });
  /** Logs in again when a request ended the admin's session (logout, a revoke, a disable). */
  async function stillAdmin(): Promise<void> {
    const me = await env.h.app.inject({ method: 'GET', url: '/api/me', headers: bearer() });
    if (me.statusCode !== 200) admin = await loginAs(env.h, 'admin');
    last = await env.fp.take(last);
  }
  const ctx = (): Ctx => ({ h: env.h, admin: () => admin });
  const routes = () => env.routes.filter((r) => r.method !== 'HEAD' && r.url.startsWith('/api/'));

  beforeEach(() => {
    failures.length = 0;
  });
  beforeAll(async () => {
    env = await makeEnv();
    admin = await loginAs(env.h, 'admin');
    // Something to lose: rows and changes of several boards, a tablet, a rejection.
    const tablet = await enrolTablet(env.h, admin, 'avd-21');
    const box = outbox(tablet.deviceId, NOW);
    await push(env.h, tablet, [box.insertObs(observation('avd-21', TODAY)), box.patchSettings('avd-21', { bhkMinN: 4 }), box.insertObs(observation('avd-22', TODAY))]);
    last = await env.fp.take(last);
  }, 120_000);
  afterAll(async () => {
    await env?.close();
  });

  it('the route table comes from Fastify: every API route of the app is in it', () => {
    const keys = new Set(env.routes.map(key));
    for (const k of ['POST /api/auth/login', 'POST /api/sync/push', 'GET /api/indicators/series', 'GET /api/admin/accounts/:id/devices', 'GET /api/health']) expect(keys, k).toContain(k);
    expect(routes().length).toBeGreaterThan(25);
  });

  it('forged, expired and missing tokens on every route (HEAD too): 401 where a principal is needed, never ≥ 500', async () => {
    const { key: signingKey } = await loadTokenKey(env.h.store);
    const revoked = await loginAs(env.h, 'vochef');
    await env.h.app.inject({ method: 'POST', url: '/api/auth/logout', headers: { authorization: `Bearer ${revoked.token}` } });
    last = await env.fp.take(last);
    const tokens = await forgedTokens(signingKey, admin.deviceId, revoked.deviceId, env.h.clock.now);
    for (const r of env.routes.filter((x) => x.url.startsWith('/api/'))) {
      for (const t of [...tokens, { label: 'no token', header: '' }]) {
        const headers: Record<string, string> = t.header ? { authorization: t.header } : {};
        const res = await send(`${key(r)} [${t.label}]`, { method: r.method, url: fill(r.url, {}), headers });
        const open = ['/api/auth/login', '/api/auth/enrol', '/api/auth/token', '/api/health', '/api/auth/methods', '/api/auth/oidc/start', '/api/auth/oidc/callback', '/api/auth/oidc/logout', '/api/auth/oidc/redeem', '/api/openapi.json', '/api/docs'].includes(r.url);
        if (!open && ![401, 404].includes(res.statusCode)) failures.push(`let in with ${t.label}: ${key(r)} → ${res.statusCode}`);
      }
    }
    expect(failures).toEqual([]);
  }, SLOW);

  it('hostile path parameters on every route that has one', async () => {
    for (const r of routes().filter((x) => x.url.includes(':'))) {
      for (const value of HOSTILE_PARAMS) {
        const url = r.url.replace(/:(\w+)/g, value);
        await send(`${key(r)} :param=${value.slice(0, 20)}`, { method: r.method, url, headers: { ...bearer(), 'content-type': 'application/json' }, payload: '{}' });
      }
      await stillAdmin();
    }
    expect(failures).toEqual([]);
  }, SLOW);

  it('hostile query parameters on every route: each known parameter in turn, unknown and prototype-named ones, repeats', async () => {
    for (const r of routes()) {
      const valid = await (VALID[key(r)] ?? noValid)(ctx());
      last = await env.fp.take(last);
      const url = fill(r.url, valid.params ?? {});
      const params = new URLSearchParams(valid.query ?? '');
      const variants: string[] = ['__proto__=1', 'constructor=1&toString=2&hasOwnProperty=3', `${valid.query ?? 'a=1'}&${valid.query ?? 'a=1'}`];
      for (const name of params.keys()) {
        for (const value of HOSTILE_PARAMS) {
          const q = new URLSearchParams(params);
          q.delete(name);
          variants.push(`${q.toString()}${q.size > 0 ? '&' : ''}${name}=${value}`);
        }
      }
      const body: Record<string, string> = valid.body === undefined ? {} : { 'content-type': 'application/json' };
      for (const q of variants) {
        const payload = valid.body === undefined ? undefined : JSON.stringify(valid.prepare ? await valid.prepare(valid.body, 'query') : valid.body);
        await send(`${key(r)} ?${q.slice(0, 60)}`, { method: r.method, url: `${url}?${q}`, headers: { ...bearer(), ...body }, ...(payload !== undefined ? { payload } : {}) });
      }
      await stillAdmin();
    }
    expect(failures).toEqual([]);
  }, SLOW);

  it('bad bodies on every route that takes one: generic junk, and every field of a valid body broken in turn', async () => {
    for (const r of routes().filter((x) => x.method !== 'GET')) {
      const valid = await (VALID[key(r)] ?? noValid)(ctx());
      last = await env.fp.take(last);
      const url = `${fill(r.url, valid.params ?? {})}${valid.query ? `?${valid.query}` : ''}`;
      const headers = () => ({ ...bearer(), 'content-type': 'application/json' });
      for (const b of genericBodies()) await send(`${key(r)} body: ${b.label}`, { method: r.method, url, headers: headers(), payload: b.raw });
      for (const b of [{ label: 'text/plain', type: 'text/plain' }, { label: 'form', type: 'application/x-www-form-urlencoded' }]) {
        await send(`${key(r)} body: ${b.label}`, { method: r.method, url, headers: { ...bearer(), 'content-type': b.type }, payload: 'a=1' });
      }
      if (valid.body !== undefined) {
        for (const m of bodyMutations(valid.body)) {
          const payload = JSON.stringify(valid.prepare ? await valid.prepare(m.body, m.label) : m.body);
          await send(`${key(r)} body: ${m.label}`, { method: r.method, url, headers: headers(), payload });
        }
      }
      await stillAdmin();
    }
    expect(failures).toEqual([]);
  }, SLOW);

  it('every entity sample pushed with each string field broken: answered 200 with the change rejected, no row written', async () => {
    // `send` fingerprints every table after each request: compare the board tables across it.
    const boardTables = () => JSON.stringify([last.get('rows'), last.get('changes')]);
    for (const [entity, sample] of Object.entries(ENTITY_SAMPLES)) {
      for (const [field, value] of stringLeaves(sample)) {
        const before = boardTables();
        const fields = setLeaf(sample, field, value);
        const seq = ((await env.h.store.getDevice(admin.deviceId))?.lastSeq ?? 0) + 1;
        const change = { ...outbox(admin.deviceId, NOW, seq).insertObs(observation('avd-21', TODAY)), entity, id: String(sample.id), unitId: 'avd-21', op: 'insert', fields };
        const label = `push ${entity}.${field.join('.')} = ${JSON.stringify(value.slice(0, 20))}`;
        const res = await send(label, {
          method: 'POST',
          url: '/api/sync/push',
          headers: { ...bearer(), 'content-type': 'application/json' },
          payload: JSON.stringify({ protocolVersion: PROTOCOL_VERSION, deviceId: admin.deviceId, changes: [change] }),
        });
        const reply = res.json() as { ok?: boolean; rejected?: unknown[] };
        if (!(res.statusCode === 200 && reply.ok && reply.rejected?.length === 1)) failures.push(`not rejected alone: ${label} → ${res.statusCode} ${res.body.slice(0, 120)}`);
        else if (boardTables() !== before) failures.push(`rejected but wrote a row: ${label}`);
      }
    }
    expect(failures).toEqual([]);
  }, SLOW);

  it('took the suite a few thousand requests', () => {
    expect(sent).toBeGreaterThan(2_000);
  });
});
