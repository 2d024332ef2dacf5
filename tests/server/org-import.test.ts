/** Org tree import (CSV and JSON): all-or-nothing, every error with its line number. */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createAccount } from '../../src/server/auth/accounts';
import { MAX_IMPORT_ROWS } from '../../src/server/org/import';
import { ImportErrorItem, ImportOrgResponse } from '../../src/shared/api';
import { call, type Client, expectError, type Harness, loginAs, signedIn } from './helpers';

let h: Harness;
let admin: Client;
beforeEach(async () => void ({ h, user: admin } = await signedIn('admin')));
afterEach(() => h.close());

const importOrg = (format: 'csv' | 'json', content: string) =>
  call(h, 'POST', '/api/admin/units/import', { token: admin, body: { format, content } });
const ok = async (format: 'csv' | 'json', content: string) => {
  const res = await importOrg(format, content);
  expect(res.statusCode, res.body).toBe(200);
  return ImportOrgResponse.parse(res.json());
};
const failed = async (format: 'csv' | 'json', content: string) => {
  const body = expectError(await importOrg(format, content), 400, 'import-invalid');
  return (body.errors as unknown[]).map((e) => ImportErrorItem.parse(e));
};
const parentOf = async (id: string) => (await h.store.getUnit(id))?.parentId;

describe('CSV', () => {
  it('a file with a BOM, ; separators and CRLF creates a tree, parents listed after children', async () => {
    const csv = '\uFEFFid;name;kind;parentId\r\navd-51;Avdelning 51;enhet;vo-psyk\r\nvo-psyk;VO Psykiatri;vo;div-lsv\r\navd-52;Avdelning 52;enhet;vo-psyk\r\n\r\n';
    expect(await ok('csv', csv)).toEqual({ created: 3, updated: 0 });
    expect(await h.store.getUnit('vo-psyk')).toMatchObject({ name: 'VO Psykiatri', kind: 'vo', path: '/region/div-lsv/vo-psyk/' });
    expect(await h.store.getUnit('avd-51')).toMatchObject({ parentId: 'vo-psyk', path: '/region/div-lsv/vo-psyk/avd-51/' });
    expect(await parentOf('avd-52')).toBe('vo-psyk');
  });

  it('a file with , separators and quoted names creates a tree', async () => {
    const csv = 'ID,Name,Kind,ParentId\ndiv-nll,"Division Nära vård, länet",division,region\nvc-1,"Vårdcentral ""Norr""",enhet,div-nll\n';
    expect(await ok('csv', csv)).toEqual({ created: 2, updated: 0 });
    expect((await h.store.getUnit('div-nll'))?.name).toBe('Division Nära vård, länet');
    expect((await h.store.getUnit('vc-1'))?.name).toBe('Vårdcentral "Norr"');
  });

  it('rows for existing units rename and move them', async () => {
    const csv = 'id;name;kind;parentId\navd-21;Avdelning 21 Infektion;enhet;vo-kir\nvo-med;VO Medicin;vo;div-lsv\n';
    expect(await ok('csv', csv)).toEqual({ created: 0, updated: 2 });
    expect(await h.store.getUnit('avd-21')).toMatchObject({ name: 'Avdelning 21 Infektion', parentId: 'vo-kir', path: '/region/div-lsv/vo-kir/avd-21/' });
    expect(await parentOf('avd-22')).toBe('vo-med');
  });

  it('several bad lines: each error is reported with its line number and nothing is written', async () => {
    const before = await h.store.listUnits();
    const csv = [
      'id;name;kind;parentId',
      'good-1;Bra enhet;enhet;vo-med', // 2: fine on its own
      'bad-kind;Fel typ;avdelning;vo-med', // 3
      'orphan;Föräldralös;enhet;finns-inte', // 4
      'good-1;Dubblett;enhet;vo-med', // 5
      'pnr;Pat 19121212-1212;enhet;vo-med', // 6
      'loop-a;Ring A;enhet;loop-b', // 7
      'loop-b;Ring B;enhet;loop-a', // 8
      'bad id!;Ogiltigt id;enhet;vo-med', // 9
      'rootless;Ny rot;region;', // 10
    ].join('\n');
    const errors = await failed('csv', csv);
    expect(errors.map((e) => [e.line, e.code, e.path])).toEqual([
      [3, 'validation', ['kind']],
      [4, 'not-found', ['parentId']],
      [5, 'duplicate', ['id']],
      [6, 'personnummer', ['name']],
      [7, 'cycle', ['parentId']],
      [8, 'cycle', ['parentId']],
      [9, 'validation', ['id']],
      [10, 'validation', ['parentId']],
    ]);
    expect(await h.store.listUnits()).toEqual(before);
  });

  it('a wrong header is reported on line 1', async () => {
    expect(await failed('csv', 'namn;typ\nx;y\n')).toEqual([{ line: 1, code: 'validation', path: ['header'] }]);
  });

  it('a row that would move a unit under its own descendant is a cycle, and nothing is written', async () => {
    const before = await h.store.listUnits();
    const csv = 'id;name;kind;parentId\nnew-1;Ny;enhet;vo-med\nvo-med;VO Medicin;vo;avd-21\n';
    expect(await failed('csv', csv)).toEqual([{ line: 3, code: 'cycle', path: ['parentId'] }]);
    expect(await h.store.listUnits()).toEqual(before);
  });
});

describe('JSON', () => {
  it('an array of units creates a tree', async () => {
    const units = [
      { id: 'vo-rehab', name: 'VO Rehabilitering', kind: 'vo', parentId: 'div-lsv' },
      { id: 'rehab-1', name: 'Rehab 1', kind: 'enhet', parentId: 'vo-rehab' },
    ];
    expect(await ok('json', JSON.stringify(units))).toEqual({ created: 2, updated: 0 });
    expect(await h.store.getUnit('rehab-1')).toMatchObject({ path: '/region/div-lsv/vo-rehab/rehab-1/' });
  });

  it('errors are numbered by array position (1-based), unknown fields included; nothing is written', async () => {
    const before = await h.store.listUnits();
    const units = [
      { id: 'ok-1', name: 'OK', kind: 'enhet', parentId: 'vo-med' },
      { id: 'x-1', name: 'X', kind: 'enhet', parentId: 'vo-med', manager: 'Anna' },
      { id: 'x-2', name: 42, kind: 'enhet', parentId: 'vo-med' },
    ];
    expect((await failed('json', JSON.stringify(units))).map((e) => [e.line, e.code, e.path])).toEqual([
      [2, 'validation', ['manager']],
      [3, 'validation', ['name']],
    ]);
    expect(await h.store.listUnits()).toEqual(before);
  });

  it('content that is not JSON, or not an array, is one error on line 1', async () => {
    expect(await failed('json', '[{"id":')).toEqual([{ line: 1, code: 'malformed-json' }]);
    expect(await failed('json', '{"units":[]}')).toEqual([{ line: 1, code: 'validation', path: [] }]);
  });
});

describe('scope', () => {
  it('an admin scoped to a VO can neither change units outside it nor create or move units into them', async () => {
    await createAccount(h.store, null, { username: 'divadmin', displayName: 'Div Admin', password: 'pulstavlan', role: 'admin', scopeUnitId: 'vo-med' });
    admin = await loginAs(h, 'divadmin');
    const before = await h.store.listUnits();
    const errors = await failed('csv', 'id;name;kind;parentId\navd-31;Flyttad;enhet;vo-med\n');
    expect(errors).toEqual([{ line: 2, code: 'scope-denied', path: ['id'] }]);
    const outside = 'id;name;kind;parentId\nny-med;Ny;enhet;vo-med\nny-kir;Ny;enhet;vo-kir\navd-21;Flyttad;enhet;vo-kir\n';
    expect(await failed('csv', outside)).toEqual([
      { line: 3, code: 'scope-denied', path: ['parentId'] },
      { line: 4, code: 'scope-denied', path: ['parentId'] },
    ]);
    // The root's row stands without a parent; it is still outside this admin's scope.
    expect(await failed('csv', 'id;name;kind;parentId\nregion;Omdöpt region;region;\n')).toEqual([{ line: 2, code: 'scope-denied', path: ['id'] }]);
    expect(await h.store.listUnits()).toEqual(before);
  });
});

describe('issue 18 item 6: an import is bounded', () => {
  it(`more than MAX_IMPORT_ROWS units is refused at the first line too many, nothing written`, async () => {
    const before = (await h.store.listUnits()).length;
    const rows = Array.from({ length: MAX_IMPORT_ROWS + 1 }, (_, i) => `u-${i};Enhet ${i};enhet;vo-med`);
    const errors = await failed('csv', ['id;name;kind;parentId', ...rows].join('\n'));
    expect(errors).toEqual([{ line: MAX_IMPORT_ROWS + 2, code: 'validation', path: [] }]);
    expect((await h.store.listUnits()).length).toBe(before);
  });

  it('a deep chain listed children first is created parents first, every path right', async () => {
    const n = 300;
    const rows = Array.from({ length: n }, (_, i) => `c-${n - 1 - i};Nivå ${n - 1 - i};vo;${n - 1 - i === 0 ? 'div-lsv' : `c-${n - 2 - i}`}`);
    expect(await ok('csv', ['id;name;kind;parentId', ...rows].join('\n'))).toEqual({ created: n, updated: 0 });
    const deepest = await h.store.getUnit(`c-${n - 1}`);
    expect(deepest?.path).toBe(`/region/div-lsv/${Array.from({ length: n }, (_, i) => `c-${i}/`).join('')}`);
  });
});


describe('HSA-ids (issue 12)', () => {
  it('a CSV with an hsaId column sets them, names parents by HSA-id, and they show in the org tree', async () => {
    const csv = 'id;name;kind;parentId;hsaId\nvo-onk;VO Onkologi;vo;div-lsv;SE2321000016-VOONK\navd-61;Avdelning 61;enhet;SE2321000016-VOONK;SE2321000016-A61\navd-21;Avdelning 21;enhet;vo-med;SE2321000016-A21\n';
    expect(await ok('csv', csv)).toEqual({ created: 2, updated: 1 });
    expect(await h.store.getUnit('avd-61')).toMatchObject({ parentId: 'vo-onk', hsaId: 'SE2321000016-A61', path: '/region/div-lsv/vo-onk/avd-61/' });
    expect((await h.store.getUnitByHsaId('SE2321000016-A21'))?.id).toBe('avd-21');
    const org = await call(h, 'GET', '/api/org', { token: admin });
    expect((org.json() as { units: { id: string; hsaId?: string | null }[] }).units.find((u) => u.id === 'avd-61')?.hsaId).toBe('SE2321000016-A61');
  });

  it('a malformed or duplicate HSA-id is reported on its line and nothing is written', async () => {
    await ok('csv', 'id;name;kind;parentId;hsaId\navd-21;Avdelning 21;enhet;vo-med;SE2321000016-A21\n');
    const before = await h.store.listUnits();
    const errors = await failed('csv', [
      'id;name;kind;parentId;hsaId',
      'n1;Ny 1;enhet;vo-med;SE123', // 2: malformed
      'n2;Ny 2;enhet;vo-med;SE2321000016-A21', // 3: held by avd-21
      'n3;Ny 3;enhet;vo-med;SE2321000016-X1', // 4
      'n4;Ny 4;enhet;vo-med;SE2321000016-X1', // 5: twice in the file
    ].join('\n'));
    expect(errors).toEqual([
      { line: 2, code: 'validation', path: ['hsaId'] },
      { line: 3, code: 'duplicate', path: ['hsaId'] },
      { line: 5, code: 'duplicate', path: ['hsaId'] },
    ]);
    expect(await h.store.listUnits()).toEqual(before);
  });

  it('JSON: one unit may hand its HSA-id to another in the same file; null removes it', async () => {
    await ok('json', JSON.stringify([{ id: 'avd-21', name: 'Avdelning 21', kind: 'enhet', parentId: 'vo-med', hsaId: 'SE2321000016-A21' }]));
    await ok('json', JSON.stringify([
      { id: 'avd-22', name: 'Avdelning 22', kind: 'enhet', parentId: 'vo-med', hsaId: 'SE2321000016-A21' },
      { id: 'avd-21', name: 'Avdelning 21', kind: 'enhet', parentId: 'vo-med', hsaId: null },
    ]));
    expect((await h.store.getUnitByHsaId('SE2321000016-A21'))?.id).toBe('avd-22');
    expect((await h.store.getUnit('avd-21'))?.hsaId).toBeUndefined();
  });

  it('the admin sets, shows and removes a unit’s HSA-id; another unit’s is refused', async () => {
    const set = await call(h, 'PATCH', '/api/admin/units/avd-21', { token: admin, body: { hsaId: ' SE2321000016-A21 ' } });
    expect(set.statusCode, set.body).toBe(200);
    expect(set.json()).toMatchObject({ id: 'avd-21', hsaId: 'SE2321000016-A21' });
    expectError(await call(h, 'PATCH', '/api/admin/units/avd-22', { token: admin, body: { hsaId: 'SE2321000016-A21' } }), 409, 'duplicate');
    expectError(await call(h, 'POST', '/api/admin/units', { token: admin, body: { name: 'Ny', kind: 'enhet', parentId: 'vo-med', hsaId: 'SE2321000016-A21' } }), 409, 'duplicate');
    expectError(await call(h, 'PATCH', '/api/admin/units/avd-22', { token: admin, body: { hsaId: 'inte-ett-hsa-id' } }), 400, 'validation');
    const created = await call(h, 'POST', '/api/admin/units', { token: admin, body: { name: 'Ny', kind: 'enhet', parentId: 'vo-med', hsaId: 'SE2321000016-NY1' } });
    expect(created.json()).toMatchObject({ hsaId: 'SE2321000016-NY1' });
    const cleared = await call(h, 'PATCH', '/api/admin/units/avd-21', { token: admin, body: { hsaId: null } });
    expect(cleared.json()).toMatchObject({ hsaId: null });
  });
});
