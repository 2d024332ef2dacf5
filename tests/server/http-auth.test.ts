/** Login, tokens, /api/me, logout: the device credential lifecycle through the HTTP API. */
import { SignJWT } from 'jose';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { hashPassword } from '../../src/server/auth/secrets';
import { loadTokenKey } from '../../src/server/auth/tokens';
import { buildApp } from '../../src/server/http/app';
import { DeviceCredential, Identity } from '../../src/shared/api';
import { call, type Harness, expectError, harness, loginAs, NOW, renew, TOKEN_TTL_S } from './helpers';

let h: Harness;
beforeEach(async () => {
  h = await harness();
});
afterEach(async () => {
  await h.close();
});

describe('login', () => {
  it('a good password gives a device credential with the account identity (rule 1)', async () => {
    const res = await call(h, 'POST', '/api/auth/login', { body: { username: 'vochef', password: 'pulstavlan', label: 'Min dator' } });
    expect(res.statusCode).toBe(200);
    const cred = DeviceCredential.parse(res.json());
    expect(cred.identity).toMatchObject({ kind: 'account', role: 'manager', scopeUnitId: 'vo-med', username: 'vochef', deviceId: cred.deviceId });
    const device = await h.store.getDevice(cred.deviceId);
    expect(device).toMatchObject({ kind: 'account', label: 'Min dator', lastSeq: 0, revokedAt: null });
    expect(device?.secretHash).not.toContain(cred.deviceSecret);
  });

  it('usernames are case-insensitive and trimmed', async () => {
    const res = await call(h, 'POST', '/api/auth/login', { body: { username: ' ADMIN ', password: 'pulstavlan' } });
    expect(res.statusCode).toBe(200);
  });

  it('a bad password and an unknown user get the same 401 invalid-credentials', async () => {
    const bad = expectError(await call(h, 'POST', '/api/auth/login', { body: { username: 'admin', password: 'wrong-password' } }), 401, 'invalid-credentials');
    const unknown = expectError(await call(h, 'POST', '/api/auth/login', { body: { username: 'nobody', password: 'pulstavlan' } }), 401, 'invalid-credentials');
    expect(unknown).toEqual(bad);
  });

  it('a disabled account cannot log in, with the same 401 as a bad password', async () => {
    await h.store.insertAccount({
      id: 'acc-disabled', username: 'slutat', displayName: 'Slutat', passwordHash: await hashPassword('pulstavlan'),
      role: 'staff', scopeUnitId: 'avd-21', disabled: true,
    });
    expectError(await call(h, 'POST', '/api/auth/login', { body: { username: 'slutat', password: 'pulstavlan' } }), 401, 'invalid-credentials');
  });
});

describe('tokens', () => {
  it('renewal with the device secret returns a token, its expiry, the identity and the server time', async () => {
    const admin = await loginAs(h, 'admin');
    h.clock.now = NOW + 5_000;
    const t = await renew(h, admin);
    expect(t.serverTime).toBe(NOW + 5_000);
    expect(t.expiresAt).toBe(NOW + 5_000 + TOKEN_TTL_S * 1000);
    expect(t.identity).toEqual(admin.identity);
    expect((await call(h, 'GET', '/api/me', { token: t.accessToken })).statusCode).toBe(200);
    expect((await h.store.getDevice(admin.deviceId))?.lastSeenAt).toBe(new Date(NOW + 5_000).toISOString());
  });

  it('a wrong secret or an unknown device gets 401 invalid-credentials', async () => {
    const admin = await loginAs(h, 'admin');
    const wrong = { deviceId: admin.deviceId, deviceSecret: 'x'.repeat(43) };
    expectError(await call(h, 'POST', '/api/auth/token', { body: wrong }), 401, 'invalid-credentials');
    const unknown = { deviceId: 'no-such-device', deviceSecret: admin.deviceSecret };
    expectError(await call(h, 'POST', '/api/auth/token', { body: unknown }), 401, 'invalid-credentials');
  });

  it('a token past its TTL gets 401 token-expired; a renewed one works again', async () => {
    const admin = await loginAs(h, 'admin');
    h.clock.now = NOW + TOKEN_TTL_S * 1000 - 1_000;
    expect((await call(h, 'GET', '/api/me', { token: admin })).statusCode).toBe(200);
    h.clock.now = NOW + TOKEN_TTL_S * 1000 + 1;
    expectError(await call(h, 'GET', '/api/me', { token: admin }), 401, 'token-expired');
    expectError(await call(h, 'GET', '/api/sync/pull?cursor=0&protocolVersion=1', { token: admin }), 401, 'token-expired');
    const t = await renew(h, admin);
    expect((await call(h, 'GET', '/api/me', { token: t.accessToken })).statusCode).toBe(200);
  });

  it('a token signed with another key, or not a JWT at all, gets 401 unauthenticated', async () => {
    const admin = await loginAs(h, 'admin');
    const other = await harness();
    try {
      const foreign = await loginAs(other, 'admin');
      expectError(await call(h, 'GET', '/api/me', { token: foreign }), 401, 'unauthenticated');
    } finally {
      await other.close();
    }
    const [head, , sig] = admin.token.split('.');
    const forged = `${head}.${Buffer.from(JSON.stringify({ sub: admin.deviceId, exp: 9e9 })).toString('base64url')}.${sig}`;
    expectError(await call(h, 'GET', '/api/me', { token: forged }), 401, 'unauthenticated');
    expectError(await call(h, 'GET', '/api/me', { headers: { authorization: 'Basic YWRtaW46cHVsc3Rhdmxhbg==' } }), 401, 'unauthenticated');
  });

  it('issue 18: a token signed with the real key but without exp (or without a subject) gets 401 unauthenticated', async () => {
    const admin = await loginAs(h, 'admin');
    const { key } = await loadTokenKey(h.store);
    const iat = Math.floor(NOW / 1000);
    const sign = (claims: { sub?: string; exp?: number }) => {
      let jwt = new SignJWT({}).setProtectedHeader({ alg: 'HS256' }).setIssuer('pulstavlan').setAudience('pulstavlan-api').setIssuedAt(iat);
      if (claims.sub !== undefined) jwt = jwt.setSubject(claims.sub);
      if (claims.exp !== undefined) jwt = jwt.setExpirationTime(claims.exp);
      return jwt.sign(key);
    };
    expect((await call(h, 'GET', '/api/me', { token: await sign({ sub: admin.deviceId, exp: iat + 60 }) })).statusCode).toBe(200);
    expectError(await call(h, 'GET', '/api/me', { token: await sign({ sub: admin.deviceId }) }), 401, 'unauthenticated');
    expectError(await call(h, 'GET', '/api/me', { token: await sign({ exp: iat + 60 }) }), 401, 'unauthenticated');
  });

  it('the signing key is shared through the store: a second app on the same store accepts the token (rule 18)', async () => {
    const admin = await loginAs(h, 'admin');
    const second = await buildApp({ store: h.store, tokenKey: await loadTokenKey(h.store), tokenTtlS: 60, rateLimitPerDevice: 100, rateLimitPerIp: 100, now: () => NOW });
    try {
      const res = await second.inject({ method: 'GET', url: '/api/me', headers: { authorization: `Bearer ${admin.token}` } });
      expect(res.statusCode).toBe(200);
    } finally {
      await second.close();
    }
  });
});

describe('/api/me and logout', () => {
  it('login, enrolment and renewal identify the caller by their body: a stale bearer header there is ignored', async () => {
    const res = await call(h, 'POST', '/api/auth/login', { token: 'garbage.token.value', body: { username: 'admin', password: 'pulstavlan' } });
    expect(res.statusCode, res.body).toBe(200);
    const cred = res.json() as { deviceId: string; deviceSecret: string };
    const renewed = await call(h, 'POST', '/api/auth/token', { token: 'garbage', body: { deviceId: cred.deviceId, deviceSecret: cred.deviceSecret } });
    expect(renewed.statusCode, renewed.body).toBe(200);
  });

  it('/api/me returns the identity of the token', async () => {
    const staff = await loginAs(h, 'personal21');
    const res = await call(h, 'GET', '/api/me', { token: staff });
    expect(res.statusCode).toBe(200);
    expect(Identity.parse(res.json())).toEqual(staff.identity);
    expect(staff.identity).toMatchObject({ role: 'staff', scopeUnitId: 'avd-21', kind: 'account', displayName: 'Personal Avdelning 21' });
  });

  it('logout answers 204 and revokes this device only: its token and secret stop working', async () => {
    const one = await loginAs(h, 'admin');
    const two = await loginAs(h, 'admin');
    const res = await call(h, 'POST', '/api/auth/logout', { token: one });
    expect(res.statusCode).toBe(204);
    expect(res.body).toBe('');
    expectError(await call(h, 'GET', '/api/me', { token: one }), 401, 'device-revoked');
    expectError(await call(h, 'POST', '/api/auth/token', { body: { deviceId: one.deviceId, deviceSecret: one.deviceSecret } }), 401, 'device-revoked');
    expect((await call(h, 'GET', '/api/me', { token: two })).statusCode).toBe(200);
  });

  it('logout without a token is 401 unauthenticated', async () => {
    expectError(await call(h, 'POST', '/api/auth/logout'), 401, 'unauthenticated');
  });

  it('health needs no token', async () => {
    const res = await call(h, 'GET', '/api/health');
    expect(res.json()).toEqual({ ok: true });
  });
});
