/**
 * Issue 18 items 3 and 4 through the HTTP API, on SQLite and PostgreSQL alike: NUL and other
 * control characters and personnummer in any spelling are refused with a code and a field path
 * (never a 500 from PostgreSQL, which cannot store NUL), an enrolment with a bad label keeps its
 * code, and ids that are not free text (record ids in deletes, HLC nodes, unit ids, usernames,
 * codes) cannot carry a personnummer either.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSqliteStore } from '../../src/server/store/sqlite/index';
import type { Store } from '../../src/server/store/store';
import { type Change, PushResponse } from '../../src/shared/protocol';
import { SCHEMA_VERSION } from '../../src/shared/schema/registry';
import { formatHlc, nodeFromDeviceId } from '../../src/shared/sync/hlc';
import { ISSUE_SPELLINGS, STANDARD_SPELLINGS } from '../fixtures/personnummer';
import { assertPgReachable, freshPgStore } from '../fixtures/postgres';
import { observation, outbox } from '../fixtures/sync';
import { call, type Client, expectError, type Harness, harness, loginAs, newEnrolCode, NOW, pullAll, pushRaw, TODAY } from './helpers';

const PERSONNUMMER = [...STANDARD_SPELLINGS, ...ISSUE_SPELLINGS];
/** The spellings that fit an id's characters ([A-Za-z0-9_:.-]). */
const ID_SHAPED = PERSONNUMMER.filter((p) => /^[A-Za-z0-9_:.\-]+$/.test(p));

const databases: [string, () => Promise<Store>][] = [
  ['SQLite', async () => createSqliteStore(':memory:')],
  [
    'PostgreSQL',
    async () => {
      await assertPgReachable();
      return freshPgStore();
    },
  ],
];

describe.each(databases)('%s', (_, makeStore) => {
  let h: Harness;
  let admin: Client;
  let manager: Client;
  beforeAll(async () => {
    h = await harness({}, await makeStore());
    admin = await loginAs(h, 'admin');
    manager = await loginAs(h, 'avdchef21');
  });
  afterAll(async () => {
    await h?.close();
  });
  const pathOf = (res: Awaited<ReturnType<typeof call>>, code = 'validation') => expectError(res, 400, code).path;

  it('NUL in a unit name, an account name, a device label or a change id → 400 at the field, nothing stored', async () => {
    const units = (await h.store.listUnits()).length;
    expect(pathOf(await call(h, 'POST', '/api/admin/units', { token: admin, body: { name: 'Avd\u0000 9', kind: 'enhet', parentId: 'vo-med' } }))).toEqual(['name']);
    expect(pathOf(await call(h, 'PATCH', '/api/admin/units/avd-21', { token: admin, body: { name: 'Avd\u000021' } }))).toEqual(['name']);
    const account = { username: 'ny.person', displayName: 'Ny\u0000Person', password: 'langt-losenord', role: 'staff', scopeUnitId: 'avd-21' };
    expect(pathOf(await call(h, 'POST', '/api/admin/accounts', { token: admin, body: account }))).toEqual(['displayName']);
    expect(pathOf(await call(h, 'POST', '/api/auth/login', { body: { username: 'admin', password: 'pulstavlan', label: 'Tel\u0000' } }))).toEqual(['label']);
    expect((await h.store.listUnits()).length).toBe(units);
    expect((await h.store.getUnit('avd-21'))?.name).toBe('Avdelning 21 Medicin');
    expect(await h.store.getAccountByUsername('ny.person')).toBeUndefined();
  });

  it('an enrolment with a NUL or a personnummer in its label is refused and does not use up the code', async () => {
    const code = await newEnrolCode(h, manager, 'avd-21');
    for (const label of ['Platta\u0000', 'Platta\u001B', 'Pat 121212-1212']) {
      const res = await call(h, 'POST', '/api/auth/enrol', { body: { code, label } });
      expect(res.statusCode).toBe(400);
      expect(res.json().path).toEqual(['label']);
    }
    expect((await call(h, 'POST', '/api/auth/enrol', { body: { code, label: 'Expeditionen' } })).statusCode).toBe(200);
  });

  it('a change id with NUL or a space is rejected alone at its id (rule 5)', async () => {
    const box = outbox(admin.deviceId, NOW, 1);
    const good = box.insertObs(observation('avd-21', TODAY));
    const nul = { ...box.patchSettings('avd-21', { bhkMinN: 3 }), id: 'settings:avd\u000021' };
    const spaced = { ...box.patchSettings('avd-21', { bhkMinN: 3 }), id: 'settings:avd 21' };
    const res = await pushRaw(h, admin, [good, nul, spaced] as Change[]);
    expect(res.statusCode, res.body).toBe(200);
    expect(PushResponse.parse(res.json())).toMatchObject({
      ok: true,
      rejected: [
        { seq: 2, code: 'validation', path: ['id'] },
        { seq: 3, code: 'validation', path: ['id'] },
      ],
    });
  });

  it('personnummer in names, labels, usernames, passwords and imported unit ids → 400 personnummer', async () => {
    for (const p of PERSONNUMMER) {
      expectError(await call(h, 'POST', '/api/admin/units', { token: admin, body: { name: `Avd ${p}`, kind: 'enhet', parentId: 'vo-med' } }), 400, 'personnummer');
      expectError(await call(h, 'POST', '/api/auth/login', { body: { username: 'admin', password: 'pulstavlan', label: `Tel ${p}` } }), 400, 'personnummer');
      const account = { username: 'ny.person', displayName: 'Ny Person', password: `x${p}x`, role: 'staff', scopeUnitId: 'avd-21' };
      expect(expectError(await call(h, 'POST', '/api/admin/accounts', { token: admin, body: account }), 400, 'personnummer').path).toEqual(['password']);
    }
    for (const p of ID_SHAPED) {
      const account = { username: `u${p}`, displayName: 'Ny Person', password: 'langt-losenord', role: 'staff', scopeUnitId: 'avd-21' };
      expect(expectError(await call(h, 'POST', '/api/admin/accounts', { token: admin, body: account }), 400, 'personnummer').path).toEqual(['username']);
      const csv = `id;name;kind;parentId\n${p};Avdelning;enhet;vo-med\n`;
      const res = expectError(await call(h, 'POST', '/api/admin/units/import', { token: admin, body: { format: 'csv', content: csv } }), 400, 'import-invalid');
      expect(res.errors).toEqual([{ line: 2, code: 'personnummer', path: ['id'] }]);
    }
  });

  it('ids in deletes and patches, HLC nodes, profession and shift codes cannot hold a personnummer', async () => {
    const seq0 = (await h.store.getDevice(admin.deviceId))?.lastSeq ?? 0;
    const node = nodeFromDeviceId(admin.deviceId);
    let seq = seq0;
    const base = () => ({ seq: ++seq, unitId: 'avd-21', schemaVersion: SCHEMA_VERSION, hlc: formatHlc({ millis: NOW, counter: seq, node }) });
    const changes: Change[] = [];
    const expected: { seq: number; code: string; path: (string | number)[] }[] = [];
    for (const p of ID_SHAPED) {
      for (const entity of ['action', 'idea']) {
        changes.push({ ...base(), entity, id: p, op: 'delete', fields: {} } as unknown as Change);
        expected.push({ seq, code: 'validation', path: ['id'] });
      }
      changes.push({ ...base(), entity: 'bhkObservation', id: p, op: 'insert', fields: { ...observation('avd-21', TODAY), id: p } } as unknown as Change);
      expected.push({ seq, code: 'personnummer', path: ['fields', 'id'] });
      const hlcNode = p.replace(/[^0-9a-z]/g, '');
      changes.push({ ...base(), entity: 'unitSettings', id: 'settings:avd-21', op: 'patch', fields: { bhkMinN: 2 }, hlc: formatHlc({ millis: NOW, counter: 0, node: hlcNode }) } as unknown as Change);
      expected.push({ seq, code: 'validation', path: ['hlc'] });
      const obs = { ...observation('avd-21', TODAY), profession: `x${hlcNode}` };
      changes.push({ ...base(), entity: 'bhkObservation', id: obs.id, op: 'insert', fields: obs } as unknown as Change);
      expected.push({ seq, code: 'personnummer', path: ['fields', 'profession'] });
      changes.push({ ...base(), entity: 'staffingSettings', id: 'staffingSettings:avd-21', op: 'patch', fields: { shifts: [`s${hlcNode}`] } } as unknown as Change);
      expected.push({ seq, code: 'personnummer', path: ['fields', 'shifts', 0] });
    }
    const before = await h.store.headSeq('/');
    const res = await pushRaw(h, admin, changes);
    expect(res.statusCode, res.body).toBe(200);
    const reply = PushResponse.parse(res.json());
    expect(reply.ok && reply.rejected.map(({ seq: s, code, path }) => ({ seq: s, code, path }))).toEqual(expected);
    expect(await h.store.headSeq('/')).toBe(before);
  });

  it('an HLC of another device this server issued is accepted (a re-enrolled tablet pushes its old outbox)', async () => {
    const other = await loginAs(h, 'personal21');
    const seq = ((await h.store.getDevice(admin.deviceId))?.lastSeq ?? 0) + 1;
    const hlc = formatHlc({ millis: NOW + 5, counter: 0, node: nodeFromDeviceId(other.deviceId) });
    const change = { seq, entity: 'unitSettings', id: 'settings:avd-21', unitId: 'avd-21', op: 'patch', fields: { bhkMinN: 6 }, hlc, schemaVersion: SCHEMA_VERSION } as unknown as Change;
    expect(PushResponse.parse((await pushRaw(h, admin, [change])).json())).toMatchObject({ ok: true, lastSeq: seq, rejected: [] });
    expect((await pullAll(h, admin)).at(-1)).toMatchObject({ hlc });
  });
});
