/** Accounts, managed by an admin: create, list, and the rules around usernames and scope. */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createAccount } from '../../src/server/auth/accounts';
import { AccountView, DeviceListResponse } from '../../src/shared/api';
import { call, type Client, expectError, type Harness, loginAs, signedIn } from './helpers';

let h: Harness;
let admin: Client;
beforeEach(async () => void ({ h, user: admin } = await signedIn('admin')));
afterEach(() => h.close());

const input = (extra: Record<string, unknown> = {}) => ({
  username: 'Ny.Chef',
  displayName: 'Ny Chef',
  password: 'ett-langt-losenord',
  role: 'manager',
  scopeUnitId: 'vo-kir',
  ...extra,
});
const create = (body: unknown, token: Client = admin) => call(h, 'POST', '/api/admin/accounts', { token, body });

describe('accounts', () => {
  it('an admin creates an account (username lower-cased); it can log in with its scope', async () => {
    const res = await create(input());
    expect(res.statusCode).toBe(200);
    const view = AccountView.parse(res.json());
    expect(view).toMatchObject({ username: 'ny.chef', role: 'manager', scopeUnitId: 'vo-kir', disabled: false });
    expect(res.body).not.toContain('ett-langt-losenord');
    const chef = await loginAs(h, 'ny.chef', 'ett-langt-losenord');
    expect(chef.identity).toMatchObject({ role: 'manager', scopeUnitId: 'vo-kir', accountId: view.id });
  });

  it('the list shows every account without password hashes', async () => {
    await create(input());
    const res = await call(h, 'GET', '/api/admin/accounts', { token: admin });
    const accounts = (res.json() as { accounts: unknown[] }).accounts.map((a) => AccountView.parse(a));
    expect(accounts.map((a) => a.username)).toEqual(['admin', 'avdchef21', 'divisionschef', 'ny.chef', 'personal21', 'vochef']);
    expect(res.body).not.toMatch(/argon2|passwordHash/);
  });

  it('a duplicate username is 409 duplicate at username, whatever its case', async () => {
    await create(input());
    expect(expectError(await create(input({ username: 'NY.CHEF' })), 409, 'duplicate').path).toEqual(['username']);
    expect(expectError(await create(input({ username: 'admin' })), 409, 'duplicate').path).toEqual(['username']);
  });

  it('an unknown scope unit is 404; a scope outside the admin\'s own is 403 scope-denied', async () => {
    expectError(await create(input({ scopeUnitId: 'nowhere' })), 404, 'not-found');
    await createAccount(h.store, null, { username: 'voadmin', displayName: 'VO-admin', password: 'pulstavlan', role: 'admin', scopeUnitId: 'vo-med' });
    const voAdmin = await loginAs(h, 'voadmin');
    expectError(await create(input({ scopeUnitId: 'vo-kir' }), voAdmin), 403, 'scope-denied');
    expectError(await create(input({ scopeUnitId: 'region', role: 'admin' }), voAdmin), 403, 'scope-denied');
    expect((await create(input({ scopeUnitId: 'avd-21' }), voAdmin)).statusCode).toBe(200);
  });

  it('managers and staff get 403 forbidden', async () => {
    for (const who of ['vochef', 'personal21']) {
      expectError(await create(input(), await loginAs(h, who)), 403, 'forbidden');
    }
    expect(await h.store.getAccountByUsername('ny.chef')).toBeUndefined();
  });

  it('a disabled account can no longer renew or sync; re-enabled it can log in again', async () => {
    const created = AccountView.parse((await create(input())).json());
    const chef = await loginAs(h, 'ny.chef', 'ett-langt-losenord');
    const off = await call(h, 'PATCH', `/api/admin/accounts/${created.id}`, { token: admin, body: { disabled: true } });
    expect(off.statusCode).toBe(200);
    expect(AccountView.parse(off.json()).disabled).toBe(true);
    expectError(await call(h, 'GET', '/api/me', { token: chef }), 401, 'device-revoked');
    expectError(await call(h, 'POST', '/api/auth/token', { body: { deviceId: chef.deviceId, deviceSecret: chef.deviceSecret } }), 401, 'device-revoked');
    expectError(await call(h, 'POST', '/api/auth/login', { body: { username: 'ny.chef', password: 'ett-langt-losenord' } }), 401, 'invalid-credentials');
    await call(h, 'PATCH', `/api/admin/accounts/${created.id}`, { token: admin, body: { disabled: false } });
    expect((await loginAs(h, 'ny.chef', 'ett-langt-losenord')).identity.role).toBe('manager');
  });

  it('an admin cannot disable itself, a manager cannot disable anyone, an unknown id is 404', async () => {
    expectError(await call(h, 'PATCH', `/api/admin/accounts/${admin.identity.accountId}`, { token: admin, body: { disabled: true } }), 403, 'forbidden');
    const chef = await loginAs(h, 'divisionschef');
    const staff = AccountView.parse((await create(input({ role: 'staff' }))).json());
    expectError(await call(h, 'PATCH', `/api/admin/accounts/${staff.id}`, { token: chef, body: { disabled: true } }), 403, 'forbidden');
    expectError(await call(h, 'PATCH', '/api/admin/accounts/nobody', { token: admin, body: { disabled: true } }), 404, 'not-found');
  });
});

describe('issue 18 item 8: a person\'s devices', () => {
  const chefAccount = async () => AccountView.parse((await create(input())).json());
  const devicesOf = async (id: string, token: Client = admin) => {
    const res = await call(h, 'GET', `/api/admin/accounts/${id}/devices`, { token });
    expect(res.statusCode, res.body).toBe(200);
    return DeviceListResponse.parse(res.json()).devices;
  };

  it('disabling revokes every device of the account; enabling it again never revives them', async () => {
    const created = await chefAccount();
    const phone = await loginAs(h, 'ny.chef', 'ett-langt-losenord');
    const laptop = await loginAs(h, 'ny.chef', 'ett-langt-losenord');
    expect((await call(h, 'PATCH', `/api/admin/accounts/${created.id}`, { token: admin, body: { disabled: true } })).statusCode).toBe(200);
    expect((await call(h, 'PATCH', `/api/admin/accounts/${created.id}`, { token: admin, body: { disabled: false } })).statusCode).toBe(200);
    for (const device of [phone, laptop]) {
      expectError(await call(h, 'GET', '/api/me', { token: device }), 401, 'device-revoked');
      expectError(await call(h, 'POST', '/api/auth/token', { body: { deviceId: device.deviceId, deviceSecret: device.deviceSecret } }), 401, 'device-revoked');
    }
    expect((await devicesOf(created.id)).every((d) => d.revokedAt !== null)).toBe(true);
    // A new login is a new device, and works.
    expect((await call(h, 'GET', '/api/me', { token: await loginAs(h, 'ny.chef', 'ett-langt-losenord') })).statusCode).toBe(200);
  });

  it('an admin lists a person\'s devices and ends one: that device stops at once, the others go on', async () => {
    const created = await chefAccount();
    const phone = await loginAs(h, 'ny.chef', 'ett-langt-losenord');
    const laptop = await loginAs(h, 'ny.chef', 'ett-langt-losenord');
    const listed = await devicesOf(created.id);
    expect(listed.map((d) => d.id).sort()).toEqual([phone.deviceId, laptop.deviceId].sort());
    expect(listed.every((d) => d.label === 'Ny Chef' && d.unitId === 'vo-kir' && d.revokedAt === null && d.lastSeenAt !== null)).toBe(true);
    expect((await call(h, 'POST', `/api/devices/${phone.deviceId}/revoke`, { token: admin })).statusCode).toBe(204);
    expectError(await call(h, 'GET', '/api/me', { token: phone }), 401, 'device-revoked');
    expect((await call(h, 'GET', '/api/me', { token: laptop })).statusCode).toBe(200);
    expect((await devicesOf(created.id)).find((d) => d.id === phone.deviceId)?.revokedAt).not.toBeNull();
  });

  it('only an admin whose scope covers the account may list or end its devices', async () => {
    const created = await chefAccount();
    const phone = await loginAs(h, 'ny.chef', 'ett-langt-losenord');
    const vochef = await loginAs(h, 'vochef');
    expectError(await call(h, 'GET', `/api/admin/accounts/${created.id}/devices`, { token: vochef }), 403, 'forbidden');
    // A manager does not see people's devices at all (tablets only).
    expectError(await call(h, 'POST', `/api/devices/${phone.deviceId}/revoke`, { token: vochef }), 404, 'not-found');
    await createAccount(h.store, null, { username: 'voadmin', displayName: 'VO-admin', password: 'pulstavlan', role: 'admin', scopeUnitId: 'vo-med' });
    const voAdmin = await loginAs(h, 'voadmin');
    expectError(await call(h, 'GET', `/api/admin/accounts/${created.id}/devices`, { token: voAdmin }), 403, 'scope-denied');
    expectError(await call(h, 'POST', `/api/devices/${phone.deviceId}/revoke`, { token: voAdmin }), 403, 'scope-denied');
    expectError(await call(h, 'GET', '/api/admin/accounts/nobody/devices', { token: admin }), 404, 'not-found');
    expect((await call(h, 'GET', '/api/me', { token: phone })).statusCode).toBe(200);
  });

  it('disabling, enabling and ending a device are in the security log with who did it', async () => {
    const created = await chefAccount();
    const phone = await loginAs(h, 'ny.chef', 'ett-langt-losenord');
    await call(h, 'POST', `/api/devices/${phone.deviceId}/revoke`, { token: admin });
    await call(h, 'PATCH', `/api/admin/accounts/${created.id}`, { token: admin, body: { disabled: true } });
    await call(h, 'PATCH', `/api/admin/accounts/${created.id}`, { token: admin, body: { disabled: false } });
    const by = { actor: admin.deviceId, outcome: 'ok' };
    expect(await h.store.listSecurityEvents({ kind: 'device-revoked', subject: phone.deviceId })).toMatchObject([by]);
    expect(await h.store.listSecurityEvents({ kind: 'account-disabled', subject: created.id })).toMatchObject([by]);
    expect(await h.store.listSecurityEvents({ kind: 'account-enabled', subject: created.id })).toMatchObject([by]);
  });
});
