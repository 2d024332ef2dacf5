/**
 * The scope matrix, generated from the route table: every registered API route (app.routeTable,
 * collected as routes register, http/route.ts) is called as a stranger, by callers whose scope
 * does not reach the target unit (Avdelning 31 in VO Kirurgi), and by callers in scope of every
 * kind of principal. What each must get follows from the route's declared rule and the policy, so
 * a new route is covered without editing this file; only a new input field name needs a sample.
 *  - anonymous: 401 unauthenticated;
 *  - out of scope: 403 forbidden where the caller's kind may not take the action anywhere; else
 *    403 for a unit or row the request names; every item refused for a body of
 *    items (push's changes, the import's rows); for the caller's own scope or itself, an answer
 *    that never names the target. Nothing about the target changes either way;
 *  - in scope: what the policy gives the caller's role (roleMay): an answer, or 403 forbidden.
 */
import fs from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAccount } from '../../src/server/auth/accounts';
import { maySelf, roleMay } from '../../src/server/auth/policy';
import type { Principal } from '../../src/server/auth/principal';
import { buildApp } from '../../src/server/http/app';
import { fieldsOf, type RouteEntry, route, ruleText } from '../../src/server/http/route';
import { loadTokenKey } from '../../src/server/auth/tokens';
import { DEMO_PASSWORD } from '../../src/server/seed/demo-org';
import { createSqliteStore } from '../../src/server/store/sqlite/index';
import { PROTOCOL_VERSION } from '../../src/shared/protocol';
import { observation, outbox } from '../fixtures/sync';
import { call, type Client, enrolTablet, type Harness, harness, loginAs, MONTH, NOW, push, TODAY } from './helpers';

const TARGET = 'avd-31';
const TARGET_PATH = '/region/div-lsv/vo-kir/';

let h: Harness;
let admin: Client;
let targetAccountId: string;
let targetDeviceId: string;
let targetKeyId: string;

/** Each caller by name, re-created when a route (logout) revoked it. */
const MAKE: Record<string, () => Promise<Client>> = {
  // Out of scope: VO Medicin and below, every kind of principal.
  vochef: () => loginAs(h, 'vochef'),
  avdchef21: () => loginAs(h, 'avdchef21'),
  personal21: () => loginAs(h, 'personal21'),
  tablet21: async () => enrolTablet(h, await loginAs(h, 'avdchef21'), 'avd-21'),
  adminMed: () => loginAs(h, 'admin.med'),
  // In scope: the target unit's own people and tablet, and the region's admin.
  chef31: () => loginAs(h, 'chef31'),
  personal31: () => loginAs(h, 'personal31'),
  tablet31: async () => enrolTablet(h, await fresh('admin'), TARGET),
  admin: () => loginAs(h, 'admin'),
  // Machine API keys (issue 16): one for VO Medicin, one for the target unit.
  keyMed: () => apiKeyClient('vo-med'),
  key31: () => apiKeyClient(TARGET),
};
const OUTSIDE = ['vochef', 'avdchef21', 'personal21', 'tablet21', 'adminMed', 'keyMed'];
const INSIDE = ['tablet31', 'personal31', 'chef31', 'admin', 'key31'];

/** A machine's API key as a caller: its secret goes where a device's access token would. */
async function apiKeyClient(scopeUnitId: string): Promise<Client> {
  const res = await call(h, 'POST', '/api/admin/api-keys', { token: await fresh('admin'), body: { name: `Nyckel ${scopeUnitId}`, scopeUnitId } });
  expect(res.statusCode, res.body).toBe(200);
  const { key, secret } = res.json() as { key: { id: string; name: string }; secret: string };
  const identity = { deviceId: key.id, kind: 'api-key', role: 'staff', scopeUnitId, accountId: null, username: null, displayName: key.name };
  return { deviceId: key.id, deviceSecret: '', token: secret, identity: identity as unknown as Client['identity'] };
}
const callers = new Map<string, Client>();

async function fresh(name: string): Promise<Client> {
  const known = callers.get(name);
  if (known && !(await h.store.getDevice(known.deviceId))?.revokedAt) return known;
  const made = await (MAKE[name] as () => Promise<Client>)();
  callers.set(name, made);
  return made;
}

beforeAll(async () => {
  h = await harness();
  admin = await fresh('admin');
  const account = (username: string, role: 'admin' | 'manager' | 'staff', scopeUnitId: string) =>
    createAccount(h.store, null, { username, displayName: username, password: DEMO_PASSWORD, role, scopeUnitId });
  await account('admin.med', 'admin', 'vo-med');
  await account('chef31', 'manager', TARGET);
  await account('personal31', 'staff', TARGET);
  targetAccountId = (await account('target31', 'staff', TARGET)).id;
  targetDeviceId = (await enrolTablet(h, admin, TARGET)).deviceId;
  targetKeyId = (await apiKeyClient(TARGET)).deviceId;
  // Something in the target unit for the scope-filtered answers (pull, the fact feed) to leave
  // out: a board row (in the fact feed of devices above the unit) and a setting (in every pull).
  const t31 = await fresh('tablet31');
  const box = outbox(t31.deviceId, NOW);
  expect(await push(h, t31, [box.insertObs(observation(TARGET, TODAY)), box.patchSettings(TARGET, { bhkMonthlyQuota: 7 })])).toMatchObject({ ok: true, rejected: [] });
});
afterAll(async () => {
  await h.close();
});

let serial = 0;
/** A valid value for each input field, aimed at the target where the field names a unit. */
const SAMPLE: Record<string, () => unknown> = {
  rootId: () => TARGET,
  unitId: () => TARGET,
  parentId: () => TARGET,
  scopeUnitId: () => TARGET,
  month: () => MONTH,
  period: () => MONTH,
  to: () => MONTH,
  key: () => 'bhkTotal',
  cursor: () => 0,
  protocolVersion: () => PROTOCOL_VERSION,
  name: () => 'Ny enhet',
  kind: () => 'enhet',
  format: () => 'csv',
  content: () => `id,name,kind,parentId\n${TARGET},Avdelning 31 Kirurgi,enhet,vo-kir\n`,
  username: () => `ny.person${++serial}`,
  displayName: () => 'Ny Person',
  password: () => 'ett-langt-losenord',
  role: () => 'staff',
  disabled: () => true,
  externalId: () => `person-${++serial}`,
  group: () => `GRUPP-${++serial}`,
  subject: () => `vantar-${++serial}`,
};

/** The required fields of an input schema, each with its sample (optional fields are left out). */
function sampleOf(schema: RouteEntry['input']['query']): Record<string, unknown> {
  const shape = (schema as unknown as { def: { shape: Record<string, { _zod: { optin?: string } }> } } | undefined)?.def.shape ?? {};
  const out: Record<string, unknown> = {};
  for (const field of fieldsOf(schema)) {
    if (shape[field]?._zod.optin === 'optional') continue;
    const sample = SAMPLE[field];
    if (!sample) throw new Error(`no sample value for the input field '${field}': add one to SAMPLE`);
    out[field] = sample();
  }
  return out;
}

async function requestOf(entry: RouteEntry, caller: Client | null): Promise<{ url: string; body?: unknown }> {
  const { rule } = entry;
  const target = 'target' in rule ? rule.target : null;
  const url = entry.url.replace(/:(\w+)/g, (_, param: string) => {
    if (target !== null && typeof target === 'object' && 'row' in target) return { device: targetDeviceId, account: targetAccountId, 'api-key': targetKeyId }[target.row];
    if (target !== null && typeof target === 'object' && 'unit' in target && target.unit === 'params') return TARGET;
    throw new Error(`${entry.url}: no sample for :${param}`);
  });
  const query = new URLSearchParams(Object.entries(sampleOf(entry.input.query)).map(([k, v]) => [k, String(v)])).toString();
  const full = query ? `${url}?${query}` : url;
  if (entry.method === 'GET') return { url: full };
  if (target !== null && typeof target === 'object' && 'each' in target && target.each === 'change') {
    const deviceId = caller?.deviceId ?? 'nobody';
    const lastSeq = (await h.store.getDevice(deviceId))?.lastSeq ?? 0;
    const change = outbox(deviceId, NOW, lastSeq + 1).insertObs(observation(TARGET, TODAY));
    return { url: full, body: { protocolVersion: PROTOCOL_VERSION, deviceId, changes: [change] } };
  }
  return { url: full, body: sampleOf(entry.input.body) };
}

async function send(entry: RouteEntry, caller: Client | null) {
  const req = await requestOf(entry, caller);
  // A route about a person waiting to be placed (OIDC_JIT) acts on one who is waiting.
  const subject = (req.body as { subject?: unknown } | undefined)?.subject;
  if (typeof subject === 'string') await h.store.putSignInWaiting({ subject, displayName: 'Väntande Person', username: subject, firstAt: new Date(NOW).toISOString(), lastAt: new Date(NOW).toISOString() });
  return call(h, entry.method as 'GET' | 'POST' | 'PATCH', req.url, { ...(caller ? { token: caller } : {}), ...(req.body !== undefined ? { body: req.body } : {}) });
}

/** Everything about the target a call could change: its units, accounts, tablets and rows. */
async function targetState(): Promise<string> {
  return JSON.stringify({
    units: (await h.store.listUnits()).filter((u) => u.path.startsWith(TARGET_PATH)),
    accounts: (await h.store.listAccounts()).filter((a) => a.scopeUnitId === TARGET).map((a) => [a.id, a.disabled]),
    tablets: await h.store.listTablets([TARGET]),
    keys: (await h.store.listApiKeys()).filter((k) => k.scopeUnitId === TARGET).map((k) => [k.id, k.revokedAt]),
    rows: await h.store.listRows('bhkObservation', TARGET_PATH, '', '9999'),
  });
}

/** The items of an answer that were refused one by one (push's rejections, the import's errors). */
const itemsOf = (body: Record<string, unknown>): { code: string }[] => [
  ...((body.rejected as { code: string }[] | undefined) ?? []),
  ...((body.errors as { code: string }[] | undefined) ?? []),
];
const REFUSED = new Set(['forbidden', 'scope-denied']);
/** The JSON answer, or {} for a file or an empty answer. */
const bodyOf = (res: { headers: Record<string, unknown>; json(): unknown }) =>
  (String(res.headers['content-type'] ?? '').includes('application/json') ? res.json() : {}) as Record<string, unknown>;
const asPrincipal = (c: Client) => ({ ...c.identity, scopePath: '' }) as unknown as Principal;

const routes = () => h.app.routeTable;
const guarded = () => routes().filter((r) => r.rule.access !== 'public');
const name = (r: RouteEntry) => `${r.method} ${r.url}`;

describe('the route table', () => {
  it('every API route declares its rule; the public ones are exactly sign-in (password and the identity provider’s) and the provider’s logout, enrolment, token renewal, health and the API description', () => {
    expect(routes().length).toBeGreaterThan(25);
    expect(routes().filter((r) => r.rule.access === 'public').map(name).sort()).toEqual([
      'GET /api/auth/methods',
      'GET /api/auth/oidc/callback',
      'GET /api/auth/oidc/logout',
      'GET /api/auth/oidc/start',
      'GET /api/docs',
      'GET /api/health',
      'GET /api/openapi.json',
      'POST /api/auth/enrol',
      'POST /api/auth/login',
      'POST /api/auth/oidc/redeem',
      'POST /api/auth/token',
    ]);
  });

  it('an API route registered without a rule stops the app at start-up; so does a rule naming a field the input lacks', async () => {
    const store = h.store;
    const app = await buildApp({ store, tokenKey: await loadTokenKey(store), tokenTtlS: 60, rateLimitPerDevice: 10, rateLimitPerIp: 10 });
    try {
      expect(() => app.get('/api/forgotten', async () => ({ ok: true }))).toThrow(/needs a rule/);
      expect(() => route(app, 'GET', '/api/misnamed', { rule: { access: 'read', target: { unit: 'query', field: 'rootId' } } }, async () => 1)).toThrow(/rootId/);
    } finally {
      await app.close();
    }
  });

  it('src/client/README.md lists exactly the registered routes, each with its rule', async () => {
    const readme = fs.readFileSync(new URL('../../src/client/README.md', import.meta.url), 'utf8');
    const documented = [...readme.matchAll(/^\| (GET|POST|PATCH) (\/api\/\S+?)(\?\S*)? \| ([^|]+) \|/gm)].map((m) => `${m[1]} ${m[2]} → ${m[4]}`);
    expect(documented.sort()).toEqual(routes().map((r) => `${name(r)} → ${ruleText(r.rule)}`).sort());
  });
});

describe('the org tree of a request', () => {
  it('is loaded once per request, however many checks and services use it', async () => {
    // Asked of the store once (Store.orgView, which reads the units again only after a change);
    // never listed unit by unit besides.
    let loads = 0;
    const inner = createSqliteStore(':memory:');
    const counting = new Proxy(inner, {
      get: (target, prop, receiver) =>
        prop === 'orgView' ? () => (loads++, target.orgView()) : prop === 'listUnits' ? () => ((loads += 100), target.listUnits()) : Reflect.get(target, prop, receiver),
    });
    const own = await harness({}, counting);
    try {
      const vochef = await loginAs(own, 'vochef');
      for (const url of [`/api/indicators/report?rootId=vo-med&period=${MONTH}`, `/api/bhk/rollup?rootId=vo-med&period=${MONTH}`, '/api/org']) {
        loads = 0;
        expect((await call(own, 'GET', url, { token: vochef })).statusCode).toBe(200);
        expect([url, loads]).toEqual([url, 1]);
      }
    } finally {
      await own.close();
    }
  });
});

describe('scope matrix (generated from the route table)', () => {
  it('a caller without a token gets 401 on every guarded route', async () => {
    for (const entry of guarded()) {
      const res = await send(entry, null);
      expect([name(entry), res.statusCode, res.json().code]).toEqual([name(entry), 401, 'unauthenticated']);
    }
  });

  it('a caller whose scope does not reach the target is refused, learns nothing of it and changes nothing', async () => {
    for (const entry of guarded()) {
      const target = 'target' in entry.rule ? entry.rule.target : 'self';
      for (const who of OUTSIDE) {
        const before = await targetState();
        const res = await send(entry, await fresh(who));
        const what = `${name(entry)} as ${who}`;
        const body = bodyOf(res);
        const p = asPrincipal(callers.get(who)!);
        if ('target' in entry.rule ? !roleMay(p, entry.rule.access) : !maySelf(p)) {
          expect([what, res.statusCode, body.code]).toEqual([what, 403, 'forbidden']);
        } else if (typeof target === 'object' && ('unit' in target || 'row' in target)) {
          expect([what, res.statusCode, REFUSED.has(body.code as string)]).toEqual([what, 403, true]);
        } else if (typeof target === 'object' && 'each' in target) {
          const refused = res.statusCode === 403 || (itemsOf(body).length > 0 && itemsOf(body).every((i) => REFUSED.has(i.code)));
          expect([what, refused]).toEqual([what, true]);
        } else {
          expect([what, res.statusCode < 300, res.body.includes(TARGET)]).toEqual([what, true, false]);
        }
        expect([what, await targetState()]).toEqual([what, before]);
      }
    }
  });

  it('callers in scope get what the policy gives their kind of principal', async () => {
    for (const entry of guarded()) {
      const target = 'target' in entry.rule ? entry.rule.target : 'self';
      for (const who of INSIDE) {
        const caller = await fresh(who);
        const allowed = 'target' in entry.rule ? roleMay(asPrincipal(caller), entry.rule.access) : maySelf(asPrincipal(caller));
        const res = await send(entry, caller);
        const what = `${name(entry)} as ${who}`;
        const body = bodyOf(res);
        if (!allowed) {
          expect([what, res.statusCode, body.code]).toEqual([what, 403, 'forbidden']);
          continue;
        }
        expect([what, res.statusCode < 300, itemsOf(body)]).toEqual([what, true, []]);
        // Not vacuous: where the answer is the caller's own scope, the target is in it.
        if (target === 'own-scope') expect([what, res.body.includes(TARGET)]).toEqual([what, true]);
      }
    }
  });
});
