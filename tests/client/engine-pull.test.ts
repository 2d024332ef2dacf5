import './helpers';
import { describe, expect, it } from 'vitest';
import { addObservation, getUnitSettings, listObservations, saveUnitSettings } from '../../src/client/storage/bhk-repo';
import { openDb } from '../../src/client/storage/db';
import { getMeta, setMeta, type SyncProgress } from '../../src/client/storage/meta';
import { applyPulledPage } from '../../src/client/storage/pull-apply';
import { writeChange } from '../../src/client/storage/records';
import { createHttpTransport, type SyncTransport } from '../../src/client/sync/transport';
import { createSyncEngine } from '../../src/client/sync/engine';
import type { ServerChange } from '../../src/shared/protocol';
import { parseHlc } from '../../src/shared/sync/hlc';
import { FakeServer } from './fake-server';
import { ALL_YES, engineFor, observation, useDevices } from './helpers';

const { device, track } = useDevices();

/** Fills the server's log with `n` observations written by another tablet on `unitId`. */
async function seed(server: FakeServer, n: number, unitId = 'u1'): Promise<void> {
  const writer = await device(server, unitId);
  for (let i = 0; i < n; i++) await addObservation(writer, observation(unitId, '2025-03-07'));
  await engineFor(writer, server).syncNow();
}

describe('sync engine: pull', () => {
  it('a page requested from a cursor that has since moved is dropped with a typed result, changing nothing', async () => {
    const server = new FakeServer();
    await seed(server, 2);
    const db = await device(server, 'u1');
    const deviceId = (await getMeta(db, 'credential'))!.deviceId;
    const page = await createHttpTransport(db, { fetch: server.fetch }).pull(0, []);
    if (!page.ok) throw new Error('pull refused');
    await setMeta(db, 'cursor', 1); // moved under the request
    const result = await applyPulledPage(db, deviceId, { from: 0, changes: page.changes, cursor: page.cursor }, Date.now(), null);
    expect(result).toEqual({ kind: 'cursor-moved' });
    expect(await db.rows.count()).toBe(0);
    expect(await getMeta(db, 'cursor')).toBe(1);
    await setMeta(db, 'cursor', 0);
    expect(await applyPulledPage(db, deviceId, { from: 0, changes: page.changes, cursor: page.cursor }, Date.now(), null)).toEqual({ kind: 'applied', changedRows: 2 });
  });

  it('rule 10: append records already stored are no-ops in a page (added without a read), the rest are added, and the page applies', async () => {
    const server = new FakeServer();
    await seed(server, 3);
    const db = await device(server, 'u1');
    const deviceId = (await getMeta(db, 'credential'))!.deviceId;
    const page = await createHttpTransport(db, { fetch: server.fetch }).pull(0, []);
    if (!page.ok) throw new Error('pull refused');
    const [first, ...rest] = page.changes;
    expect(await applyPulledPage(db, deviceId, { from: 0, changes: [first!], cursor: first!.serverSeq }, Date.now(), null)).toEqual({ kind: 'applied', changedRows: 1 });
    const stored = await db.rows.get([first!.entity, first!.id]);
    // The whole page again, the first record replayed (twice, as a replay within the page too).
    const replay = [first!, ...rest, first!];
    expect(await applyPulledPage(db, deviceId, { from: first!.serverSeq, changes: replay, cursor: page.cursor }, Date.now(), null)).toEqual({ kind: 'applied', changedRows: 2 });
    expect(await db.rows.get([first!.entity, first!.id])).toEqual(stored);
    expect(await db.rows.count()).toBe(3);
    expect(await getMeta(db, 'cursor')).toBe(page.cursor);
    expect(await applyPulledPage(db, deviceId, { from: page.cursor, changes: replay, cursor: page.cursor }, Date.now(), null)).toEqual({ kind: 'applied', changedRows: 0 });
    expect(await db.rows.count()).toBe(3);
  });

  it('a page pulled for another device (re-enrolled meanwhile) is refused before anything is written', async () => {
    const server = new FakeServer();
    await seed(server, 2);
    const db = await device(server, 'u1');
    const page = await createHttpTransport(db, { fetch: server.fetch }).pull(0, []);
    if (!page.ok) throw new Error('pull refused');
    const apply = applyPulledPage(db, 'another-device', { from: 0, changes: page.changes, cursor: page.cursor }, Date.now(), null);
    await expect(apply).rejects.toMatchObject({ code: 'unauthenticated', meta: { reason: 'device-changed' } });
    expect(await db.rows.count()).toBe(0);
    expect(await getMeta(db, 'cursor')).toBeUndefined();
  });

  it('rule 8: a page that cannot be applied rolls back entirely and leaves the cursor where it was', async () => {
    const server = new FakeServer({ pageSize: 3 });
    await seed(server, 5);
    // serverSeq 6 is a row this client cannot parse (say, written under a newer schema).
    const bad: ServerChange = { ...server.log[0]!, serverSeq: 6, id: 'bad-row', fields: { ...server.log[0]!.fields, id: 'bad-row', date: 'someday' } };
    server.log.push(bad);
    const db = await device(server);

    await engineFor(db, server).syncNow();
    // It comes from a newer server: the app asks to be updated instead of showing a bare error.
    expect(await getMeta(db, 'lastError')).toBe('client-too-old');
    expect(await getMeta(db, 'clientTooOld')).toBe(true);
    expect(await getMeta(db, 'cursor')).toBe(3); // page 1 applied; page 2 (seqs 4–6) not at all
    expect(await db.rows.count()).toBe(3);
    expect(await getMeta(db, 'firstSyncDone')).toBeUndefined();
  });

  it('rule 8: a board this client does not know yet stops the pull as client-too-old, and its own changes still go out', async () => {
    const server = new FakeServer({ pageSize: 10 });
    await seed(server, 2);
    const unknown = { ...server.log[0]!, serverSeq: 3, entity: 'boardFromTheFuture', id: 'x1', fields: { id: 'x1', unitId: 'u1' } };
    server.log.push(unknown as unknown as ServerChange);
    const db = await device(server);
    await addObservation(db, observation('u1', '2025-03-08'));

    await engineFor(db, server).syncNow();
    expect(await getMeta(db, 'lastError')).toBe('client-too-old');
    expect(await getMeta(db, 'clientTooOld')).toBe(true);
    expect(await getMeta(db, 'cursor')).toBeUndefined(); // the page holding it was not applied
    expect(await db.outbox.count()).toBe(0); // pushed before the pull stopped
    expect(server.log.filter((c) => c.entity === 'bhkObservation')).toHaveLength(3);
  });

  it('rule 8: a storage failure in the middle of a page leaves no row of it and the cursor unchanged', async () => {
    const server = new FakeServer({ pageSize: 10 });
    await seed(server, 4);
    const db = await device(server);
    // The page is written with IndexedDB itself (direct-write.ts): the failure is injected there,
    // on the second row the page writes to this database's rows.
    const proto = IDBObjectStore.prototype;
    const add = proto.add;
    let created = 0;
    proto.add = function (this: IDBObjectStore, ...args: Parameters<IDBObjectStore['add']>) {
      if (this.name === 'rows' && this.transaction.db.name === db.name && ++created === 2) throw new DOMException('full', 'QuotaExceededError');
      return add.apply(this, args);
    };
    const engine = engineFor(db, server);
    try {
      await engine.syncNow();
    } finally {
      proto.add = add;
    }
    expect(created).toBeGreaterThanOrEqual(2);
    expect(await getMeta(db, 'cursor')).toBeUndefined();
    expect(await db.rows.count()).toBe(0);
    expect(await getMeta(db, 'lastError')).toBe('internal');

    await engine.syncNow();
    expect(await getMeta(db, 'cursor')).toBe(4);
    expect(await db.rows.count()).toBe(4);
  });

  it('rule 7: the first sync reports progress from headSeq page by page, then clears it', async () => {
    const server = new FakeServer({ pageSize: 2 });
    await seed(server, 5);
    const db = await device(server);
    const seen: (SyncProgress | null | undefined)[] = [];
    const http = createHttpTransport(db, { fetch: server.fetch });
    const transport: SyncTransport = {
      ...http,
      pull: async (cursor) => {
        seen.push(await getMeta(db, 'progress'));
        return http.pull(cursor);
      },
    };
    await createSyncEngine({ db, transport }).syncNow();
    expect(seen).toEqual([undefined, { done: 2, total: 5 }, { done: 4, total: 5 }]);
    expect(await getMeta(db, 'progress')).toBeNull();
    expect(await getMeta(db, 'firstSyncDone')).toBe(true);
    expect(await db.rows.count()).toBe(5);
  });

  it('rule 15: pulled HLCs are received, so later local writes sort after them; the server offset is stored', async () => {
    const ahead = 10 * 60_000; // the server's clock is 10 minutes ahead of this tablet's
    const server = new FakeServer({ now: () => Date.now() + ahead });
    const writer = await device(server);
    const writerStamp = Date.now() + ahead;
    await writeChange(writer, { entity: 'unitSettings', op: 'patch', id: 'settings:u1', unitId: 'u1', fields: { bhkMinN: 3 } }, writerStamp);
    await engineFor(writer, server).syncNow();

    const db = await device(server);
    await engineFor(db, server).syncNow();
    expect(Math.abs((await getMeta(db, 'serverOffsetMs'))! - ahead)).toBeLessThan(1_000);
    await saveUnitSettings(db, 'u1', { bhkMinN: 7 });
    const mine = (await db.outbox.toArray())[0]!.change.hlc;
    expect(mine > server.log[0]!.hlc).toBe(true);
    expect(parseHlc(mine).millis).toBeGreaterThanOrEqual(writerStamp);
  });

  it('rule 11: two tablets editing different fields offline both keep their edit; on the same field the later HLC wins everywhere', async () => {
    const server = new FakeServer();
    const a = await device(server);
    const b = await device(server);
    const t = Date.now();
    await saveUnitSettings(a, 'u1', { bhkMinN: 3, bhkTargetPct: 70 }, t);
    await saveUnitSettings(b, 'u1', { bhkMonthlyQuota: 20, bhkTargetPct: 95 }, t + 1000);
    const ea = engineFor(a, server);
    const eb = engineFor(b, server);
    await eb.syncNow();
    await ea.syncNow();
    await eb.syncNow();
    const expected = { bhkMinN: 3, bhkMonthlyQuota: 20, bhkTargetPct: 95 };
    expect(await getUnitSettings(a, 'u1')).toMatchObject(expected);
    expect(await getUnitSettings(b, 'u1')).toMatchObject(expected);
    expect(server.row('unitSettings', 'settings:u1')!.data).toMatchObject(expected);
  });

  it('rule 12: a delete is a tombstone that reaches the other tablets', async () => {
    const server = new FakeServer();
    const a = await device(server);
    const b = await device(server);
    await saveUnitSettings(a, 'u1', { bhkMinN: 3 });
    await engineFor(a, server).syncNow();
    await engineFor(b, server).syncNow();
    await writeChange(b, { entity: 'unitSettings', op: 'delete', id: 'settings:u1', unitId: 'u1', fields: {} });
    await engineFor(b, server).syncNow();
    await engineFor(a, server).syncNow();
    expect((await a.rows.get(['unitSettings', 'settings:u1']))!.deleted).toBe(true);
    expect((await getUnitSettings(a, 'u1')).bhkMinN).toBe(10);
  });

  it('pulls only the read scope: a u2 tablet never receives u1 rows', async () => {
    const server = new FakeServer();
    await seed(server, 2, 'u1');
    const db = await device(server, 'u2');
    await engineFor(db, server).syncNow();
    expect(await db.rows.count()).toBe(0);
    expect(await getMeta(db, 'firstSyncDone')).toBe(true);
  });
});

describe('sync engine: tabs', () => {
  it('two tabs (two engines on one database) never sync concurrently, and together lose nothing', async () => {
    const server = new FakeServer();
    const first = await device(server);
    const name = first.name;
    const second = openDb(name);
    track(second);
    for (let i = 1; i <= 3; i++) await addObservation(i % 2 ? first : second, observation('u1', `2025-03-0${i}`));
    let open!: () => void;
    server.gate = new Promise<void>((resolve) => (open = resolve));
    const tabA = engineFor(first, server);
    const tabB = engineFor(second, server);

    const runs = [tabA.syncNow(), tabB.syncNow(), tabA.syncNow()];
    await new Promise((r) => setTimeout(r, 20));
    expect(server.inFlight).toBe(1);
    expect(await getMeta(second, 'syncingSince')).toBeTypeOf('number'); // visible to the other tab
    open();
    server.gate = null;
    await Promise.all(runs);
    expect(server.maxInFlight).toBe(1);
    expect(await first.outbox.count()).toBe(0);
    expect(server.log).toHaveLength(3);
    expect(await getMeta(second, 'syncingSince')).toBeUndefined();
    await tabB.syncNow();
    expect((await listObservations(second, 'u1', '2025-03')).length).toBe(3);
    expect(server.maxInFlight).toBe(1);
  });
});

describe('sync engine: steps of the observation schema', () => {
  it('round-trips a full observation unchanged through push and pull', async () => {
    const server = new FakeServer();
    const a = await device(server);
    const b = await device(server);
    const obs = await addObservation(a, observation('u1', '2025-03-09', { task: 'omläggning', observer: 'AB', note: 'bra', selfAssessment: true, steps: { ...ALL_YES, gloves: 'nej' } }));
    await engineFor(a, server).syncNow();
    await engineFor(b, server).syncNow();
    expect(await listObservations(b, 'u1', '2025-03')).toEqual([obs]);
  });
});
