/**
 * The whole HTTP flow once more on PostgreSQL, so dialect differences outside the store contract
 * (seed, push transaction, import, move) are exercised too. Never skipped silently.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type BhkRollupNode, BhkRollupResponse } from '../../src/shared/api';
import { assertPgReachable, freshPgStore } from '../fixtures/postgres';
import { observation, outbox } from '../fixtures/sync';
import { call, enrolTablet, type Harness, harness, loginAs, MONTH, NOW, pullAll, push, TODAY } from './helpers';

describe('HTTP on PostgreSQL', () => {
  let h: Harness;
  beforeAll(async () => {
    await assertPgReachable();
    h = await harness({}, await freshPgStore());
  });
  afterAll(async () => {
    await h?.close();
  });

  it('enrol, push (rules 3–5, 14), pull, roll-up, move and import work end to end', async () => {
    const admin = await loginAs(h, 'admin');
    const tablet = await enrolTablet(h, await loginAs(h, 'avdchef21'), 'avd-21');
    const box = outbox(tablet.deviceId, NOW);
    const changes = [box.insertObs(observation('avd-21', TODAY)), box.insertObs(observation('avd-22', TODAY)), box.patchSettings('avd-21', { bhkMinN: 5 })];
    const first = await push(h, tablet, changes);
    expect(first).toMatchObject({ ok: true, lastSeq: 3, rejected: [{ seq: 2, code: 'scope-denied' }] });
    expect(await push(h, tablet, changes)).toEqual(first);
    expect((await pullAll(h, tablet)).map((c) => c.entity)).toEqual(['bhkObservation', 'unitSettings']);

    const move = await call(h, 'PATCH', '/api/admin/units/avd-21', { token: admin, body: { parentId: 'vo-kir' } });
    expect(move.statusCode).toBe(200);
    const rollup = await call(h, 'GET', `/api/rollup/bhk?rootId=vo-kir&month=${MONTH}`, { token: admin });
    const nodes = new Map<string, BhkRollupNode>(BhkRollupResponse.parse(rollup.json()).nodes.map((n) => [n.unitId, n]));
    expect(nodes.get('vo-kir')?.counts.n).toBe(1);

    const csv = '\uFEFFid;name;kind;parentId\nvo-psyk;VO Psykiatri;vo;div-lsv\navd-51;Avdelning 51;enhet;vo-psyk\n';
    const imported = await call(h, 'POST', '/api/admin/units/import', { token: admin, body: { format: 'csv', content: csv } });
    expect(imported.json()).toEqual({ created: 2, updated: 0 });
    expect((await h.store.getUnit('avd-51'))?.path).toBe('/region/div-lsv/vo-psyk/avd-51/');
  });
});
