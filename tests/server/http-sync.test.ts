/** The happy path of sync through HTTP: tablets push observations, everyone pulls, roll-up pools. */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { type BhkRollupNode, BhkRollupResponse } from '../../src/shared/api';
import { PullResponse } from '../../src/shared/protocol';
import { ALL_JA, observation, outbox } from '../fixtures/sync';
import { call, type Client, enrolTablet, type Harness, loginAs, MONTH, NOW, pullAll, push, TODAY, withWardTablets } from './helpers';

let h: Harness;
let t21: Client;
let t22: Client;
beforeEach(async () => void ({ h, t21, t22 } = await withWardTablets()));
afterEach(() => h.close());

const rollup = async (c: Client, rootId: string, month = MONTH) => {
  const res = await call(h, 'GET', `/api/rollup/bhk?rootId=${rootId}&month=${month}`, { token: c });
  expect(res.statusCode, res.body).toBe(200);
  const body = BhkRollupResponse.parse(res.json());
  return new Map<string, BhkRollupNode>(body.nodes.map((n) => [n.unitId, n]));
};

describe('push and pull', () => {
  it('rule 7: a valid observation from a tablet is accepted and comes back on pull with its server_seq', async () => {
    const obs = observation('avd-21', TODAY, { task: 'Omläggning', observer: 'AB', note: 'Bra' });
    const change = outbox(t21.deviceId, NOW).insertObs(obs);
    expect(await push(h, t21, [change])).toEqual({ ok: true, lastSeq: 1, rejected: [], serverTime: NOW });
    const pulled = await pullAll(h, t21);
    expect(pulled).toHaveLength(1);
    expect(pulled[0]).toMatchObject({ entity: 'bhkObservation', id: obs.id, unitId: 'avd-21', op: 'insert', fields: obs, hlc: change.hlc });
    expect(pulled[0]?.serverSeq).toBeGreaterThan(0);
    expect((await h.store.getDevice(t21.deviceId))?.lastSeq).toBe(1);
  });

  it('rule 9: own changes come back; rule 14: pull is filtered by read scope', async () => {
    const a = outbox(t21.deviceId, NOW);
    const b = outbox(t22.deviceId, NOW);
    await push(h, t21, [a.insertObs(observation('avd-21', TODAY)), a.insertObs(observation('avd-21', TODAY))]);
    await push(h, t22, [b.insertObs(observation('avd-22', TODAY))]);
    expect((await pullAll(h, t21)).map((c) => c.unitId)).toEqual(['avd-21', 'avd-21']);
    expect((await pullAll(h, t22)).map((c) => c.unitId)).toEqual(['avd-22']);
    const vochef = await loginAs(h, 'vochef');
    expect((await pullAll(h, vochef)).map((c) => c.unitId)).toEqual(['avd-21', 'avd-21', 'avd-22']);
    const kir = await enrolTablet(h, await loginAs(h, 'admin'), 'avd-31');
    expect(await pullAll(h, kir)).toEqual([]);
  });

  it('rule 7: pull reports cursor, hasMore and headSeq; a cursor at the head returns nothing', async () => {
    const a = outbox(t21.deviceId, NOW);
    await push(h, t21, [a.insertObs(observation('avd-21', TODAY)), a.insertObs(observation('avd-21', TODAY))]);
    await push(h, t22, [outbox(t22.deviceId, NOW).insertObs(observation('avd-22', TODAY))]);
    const page = PullResponse.parse((await call(h, 'GET', '/api/sync/pull?cursor=0&protocolVersion=1', { token: t21 })).json());
    if (!page.ok) throw new Error('refused');
    expect(page).toMatchObject({ hasMore: false, serverTime: NOW });
    expect(page.cursor).toBe(page.changes[1]?.serverSeq);
    expect(page.headSeq).toBe(page.cursor);
    const again = PullResponse.parse((await call(h, 'GET', `/api/sync/pull?cursor=${page.cursor}&protocolVersion=1`, { token: t21 })).json());
    expect(again).toMatchObject({ ok: true, changes: [], cursor: page.cursor, hasMore: false });
  });

  it('rule 10: a replayed insert of the same id in a later seq is accepted and changes nothing', async () => {
    const a = outbox(t21.deviceId, NOW);
    const obs = observation('avd-21', TODAY);
    await push(h, t21, [a.insertObs(obs)]);
    const changed = { ...obs, steps: { ...ALL_JA, nails: 'nej' as const } };
    expect(await push(h, t21, [a.insertObs(changed)])).toMatchObject({ ok: true, lastSeq: 2, rejected: [] });
    expect(await pullAll(h, t21)).toHaveLength(1);
    expect((await h.store.getRow('bhkObservation', obs.id))?.data).toEqual(obs);
  });

  it('rule 17: the change log keeps the device, account and receive time of each change', async () => {
    const staff = await loginAs(h, 'personal21');
    h.clock.now = NOW + 60_000;
    await push(h, staff, [outbox(staff.deviceId, NOW).insertObs(observation('avd-21', TODAY))]);
    const [logged] = await pullAll(h, staff);
    expect(await h.store.auditOf(logged!.serverSeq)).toEqual({
      deviceId: staff.deviceId,
      accountId: staff.identity.accountId,
      receivedAt: new Date(NOW + 60_000).toISOString(),
    });
  });
});

describe('roll-up', () => {
  it('observations pushed by tablets appear pooled for the VO, the division and the region', async () => {
    const a = outbox(t21.deviceId, NOW);
    const b = outbox(t22.deviceId, NOW);
    await push(h, t21, [
      a.insertObs(observation('avd-21', TODAY)),
      a.insertObs(observation('avd-21', '2026-03-01', { steps: { ...ALL_JA, gloves: 'ej_aktuellt', apron: 'ej_aktuellt' }, selfAssessment: true })),
    ]);
    await push(h, t22, [b.insertObs(observation('avd-22', '2026-03-31', { steps: { ...ALL_JA, nails: 'nej' } }))]);
    // Outside the month: never counted.
    await push(h, t22, [b.insertObs(observation('avd-22', '2026-04-01')), b.insertObs(observation('avd-22', '2026-02-28'))]);

    const div = await rollup(await loginAs(h, 'divisionschef'), 'div-lsv');
    const region = await rollup(await loginAs(h, 'admin'), 'region');
    for (const nodes of [div, region]) {
      expect(nodes.get('avd-21')?.counts).toMatchObject({ n: 2, selfAssessmentN: 1, totalAllOk: 2 });
      expect(nodes.get('avd-22')?.counts).toMatchObject({ n: 1, totalAllOk: 0, hygieneAllOk: 1, dressAllOk: 0 });
      for (const id of ['vo-med', 'div-lsv']) {
        const c = nodes.get(id)?.counts;
        expect(c).toMatchObject({ n: 3, selfAssessmentN: 1, hygieneAllOk: 3, dressAllOk: 2, totalAllOk: 2 });
        expect(c?.steps.gloves).toEqual({ ja: 2, nej: 0, na: 1 });
        expect(c?.steps.nails).toEqual({ ja: 2, nej: 1, na: 0 });
      }
      expect(nodes.get('div-lsv')).toMatchObject({ reporting: 2, expected: 11 });
      expect(nodes.get('vo-kir')?.counts.n).toBe(0);
    }
    expect(region.get('region')?.counts.n).toBe(3);
    expect(div.has('region')).toBe(false);
    expect(div.get('div-lsv')?.parentId).toBe('region');
  });

  it('a correction replaces the original in the roll-up; a void removes it', async () => {
    const a = outbox(t21.deviceId, NOW);
    const first = observation('avd-21', TODAY, { steps: { ...ALL_JA, nails: 'nej' } });
    const other = observation('avd-21', TODAY);
    await push(h, t21, [a.insertObs(first), a.insertObs(other)]);
    const fix = observation('avd-21', TODAY, { replaces: first.id, createdAt: `${TODAY}T11:00:00.000Z` });
    const voided = observation('avd-21', TODAY, { replaces: other.id, voided: true, createdAt: `${TODAY}T11:00:00.000Z` });
    await push(h, t21, [a.insertObs(fix), a.insertObs(voided)]);
    const nodes = await rollup(await loginAs(h, 'avdchef21'), 'avd-21');
    expect(nodes.get('avd-21')?.counts).toMatchObject({ n: 1, totalAllOk: 1 });
  });

  it('roll-up outside the caller\'s scope is 403; an unknown root is 404', async () => {
    const res = await call(h, 'GET', `/api/rollup/bhk?rootId=vo-med&month=${MONTH}`, { token: t21 });
    expect({ status: res.statusCode, code: res.json().code }).toEqual({ status: 403, code: 'scope-denied' });
    const missing = await call(h, 'GET', `/api/rollup/bhk?rootId=nowhere&month=${MONTH}`, { token: t21 });
    expect({ status: missing.statusCode, code: missing.json().code }).toEqual({ status: 404, code: 'not-found' });
  });
});
