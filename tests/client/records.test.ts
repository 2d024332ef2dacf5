import './helpers';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { AppError } from '../../src/shared/errors';
import { parseHlc } from '../../src/shared/sync/hlc';
import { openDb, type PulsDb } from '../../src/client/storage/db';
import { setMeta } from '../../src/client/storage/meta';
import { writeChange, type WriteInput } from '../../src/client/storage/records';
import {
  addObservation,
  getUnitSettings,
  listObservations,
  saveUnitSettings,
} from '../../src/client/storage/bhk-repo';
import { listUnits, replaceUnits } from '../../src/client/storage/org-repo';
import type { OrgUnit } from '../../src/shared/schema/org-unit';
import { freshDb, observation, TEST_PERSONNUMMER } from './helpers';

const DEVICE = { deviceId: '0190a0b0-c0d0-7e00-8000-000000000001', deviceSecret: 'x'.repeat(40) };

async function sessionDb(): Promise<PulsDb> {
  const db = freshDb();
  await setMeta(db, 'credential', DEVICE);
  return db;
}

async function snapshot(db: PulsDb) {
  return { rows: await db.rows.toArray(), outbox: await db.outbox.toArray(), meta: await db.meta.toArray() };
}

async function expectAppError(promise: Promise<unknown>, code: string): Promise<AppError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(AppError);
  expect((error as AppError).code).toBe(code);
  return error as AppError;
}

const dbs: PulsDb[] = [];
afterEach(() => {
  for (const db of dbs.splice(0)) db.close();
});

describe('writeChange', () => {
  it('rule 2: each write adds exactly one outbox row with the next gapless seq, also for concurrent writes', async () => {
    const db = await sessionDb();
    dbs.push(db);
    await Promise.all(Array.from({ length: 20 }, (_, i) => addObservation(db, observation('u1', `2025-03-${String(i + 1).padStart(2, '0')}`))));
    const outbox = await db.outbox.orderBy('seq').toArray();
    expect(outbox.map((r) => r.seq)).toEqual(Array.from({ length: 20 }, (_, i) => i + 1));
    expect(outbox.every((r) => r.change.seq === r.seq)).toBe(true);
    expect(await db.rows.count()).toBe(20);
    // Rule 15: every local write gets a strictly greater HLC.
    const hlcs = outbox.map((r) => r.change.hlc);
    expect([...hlcs].sort()).toEqual(hlcs);
    expect(new Set(hlcs).size).toBe(20);
  });

  it('rule 2: two tabs (two connections to one database) saving concurrently never reuse a seq or an HLC', async () => {
    const a = await sessionDb();
    const b = openDb(a.name);
    dbs.push(a, b);
    await Promise.all(
      Array.from({ length: 20 }, (_, i) => addObservation(i % 2 === 0 ? a : b, observation('u1', `2025-03-${String(i + 1).padStart(2, '0')}`))),
    );
    const outbox = await a.outbox.orderBy('seq').toArray();
    expect(outbox.map((r) => r.seq)).toEqual(Array.from({ length: 20 }, (_, i) => i + 1));
    const hlcs = outbox.map((r) => r.change.hlc);
    expect([...hlcs].sort()).toEqual(hlcs);
    expect(new Set(hlcs).size).toBe(20);
  });

  it('rule 15: the HLC never goes backwards across a reload, even when the wall clock does', async () => {
    const db = await sessionDb();
    const now = Date.parse('2025-03-07T12:00:00Z');
    await addObservation(db, observation('u1', '2025-03-07'), now);
    const before = (await db.outbox.toArray()).map((r) => r.change.hlc);
    db.close();
    const reopened = openDb(db.name);
    dbs.push(reopened);
    await addObservation(reopened, observation('u1', '2025-03-07'), now - 60_000);
    const hlcs = (await reopened.outbox.orderBy('seq').toArray()).map((r) => r.change.hlc);
    expect(hlcs[0]).toBe(before[0]);
    expect(hlcs[1]! > hlcs[0]!).toBe(true);
    expect(parseHlc(hlcs[1]!).millis).toBeGreaterThanOrEqual(parseHlc(hlcs[0]!).millis);
  });

  it('rule 2: invalid input throws AppError and writes nothing', async () => {
    const db = await sessionDb();
    dbs.push(db);
    await addObservation(db, observation());
    const before = await snapshot(db);
    const bad = observation('u1', '2025-02-30');
    const error = await expectAppError(addObservation(db, bad), 'validation');
    expect(error.path).toEqual(['fields', 'date']);
    await expectAppError(addObservation(db, observation('u1', '2025-03-01', { steps: { ...observation().steps, nails: 'ej_aktuellt' } })), 'validation');
    await expectAppError(writeChange(db, { entity: 'nope', op: 'insert', id: 'x', unitId: 'u1', fields: {} } as unknown as WriteInput), 'validation');
    await expectAppError(writeChange(db, { entity: 'unitSettings', op: 'patch', id: 'settings:u1', unitId: 'bad unit!', fields: { bhkMinN: 3 } }), 'validation');
    expect(await snapshot(db)).toEqual(before);
  });

  it('refuses a personnummer in free text with code personnummer and writes nothing', async () => {
    const db = await sessionDb();
    dbs.push(db);
    const error = await expectAppError(addObservation(db, observation('u1', '2025-03-14', { note: `pat ${TEST_PERSONNUMMER}` })), 'personnummer');
    expect(error.path).toEqual(['fields', 'note']);
    expect(await db.outbox.count()).toBe(0);
    expect(await db.rows.count()).toBe(0);
  });

  it('rule 13: a patch naming id or unitId is refused (immutable-field); a row cannot move unit (scope-denied)', async () => {
    const db = await sessionDb();
    dbs.push(db);
    await saveUnitSettings(db, 'u1', { bhkMinN: 5 });
    await expectAppError(writeChange(db, { entity: 'unitSettings', op: 'patch', id: 'settings:u1', unitId: 'u1', fields: { unitId: 'u2' } }), 'immutable-field');
    await expectAppError(writeChange(db, { entity: 'unitSettings', op: 'patch', id: 'settings:u1', unitId: 'u2', fields: { bhkMinN: 6 } }), 'scope-denied');
    expect(await db.outbox.count()).toBe(1);
  });

  it('rule 2: a failure inside the transaction leaves neither the row nor the outbox row nor the seq', async () => {
    const db = await sessionDb();
    dbs.push(db);
    await addObservation(db, observation());
    const before = await snapshot(db);
    // The failure is injected in IndexedDB itself, below Dexie: a save written without Dexie's
    // table API (storage/direct-write.ts) must be all-or-nothing as well.
    const add = IDBObjectStore.prototype.add;
    const failing = vi.spyOn(IDBObjectStore.prototype, 'add').mockImplementation(function (this: IDBObjectStore, ...args: Parameters<IDBObjectStore['add']>) {
      if (this.name === 'outbox') throw new DOMException('disk full', 'QuotaExceededError');
      return add.apply(this, args);
    });
    await expect(addObservation(db, observation('u1', '2025-03-15'))).rejects.toThrow();
    failing.mockRestore();
    expect(await snapshot(db)).toEqual(before);
    await addObservation(db, observation('u1', '2025-03-16'));
    expect((await db.outbox.orderBy('seq').toArray()).map((r) => r.seq)).toEqual([1, 2]);
  });

  it('rule 2: the writes go out side by side, yet a record whose id exists aborts all of them (no outbox row, seq or clock)', async () => {
    const db = await sessionDb();
    dbs.push(db);
    const first = await addObservation(db, observation());
    const before = await snapshot(db);
    const { id: _id, createdAt: _c, ...fields } = first;
    const again: WriteInput = { entity: 'bhkObservation', op: 'insert', id: first.id, unitId: first.unitId, fields: { ...fields, id: first.id, createdAt: first.createdAt, date: '2025-03-20' } };
    await expect(writeChange(db, again)).rejects.toMatchObject({ name: 'ConstraintError' });
    expect(await snapshot(db)).toEqual(before);
  });

  it('works before any sync and without network, but needs a session (device id)', async () => {
    const db = freshDb();
    dbs.push(db);
    await expectAppError(addObservation(db, observation()), 'unauthenticated');
    await setMeta(db, 'credential', DEVICE);
    await addObservation(db, observation());
    expect(await db.outbox.count()).toBe(1);
    const { change } = (await db.outbox.toArray())[0]!;
    expect(parseHlc(change.hlc).node).toBe(DEVICE.deviceId.replace(/-/g, ''));
  });

  it('stamps the HLC with server-corrected time (offset measured at sync)', async () => {
    const db = await sessionDb();
    dbs.push(db);
    await setMeta(db, 'serverOffsetMs', 60_000);
    await saveUnitSettings(db, 'u1', { bhkMinN: 4 }, 1_000_000);
    const row = (await db.outbox.toArray())[0]!;
    expect(parseHlc(row.change.hlc).millis).toBe(1_060_000);
    expect(row.createdAt).toBe(1_000_000);
  });
});

describe('bhk-repo', () => {
  it('addObservation assigns a UUIDv7 id and createdAt; listObservations returns one unit-month, by date', async () => {
    const db = await sessionDb();
    dbs.push(db);
    const a = await addObservation(db, observation('u1', '2025-03-20'), Date.UTC(2025, 2, 20));
    await addObservation(db, observation('u1', '2025-03-01'));
    await addObservation(db, observation('u1', '2025-04-01'));
    await addObservation(db, observation('u1', '2025-02-28'));
    await addObservation(db, observation('u2', '2025-03-10'));
    const corrected = await addObservation(db, observation('u1', '2025-03-20', { replaces: a.id, voided: true }));
    expect(a.id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-/);
    expect(a.createdAt).toBe('2025-03-20T00:00:00.000Z');
    const march = await listObservations(db, 'u1', '2025-03');
    expect(march.map((o) => o.date)).toEqual(['2025-03-01', '2025-03-20', '2025-03-20']);
    expect(march).toContainEqual(a);
    expect(march).toContainEqual(corrected);
  });

  it('rule 11: unit settings default per field and are saved as per-field patches', async () => {
    const db = await sessionDb();
    dbs.push(db);
    expect(await getUnitSettings(db, 'u1')).toEqual({ id: 'settings:u1', unitId: 'u1', bhkMonthlyQuota: 10, bhkMinN: 10, bhkTargetPct: 80 });
    await saveUnitSettings(db, 'u1', { bhkTargetPct: 90 });
    await saveUnitSettings(db, 'u1', {});
    expect(await getUnitSettings(db, 'u1')).toMatchObject({ bhkTargetPct: 90, bhkMinN: 10 });
    const outbox = await db.outbox.toArray();
    expect(outbox).toHaveLength(1);
    expect(outbox[0]!.change).toMatchObject({ op: 'patch', fields: { bhkTargetPct: 90 } });
  });
});

describe('org-repo', () => {
  it('replaceUnits swaps the whole tree', async () => {
    const db = freshDb();
    dbs.push(db);
    const unit = (id: string, parentId: string | null) => ({ id, name: id, kind: 'enhet', parentId, closedAt: null }) as OrgUnit;
    await replaceUnits(db, [unit('a', null), unit('b', 'a')]);
    await replaceUnits(db, [unit('c', null)]);
    expect((await listUnits(db)).map((u) => u.id)).toEqual(['c']);
  });
});
