/**
 * Sign-in through the region's identity provider (issue 12) against a real OpenID provider on
 * loopback (tests/fixtures/oidc-provider.ts): its login page, its tokens, its checks. The browser
 * is played by hand: cookies per site, redirects followed one by one, the login form posted.
 * The good paths land in the right unit with the right role and renew tokens as a password login
 * does; every bad case ends with a clear error code and creates nothing. SQLite and PostgreSQL.
 */
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadTokenKey } from '../../src/server/auth/tokens';
import { type OidcSettings, signInSettings } from '../../src/server/auth/sign-in/settings';
import { buildApp } from '../../src/server/http/app';
import { DeviceCredential } from '../../src/shared/api';
import { SignInGroupsResponse, SignInMethods, SignInWaitingResponse } from '../../src/shared/sign-in-api';
import { startIdp, type TestIdp } from '../fixtures/oidc-provider';
import { assertPgReachable, freshPgStore } from '../fixtures/postgres';
import { createSqliteStore } from '../../src/server/store/sqlite/index';
import type { Store } from '../../src/server/store/store';
import { AuditChangesResponse } from '../../src/shared/audit-api';
import { localDate } from '../../src/shared/domain/periods';
import { observation, outbox } from '../fixtures/sync';
import { call, type Client, expectError, type Harness, harness, loginAs, push, renew } from './helpers';

const REDIRECT = 'http://127.0.0.1:8080/api/auth/oidc/callback';

/** One browser: a cookie jar per site, redirects followed by hand. */
class Browser {
  private idpCookies = new Map<string, string>();
  appCookie: string | null = null;
  constructor(private readonly app: () => FastifyInstance) {}

  /** Asks our server to start; returns the provider's login URL. */
  async start(): Promise<string> {
    const res = await this.app().inject({ method: 'GET', url: '/api/auth/oidc/start' });
    expect(res.statusCode, res.body).toBe(302);
    const set = String(res.headers['set-cookie'] ?? '');
    expect(set).toMatch(/HttpOnly; SameSite=Lax/);
    this.appCookie = /pulstavlan_signin=([^;]*)/.exec(set)?.[1] ?? null;
    return String(res.headers.location);
  }

  private async idp(url: string, init: RequestInit = {}): Promise<Response> {
    const res = await fetch(url, { ...init, redirect: 'manual', headers: { ...(init.headers as Record<string, string>), cookie: [...this.idpCookies].map(([k, v]) => `${k}=${v}`).join('; ') } });
    for (const c of res.headers.getSetCookie()) {
      const [pair] = c.split(';');
      const [k, ...v] = (pair ?? '').split('=');
      if (k) this.idpCookies.set(k.trim(), v.join('='));
    }
    return res;
  }

  /** Follows the provider's redirects, signs in at its login page as `login`; returns our callback URL. */
  async signInAtProvider(authUrl: string, login: string): Promise<string> {
    let url = authUrl;
    for (let hops = 0; hops < 10; hops++) {
      if (url.startsWith(REDIRECT)) return url;
      const res = await this.idp(url);
      if (res.status === 200) {
        const html = await res.text();
        const action = /<form[^>]*action="([^"]+)"/.exec(html)?.[1];
        expect(action, html.slice(0, 300)).toBeTruthy();
        const post = await this.idp(new URL(action as string, url).href, {
          method: 'POST',
          headers: { 'content-type': 'application/x-www-form-urlencoded' },
          body: new URLSearchParams({ prompt: 'login', login, password: 'vad-som-helst' }).toString(),
        });
        url = new URL(String(post.headers.get('location')), url).href;
        continue;
      }
      expect([302, 303]).toContain(res.status);
      url = new URL(String(res.headers.get('location')), url).href;
    }
    throw new Error('too many redirects');
  }

  /** Follows the provider's redirects from `authUrl`: does it ask for a login, or send us straight back (a session)? */
  async providerAsks(authUrl: string): Promise<'login' | 'back'> {
    let url = authUrl;
    for (let hops = 0; hops < 10; hops++) {
      if (url.startsWith(REDIRECT)) return 'back';
      const res = await this.idp(url);
      if (res.status === 200) return 'login';
      url = new URL(String(res.headers.get('location')), url).href;
    }
    throw new Error('too many redirects');
  }

  /** At the provider's end_session page, confirms "sign me out"; returns where the provider sends the browser. */
  async endSession(url: string): Promise<string> {
    const page = await this.idp(url);
    expect(page.status).toBe(200);
    const html = await page.text();
    const action = /<form[^>]*action="([^"]+)"/.exec(html)?.[1] as string;
    const fields = new URLSearchParams({ logout: 'yes' });
    for (const m of html.matchAll(/<input[^>]*name="([^"]+)"[^>]*value="([^"]*)"/g)) fields.set(m[1] as string, m[2] as string);
    let res = await this.idp(new URL(action, url).href, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: fields.toString() });
    let location = new URL(String(res.headers.get('location')), url).href;
    while (location.startsWith(new URL(url).origin)) {
      res = await this.idp(location);
      location = new URL(String(res.headers.get('location')), location).href;
    }
    return location;
  }

  /** Hands the provider's answer to our server; returns where it sends the browser. */
  async callback(callbackUrl: string, cookie = this.appCookie): Promise<URL> {
    const u = new URL(callbackUrl);
    const res = await this.app().inject({ method: 'GET', url: `${u.pathname}${u.search}`, headers: cookie ? { cookie: `pulstavlan_signin=${cookie}` } : {} });
    expect(res.statusCode, res.body).toBe(302);
    return new URL(String(res.headers.location), 'http://app.invalid');
  }
}

const query = (target: URL) => new URLSearchParams(target.hash.replace(/^#\/\?/, ''));

let idp: TestIdp;
let h: Harness;
let app: FastifyInstance;

function settings(over: Partial<OidcSettings> = {}): OidcSettings {
  const base = signInSettings({ OIDC_ISSUER: idp.issuer, OIDC_CLIENT_ID: idp.clientId, OIDC_CLIENT_SECRET: idp.clientSecret, OIDC_REDIRECT_URL: REDIRECT, OIDC_ALLOW_HTTP: 'true', OIDC_SCOPES: 'openid profile email hsa' }).oidc as OidcSettings;
  return { ...base, ...over };
}
async function appWith(oidc: OidcSettings | null, passwordLogin = true): Promise<FastifyInstance> {
  return buildApp({ store: h.store, tokenKey: await loadTokenKey(h.store), tokenTtlS: 900, rateLimitPerDevice: 100_000, rateLimitPerIp: 100_000, staticDir: null, now: () => h.clock.now, signIn: { oidc, passwordLogin } });
}
const others: FastifyInstance[] = [];
async function other(oidc: OidcSettings | null, passwordLogin = true) {
  const a = await appWith(oidc, passwordLogin);
  others.push(a);
  return a;
}
/** The whole flow in one browser; returns where the callback sent it. */
async function signIn(login: string, a: () => FastifyInstance = () => app): Promise<{ target: URL; browser: Browser; callbackUrl: string }> {
  const browser = new Browser(a);
  const callbackUrl = await browser.signInAtProvider(await browser.start(), login);
  return { target: await browser.callback(callbackUrl), browser, callbackUrl };
}
async function redeem(ticket: string, a = app) {
  return a.inject({ method: 'POST', url: '/api/auth/oidc/redeem', payload: { ticket, label: 'Annas telefon' } });
}
const counts = async () => ({ accounts: (await h.store.listAccounts()).length, devices: (await h.store.listAccountDevices((await h.store.getAccountByUsername('personal21'))!.id)).length });

const databases: [string, () => Promise<Store>][] = [
  ['SQLite', async () => createSqliteStore(':memory:')],
  ['PostgreSQL', async () => (await assertPgReachable(), freshPgStore())],
];

describe.each(databases)('sign-in with the region’s identity provider on %s', (_, make) => {
  beforeAll(async () => {
    idp = await startIdp([REDIRECT]);
    h = await harness({}, await make());
    // Real clock: the provider's tokens carry real times.
    h.clock.now = Date.now();
    await h.store.updateUnit('avd-21', { hsaId: 'SE2321000016-A21' });
    idp.people.set('anna', { name: 'Anna Andersson', email: 'anna@region.example' });
    idp.people.set('berit', { name: 'Berit Berg', preferred_username: 'berit.berg', hsa_unit_id: 'SE2321000016-A21' });
    idp.people.set('chef', { name: 'Cecilia Chef', groups: ['PULS-CHEF-VOMED', 'ALLA'], hsa_unit_id: 'SE2321000016-A21' });
    idp.people.set('vilse', { name: 'Vilse Person', groups: ['PULS-SAKNAS'] });
    app = await appWith(settings({ jit: true, unitClaim: 'hsa_unit_id', groupsClaim: 'groups', roleMap: { 'PULS-CHEF-VOMED': { role: 'manager', unit: 'vo-med' }, 'PULS-SAKNAS': { role: 'staff', unit: 'SE0000000000-FINNSEJ' } } }));
  }, 60_000);
  afterAll(async () => {
    for (const a of others.splice(0)) await a.close();
    await app?.close();
    await h?.close();
    await idp?.close();
  });

  it('the login screen is told the provider’s name; without a provider there is none and its routes are not found', async () => {
    expect(SignInMethods.parse((await app.inject({ method: 'GET', url: '/api/auth/methods' })).json())).toEqual({
      password: true,
      external: [{ method: 'oidc', name: 'regionens inloggning', start: '/api/auth/oidc/start' }],
    });
    const plain = await other(null);
    expect((await plain.inject({ method: 'GET', url: '/api/auth/methods' })).json()).toEqual({ password: true, external: [] });
    expectError(await plain.inject({ method: 'GET', url: '/api/auth/oidc/start' }), 404, 'not-found');
  });

  it('the start uses PKCE (S256), state and nonce, as a code flow for our client', async () => {
    const url = new URL(await new Browser(() => app).start());
    expect(url.origin).toBe(idp.issuer);
    const p = url.searchParams;
    expect({ response_type: p.get('response_type'), client_id: p.get('client_id'), redirect_uri: p.get('redirect_uri'), method: p.get('code_challenge_method') }).toEqual({
      response_type: 'code',
      client_id: 'pulstavlan',
      redirect_uri: REDIRECT,
      method: 'S256',
    });
    expect(p.get('state')?.length).toBeGreaterThan(20);
    expect(p.get('nonce')?.length).toBeGreaterThan(20);
    expect(p.get('code_challenge')?.length).toBe(43);
  });

  it('a person an admin linked signs in as that account, gets a device credential and renews tokens like a password login', async () => {
    const admin = await loginAs(h, 'admin');
    const personal = (await h.store.getAccountByUsername('personal21'))!;
    const link = await call(h, 'POST', `/api/admin/accounts/${personal.id}/link`, { token: admin, body: { externalId: 'anna' } });
    expect(link.statusCode, link.body).toBe(200);
    expect(link.json()).toMatchObject({ username: 'personal21', externalId: 'anna' });

    const { target } = await signIn('anna');
    const ticket = query(target).get('inloggning');
    expect(ticket, target.href).toBeTruthy();
    const res = await redeem(ticket as string);
    expect(res.statusCode, res.body).toBe(200);
    const cred = DeviceCredential.parse(res.json());
    expect(cred.identity).toMatchObject({ username: 'personal21', role: 'staff', scopeUnitId: 'avd-21', kind: 'account' });
    const token = await renew(h, cred);
    expect(token.identity.scopeUnitId).toBe('avd-21');
    expect((await h.store.getDevice(cred.deviceId))?.label).toBe('Annas telefon');
    // The ticket is one-time.
    expectError(await redeem(ticket as string), 400, 'oidc-state');
    const log = await h.store.listSecurityEvents({ kind: 'login-oidc', subject: 'anna' });
    expect(log.map((e) => e.outcome)).toEqual(['ok']);
  }, 30_000);

  it('just in time: a person whose unit HSA-id names our unit gets a staff account there', async () => {
    const { target } = await signIn('berit');
    const res = await redeem(query(target).get('inloggning') as string);
    expect(res.statusCode, res.body).toBe(200);
    expect(DeviceCredential.parse(res.json()).identity).toMatchObject({ username: 'berit.berg', displayName: 'Berit Berg', role: 'staff', scopeUnitId: 'avd-21' });
    // Her account signs in only through the provider.
    expectError(await call(h, 'POST', '/api/auth/login', { body: { username: 'berit.berg', password: 'vad-som-helst' } }), 401, 'invalid-credentials');
  }, 30_000);

  it('a change the nurse signed in through the provider pushes is hers in the audit log', async () => {
    const { target } = await signIn('berit');
    const cred = DeviceCredential.parse((await redeem(query(target).get('inloggning') as string)).json());
    const nurse = { ...cred, token: (await renew(h, cred)).accessToken };
    await push(h, nurse, [outbox(nurse.deviceId, h.clock.now).insertObs(observation('avd-21', localDate(h.clock.now)))]);
    const admin = await loginAs(h, 'admin');
    const log = AuditChangesResponse.parse((await call(h, 'GET', `/api/audit/changes?rootId=avd-21&who=${cred.identity.accountId}`, { token: admin })).json());
    expect(log.changes.map((c) => ({ who: c.who, kind: c.kind, entity: c.entity, unitId: c.unitId }))).toEqual([{ who: 'Berit Berg', kind: 'account', entity: 'bhkObservation', unitId: 'avd-21' }]);
  }, 30_000);

  it('a mapped group decides role and unit (here above the HSA unit claim)', async () => {
    const { target } = await signIn('chef');
    const res = await redeem(query(target).get('inloggning') as string);
    expect(DeviceCredential.parse(res.json()).identity).toMatchObject({ role: 'manager', scopeUnitId: 'vo-med' });
  }, 30_000);

  it('the admin’s group mapping places a person; changed, it re-places her at the next sign-in; scope is checked', async () => {
    idp.people.set('dora', { name: 'Dora Doktor', groups: ['LAK-AVD22'] });
    const admin = await loginAs(h, 'admin');
    const set = (body: Record<string, unknown>, who: Client = admin) => call(h, 'POST', '/api/admin/sign-in-groups', { token: who, body });
    expect((await set({ group: 'LAK-AVD22', role: 'staff', unitId: 'avd-22' })).statusCode).toBe(200);
    let res = await redeem(query((await signIn('dora')).target).get('inloggning') as string);
    expect(DeviceCredential.parse(res.json()).identity).toMatchObject({ role: 'staff', scopeUnitId: 'avd-22' });
    expect((await set({ group: 'LAK-AVD22', role: 'manager', unitId: 'vo-med' })).statusCode).toBe(200);
    res = await redeem(query((await signIn('dora')).target).get('inloggning') as string);
    expect(DeviceCredential.parse(res.json()).identity).toMatchObject({ role: 'manager', scopeUnitId: 'vo-med' });
    const listed = await call(h, 'GET', '/api/admin/sign-in-groups?rootId=region', { token: admin });
    expect(SignInGroupsResponse.parse(listed.json()).groups).toEqual([{ group: 'LAK-AVD22', role: 'manager', unitId: 'vo-med' }]);
    // A manager may not keep mappings; removing one needs its unit named.
    expectError(await set({ group: 'LAK-AVD22', role: 'admin', unitId: 'avd-21' }, await loginAs(h, 'vochef')), 403, 'forbidden');
    expectError(await set({ group: 'FINNS-EJ', role: 'staff', unitId: 'avd-21', remove: true }), 404, 'not-found');
    expect((await set({ group: 'LAK-AVD22', role: 'manager', unitId: 'vo-med', remove: true })).json()).toEqual({ group: null });
    expect(SignInGroupsResponse.parse((await call(h, 'GET', '/api/admin/sign-in-groups?rootId=region', { token: admin })).json()).groups).toEqual([]);
  }, 30_000);

  it('a mapping that names a unit we do not have: refused, nothing created', async () => {
    const before = await counts();
    const { target } = await signIn('vilse');
    expect(query(target).get('inloggningsfel')).toBe('oidc-unit-unknown');
    expect(query(target).has('inloggning')).toBe(false);
    expect(await counts()).toEqual(before);
    expect((await h.store.listSecurityEvents({ kind: 'login-oidc', subject: 'vilse (oidc-unit-unknown)' })).map((e) => e.outcome)).toEqual(['failed']);
  }, 30_000);

  it('an unknown person with just-in-time creation off: refused, nothing created', async () => {
    const strict = await other(settings({ jit: false }));
    const before = await counts();
    const { target } = await signIn('okand', () => strict);
    expect(query(target).get('inloggningsfel')).toBe('oidc-no-account');
    expect(await counts()).toEqual(before);
  }, 30_000);

  it('just in time, a person no mapping places is staff in no unit: no account, on the admin’s list until placed', async () => {
    idp.people.set('nina', { name: 'Nina Ny', preferred_username: 'nina.ny' });
    idp.people.set('olle', { name: 'Olle Okänd' });
    const admin = await loginAs(h, 'admin');
    const waiting = async () => SignInWaitingResponse.parse((await call(h, 'GET', '/api/admin/sign-in-waiting?rootId=region', { token: admin })).json()).waiting;
    const before = await counts();
    for (const login of ['nina', 'nina', 'olle']) {
      const { target } = await signIn(login);
      expect(query(target).get('inloggningsfel')).toBe('oidc-waiting');
      expect(query(target).has('inloggning')).toBe(false);
    }
    expect(await counts()).toEqual(before);
    expect(await h.store.getAccountByExternalId('nina')).toBeUndefined();
    // Listed once each, in the security log as waiting (about no unit: the organisation admin's).
    expect((await waiting()).map((w) => ({ subject: w.subject, displayName: w.displayName, username: w.username }))).toEqual([
      { subject: 'nina', displayName: 'Nina Ny', username: 'nina.ny' },
      { subject: 'olle', displayName: 'Olle Okänd', username: 'olle' },
    ]);
    expect((await h.store.listSecurityEvents({ kind: 'account-waiting', subject: 'nina' })).map((e) => e.outcome)).toEqual(['ok', 'ok']);
    // Only admins see and place them, in their scope.
    const vochef = await loginAs(h, 'vochef');
    expectError(await call(h, 'GET', '/api/admin/sign-in-waiting?rootId=vo-med', { token: vochef }), 403, 'forbidden');
    expectError(await call(h, 'POST', '/api/admin/sign-in-waiting/place', { token: vochef, body: { subject: 'nina', role: 'staff', unitId: 'avd-22' } }), 403, 'forbidden');
    expectError(await call(h, 'POST', '/api/admin/sign-in-waiting/place', { token: admin, body: { subject: 'nina', role: 'staff', unitId: 'finns-inte' } }), 404, 'not-found');
    expectError(await call(h, 'POST', '/api/admin/sign-in-waiting/place', { token: admin, body: { subject: 'ingen', role: 'staff', unitId: 'avd-22' } }), 404, 'not-found');
    // Placed: an account linked to her, in the unit with the role; at her next sign-in she is there.
    const placed = await call(h, 'POST', '/api/admin/sign-in-waiting/place', { token: admin, body: { subject: 'nina', role: 'staff', unitId: 'avd-22' } });
    expect(placed.statusCode, placed.body).toBe(200);
    expect(placed.json()).toMatchObject({ username: 'nina.ny', displayName: 'Nina Ny', role: 'staff', scopeUnitId: 'avd-22', externalId: 'nina', disabled: false });
    expectError(await call(h, 'POST', '/api/admin/sign-in-waiting/place', { token: admin, body: { subject: 'nina', role: 'staff', unitId: 'avd-22' } }), 404, 'not-found');
    const res = await redeem(query((await signIn('nina')).target).get('inloggning') as string);
    expect(DeviceCredential.parse(res.json()).identity).toMatchObject({ username: 'nina.ny', role: 'staff', scopeUnitId: 'avd-22' });
    // Taken off the list without an account; back on it at the next sign-in.
    expect((await call(h, 'POST', '/api/admin/sign-in-waiting/dismiss', { token: admin, body: { subject: 'olle', rootId: 'region' } })).json()).toEqual({ ok: true });
    expect(await waiting()).toEqual([]);
    expectError(await call(h, 'POST', '/api/admin/sign-in-waiting/dismiss', { token: admin, body: { subject: 'olle', rootId: 'region' } }), 404, 'not-found');
    expect(await h.store.getAccountByExternalId('olle')).toBeUndefined();
    // Waiting again; then an admin links an existing account to him, or a mapping places him: off the list.
    expect(query((await signIn('olle')).target).get('inloggningsfel')).toBe('oidc-waiting');
    expect((await waiting()).map((w) => w.subject)).toEqual(['olle']);
    const avdchef = (await h.store.getAccountByUsername('avdchef21'))!;
    expect((await call(h, 'POST', `/api/admin/accounts/${avdchef.id}/link`, { token: admin, body: { externalId: 'olle' } })).statusCode).toBe(200);
    expect(await waiting()).toEqual([]);
    idp.people.set('petra', { name: 'Petra Plats' });
    expect(query((await signIn('petra')).target).get('inloggningsfel')).toBe('oidc-waiting');
    idp.people.set('petra', { name: 'Petra Plats', hsa_unit_id: 'SE2321000016-A21' });
    expect(query((await signIn('petra')).target).get('inloggning')).toBeTruthy();
    expect(await waiting()).toEqual([]);
  }, 60_000);

  it('logout ends the session at the provider when configured; otherwise, and offline, it is local', async () => {
    const plain = await app.inject({ method: 'GET', url: '/api/auth/oidc/logout' });
    expect(plain.statusCode).toBe(302);
    expect(plain.headers.location).toBe('/');
    const ending = await other(settings({ jit: true, unitClaim: 'hsa_unit_id', postLogoutRedirectUrl: 'http://127.0.0.1:8080/' }));
    const { target, browser } = await signIn('berit', () => ending);
    expect(query(target).get('inloggning')).toBeTruthy();
    // Signed in at the provider: a new sign-in in this browser comes straight back.
    const start = async () => String((await ending.inject({ method: 'GET', url: '/api/auth/oidc/start' })).headers.location);
    expect(await browser.providerAsks(await start())).toBe('back');
    const res = await ending.inject({ method: 'GET', url: '/api/auth/oidc/logout' });
    expect(res.statusCode).toBe(302);
    const url = new URL(String(res.headers.location));
    expect(url.origin).toBe(idp.issuer);
    expect(url.searchParams.get('client_id')).toBe(idp.clientId);
    expect(url.searchParams.get('post_logout_redirect_uri')).toBe('http://127.0.0.1:8080/');
    // The provider ends its session and sends the browser back to the app; the next sign-in asks again.
    expect(await browser.endSession(url.href)).toBe('http://127.0.0.1:8080/');
    expect(await browser.providerAsks(await start())).toBe('login');
    // The provider unreachable: the app's start (the device has already logged out locally).
    const down = await other(settings({ issuer: 'http://127.0.0.1:9/', postLogoutRedirectUrl: 'http://127.0.0.1:8080/' }));
    expect((await down.inject({ method: 'GET', url: '/api/auth/oidc/logout' })).headers.location).toBe('/');
  }, 60_000);

  it('a provider that names people by personnummer is refused: no personnummer is stored', async () => {
    const before = await counts();
    const { target } = await signIn('19121212-1212');
    expect(query(target).get('inloggningsfel')).toBe('oidc-failed');
    expect(await counts()).toEqual(before);
    expect(await h.store.getAccountByExternalId('19121212-1212')).toBeUndefined();
    // Not in the security log either: the refusal is logged without the number.
    const logged = await h.store.listSecurityEvents({ kind: 'login-oidc', subject: '(personnummer) (oidc-failed:personnummer-subject)' });
    expect(logged.map((e) => e.outcome)).toEqual(['failed']);
  }, 30_000);

  it('a state from another browser, and a replayed state, are refused', async () => {
    const a = new Browser(() => app);
    const callbackUrl = await a.signInAtProvider(await a.start(), 'anna');
    const b = new Browser(() => app);
    await b.start();
    expect(query(await a.callback(callbackUrl, b.appCookie)).get('inloggningsfel')).toBe('oidc-state');
    expect(query(await a.callback(callbackUrl, null)).get('inloggningsfel')).toBe('oidc-state');
    // The right browser may still finish once; a replay of the same answer is refused.
    expect(query(await a.callback(callbackUrl)).get('inloggning')).toBeTruthy();
    expect(query(await a.callback(callbackUrl)).get('inloggningsfel')).toBe('oidc-state');
  }, 30_000);

  it('a replayed code under a fresh state is refused by the provider and by us', async () => {
    const { callbackUrl } = await signIn('anna');
    const code = new URL(callbackUrl).searchParams.get('code') as string;
    const b = new Browser(() => app);
    const state = new URL(await b.start()).searchParams.get('state') as string;
    const forged = new URL(REDIRECT);
    forged.search = new URLSearchParams({ code, state, iss: idp.issuer }).toString();
    expect(query(await b.callback(forged.href)).get('inloggningsfel')).toBe('oidc-failed');
  }, 30_000);

  it('a wrong nonce is refused', async () => {
    const b = new Browser(() => app);
    const authUrl = await b.start();
    const state = new URL(authUrl).searchParams.get('state') as string;
    // Swap the nonce kept for this sign-in: the provider's ID token carries the one it was sent.
    const kept = JSON.parse((await h.store.takeSignInPending(state, 'state', Date.now())) as string) as { nonce: string; verifier: string };
    await h.store.putSignInPending(state, 'state', JSON.stringify({ ...kept, nonce: 'not-the-nonce-that-was-sent' }), Date.now() + 60_000);
    const callbackUrl = await b.signInAtProvider(authUrl, 'anna');
    expect(query(await b.callback(callbackUrl)).get('inloggningsfel')).toBe('oidc-failed');
  }, 30_000);

  it('an expired ID token is refused', async () => {
    // Our clock runs two hours ahead of the provider's: its one-hour ID token has expired for us.
    const late = await other(settings({ clockToleranceS: 0, clockSkewS: 7200 }));
    const before = await counts();
    const { target } = await signIn('anna', () => late);
    expect(query(target).get('inloggningsfel')).toBe('oidc-failed');
    expect(await counts()).toEqual(before);
    // Nobody is named: an unverified token's subject is not believed.
    const failed = await h.store.listSecurityEvents({ kind: 'login-oidc', subject: '(okänd) (oidc-failed:OAUTH_JWT_TIMESTAMP_CHECK_FAILED)' });
    expect(failed.map((e) => e.outcome)).toEqual(['failed']);
  }, 30_000);

  it('an issuer that does not match the provider’s own is refused before anyone is sent there', async () => {
    const wrong = await other(settings({ issuer: idp.issuer.replace('127.0.0.1', 'localhost') }));
    const res = await wrong.inject({ method: 'GET', url: '/api/auth/oidc/start' });
    expectError(res, 503, 'oidc-unavailable');
  }, 30_000);

  it('a client the provider does not know (wrong audience/secret) is refused at the token exchange', async () => {
    const wrong = await other(settings({ clientSecret: 'not-the-secret' }));
    const { target } = await signIn('anna', () => wrong);
    expect(query(target).get('inloggningsfel')).toBe('oidc-failed');
  }, 30_000);

  it('local password login can be switched off; the provider still works', async () => {
    const noPasswords = await other(settings(), false);
    expect((await noPasswords.inject({ method: 'GET', url: '/api/auth/methods' })).json()).toMatchObject({ password: false });
    expectError(await noPasswords.inject({ method: 'POST', url: '/api/auth/login', payload: { username: 'admin', password: 'pulstavlan' } }), 403, 'password-login-off');
    const { target } = await signIn('anna', () => noPasswords);
    expect((await redeem(query(target).get('inloggning') as string, noPasswords)).statusCode).toBe(200);
  }, 30_000);
});
