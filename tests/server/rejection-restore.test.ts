/**
 * Rule 5: a change the server refuses does not linger in the device's replica. Real ward tablets
 * and managers' browsers (fake-indexeddb, the real sync engine) against the real server (Fastify
 * via inject, SQLite): the refused value is replaced by the server's state of the row, the
 * refusal stays listed with its reason, and later unsynced edits of the same row survive.
 */
import 'fake-indexeddb/auto';
import { uuidv7 } from 'uuidv7';
import { describe, expect, it } from 'vitest';
import type { FetchLike } from '../../src/client/api/http';
import { enrol, login } from '../../src/client/auth/session';
import { openDb } from '../../src/client/storage/db';
import { addAction, answer, escalate, listActions, listInbox, updateAction } from '../../src/client/storage/meeting-repo';
import { writeChange } from '../../src/client/storage/records';
import { addSafetyEvent, getSafetySettings, listSafetyEvents, saveSafetySettings } from '../../src/client/storage/safety-repo';
import { createSyncEngine } from '../../src/client/sync/engine';
import { inProcessLock } from '../../src/client/sync/lock';
import { createHttpTransport } from '../../src/client/sync/transport';
import { boardStatus } from '../../src/shared/domain/meeting/escalation';
import type { TreeUnit } from '../../src/shared/domain/rollup';
import { addDays } from '../../src/shared/domain/periods';
import { ANSWER_FIELDS } from '../../src/shared/schema/escalation';
import type { UnitId } from '../../src/shared/schema/ids';
import type { RowState } from '../../src/shared/sync/merge';
import { DEMO_PASSWORD, DEMO_UNITS } from '../../src/server/seed/demo-org';
import { PushResponse, type Change, type Rejection } from '../../src/shared/protocol';
import { settingsIdFor } from '../../src/shared/schema/unit-settings';
import { observation, outbox } from '../fixtures/sync';
import { enrolTablet, loginAs, newEnrolCode, NOW, push, pushRaw, TODAY } from './helpers';
import { type SyncedDevice as Device, useSyncedDevices } from './synced-devices';

const UNITS: TreeUnit[] = DEMO_UNITS.map((u) => ({ ...u, closedAt: null }));
const { env, device, tablet } = useSyncedDevices('rejection-restore');
const manager = (username: string) => device((db, fetch) => login(db, username, DEMO_PASSWORD, 'webbläsare', { fetch }));

async function syncAll(...devices: Device[]) {
  for (let round = 0; round < 2; round++) for (const d of devices) await d.engine.syncNow();
}

const comparable = (r: RowState | undefined) => r && { entity: r.entity, id: r.id, unitId: r.unitId, data: r.data, hlcs: r.hlcs, deleted: r.deleted };

/** The patch an older app writes to take an escalation back (escalatedTo and the answer cleared). */
const withdrawal = { escalatedTo: null, escalatedAt: null, ...Object.fromEntries(ANSWER_FIELDS.map((f) => [f, null])) };

const newAction = (title: string) => ({ unitId: 'avd-21' as UnitId, title, status: 'oppen' as const, owner: 'AB', due: '2026-03-20' });

/**
 * A ward tablet whose `duringPush` runs after the server has handled a push and before the reply
 * reaches the engine: a write made then is behind the pushed batch and goes in a later one.
 */
async function tabletWithHook(unitId = 'avd-21') {
  const code = await newEnrolCode(env.h, await loginAs(env.h, 'avdchef21'), unitId);
  const db = openDb(`rejection-restore-hook-${uuidv7()}`);
  const hook: { duringPush: (() => Promise<void>) | null; offline: boolean } = { duringPush: null, offline: false };
  const base = env.net.fetchFor(() => hook.offline);
  const fetch: FetchLike = async (input, init) => {
    const res = await base(input, init);
    const run = hook.duringPush;
    if (run && input.includes('/api/sync/push')) {
      hook.duringPush = null;
      await run();
    }
    return res;
  };
  await enrol(db, code, 'surfplatta', { fetch });
  const engine = createSyncEngine({ db, transport: createHttpTransport(db, { fetch }), now: () => env.h.clock.now, random: () => 0.5, lock: inProcessLock });
  await engine.syncNow();
  return { db, engine, hook, close: () => db.close() };
}

describe('rule 5: a refused change is replaced by the server state of its row', () => {
  it('Gröna korset: an event back-dated beyond the window by a tablet offline is rejected and gone from its cross', async () => {
    const chef = await manager('avdchef21');
    await saveSafetySettings(chef.db, 'avd-21', { backdateDays: 14 }, NOW + 1_000);
    await chef.engine.syncNow();
    const t = await tablet();
    expect((await getSafetySettings(t.db, 'avd-21')).backdateDays).toBe(14);

    // The tablet is offline while the manager narrows the window back to 7 days.
    t.offline = true;
    await saveSafetySettings(chef.db, 'avd-21', { backdateDays: 7 }, NOW + 2_000);
    await chef.engine.syncNow();
    const nineDaysBack = addDays(TODAY, -9);
    const fall = await addSafetyEvent(
      t.db,
      { unitId: 'avd-21' as UnitId, date: nineDaysBack, category: 'fall', severity: 'orange', reportedInDeviationSystem: true },
      'staff',
      NOW + 3_000,
    );
    const kept = await addSafetyEvent(
      t.db,
      { unitId: 'avd-21' as UnitId, date: addDays(TODAY, -1), category: 'fall', severity: 'gul', reportedInDeviationSystem: false },
      'staff',
      NOW + 4_000,
    );
    expect((await listSafetyEvents(t.db, 'avd-21')).map((e) => e.id).sort()).toEqual([fall.id, kept.id].sort());

    t.offline = false;
    await syncAll(t, chef);
    expect(await env.h.store.getRow('safetyEvent', fall.id)).toBeUndefined();
    expect(await t.db.rows.get(['safetyEvent', fall.id])).toBeUndefined();
    expect((await listSafetyEvents(t.db, 'avd-21')).map((e) => e.id)).toEqual([kept.id]);
    const rejected = await t.db.rejected.toArray();
    expect(rejected.map((r) => [r.code, r.path, r.change.id])).toEqual([['backdate-window', ['fields', 'date'], fall.id]]);
    expect(await t.db.outbox.count()).toBe(0);
  });

  it('an escalation withdrawn offline after the VO answered is refused, and the tablet shows the answer again', async () => {
    const unit = await tablet();
    const vo = await manager('vochef');
    const created = await addAction(unit.db, newAction('Larmknappar saknas i dagrummet'), NOW + 1_000);
    await escalate(unit.db, UNITS, 'action', created, NOW + 2_000);
    await syncAll(unit, vo);

    // The tablet goes offline still seeing 'skickad'; the VO answers; the tablet withdraws.
    unit.offline = true;
    const [held] = await listInbox(vo.db, UNITS, 'vo-med');
    await answer(vo.db, 'action', held!.item, 'atgardas', 'Beställda, kommer nästa vecka', 'vo-med', NOW + 3_000);
    await vo.engine.syncNow();
    await writeChange(unit.db, { entity: 'action', op: 'patch', id: created.id, unitId: 'avd-21', fields: withdrawal }, NOW + 4_000);
    expect(boardStatus(UNITS, (await listActions(unit.db, 'avd-21'))[0]!)).toBeNull();

    unit.offline = false;
    await syncAll(unit, vo);
    const rejected = await unit.db.rejected.toArray();
    expect(rejected.map((r) => [r.code, r.path, r.change.id])).toEqual([['forbidden', ['fields', 'escalatedTo'], created.id]]);
    const server = await env.h.store.getRow('action', created.id);
    expect(server?.data).toMatchObject({ escalatedTo: 'vo-med', escalationStatus: 'atgardas' });
    expect(comparable(await unit.db.rows.get(['action', created.id]))).toEqual(comparable(server));
    expect(boardStatus(UNITS, (await listActions(unit.db, 'avd-21'))[0]!)).toMatchObject({
      holderId: 'vo-med',
      status: 'atgardas',
      reply: 'Beställda, kommer nästa vecka',
    });
  });

  it('an edit of the same row written after the refused change, pushed in a later batch, survives and reaches the server', async () => {
    const unit = await tabletWithHook();
    try {
      const vo = await manager('vochef');
      const created = await addAction(unit.db, newAction('Trasig dörrstängare'), NOW + 1_000);
      await escalate(unit.db, UNITS, 'action', created, NOW + 2_000);
      await unit.engine.syncNow();
      await vo.engine.syncNow();

      unit.hook.offline = true;
      const [held] = await listInbox(vo.db, UNITS, 'vo-med');
      await answer(vo.db, 'action', held!.item, 'mottagen', null, 'vo-med', NOW + 3_000);
      await vo.engine.syncNow();
      await writeChange(unit.db, { entity: 'action', op: 'patch', id: created.id, unitId: 'avd-21', fields: withdrawal }, NOW + 4_000);
      const withdrawnSeq = (await unit.db.outbox.toArray()).at(-1)!.seq;

      // While the withdrawal is on its way, someone edits the same action at the tablet; then
      // the network drops, so the edit waits in the outbox behind the answered batch.
      unit.hook.duringPush = async () => {
        const [current] = await listActions(unit.db, 'avd-21');
        await updateAction(unit.db, current!, { owner: 'Vaktmästeriet' }, NOW + 5_000);
        unit.hook.offline = true;
      };
      unit.hook.offline = false;
      await unit.engine.syncNow();
      expect(unit.hook.duringPush).toBeNull();
      expect((await unit.db.outbox.toArray()).map((r) => [r.seq, r.change.fields])).toEqual([[withdrawnSeq + 1, { owner: 'Vaktmästeriet' }]]);
      const restored = (await listActions(unit.db, 'avd-21'))[0]!;
      expect(restored.owner).toBe('Vaktmästeriet');
      expect(boardStatus(UNITS, restored)).toMatchObject({ holderId: 'vo-med', status: 'mottagen' });
      expect((await env.h.store.getRow('action', created.id))?.data.owner).toBe('AB');

      unit.hook.offline = false;
      await unit.engine.syncNow();
      await unit.engine.syncNow();
      await vo.engine.syncNow();
      expect(await unit.db.outbox.count()).toBe(0);
      expect((await unit.db.rejected.toArray()).map((r) => [r.seq, r.code])).toEqual([[withdrawnSeq, 'forbidden']]);
      const server = await env.h.store.getRow('action', created.id);
      expect(server?.data).toMatchObject({ owner: 'Vaktmästeriet', escalatedTo: 'vo-med', escalationStatus: 'mottagen' });
      expect(comparable(await unit.db.rows.get(['action', created.id]))).toEqual(comparable(server));
      expect(comparable(await vo.db.rows.get(['action', created.id]))).toEqual(comparable(server));
      expect(boardStatus(UNITS, (await listActions(unit.db, 'avd-21'))[0]!)).toMatchObject({ holderId: 'vo-med', status: 'mottagen' });
    } finally {
      unit.close();
    }
  });
});

describe('rule 5: the server state a rejection reports (protocol 2)', () => {
  const shown = (r: Rejection) => [r.seq, r.code, 'current' in r ? r.current : 'absent'];

  it('reports the row within the pusher\'s read scope, null for no row, and never a row outside it', async () => {
    const h = env.h;
    const t22 = await enrolTablet(h, await loginAs(h, 'vochef'), 'avd-22');
    const t21 = await enrolTablet(h, await loginAs(h, 'avdchef21'), 'avd-21');
    const box22 = outbox(t22.deviceId, NOW);
    expect(await push(h, t22, [box22.patchSettings('avd-22', { bhkMinN: 4 })])).toMatchObject({ ok: true, rejected: [] });

    const box = outbox(t21.deviceId, NOW);
    const accepted = box.patchSettings('avd-21', { bhkMinN: 5 });
    const invalidValue = box.patchSettings('avd-21', { bhkMinN: 0 });
    const otherUnit = box.patchSettings('avd-22', { bhkMinN: 3 });
    const otherUnitsRow = box.patchSettings('avd-21', { bhkMinN: 3 }, undefined, settingsIdFor('avd-22'));
    const obs = box.insertObs(observation('avd-21', TODAY));
    const noRow = { ...obs, fields: { ...obs.fields, date: 'igår' } };
    const unparsed = { ...box.patchSettings('avd-21', { bhkMinN: 6 }), hlc: 'not-a-clock' };
    const reply = await push(h, t21, [accepted, invalidValue, otherUnit, otherUnitsRow, noRow, unparsed as Change]);
    if (!reply.ok) throw new Error('push refused');
    const own = await h.store.getRow('unitSettings', settingsIdFor('avd-21'));
    expect(reply.rejected.map(shown)).toEqual([
      [2, 'validation', { data: own!.data, hlcs: own!.hlcs, deleted: false }],
      [3, 'scope-denied', 'absent'],
      [4, 'scope-denied', 'absent'],
      [5, 'validation', null],
      [6, 'validation', 'absent'],
    ]);
    expect(own!.data.bhkMinN).toBe(5);

    // The same kind of refusal for the avd-22 row, from a principal whose scope covers it.
    const vo = await loginAs(h, 'vochef');
    const voBox = outbox(vo.deviceId, NOW);
    const voReply = await push(h, vo, [voBox.patchSettings('avd-22', { bhkMinN: 0 })]);
    const theirs = await h.store.getRow('unitSettings', settingsIdFor('avd-22'));
    expect(voReply.ok && voReply.rejected.map(shown)).toEqual([[1, 'validation', { data: theirs!.data, hlcs: theirs!.hlcs, deleted: false }]]);
  });

  it('rule 16: a version 1 client gets its rejections without `current`, in the shape it parses strictly', async () => {
    const h = env.h;
    const t21 = await enrolTablet(h, await loginAs(h, 'avdchef21'), 'avd-21');
    const box = outbox(t21.deviceId, NOW);
    const res = await pushRaw(h, t21, [box.patchSettings('avd-21', { bhkMinN: 5 }), box.patchSettings('avd-21', { bhkMinN: 0 })], { protocolVersion: 1 });
    expect(res.statusCode, res.body).toBe(200);
    const body = res.json() as { rejected: Record<string, unknown>[] };
    expect(body.rejected).toEqual([{ seq: 2, code: 'validation', path: ['fields', 'bhkMinN'] }]);
    expect(Object.keys(body.rejected[0]!).sort()).toEqual(['code', 'path', 'seq']);
    expect(PushResponse.safeParse(body).success).toBe(true);
  });
});
