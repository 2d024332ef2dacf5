/**
 * The audit log (issue 12) on SQLite and PostgreSQL: the change log with who (tablet label or
 * account) and where, filtered by subtree, entity, person/device and Stockholm days, paged, as CSV;
 * a manager never sees another subtree, in the changes or the security events; nothing can be changed.
 */
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dayStart } from '../../src/server/audit/service';
import { createSqliteStore } from '../../src/server/store/sqlite/index';
import type { Store } from '../../src/server/store/store';
import { AuditChangesResponse, AuditEventsResponse } from '../../src/shared/audit-api';
import { assertPgReachable, freshPgStore } from '../fixtures/postgres';
import { observation, outbox } from '../fixtures/sync';
import { call, type Client, enrolTablet, expectError, type Harness, harness, loginAs, NOW, push, TODAY } from './helpers';

describe('dayStart', () => {
  it('is Stockholm midnight in winter and summer time', () => {
    expect(dayStart('2026-03-10')).toBe('2026-03-09T23:00:00.000Z');
    expect(dayStart('2026-07-01')).toBe('2026-06-30T22:00:00.000Z');
    expect(dayStart('2026-03-29')).toBe('2026-03-28T23:00:00.000Z');
  });
});

const databases: [string, () => Promise<Store>][] = [
  ['SQLite', async () => createSqliteStore(':memory:')],
  ['PostgreSQL', async () => (await assertPgReachable(), freshPgStore())],
];

describe.each(databases)('the audit log on %s', (_, make) => {
  let h: Harness;
  let admin: Client;
  let vochef: Client;
  let avdchef21: Client;
  let t21: Client;
  let t22: Client;
  const get = async (c: Client, url: string) => {
    const res = await call(h, 'GET', url, { token: c });
    expect(res.statusCode, res.body).toBe(200);
    return res;
  };
  const changes = async (c: Client, q: string) => AuditChangesResponse.parse((await get(c, `/api/audit/changes?${q}`)).json());

  beforeAll(async () => {
    h = await harness({}, await make());
    admin = await loginAs(h, 'admin');
    vochef = await loginAs(h, 'vochef');
    avdchef21 = await loginAs(h, 'avdchef21');
    t21 = await enrolTablet(h, avdchef21, 'avd-21');
    t22 = await enrolTablet(h, vochef, 'avd-22');
    const b21 = outbox(t21.deviceId, NOW);
    await push(h, t21, [b21.insertObs(observation('avd-21', TODAY)), b21.insertObs(observation('avd-21', TODAY))]);
    await push(h, t22, [outbox(t22.deviceId, NOW).insertObs(observation('avd-22', TODAY))]);
    await push(h, vochef, [outbox(vochef.deviceId, NOW).patchSettings('vo-med', { bhkMinN: 5 })]);
  }, 60_000);
  afterAll(() => h?.close());

  it('a manager reads the changes of the subtree: who (tablet label or account), what, which unit, when', async () => {
    const page = await changes(vochef, 'rootId=vo-med');
    expect(page.changes).toHaveLength(4);
    expect(page.next).toBeNull();
    const [settings, obs22] = page.changes;
    expect(settings).toMatchObject({ entity: 'unitSettings', op: expect.any(String), unitId: 'vo-med', who: 'Verksamhetschef Medicin', kind: 'account' });
    expect(JSON.parse(settings!.fields)).toMatchObject({ bhkMinN: 5 });
    expect(obs22).toMatchObject({ entity: 'bhkObservation', op: 'insert', unitId: 'avd-22', unitName: 'Avdelning 22 Kardiologi', who: 'Surfplatta Avdelning 22 Kardiologi', kind: 'tablet', deviceId: t22.deviceId, accountId: null });
    expect(obs22!.receivedAt).toBe(new Date(NOW).toISOString());
    // Newest first.
    expect(page.changes.map((c) => c.serverSeq)).toEqual([...page.changes.map((c) => c.serverSeq)].sort((a, b) => b - a));
  });

  it('filters: a unit’s subtree, an entity, a device or account, Stockholm days; paged', async () => {
    expect((await changes(avdchef21, 'rootId=avd-21')).changes.map((c) => c.unitId)).toEqual(['avd-21', 'avd-21']);
    expect((await changes(vochef, 'rootId=vo-med&entity=unitSettings')).changes).toHaveLength(1);
    expect((await changes(vochef, `rootId=vo-med&who=${t21.deviceId}`)).changes).toHaveLength(2);
    expect((await changes(vochef, `rootId=vo-med&who=${vochef.identity.accountId}`)).changes.map((c) => c.entity)).toEqual(['unitSettings']);
    expect((await changes(vochef, `rootId=vo-med&from=${TODAY}&to=${TODAY}`)).changes).toHaveLength(4);
    expect((await changes(vochef, 'rootId=vo-med&from=2026-03-11')).changes).toHaveLength(0);
    expect((await changes(vochef, 'rootId=vo-med&to=2026-03-09')).changes).toHaveLength(0);
    const first = await changes(vochef, 'rootId=vo-med&limit=3');
    expect(first.changes).toHaveLength(3);
    expect(first.next).toBe(first.changes[2]!.serverSeq);
    const second = await changes(vochef, `rootId=vo-med&limit=3&before=${first.next}`);
    expect(second.changes).toHaveLength(1);
    expect(second.next).toBeNull();
  });

  it('a manager never sees another subtree; staff and tablets may not read the log', async () => {
    expectError(await call(h, 'GET', '/api/audit/changes?rootId=avd-22', { token: avdchef21 }), 403, 'scope-denied');
    expectError(await call(h, 'GET', '/api/audit/changes?rootId=region', { token: vochef }), 403, 'scope-denied');
    expectError(await call(h, 'GET', '/api/audit/changes?rootId=avd-21', { token: t21 }), 403, 'forbidden');
    expectError(await call(h, 'GET', '/api/audit/changes?rootId=avd-21', { token: await loginAs(h, 'personal21') }), 403, 'forbidden');
    expect((await changes(admin, 'rootId=region')).changes).toHaveLength(4);
  });

  it('CSV: the filtered log as Swedish Excel opens it', async () => {
    const res = await call(h, 'GET', '/api/audit/changes.csv?rootId=vo-med&entity=bhkObservation', { token: vochef, headers: { accept: 'text/csv' } });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.headers['content-type']).toContain('text/csv');
    expect(res.headers['content-disposition']).toMatch(/attachment; filename="logg-vo-med-\d{4}-\d{2}-\d{2}\.csv"/);
    const lines = res.body.replace(/^\uFEFF/, '').trim().split('\r\n');
    expect(lines[0]).toBe('Löpnummer;Mottagen;HLC;Enhet;Enhets-id;Vem;Typ;Post;Posttyp;Rad-id;Åtgärd;Fält');
    expect(lines).toHaveLength(4);
    expect(lines[1]).toContain(';Avdelning 22 Kardiologi;avd-22;Surfplatta Avdelning 22 Kardiologi;surfplatta;BHK-observation;bhkObservation;');
  });

  it('Excel: the same filtered log as typed cells, read back by a second library', async () => {
    const res = await call(h, 'GET', '/api/audit/changes.xlsx?rootId=vo-med&entity=bhkObservation', { token: vochef });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.headers['content-disposition']).toMatch(/filename="logg-vo-med-\d{4}-\d{2}-\d{2}\.xlsx"/);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
    const ws = wb.worksheets[0]!;
    expect(ws.getRow(1).values).toEqual([undefined, 'Löpnummer', 'Mottagen', 'HLC', 'Enhet', 'Enhets-id', 'Vem', 'Typ', 'Post', 'Posttyp', 'Rad-id', 'Åtgärd', 'Fält']);
    expect(ws.rowCount).toBe(4);
    expect(typeof ws.getRow(2).getCell(1).value).toBe('number');
    expect(ws.getRow(2).getCell(4).value).toBe('Avdelning 22 Kardiologi');
    expectError(await call(h, 'GET', '/api/audit/changes.xlsx?rootId=region', { token: vochef }), 403, 'scope-denied');
  });

  it('the security log: sign-ins, enrolments, accounts created by whom, each about its unit', async () => {
    const made = await call(h, 'POST', '/api/admin/accounts', { token: admin, body: { username: 'ny.chef', displayName: 'Ny Chef', password: 'ett-langt-losenord', role: 'manager', scopeUnitId: 'avd-21' } });
    expect(made.statusCode, made.body).toBe(200);
    // A failed sign-in of a name nobody has is about no unit: only the whole organisation's admin sees it.
    expectError(await call(h, 'POST', '/api/auth/login', { body: { username: 'finns.inte', password: 'fel-losenord-1' } }), 401, 'invalid-credentials');
    const events = AuditEventsResponse.parse((await get(admin, '/api/audit/events?rootId=region')).json()).events;
    expect(events.some((e) => e.kind === 'login' && e.subject === 'vochef' && e.outcome === 'ok' && e.unitName === 'VO Medicin')).toBe(true);
    expect(events.find((e) => e.kind === 'device-enrolled' && e.subject === t21.deviceId)).toMatchObject({ unitName: 'Avdelning 21 Medicin', subjectName: 'Surfplatta Avdelning 21 Medicin' });
    expect(events.find((e) => e.kind === 'account-created')).toMatchObject({ subject: (made.json() as { id: string }).id, subjectName: 'Ny Chef', actor: admin.deviceId, actorName: 'Administratör', unitName: 'Avdelning 21 Medicin' });
    expect(events.find((e) => e.kind === 'login' && e.subject === 'finns.inte')).toMatchObject({ outcome: 'failed', unitName: null });
  });

  it('a manager reads the security events of the subtree, never another one or those about no unit', async () => {
    const mine = AuditEventsResponse.parse((await get(vochef, '/api/audit/events?rootId=vo-med')).json()).events;
    expect(mine.some((e) => e.kind === 'device-enrolled' && e.subject === t22.deviceId)).toBe(true);
    expect(mine.some((e) => e.kind === 'login' && e.subject === 'avdchef21')).toBe(true);
    expect(mine.every((e) => e.unitName !== null)).toBe(true);
    expect(mine.some((e) => e.subject === 'admin' || e.subject === 'finns.inte')).toBe(false);
    const unit21 = AuditEventsResponse.parse((await get(avdchef21, '/api/audit/events?rootId=avd-21')).json()).events;
    expect(unit21.some((e) => e.subject === t21.deviceId)).toBe(true);
    expect(unit21.some((e) => e.subject === t22.deviceId || e.subject === 'vochef')).toBe(false);
    expectError(await call(h, 'GET', '/api/audit/events?rootId=vo-med', { token: avdchef21 }), 403, 'scope-denied');
    expectError(await call(h, 'GET', '/api/audit/events?rootId=avd-21', { token: t21 }), 403, 'forbidden');
    // Even the region admin sees the events about no unit only with the whole organisation.
    const admin21 = AuditEventsResponse.parse((await get(admin, '/api/audit/events?rootId=avd-21')).json()).events;
    expect(admin21.some((e) => e.unitName === null)).toBe(false);
  });

  it('a device that logs out is in the security log as ended by itself', async () => {
    const phone = await loginAs(h, 'avdchef21');
    expect((await call(h, 'POST', '/api/auth/logout', { token: phone })).statusCode).toBeLessThan(300);
    const events = AuditEventsResponse.parse((await get(vochef, '/api/audit/events?rootId=avd-21')).json()).events;
    expect(events.find((e) => e.kind === 'device-revoked' && e.subject === phone.deviceId)).toMatchObject({ actor: phone.deviceId, unitName: 'Avdelning 21 Medicin' });
  });

  it('nothing in the log can be changed through the API: the audit routes are GET only', () => {
    const audit = h.app.routeTable.filter((r) => r.url.startsWith('/api/audit'));
    expect(audit.map((r) => `${r.method} ${r.url}`)).toEqual(['GET /api/audit/changes', 'GET /api/audit/changes.csv', 'GET /api/audit/changes.xlsx', 'GET /api/audit/events']);
  });
});
