/**
 * Rate limits: per device once authenticated (a hospital NAT puts every tablet behind one
 * address), per address for login, enrolment and token renewal, keyed on the route Fastify
 * matched. Counters live in the process (rule 18); failed logins per account are counted in the
 * database (security_events), so a lock holds on every process.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { LOCK_AFTER_FAILURES, lockSeconds } from '../../src/server/auth/login-lock';
import { loadTokenKey } from '../../src/server/auth/tokens';
import { buildApp } from '../../src/server/http/app';
import { DEMO_PASSWORD } from '../../src/server/seed/demo-org';
import { call, expectError, type Harness, harness, loginAs, NOW } from './helpers';

let h: Harness | undefined;
afterEach(async () => {
  await h?.close();
  h = undefined;
});

describe('rate limits', () => {
  it('the 4th request from a device gets 429 rate-limited with Retry-After; another device on the same address does not', async () => {
    h = await harness({ rateLimitPerDevice: 3, rateLimitPerIp: 50 });
    const a = await loginAs(h, 'avdchef21');
    const b = await loginAs(h, 'personal21');
    for (let i = 0; i < 3; i++) expect((await call(h, 'GET', '/api/me', { token: a })).statusCode).toBe(200);
    const limited = await call(h, 'GET', '/api/me', { token: a });
    expectError(limited, 429, 'rate-limited');
    const retryAfter = Number(limited.headers['retry-after']);
    expect(retryAfter).toBeGreaterThan(0);
    expect(retryAfter).toBeLessThanOrEqual(60);
    expect(limited.json().meta).toEqual({ retryAfterS: retryAfter });
    expectError(await call(h, 'GET', '/api/sync/pull?cursor=0&protocolVersion=1', { token: a }), 429, 'rate-limited');
    expect((await call(h, 'GET', '/api/me', { token: b })).statusCode).toBe(200);
    expect((await call(h, 'GET', '/api/health')).statusCode).toBe(200);
  });

  it('unauthenticated requests are limited per address', async () => {
    h = await harness({ rateLimitPerDevice: 100, rateLimitPerIp: 2 });
    const bad = { username: 'admin', password: 'wrong-password' };
    for (let i = 0; i < 2; i++) expectError(await call(h, 'POST', '/api/auth/login', { body: bad }), 401, 'invalid-credentials');
    const limited = await call(h, 'POST', '/api/auth/login', { body: bad });
    expectError(limited, 429, 'rate-limited');
    expect(limited.headers['retry-after']).toBeDefined();
    const elsewhere = await h.app.inject({ method: 'POST', url: '/api/auth/login', remoteAddress: '10.0.0.9', payload: bad });
    expectError(elsewhere, 401, 'invalid-credentials');
  });
});

describe('issue 18 item 2: the limit cannot be walked around', () => {
  it('the route as Fastify resolved it decides: a percent-encoded login path with a valid bearer token is still counted per address', async () => {
    h = await harness({ rateLimitPerDevice: 100, rateLimitPerIp: 3 });
    const bad = { username: 'admin', password: 'wrong-password' };
    const tablet = await loginAs(h, 'personal21'); // 1 of 3 from this address (and its token renewal)
    for (const url of ['/api/auth/%6cogin', '/api/auth/log%69n']) {
      const res = await call(h, 'POST', url, { token: tablet, body: bad });
      expect(res.statusCode).not.toBe(404);
    }
    expectError(await call(h, 'POST', '/api/auth/%6Cogin', { token: tablet, body: bad }), 429, 'rate-limited');
    expectError(await call(h, 'POST', '/api/auth/login', { body: bad }), 429, 'rate-limited');
    // The device's own budget for its routes is untouched.
    expect((await call(h, 'GET', '/api/me', { token: tablet })).statusCode).toBe(200);
  });

  it('every successful login mints a device, but the next login is still counted against the address', async () => {
    h = await harness({ rateLimitPerDevice: 100, rateLimitPerIp: 4 });
    const first = await loginAs(h, 'personal21'); // login + token: 2 of 4
    const again = await call(h, 'POST', '/api/auth/login', { token: first, body: { username: 'personal21', password: DEMO_PASSWORD } });
    expect(again.statusCode).toBe(200);
    const renew = await call(h, 'POST', '/api/auth/%74oken', { token: first, body: { deviceId: first.deviceId, deviceSecret: first.deviceSecret } });
    expect(renew.statusCode).toBe(200);
    expectError(await call(h, 'POST', '/api/auth/login', { token: first, body: { username: 'personal21', password: DEMO_PASSWORD } }), 429, 'rate-limited');
  });
});

describe('issue 18 item 2: failed logins are counted per account, across addresses and processes', () => {
  const from = (ip: string, username: string, password: string) =>
    h!.app.inject({ method: 'POST', url: '/api/auth/login', remoteAddress: ip, payload: { username, password } });

  it('after 5 failures the account is locked for a growing time (429 + Retry-After), then the right password works', async () => {
    h = await harness({ rateLimitPerDevice: 100, rateLimitPerIp: 100 });
    for (let i = 0; i < LOCK_AFTER_FAILURES; i++) expectError(await from(`10.0.0.${i + 1}`, 'vochef', `guess-${i}`), 401, 'invalid-credentials');
    const locked = await from('10.0.1.1', 'vochef', DEMO_PASSWORD);
    expectError(locked, 429, 'rate-limited');
    const first = Number(locked.headers['retry-after']);
    expect(first).toBe(lockSeconds(LOCK_AFTER_FAILURES));
    // Other accounts are not affected.
    expect((await from('10.0.1.1', 'avdchef21', DEMO_PASSWORD)).statusCode).toBe(200);
    h.clock.now += first * 1000;
    expectError(await from('10.0.1.2', 'vochef', 'one-more-guess'), 401, 'invalid-credentials');
    const longer = await from('10.0.1.3', 'vochef', DEMO_PASSWORD);
    expectError(longer, 429, 'rate-limited');
    expect(Number(longer.headers['retry-after'])).toBe(lockSeconds(LOCK_AFTER_FAILURES + 1));
    expect(lockSeconds(LOCK_AFTER_FAILURES + 1)).toBeGreaterThan(first);
    h.clock.now += Number(longer.headers['retry-after']) * 1000;
    expect((await from('10.0.1.4', 'vochef', DEMO_PASSWORD)).statusCode).toBe(200);
    // A success starts the count again.
    expectError(await from('10.0.1.5', 'vochef', 'typo'), 401, 'invalid-credentials');
    expect((await from('10.0.1.5', 'vochef', DEMO_PASSWORD)).statusCode).toBe(200);
  });

  it('an unknown username locks the same way (no hint which accounts exist), and a second process on the same database sees the lock', async () => {
    h = await harness({ rateLimitPerDevice: 100, rateLimitPerIp: 100 });
    for (let i = 0; i < LOCK_AFTER_FAILURES; i++) {
      expectError(await from('10.0.0.1', 'finns.inte', `guess-${i}`), 401, 'invalid-credentials');
      expectError(await from('10.0.0.1', 'admin', `guess-${i}`), 401, 'invalid-credentials');
    }
    expectError(await from('10.0.0.2', 'finns.inte', 'x'), 429, 'rate-limited');
    const second = await buildApp({ store: h.store, tokenKey: await loadTokenKey(h.store), tokenTtlS: 60, rateLimitPerDevice: 100, rateLimitPerIp: 100, now: () => h!.clock.now });
    try {
      const res = await second.inject({ method: 'POST', url: '/api/auth/login', payload: { username: 'admin', password: DEMO_PASSWORD } });
      expectError(res, 429, 'rate-limited');
    } finally {
      await second.close();
    }
  });

  it('every attempt is in the security log: who, what, when, from where, outcome', async () => {
    h = await harness({ rateLimitPerDevice: 100, rateLimitPerIp: 100 });
    for (let i = 0; i < LOCK_AFTER_FAILURES; i++) await from('10.0.0.7', 'vochef', `guess-${i}`);
    await from('10.0.0.8', 'vochef', DEMO_PASSWORD);
    const events = await h.store.listSecurityEvents({ kind: 'login', subject: 'vochef' });
    expect(events.map((e) => e.outcome)).toEqual([...Array(LOCK_AFTER_FAILURES).fill('failed'), 'locked']);
    expect(events[0]).toMatchObject({ kind: 'login', subject: 'vochef', address: '10.0.0.7', actor: null, at: new Date(NOW).toISOString() });
    expect(events.at(-1)).toMatchObject({ address: '10.0.0.8', outcome: 'locked' });
  });
});
