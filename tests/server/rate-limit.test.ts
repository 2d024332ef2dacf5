/**
 * Rate limits: per device once authenticated (a hospital NAT puts every tablet behind one
 * address), per address only for login and enrolment. Counters live in the process (rule 18).
 */
import { afterEach, describe, expect, it } from 'vitest';
import { call, expectError, type Harness, harness, loginAs } from './helpers';

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
