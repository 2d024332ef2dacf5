/**
 * Pushes that are wrong in a sync-specific way: other units, replays, gaps, caps, foreign device
 * ids, old protocol versions. Rule numbers refer to src/shared/sync/README.md.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { statusOf } from '../../src/server/http/errors';
import { settingsIdFor } from '../../src/shared/schema/unit-settings';
import { MAX_CHANGES_PER_PUSH, type Change } from '../../src/shared/protocol';
import { ALL_JA, observation, outbox } from '../fixtures/sync';
import { call, type Client, expectError, type Harness, loginAs, NOW, pullAll, push, pushRaw, TODAY, withWardTablets } from './helpers';

let h: Harness;
let t21: Client;
let t22: Client;
beforeEach(async () => void ({ h, t21, t22 } = await withWardTablets()));
afterEach(() => h.close());

const head = () => h.store.headSeq('/');
const lastSeq = async (c: Client) => (await h.store.getDevice(c.deviceId))?.lastSeq;

describe('scope (rules 5, 13, 14)', () => {
  it('rule 14: a change for another unit is rejected scope-denied; rule 5: the changes behind it still apply', async () => {
    const box = outbox(t21.deviceId, NOW);
    const own1 = box.insertObs(observation('avd-21', TODAY));
    const foreign = box.insertObs(observation('avd-22', TODAY));
    const own2 = box.insertObs(observation('avd-21', TODAY));
    const missing = box.insertObs(observation('no-such-unit', TODAY));
    const own3 = box.insertObs(observation('avd-21', TODAY));
    const reply = await push(h, t21, [own1, foreign, own2, missing, own3]);
    expect(reply).toMatchObject({
      ok: true,
      lastSeq: 5,
      rejected: [
        { seq: 2, code: 'scope-denied', path: ['unitId'] },
        { seq: 4, code: 'scope-denied', path: ['unitId'] },
      ],
    });
    expect((await pullAll(h, t21)).map((c) => c.id)).toEqual([own1.id, own2.id, own3.id]);
    expect(await h.store.getRow('bhkObservation', foreign.id)).toBeUndefined();
  });

  it('rule 5: a change of an entity this server does not know is rejected alone, by its seq', async () => {
    const box = outbox(t21.deviceId, NOW);
    const own1 = box.insertObs(observation('avd-21', TODAY));
    const future = { ...box.insertObs(observation('avd-21', TODAY)), entity: 'safetyCrossDay' };
    const badHlc = { ...box.insertObs(observation('avd-21', TODAY)), hlc: 'not-a-clock' };
    const own2 = box.insertObs(observation('avd-21', TODAY));
    const res = await pushRaw(h, t21, [own1, future, badHlc, own2] as Change[]);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({
      ok: true,
      lastSeq: 4,
      rejected: [
        { seq: 2, code: 'validation', path: ['entity'] },
        { seq: 3, code: 'validation', path: ['hlc'] },
      ],
    });
    const ids = (await pullAll(h, t21)).map((c) => c.id);
    expect(ids).toEqual([own1.id, own2.id]);
  });

  it('rule 5: a change without a usable seq cannot be marked processed → 400 at its path, nothing applied', async () => {
    const box = outbox(t21.deviceId, NOW);
    const own1 = box.insertObs(observation('avd-21', TODAY));
    const res = await pushRaw(h, t21, [own1, { entity: 'bhkObservation' }] as unknown as Change[]);
    expectError(res, 400, 'validation');
    expect(res.json().path).toEqual(['changes', 1, 'seq']);
    expect(await lastSeq(t21)).toBe(0);
  });

  it('rule 13: patching a row stored in another unit while claiming the own unit is scope-denied', async () => {
    const vochef = await loginAs(h, 'vochef');
    const v = outbox(vochef.deviceId, NOW);
    await push(h, vochef, [v.patchSettings('avd-22', { bhkTargetPct: 90 })]);
    const box = outbox(t21.deviceId, NOW + 1_000);
    const sneaky = box.patchSettings('avd-21', { bhkTargetPct: 10 }, undefined, settingsIdFor('avd-22'));
    const sneakyDelete = { ...box.deleteSettings('avd-21'), id: settingsIdFor('avd-22') };
    expect(await push(h, t21, [sneaky, sneakyDelete])).toMatchObject({
      rejected: [
        { seq: 1, code: 'scope-denied', path: ['unitId'] },
        { seq: 2, code: 'scope-denied', path: ['unitId'] },
      ],
    });
    const row = await h.store.getRow('unitSettings', settingsIdFor('avd-22'));
    expect(row).toMatchObject({ unitId: 'avd-22', deleted: false, data: { bhkTargetPct: 90 } });
  });

  it('rule 13: a deterministic id names its unit: another unit\'s settings id is scope-denied even before that row exists', async () => {
    const box = outbox(t21.deviceId, NOW);
    const squat = box.patchSettings('avd-21', { bhkMinN: 1 }, undefined, settingsIdFor('avd-22'));
    const squatDelete = { ...box.deleteSettings('avd-21'), id: settingsIdFor('avd-22') };
    expect(await push(h, t21, [squat, squatDelete])).toMatchObject({
      rejected: [
        { seq: 1, code: 'scope-denied', path: ['unitId'] },
        { seq: 2, code: 'scope-denied', path: ['unitId'] },
      ],
    });
    expect(await h.store.getRow('unitSettings', settingsIdFor('avd-22'))).toBeUndefined();
    expect(await push(h, t22, [outbox(t22.deviceId, NOW).patchSettings('avd-22', { bhkMinN: 7 })])).toMatchObject({ rejected: [] });
  });

  it('rule 13: re-inserting another unit\'s observation id under the own unit is scope-denied', async () => {
    const theirs = observation('avd-22', TODAY);
    await push(h, t22, [outbox(t22.deviceId, NOW).insertObs(theirs)]);
    const copy = { ...theirs, unitId: 'avd-21' } as typeof theirs;
    expect(await push(h, t21, [outbox(t21.deviceId, NOW).insertObs(copy)])).toMatchObject({
      rejected: [{ seq: 1, code: 'scope-denied', path: ['unitId'] }],
    });
    expect((await h.store.getRow('bhkObservation', theirs.id))?.unitId).toBe('avd-22');
  });
});

describe('sequence numbers (rules 2–4)', () => {
  it('rule 3: a replayed push changes nothing and reports the same rejections', async () => {
    const box = outbox(t21.deviceId, NOW);
    const good = box.insertObs(observation('avd-21', TODAY));
    const bad = box.insertObs(observation('avd-21', TODAY));
    bad.fields.steps = { ...ALL_JA, nails: 'ej_aktuellt' };
    const changes = [good, bad, box.insertObs(observation('avd-21', TODAY))];
    const first = await push(h, t21, changes);
    expect(first).toMatchObject({ ok: true, lastSeq: 3, rejected: [{ seq: 2, code: 'validation', path: ['fields', 'steps', 'nails'] }] });
    const before = await head();
    h.clock.now = NOW + 5_000;
    const again = await push(h, t21, changes);
    expect(again).toEqual({ ...first, serverTime: NOW + 5_000 });
    expect(await head()).toBe(before);
    expect(await lastSeq(t21)).toBe(3);
  });

  it('rule 3: a push that overlaps processed seqs applies only the new ones and reports rejections of both', async () => {
    const box = outbox(t21.deviceId, NOW);
    const c1 = box.insertObs(observation('avd-22', TODAY));
    const c2 = box.insertObs(observation('avd-21', TODAY));
    await push(h, t21, [c1, c2]);
    const c3 = box.insertObs(observation('avd-21', TODAY));
    const c4 = box.insertObs(observation('avd-22', TODAY));
    const reply = await push(h, t21, [c1, c2, c3, c4]);
    expect(reply).toMatchObject({ ok: true, lastSeq: 4, rejected: [{ seq: 1 }, { seq: 4 }] });
    expect((await pullAll(h, t21)).map((c) => c.id)).toEqual([c2.id, c3.id]);
  });

  it('rule 3: a late replay reports only the rejections among its own changes', async () => {
    const box = outbox(t21.deviceId, NOW);
    const early = [box.insertObs(observation('avd-22', TODAY)), box.insertObs(observation('avd-21', TODAY))];
    await push(h, t21, early);
    await push(h, t21, [box.insertObs(observation('avd-21', TODAY)), box.insertObs(observation('avd-22', TODAY))]);
    expect(await push(h, t21, early)).toMatchObject({ ok: true, lastSeq: 4, rejected: [{ seq: 1, code: 'scope-denied' }] });
  });

  it('rule 4: a push with a sequence gap applies nothing and names the expected seq', async () => {
    const box = outbox(t21.deviceId, NOW, 2);
    const res = await pushRaw(h, t21, [box.insertObs(observation('avd-21', TODAY)), box.insertObs(observation('avd-21', TODAY))]);
    // Issue 18 item 11: the status is the error map's for seq-gap; clients read the typed body.
    expect(res.statusCode).toBe(statusOf('seq-gap'));
    expect(res.statusCode).toBe(409);
    expect(res.json()).toEqual({ ok: false, reason: 'seq-gap', expectedSeq: 1, serverTime: NOW });
    expect(await head()).toBe(0);
    expect(await lastSeq(t21)).toBe(0);
    await push(h, t21, [outbox(t21.deviceId, NOW).insertObs(observation('avd-21', TODAY))]);
    const later = outbox(t21.deviceId, NOW, 3);
    const again = await pushRaw(h, t21, [later.insertObs(observation('avd-21', TODAY))]);
    expect({ status: again.statusCode, ...again.json() }).toMatchObject({ status: 409, ok: false, reason: 'seq-gap', expectedSeq: 2 });
    expect(await lastSeq(t21)).toBe(1);
  });

  it('rule 4: seqs that do not rise by one inside a request → 400 validation at the offending seq', async () => {
    const box = outbox(t21.deviceId, NOW);
    const [a, b, c] = [1, 2, 3].map(() => box.insertObs(observation('avd-21', TODAY))) as [Change, Change, Change];
    const gap = expectError(await pushRaw(h, t21, [a, c]), 400, 'validation');
    expect(gap.path).toEqual(['changes', 1, 'seq']);
    expect(expectError(await pushRaw(h, t21, [a, a]), 400, 'validation').path).toEqual(['changes', 1, 'seq']);
    expect(expectError(await pushRaw(h, t21, [b, a]), 400, 'validation').path).toEqual(['changes', 1, 'seq']);
    expect(await lastSeq(t21)).toBe(0);
  });

  it('an empty push answers the current lastSeq', async () => {
    await push(h, t21, [outbox(t21.deviceId, NOW).insertObs(observation('avd-21', TODAY))]);
    expect(await push(h, t21, [])).toEqual({ ok: true, lastSeq: 1, rejected: [], serverTime: NOW });
  });
});

describe('request-level refusals', () => {
  it('a deviceId other than the token\'s → 403 forbidden, nothing applied', async () => {
    const change = outbox(t22.deviceId, NOW).insertObs(observation('avd-21', TODAY));
    const res = await pushRaw(h, t21, [change], { deviceId: t22.deviceId });
    expect(expectError(res, 403, 'forbidden').path).toEqual(['deviceId']);
    expect(await lastSeq(t21)).toBe(0);
    expect(await lastSeq(t22)).toBe(0);
  });

  it(`more than ${MAX_CHANGES_PER_PUSH} changes → 400 validation; exactly ${MAX_CHANGES_PER_PUSH} is fine`, async () => {
    const box = outbox(t21.deviceId, NOW);
    const changes = Array.from({ length: MAX_CHANGES_PER_PUSH + 1 }, () => box.insertObs(observation('avd-21', TODAY)));
    expect(expectError(await pushRaw(h, t21, changes), 400, 'validation').path).toEqual(['changes']);
    expect(await push(h, t21, changes.slice(0, MAX_CHANGES_PER_PUSH))).toMatchObject({ ok: true, lastSeq: MAX_CHANGES_PER_PUSH, rejected: [] });
  });

  it('rule 16: protocolVersion 0 gets the typed client-too-old reply on push and pull, and nothing is applied', async () => {
    const change = outbox(t21.deviceId, NOW).insertObs(observation('avd-21', TODAY));
    const res = await pushRaw(h, t21, [change], { protocolVersion: 0 });
    expect(res.json()).toEqual({ ok: false, reason: 'client-too-old', minProtocolVersion: 1, serverTime: NOW });
    const junk = await call(h, 'POST', '/api/sync/push', { token: t21, body: { protocolVersion: 0, changes: 'whatever-v0-sent' } });
    expect(junk.json()).toMatchObject({ ok: false, reason: 'client-too-old' });
    const pull = await call(h, 'GET', '/api/sync/pull?cursor=0&protocolVersion=0', { token: t21 });
    expect(pull.json()).toEqual({ ok: false, reason: 'client-too-old', minProtocolVersion: 1, serverTime: NOW });
    // Issue 18 item 11: every typed refusal carries the error map's status for its reason.
    for (const r of [res, junk, pull]) expect(r.statusCode).toBe(statusOf('client-too-old'));
    expect(res.statusCode).toBe(426);
    expect(await lastSeq(t21)).toBe(0);
    expect(await head()).toBe(0);
  });
});
