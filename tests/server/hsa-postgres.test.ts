/** HSA-ids on PostgreSQL (issue 12): the import sets them and names parents by them; the unique index holds. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { assertPgReachable, freshPgStore } from '../fixtures/postgres';
import { call, type Client, expectError, type Harness, harness, loginAs } from './helpers';

let h: Harness;
let admin: Client;
beforeAll(async () => {
  await assertPgReachable();
  h = await harness({}, await freshPgStore());
  admin = await loginAs(h, 'admin');
}, 60_000);
afterAll(() => h?.close());

describe('HSA-ids on PostgreSQL', () => {
  it('import with HSA-ids, a parent named by HSA-id, a duplicate refused on its line, the admin’s edit', async () => {
    const csv = 'id;name;kind;parentId;hsaId\nvo-onk;VO Onkologi;vo;div-lsv;SE2321000016-VOONK\navd-61;Avdelning 61;enhet;SE2321000016-VOONK;SE2321000016-A61\n';
    const res = await call(h, 'POST', '/api/admin/units/import', { token: admin, body: { format: 'csv', content: csv } });
    expect(res.statusCode, res.body).toBe(200);
    expect(await h.store.getUnit('avd-61')).toMatchObject({ parentId: 'vo-onk', hsaId: 'SE2321000016-A61' });
    const dup = await call(h, 'POST', '/api/admin/units/import', { token: admin, body: { format: 'csv', content: 'id;name;kind;parentId;hsaId\nx1;X;enhet;vo-med;SE2321000016-A61\n' } });
    expect(expectError(dup, 400, 'import-invalid').errors).toEqual([{ line: 2, code: 'duplicate', path: ['hsaId'] }]);
    expectError(await call(h, 'PATCH', '/api/admin/units/avd-21', { token: admin, body: { hsaId: 'SE2321000016-A61' } }), 409, 'duplicate');
    // The unique index itself, beneath the service's check: a second holder is refused by the database.
    await expect(h.store.updateUnit('avd-22', { hsaId: 'SE2321000016-A61' })).rejects.toThrow(/unique/i);
  }, 60_000);
});
