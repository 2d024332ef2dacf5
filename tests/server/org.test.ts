/** The organisation tree: admin create / rename / move / close, and what that does to roll-up. */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { type BhkRollupNode, BhkRollupResponse, OrgResponse } from '../../src/shared/api';
import { OrgUnit } from '../../src/shared/schema/org-unit';
import { observation, outbox } from '../fixtures/sync';
import { call, type Client, enrolTablet, expectError, type Harness, loginAs, MONTH, NOW, pullAll, push, signedIn, TODAY } from './helpers';

let h: Harness;
let admin: Client;
beforeEach(async () => void ({ h, user: admin } = await signedIn('admin')));
afterEach(() => h.close());

const create = (body: unknown, token: Client = admin) => call(h, 'POST', '/api/admin/units', { token, body });
const patch = (id: string, body: unknown, token: Client = admin) => call(h, 'PATCH', `/api/admin/units/${id}`, { token, body });
const org = async (c: Client) => OrgResponse.parse((await call(h, 'GET', '/api/org', { token: c })).json()).units;
const rollup = async (rootId: string) => {
  const res = await call(h, 'GET', `/api/rollup/bhk?rootId=${rootId}&month=${MONTH}`, { token: admin });
  return new Map<string, BhkRollupNode>(BhkRollupResponse.parse(res.json()).nodes.map((n) => [n.unitId, n]));
};
/** Pushes `n` observations for the unit through an enrolled tablet. */
async function observe(unitId: string, n: number) {
  const t = await enrolTablet(h, admin, unitId);
  const box = outbox(t.deviceId, NOW);
  await push(h, t, Array.from({ length: n }, () => box.insertObs(observation(unitId, TODAY))));
  return t;
}

describe('read', () => {
  it('/api/org returns the caller\'s subtree plus its ancestors', async () => {
    const ids = (await org(await loginAs(h, 'avdchef21'))).map((u) => u.id).sort();
    expect(ids).toEqual(['avd-21', 'div-lsv', 'region', 'vo-med']);
    const vo = (await org(await loginAs(h, 'vochef'))).map((u) => u.id).sort();
    expect(vo).toEqual(['avd-21', 'avd-22', 'avd-23', 'div-lsv', 'mott-med', 'region', 'vo-med']);
    expect(await org(admin)).toHaveLength(17);
  });
});

describe('create, rename, close', () => {
  it('an admin creates a unit under a parent; it appears in the tree', async () => {
    const res = await create({ name: ' Avdelning 24 Infektion ', kind: 'enhet', parentId: 'vo-med' });
    expect(res.statusCode).toBe(200);
    const unit = OrgUnit.parse(res.json());
    expect(unit).toMatchObject({ name: 'Avdelning 24 Infektion', kind: 'enhet', parentId: 'vo-med', closedAt: null });
    expect((await org(await loginAs(h, 'vochef'))).map((u) => u.id)).toContain(unit.id);
    expect((await h.store.getUnit(unit.id))?.path).toBe(`/region/div-lsv/vo-med/${unit.id}/`);
  });

  it('an unknown parent is 404; a personnummer in the name is 400 personnummer', async () => {
    expect(expectError(await create({ name: 'X', kind: 'enhet', parentId: 'nowhere' }), 404, 'not-found').path).toEqual(['parentId']);
    expect(expectError(await create({ name: 'Pat 19121212-1212', kind: 'enhet', parentId: 'vo-med' }), 400, 'personnummer').path).toEqual(['name']);
  });

  it('rename changes only the name', async () => {
    const res = await patch('avd-21', { name: 'Avdelning 21 Akutmedicin' });
    expect(OrgUnit.parse(res.json())).toEqual({ id: 'avd-21', name: 'Avdelning 21 Akutmedicin', kind: 'enhet', parentId: 'vo-med', closedAt: null, hsaId: null });
  });

  it('close sets closedAt to now, closing again keeps it, reopening clears it', async () => {
    expect((await patch('avd-21', { closed: true })).json().closedAt).toBe(new Date(NOW).toISOString());
    h.clock.now = NOW + 60_000;
    expect((await patch('avd-21', { closed: true })).json().closedAt).toBe(new Date(NOW).toISOString());
    expect((await patch('avd-21', { closed: false })).json().closedAt).toBeNull();
  });

  it('a closed unit keeps its history: its observations still count in roll-up, but it is no longer expected to report', async () => {
    await observe('avd-21', 2);
    await observe('avd-22', 1);
    const before = await rollup('vo-med');
    expect(before.get('vo-med')).toMatchObject({ counts: { n: 3 }, reporting: 2, expected: 4 });
    expect((await patch('avd-21', { closed: true })).statusCode).toBe(200);
    const after = await rollup('vo-med');
    expect(after.get('vo-med')).toMatchObject({ counts: { n: 3 }, reporting: 1, expected: 3 });
    expect(after.get('avd-21')).toMatchObject({ closed: true, counts: { n: 2 } });
    expect((await org(admin)).find((u) => u.id === 'avd-21')?.closedAt).not.toBeNull();
  });
});

describe('move', () => {
  it('moving a unit moves its history (and its sub-units) to the new parent\'s roll-up', async () => {
    const sub = OrgUnit.parse((await create({ name: 'Dagvård 21', kind: 'enhet', parentId: 'avd-21' })).json());
    await observe('avd-21', 2);
    await observe(sub.id, 1);
    expect((await rollup('vo-med')).get('vo-med')?.counts.n).toBe(3);
    const res = await patch('avd-21', { parentId: 'vo-kir' });
    expect(res.json()).toMatchObject({ id: 'avd-21', parentId: 'vo-kir' });
    expect((await rollup('vo-med')).get('vo-med')?.counts.n).toBe(0);
    expect((await rollup('vo-kir')).get('vo-kir')?.counts.n).toBe(3);
    expect((await rollup('div-lsv')).get('div-lsv')?.counts.n).toBe(3);
    expect((await h.store.getUnit(sub.id))?.path).toBe(`/region/div-lsv/vo-kir/avd-21/${sub.id}/`);
  });

  it('rule 14: after a move, read scope follows the tree at once', async () => {
    const tablet = await observe('avd-21', 1);
    const vochef = await loginAs(h, 'vochef');
    expect(await pullAll(h, vochef, 0, 2)).toHaveLength(1);
    await patch('avd-21', { parentId: 'vo-kir' });
    expect(await pullAll(h, vochef, 0, 2)).toEqual([]);
    expect(await pullAll(h, tablet)).toHaveLength(1);
    const box = outbox(tablet.deviceId, NOW, 2);
    expect(await push(h, tablet, [box.insertObs(observation('avd-21', TODAY))])).toMatchObject({ ok: true, rejected: [] });
  });

  it('moving a unit under itself or its own descendant is 400 cycle, and changes nothing', async () => {
    expect(expectError(await patch('vo-med', { parentId: 'avd-21' }), 400, 'cycle').path).toEqual(['parentId']);
    expect(expectError(await patch('vo-med', { parentId: 'vo-med' }), 400, 'cycle').path).toEqual(['parentId']);
    expect(expectError(await patch('div-lsv', { parentId: 'avd-21', name: 'Nytt namn' }), 400, 'cycle').path).toEqual(['parentId']);
    expect(await h.store.getUnit('div-lsv')).toMatchObject({ parentId: 'region', path: '/region/div-lsv/', name: 'Division Länssjukvård' });
  });

  it('the root cannot move; an unknown new parent is 404; an unknown unit is 404', async () => {
    expect(expectError(await patch('region', { parentId: 'div-lsv' }), 400, 'validation').path).toEqual(['parentId']);
    expect(expectError(await patch('avd-21', { parentId: 'nowhere' }), 404, 'not-found').path).toEqual(['parentId']);
    expectError(await patch('nowhere', { name: 'X' }), 404, 'not-found');
  });
});

describe('rights', () => {
  it('non-admins get 403 forbidden on every admin route', async () => {
    for (const who of ['divisionschef', 'avdchef21', 'personal21']) {
      const c = await loginAs(h, who);
      expectError(await create({ name: 'X', kind: 'enhet', parentId: 'avd-21' }, c), 403, 'forbidden');
      expectError(await patch('avd-21', { name: 'X' }, c), 403, 'forbidden');
      expectError(await call(h, 'POST', '/api/admin/units/import', { token: c, body: { format: 'json', content: '[]' } }), 403, 'forbidden');
      expectError(await call(h, 'GET', '/api/admin/accounts', { token: c }), 403, 'forbidden');
    }
    const tablet = await enrolTablet(h, admin, 'avd-21');
    expectError(await patch('avd-21', { closed: true }, tablet), 403, 'forbidden');
    expect((await h.store.getUnit('avd-21'))?.closedAt).toBeNull();
  });
});
