/** The happy path of sync through HTTP: tablets push observations, everyone pulls, roll-up pools. */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { type BhkRollupNode, BhkRollupResponse } from '../../src/shared/api';
import { FactsPullResponse, UnitSnapshot } from '../../src/shared/facts-api';
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
    // Protocol 2: a VO's device replicates its units' rows.
    expect((await pullAll(h, vochef, 0, 2)).map((c) => c.unitId)).toEqual(['avd-21', 'avd-21', 'avd-22']);
    const kir = await enrolTablet(h, await loginAs(h, 'admin'), 'avd-31');
    expect(await pullAll(h, kir)).toEqual([]);
  });

  it('rules 22–24: a VO\'s device pulls facts, not its units\' board rows, except pinned units\'', async () => {
    const a = outbox(t21.deviceId, NOW);
    await push(h, t21, [a.insertObs(observation('avd-21', TODAY)), a.insertObs(observation('avd-21', '2026-03-02')), a.patchSettings('avd-21', { bhkMonthlyQuota: 12 })]);
    await push(h, t22, [outbox(t22.deviceId, NOW).insertObs(observation('avd-22', TODAY))]);
    const vochef = await loginAs(h, 'vochef');
    const page = PullResponse.parse((await call(h, 'GET', `/api/sync/pull?cursor=0&protocolVersion=4`, { token: vochef })).json());
    expect(page).toMatchObject({ ok: true, facts: true });
    // Settings are not board rows: they still come; the observations do not.
    expect((await pullAll(h, vochef)).map((c) => c.entity)).toEqual(['unitSettings']);
    expect((await pullAll(h, vochef, 0, 4, ['avd-22'])).map((c) => `${c.entity}:${c.unitId}`)).toEqual(['unitSettings:avd-21', 'bhkObservation:avd-22']);
    // A protocol 3 client would keep its leaf units' reported values as rows the feed no longer
    // updates: below the unit level it is told to update; a unit's device at 3 is served.
    const old = await call(h, 'GET', '/api/sync/pull?cursor=0&protocolVersion=3', { token: vochef });
    expect({ status: old.statusCode, body: old.json() }).toMatchObject({ status: 426, body: { ok: false, reason: 'client-too-old', minProtocolVersion: 4 } });
    expect((await call(h, 'GET', '/api/sync/facts?cursor=0&protocolVersion=3', { token: vochef })).json()).toMatchObject({ ok: false, reason: 'client-too-old', minProtocolVersion: 4 });
    expect(PullResponse.parse((await call(h, 'GET', '/api/sync/pull?cursor=0&protocolVersion=3', { token: t21 })).json())).toMatchObject({ ok: true, facts: false });
    // A tablet's unit has nothing below it: no facts mode, its rows as always.
    expect(PullResponse.parse((await call(h, 'GET', '/api/sync/pull?cursor=0&protocolVersion=4', { token: t21 })).json())).toMatchObject({ facts: false });
    // The fact feed: a year block and a month block per unit with facts, whole, in seq order.
    const feed = FactsPullResponse.parse((await call(h, 'GET', '/api/sync/facts?cursor=0&protocolVersion=4', { token: vochef })).json());
    if (!feed.ok) throw new Error('refused');
    expect(feed.blocks.map((b) => `${b.unitId} ${b.block}`).sort()).toEqual(['avd-21 D2026-03', 'avd-21 Y2026', 'avd-22 D2026-03', 'avd-22 Y2026']);
    const march = feed.blocks.find((b) => b.unitId === 'avd-21' && b.block === 'Y2026');
    expect(march?.rows.bhk?.map((r) => [r[0], r[1], r[2]])).toEqual([['2026-03', 'o|sjukskoterska', 2]]);
    expect(feed).toMatchObject({ hasMore: false, cursor: Math.max(...feed.blocks.map((b) => b.seq)), window: { fromYear: '2024', fromDayMonth: '2025-02' } });
    const again = FactsPullResponse.parse((await call(h, 'GET', `/api/sync/facts?cursor=${feed.cursor}&protocolVersion=4`, { token: vochef })).json());
    expect(again).toMatchObject({ ok: true, blocks: [], hasMore: false });
    // The unit snapshot: avd-22's board rows, for a unit in scope only.
    const snap = UnitSnapshot.parse((await call(h, 'GET', '/api/sync/unit?unitId=avd-22', { token: vochef })).json());
    expect(snap.rows.map((r) => r.entity)).toEqual(['bhkObservation']);
    const kir = await loginAs(h, 'admin');
    expect((await call(h, 'GET', '/api/sync/unit?unitId=avd-22', { token: t21 })).statusCode).toBe(403);
    expect((await call(h, 'GET', '/api/sync/pull?cursor=0&protocolVersion=4&pinned=avd-31', { token: vochef })).statusCode).toBe(403);
    expect((await call(h, 'GET', '/api/sync/facts?cursor=0&protocolVersion=2', { token: kir })).json()).toMatchObject({ ok: false, reason: 'client-too-old' });
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
    await push(h, t22, [b.insertObs(observation('avd-22', '2026-03-11', { steps: { ...ALL_JA, nails: 'nej' } }))]);
    // Outside the month: never counted.
    await push(h, t22, [b.insertObs(observation('avd-22', '2026-02-28'))]);

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
    const fix = observation('avd-21', TODAY, { replaces: first.id, originalDate: TODAY, createdAt: `${TODAY}T11:00:00.000Z` });
    const voided = observation('avd-21', TODAY, { replaces: other.id, originalDate: TODAY, voided: true, createdAt: `${TODAY}T11:00:00.000Z` });
    await push(h, t21, [a.insertObs(fix), a.insertObs(voided)]);
    const nodes = await rollup(await loginAs(h, 'avdchef21'), 'avd-21');
    expect(nodes.get('avd-21')?.counts).toMatchObject({ n: 1, totalAllOk: 1 });
  });

  it('refuses a correction without its original\'s date, of an unknown or another unit\'s original, and a date after tomorrow (issue 18 item 10)', async () => {
    const a = outbox(t21.deviceId, NOW);
    const first = observation('avd-21', '2026-03-02');
    const elsewhere = observation('avd-22', '2026-03-02');
    await push(h, t22, [outbox(t22.deviceId, NOW).insertObs(elsewhere)]);
    const res = await push(h, t21, [
      a.insertObs(first),
      a.insertObs(observation('avd-21', TODAY, { replaces: first.id, createdAt: `${TODAY}T11:00:00.000Z` })),
      a.insertObs(observation('avd-21', TODAY, { replaces: first.id, originalDate: TODAY, createdAt: `${TODAY}T11:00:00.000Z` })),
      a.insertObs(observation('avd-21', TODAY, { replaces: observation('avd-21', TODAY).id, originalDate: TODAY })),
      a.insertObs(observation('avd-21', '2026-03-02', { replaces: elsewhere.id, originalDate: '2026-03-02' })),
      a.insertObs(observation('avd-21', '2026-03-12')),
      a.insertObs(observation('avd-21', '2026-03-11')),
    ]);
    expect(res).toMatchObject({
      ok: true,
      rejected: [
        { seq: 2, code: 'validation', path: ['fields', 'originalDate'] },
        { seq: 3, code: 'validation', path: ['fields', 'originalDate'] },
        { seq: 4, code: 'not-found', path: ['fields', 'replaces'] },
        { seq: 5, code: 'scope-denied', path: ['fields', 'replaces'] },
        { seq: 6, code: 'validation', path: ['fields', 'date'] },
      ],
    });
    const nodes = await rollup(await loginAs(h, 'avdchef21'), 'avd-21');
    expect(nodes.get('avd-21')?.counts.n).toBe(2);
  });

  it('roll-up outside the caller\'s scope is 403; an unknown root is 404', async () => {
    const res = await call(h, 'GET', `/api/rollup/bhk?rootId=vo-med&month=${MONTH}`, { token: t21 });
    expect({ status: res.statusCode, code: res.json().code }).toEqual({ status: 403, code: 'scope-denied' });
    const missing = await call(h, 'GET', `/api/rollup/bhk?rootId=nowhere&month=${MONTH}`, { token: t21 });
    expect({ status: missing.statusCode, code: missing.json().code }).toEqual({ status: 404, code: 'not-found' });
  });
});
