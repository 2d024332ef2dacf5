/** Tablet enrolment codes, the device list and revocation through the HTTP API. */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DeviceCredential, DeviceListResponse, ENROL_CODE_ALPHABET, ENROL_CODE_TTL_MS, EnrolCodeResponse } from '../../src/shared/api';
import { observation, outbox } from '../fixtures/sync';
import { call, type Client, enrolTablet, expectError, type Harness, loginAs, newEnrolCode, NOW, pushRaw, signedIn, TODAY } from './helpers';

let h: Harness;
let manager: Client;
beforeEach(async () => void ({ h, user: manager } = await signedIn('avdchef21')));
afterEach(() => h.close());

const enrol = (code: string, label?: string) => call(h, 'POST', '/api/auth/enrol', { body: { code, ...(label ? { label } : {}) } });

describe('enrolment codes', () => {
  it('a manager creates a code for a unit in scope: 8 characters, valid for 10 minutes', async () => {
    const res = await call(h, 'POST', '/api/enrol-codes', { token: manager, body: { unitId: 'avd-21' } });
    expect(res.statusCode).toBe(200);
    const code = EnrolCodeResponse.parse(res.json());
    expect(code.code).toMatch(new RegExp(`^[${ENROL_CODE_ALPHABET}]{8}$`));
    expect(code).toMatchObject({ unitId: 'avd-21', expiresAt: NOW + ENROL_CODE_TTL_MS });
  });

  it('a tablet enrols with the code (case and dashes ignored) and gets staff rights on that unit', async () => {
    const code = await newEnrolCode(h, manager, 'avd-21');
    const res = await enrol(`${code.slice(0, 4).toLowerCase()}-${code.slice(4)}`);
    expect(res.statusCode).toBe(200);
    const cred = DeviceCredential.parse(res.json());
    expect(cred.identity).toMatchObject({ kind: 'tablet', role: 'staff', scopeUnitId: 'avd-21', accountId: null, username: null });
    expect(cred.identity.displayName).toBe('Surfplatta Avdelning 21 Medicin');
  });

  it('a code works once', async () => {
    const code = await newEnrolCode(h, manager, 'avd-21');
    expect((await enrol(code, 'Fikarummet')).statusCode).toBe(200);
    expectError(await enrol(code), 400, 'enrol-code-invalid');
  });

  it('a code expires 10 minutes after it was made', async () => {
    const early = await newEnrolCode(h, manager, 'avd-21');
    const late = await newEnrolCode(h, manager, 'avd-21');
    h.clock.now = NOW + ENROL_CODE_TTL_MS - 1;
    expect((await enrol(early)).statusCode).toBe(200);
    h.clock.now = NOW + ENROL_CODE_TTL_MS;
    expectError(await enrol(late), 400, 'enrol-code-invalid');
  });

  it('an unknown code is 400 enrol-code-invalid', async () => {
    expectError(await enrol('ABCDEFGH'), 400, 'enrol-code-invalid');
  });

  it('a manager of another subtree gets 403 scope-denied; a manager above the unit may', async () => {
    expectError(await call(h, 'POST', '/api/enrol-codes', { token: manager, body: { unitId: 'avd-22' } }), 403, 'scope-denied');
    expectError(await call(h, 'POST', '/api/enrol-codes', { token: manager, body: { unitId: 'vo-med' } }), 403, 'scope-denied');
    const vochef = await loginAs(h, 'vochef');
    expect((await call(h, 'POST', '/api/enrol-codes', { token: vochef, body: { unitId: 'avd-22' } })).statusCode).toBe(200);
    expectError(await call(h, 'POST', '/api/enrol-codes', { token: vochef, body: { unitId: 'avd-31' } }), 403, 'scope-denied');
  });

  it('staff and tablets get 403 forbidden; an unknown unit is 404', async () => {
    const staff = await loginAs(h, 'personal21');
    expectError(await call(h, 'POST', '/api/enrol-codes', { token: staff, body: { unitId: 'avd-21' } }), 403, 'forbidden');
    const tablet = await enrolTablet(h, manager, 'avd-21');
    expectError(await call(h, 'POST', '/api/enrol-codes', { token: tablet, body: { unitId: 'avd-21' } }), 403, 'forbidden');
    expectError(await call(h, 'POST', '/api/enrol-codes', { token: manager, body: { unitId: 'no-such-unit' } }), 404, 'not-found');
  });

  it('a failure while the tablet is created does not use up the code (one transaction, issue 18)', async () => {
    const code = await newEnrolCode(h, manager, 'avd-21');
    const real = h.store.tx.bind(h.store);
    let failNext = true;
    // The device insert fails once, as a database error would (a real SqliteError).
    h.store.tx = (fn) =>
      real((tx) =>
        fn({
          ...tx,
          insertDevice: async (d) => {
            if (!failNext) return tx.insertDevice(d);
            failNext = false;
            return tx.insertDevice({ ...d, kind: null as unknown as 'tablet' });
          },
        }),
      );
    expect((await enrol(code, 'Expeditionen')).statusCode).toBe(500);
    expect((await enrol(code, 'Expeditionen')).statusCode).toBe(200);
  });

  it('a code made before its unit closed does not enrol a tablet there', async () => {
    const code = await newEnrolCode(h, manager, 'avd-21');
    const admin = await loginAs(h, 'admin');
    expect((await call(h, 'PATCH', '/api/admin/units/avd-21', { token: admin, body: { closed: true } })).statusCode).toBe(200);
    expectError(await enrol(code), 400, 'enrol-code-invalid');
    expectError(await call(h, 'POST', '/api/enrol-codes', { token: manager, body: { unitId: 'avd-21' } }), 409, 'unit-closed');
  });
});

describe('devices and revocation', () => {
  it('a manager lists the tablets of units in scope', async () => {
    const t1 = await enrolTablet(h, manager, 'avd-21');
    const vochef = await loginAs(h, 'vochef');
    const t2 = await enrolTablet(h, vochef, 'avd-22');
    const own = await call(h, 'GET', '/api/devices?unitId=avd-21', { token: manager });
    expect(DeviceListResponse.parse(own.json()).devices.map((d) => d.id)).toEqual([t1.deviceId]);
    const all = DeviceListResponse.parse((await call(h, 'GET', '/api/devices?unitId=vo-med', { token: vochef })).json());
    expect(all.devices.map((d) => d.id).sort()).toEqual([t1.deviceId, t2.deviceId].sort());
    expect(all.devices.find((d) => d.id === t1.deviceId)).toMatchObject({ unitId: 'avd-21', revokedAt: null, lastSeenAt: new Date(NOW).toISOString() });
    expectError(await call(h, 'GET', '/api/devices?unitId=avd-22', { token: manager }), 403, 'scope-denied');
  });

  it('revoking a tablet: 401 device-revoked on its token, its renewal and its push', async () => {
    const tablet = await enrolTablet(h, manager, 'avd-21');
    const res = await call(h, 'POST', `/api/devices/${tablet.deviceId}/revoke`, { token: manager });
    expect(res.statusCode).toBe(204);
    expectError(await call(h, 'GET', '/api/me', { token: tablet }), 401, 'device-revoked');
    expectError(await call(h, 'POST', '/api/auth/token', { body: { deviceId: tablet.deviceId, deviceSecret: tablet.deviceSecret } }), 401, 'device-revoked');
    const change = outbox(tablet.deviceId, NOW).insertObs(observation('avd-21', TODAY));
    expectError(await pushRaw(h, tablet, [change]), 401, 'device-revoked');
    expect((await h.store.getDevice(tablet.deviceId))?.lastSeq).toBe(0);
    const list = DeviceListResponse.parse((await call(h, 'GET', '/api/devices?unitId=avd-21', { token: manager })).json());
    expect(list.devices[0]?.revokedAt).toBe(new Date(NOW).toISOString());
  });

  it('revoking twice is fine; a manager of another subtree gets 403; staff get 403; a person\'s device is 404', async () => {
    const tablet = await enrolTablet(h, manager, 'avd-21');
    expect((await call(h, 'POST', `/api/devices/${tablet.deviceId}/revoke`, { token: manager })).statusCode).toBe(204);
    expect((await call(h, 'POST', `/api/devices/${tablet.deviceId}/revoke`, { token: manager })).statusCode).toBe(204);
    const other = await enrolTablet(h, await loginAs(h, 'vochef'), 'avd-22');
    expectError(await call(h, 'POST', `/api/devices/${other.deviceId}/revoke`, { token: manager }), 403, 'scope-denied');
    const staff = await loginAs(h, 'personal21');
    expectError(await call(h, 'POST', `/api/devices/${other.deviceId}/revoke`, { token: staff }), 403, 'forbidden');
    expectError(await call(h, 'POST', `/api/devices/${staff.deviceId}/revoke`, { token: manager }), 404, 'not-found');
    expect((await call(h, 'GET', '/api/me', { token: other })).statusCode).toBe(200);
  });
});
