/**
 * API keys for machines (issue 16), on SQLite and PostgreSQL: created by a manager or admin in
 * scope with the secret shown once and stored hashed; Bearer and HTTP Basic (key as password);
 * scoped (a key for VO Medicin never sees VO Kirurgi); expiry and revocation; last use shown and
 * every use in the security log; rate-limited per key; no write route accepts a key. The scope
 * matrix over every route (route-table.test.ts) runs keys too.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hashSecret } from '../../src/server/auth/secrets';
import type { Store } from '../../src/server/store/store';
import { ApiKeyList, CreatedApiKey } from '../../src/shared/api-keys';
import { assertPgReachable, freshPgStore } from '../fixtures/postgres';
import { observation, outbox } from '../fixtures/sync';
import { call, type Client, enrolTablet, expectError, type Harness, harness, loginAs, MONTH, NOW, push, TODAY } from './helpers';

const basic = (secret: string, user = 'powerbi') => ({ authorization: `Basic ${Buffer.from(`${user}:${secret}`).toString('base64')}` });
const bearer = (secret: string) => ({ authorization: `Bearer ${secret}` });

async function createKey(h: Harness, who: Client, body: Record<string, unknown>): Promise<CreatedApiKey> {
  const res = await call(h, 'POST', '/api/admin/api-keys', { token: who, body });
  expect(res.statusCode, res.body).toBe(200);
  return CreatedApiKey.parse(res.json());
}

describe.each([
  ['SQLite', async (): Promise<Store | undefined> => undefined],
  ['PostgreSQL', async (): Promise<Store | undefined> => (await assertPgReachable(), freshPgStore())],
] as const)('API keys on %s', (_, makeStore) => {
  let h: Harness;
  let admin: Client;
  let vochef: Client;
  let med: CreatedApiKey;
  beforeAll(async () => {
    h = await harness({ rateLimitPerKey: 1000 }, await makeStore());
    admin = await loginAs(h, 'admin');
    vochef = await loginAs(h, 'vochef');
    // A figure on each side of the line: Avdelning 21 (VO Medicin) and Avdelning 31 (VO Kirurgi).
    const t21 = await enrolTablet(h, admin, 'avd-21');
    const t31 = await enrolTablet(h, admin, 'avd-31');
    await push(h, t21, [outbox(t21.deviceId, NOW).insertObs(observation('avd-21', TODAY))]);
    await push(h, t31, [outbox(t31.deviceId, NOW).insertObs(observation('avd-31', TODAY))]);
    med = await createKey(h, vochef, { name: 'Power BI Medicin', scopeUnitId: 'vo-med' });
  });
  afterAll(async () => {
    await h?.close();
  });

  it('a manager creates a key in their scope: the secret is shown once and only its hash is stored', async () => {
    expect(med.secret).toMatch(/^pk1\.[0-9a-f-]{36}\.[A-Za-z0-9_-]{43}$/);
    expect(med.key).toMatchObject({ name: 'Power BI Medicin', scopeUnitId: 'vo-med', createdBy: 'vochef', expiresOn: null, revokedAt: null, lastUsedAt: null });
    const stored = await h.store.getApiKey(med.key.id);
    expect(stored?.secretHash).toBe(hashSecret(med.secret.split('.')[2] as string));
    expect(JSON.stringify(stored)).not.toContain(med.secret.split('.')[2]);
    const list = ApiKeyList.parse((await call(h, 'GET', '/api/admin/api-keys', { token: vochef })).json());
    expect(list.keys.map((k) => k.id)).toContain(med.key.id);
    expect(JSON.stringify(list)).not.toContain(med.secret.split('.')[2]);
    expect((await h.store.listSecurityEvents({ kind: 'api-key-created', subject: med.key.id })).map((e) => e.outcome)).toEqual(['ok']);
  });

  it('a manager cannot create a key outside their scope, staff cannot create one at all, and a name is required', async () => {
    expectError(await call(h, 'POST', '/api/admin/api-keys', { token: vochef, body: { name: 'Kirurgi', scopeUnitId: 'vo-kir' } }), 403, 'scope-denied');
    const staff = await loginAs(h, 'personal21');
    expectError(await call(h, 'POST', '/api/admin/api-keys', { token: staff, body: { name: 'X', scopeUnitId: 'avd-21' } }), 403, 'forbidden');
    const noName = expectError(await call(h, 'POST', '/api/admin/api-keys', { token: vochef, body: { name: ' ', scopeUnitId: 'vo-med' } }), 400, 'validation');
    expect(noName.path).toEqual(['name']);
    const past = expectError(await call(h, 'POST', '/api/admin/api-keys', { token: vochef, body: { name: 'Gammal', scopeUnitId: 'vo-med', expiresOn: '2026-03-09' } }), 400, 'validation');
    expect(past.path).toEqual(['expiresOn']);
    // The VO's manager does not see keys outside VO Medicin.
    const kir = await createKey(h, admin, { name: 'Qlik Kirurgi', scopeUnitId: 'vo-kir' });
    const list = ApiKeyList.parse((await call(h, 'GET', '/api/admin/api-keys', { token: vochef })).json());
    expect(list.keys.map((k) => k.id)).not.toContain(kir.key.id);
    expectError(await call(h, 'POST', `/api/admin/api-keys/${kir.key.id}/revoke`, { token: vochef }), 403, 'scope-denied');
  });

  it('Bearer and HTTP Basic (any user name, the key as password) both read; the last use is shown and logged', async () => {
    h.clock.now = NOW + 60_000;
    const viaBearer = await call(h, 'GET', `/api/rollup/bhk?rootId=vo-med&month=${MONTH}`, { headers: bearer(med.secret) });
    expect(viaBearer.statusCode, viaBearer.body).toBe(200);
    const viaBasic = await call(h, 'GET', `/api/rollup/bhk?rootId=vo-med&month=${MONTH}`, { headers: basic(med.secret) });
    expect(viaBasic.statusCode, viaBasic.body).toBe(200);
    expect(viaBasic.json()).toEqual(viaBearer.json());
    const csv = await call(h, 'GET', `/api/export/bhk.csv?rootId=vo-med&period=${MONTH}`, { headers: basic(med.secret, '') });
    expect(csv.statusCode).toBe(200);
    expect(csv.headers['content-type']).toContain('text/csv');
    expect(csv.body).toContain('Avdelning 21');
    expect((await h.store.getApiKey(med.key.id))?.lastUsedAt).toBe(new Date(NOW + 60_000).toISOString());
    const uses = await h.store.listSecurityEvents({ kind: 'api-key-used', subject: med.key.id });
    expect(uses.filter((e) => e.outcome === 'ok').length).toBeGreaterThanOrEqual(3);
    h.clock.now = NOW;
  });

  it('a key for VO Medicin never sees VO Kirurgi: out-of-scope units are refused, its own-scope answers leave them out', async () => {
    const key = bearer(med.secret);
    for (const url of [
      `/api/rollup/bhk?rootId=vo-kir&month=${MONTH}`,
      `/api/rollup/safety?rootId=avd-31&month=${MONTH}`,
      `/api/rollup/staffing?rootId=vo-kir&month=${MONTH}`,
      `/api/indicators/report?rootId=avd-31&period=${MONTH}`,
      `/api/export/bhk.csv?rootId=vo-kir&period=${MONTH}`,
      `/api/export/indicators.csv?rootId=vo-kir&period=${MONTH}`,
    ]) {
      expectError(await call(h, 'GET', url, { headers: key }), 403, 'scope-denied');
    }
    const org = await call(h, 'GET', '/api/org', { headers: key });
    expect(org.statusCode).toBe(200);
    expect(org.body).toContain('avd-21');
    expect(org.body).not.toContain('avd-31');
    // The whole region's roll-up is above its scope.
    expectError(await call(h, 'GET', `/api/rollup/bhk?rootId=region&month=${MONTH}`, { headers: key }), 403, 'scope-denied');
  });

  it('no write route and no route of the synced rows, of a device or of administration accepts a key', async () => {
    const key = bearer(med.secret);
    const before = await h.store.listRows('bhkObservation', '/', '', '9999');
    const box = outbox(med.key.id, NOW);
    const refused: [string, string, unknown?][] = [
      ['POST', '/api/sync/push', { protocolVersion: 4, deviceId: med.key.id, changes: [box.insertObs(observation('avd-21', TODAY))] }],
      ['GET', '/api/sync/pull?cursor=0&protocolVersion=4'],
      ['GET', '/api/sync/facts?cursor=0&protocolVersion=4'],
      ['GET', '/api/sync/unit?unitId=avd-21'],
      ['POST', '/api/admin/units', { name: 'Avdelning 99', kind: 'enhet', parentId: 'vo-med' }],
      ['POST', '/api/admin/api-keys', { name: 'Ny', scopeUnitId: 'vo-med' }],
      ['GET', '/api/admin/api-keys'],
      ['POST', '/api/enrol-codes', { unitId: 'avd-21' }],
      ['GET', '/api/devices?unitId=avd-21'],
      ['GET', '/api/me'],
      ['POST', '/api/auth/logout'],
    ];
    for (const [method, url, body] of refused) {
      const res = await call(h, method as 'GET' | 'POST', url, { headers: key, ...(body !== undefined ? { body } : {}) });
      expect([method, url, res.statusCode, res.json().code]).toEqual([method, url, 403, 'forbidden']);
    }
    expect(await h.store.listRows('bhkObservation', '/', '', '9999')).toEqual(before);
    expect((await h.store.listUnits()).map((u) => u.name)).not.toContain('Avdelning 99');
  });

  it('a wrong secret, a revoked key and an expired key are all 401 unauthenticated; failed uses are logged', async () => {
    const [, id] = med.secret.split('.');
    expectError(await call(h, 'GET', '/api/org', { headers: bearer(`pk1.${id}.${'A'.repeat(43)}`) }), 401, 'unauthenticated');
    expect((await h.store.listSecurityEvents({ kind: 'api-key-used', subject: med.key.id })).some((e) => e.outcome === 'failed')).toBe(true);

    const short = await createKey(h, vochef, { name: 'Excel till mars', scopeUnitId: 'avd-21', expiresOn: TODAY });
    expect((await call(h, 'GET', '/api/org', { headers: basic(short.secret) })).statusCode).toBe(200);
    h.clock.now = NOW + 24 * 3600 * 1000; // the next day in Stockholm
    expectError(await call(h, 'GET', '/api/org', { headers: basic(short.secret) }), 401, 'unauthenticated');
    h.clock.now = NOW;

    const gone = await createKey(h, vochef, { name: 'Att återkalla', scopeUnitId: 'avd-21' });
    expect((await call(h, 'GET', '/api/org', { headers: bearer(gone.secret) })).statusCode).toBe(200);
    const revoked = await call(h, 'POST', `/api/admin/api-keys/${gone.key.id}/revoke`, { token: vochef });
    expect(revoked.statusCode, revoked.body).toBe(200);
    expect(revoked.json().revokedAt).toBe(new Date(NOW).toISOString());
    expectError(await call(h, 'GET', '/api/org', { headers: bearer(gone.secret) }), 401, 'unauthenticated');
    expect((await h.store.listSecurityEvents({ kind: 'api-key-revoked', subject: gone.key.id })).length).toBe(1);
    const listed = ApiKeyList.parse((await call(h, 'GET', '/api/admin/api-keys', { token: vochef })).json()).keys.find((k) => k.id === gone.key.id);
    expect(listed?.revokedAt).toBe(new Date(NOW).toISOString());
  });
});

describe('API key rate limit', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await harness({ rateLimitPerKey: 3, rateLimitPerDevice: 100, rateLimitPerIp: 100 });
  });
  afterAll(async () => {
    await h?.close();
  });

  it('the 4th request of a key in a minute is 429 with Retry-After, whether Bearer or Basic; another key and the people go on', async () => {
    const vochef = await loginAs(h, 'vochef');
    const a = await createKey(h, vochef, { name: 'A', scopeUnitId: 'vo-med' });
    const b = await createKey(h, vochef, { name: 'B', scopeUnitId: 'vo-med' });
    for (let i = 0; i < 2; i++) expect((await call(h, 'GET', '/api/org', { headers: bearer(a.secret) })).statusCode).toBe(200);
    expect((await call(h, 'GET', '/api/org', { headers: basic(a.secret) })).statusCode).toBe(200);
    const limited = await call(h, 'GET', '/api/org', { headers: basic(a.secret) });
    expectError(limited, 429, 'rate-limited');
    expect(Number(limited.headers['retry-after'])).toBeGreaterThan(0);
    expect((await call(h, 'GET', '/api/org', { headers: bearer(b.secret) })).statusCode).toBe(200);
    for (let i = 0; i < 5; i++) expect((await call(h, 'GET', '/api/org', { token: vochef })).statusCode).toBe(200);
  });
});
