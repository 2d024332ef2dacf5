/**
 * The counters' lease (storage/counter-lease.ts, issue 19): a tab issues seqs and HLCs from memory
 * only while it holds the lease, so its saves read nothing, and whatever another tab does in
 * between (save, confirm a push, apply a pulled page, close) never lets a seq or HLC be issued twice.
 * Two connections to one database stand for two tabs; they share Node's in-process lock manager.
 */
import './helpers';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { uuidv7 } from 'uuidv7';
import { addObservation, listObservations, saveUnitSettings, getUnitSettings } from '../../src/client/storage/bhk-repo';
import { observe } from '../../src/client/storage/live';
import { openDb, type PulsDb } from '../../src/client/storage/db';
import { getMeta, setMeta } from '../../src/client/storage/meta';
import { confirmPushed } from '../../src/client/storage/outbox';
import { applyPulledPage } from '../../src/client/storage/pull-apply';
import { writeChange, writeTransaction } from '../../src/client/storage/records';
import { parseHlc } from '../../src/shared/sync/hlc';
import { caught, freshDb, observation, pulledObservation } from './helpers';

const DEVICE = { deviceId: '0190a0b0-c0d0-7e00-8000-000000000002', deviceSecret: 'x'.repeat(40) };
const NOW = Date.parse('2025-03-07T12:00:00Z');

const dbs: PulsDb[] = [];
afterEach(() => {
  vi.restoreAllMocks();
  for (const db of dbs.splice(0)) db.close();
});

async function sessionDb(db: PulsDb = freshDb()): Promise<PulsDb> {
  dbs.push(db);
  await setMeta(db, 'credential', DEVICE);
  return db;
}

/** Another tab: a second connection to the same database. */
function secondTab(db: PulsDb, locks?: null): PulsDb {
  const other = openDb(db.name, locks === null ? { locks: null } : {});
  dbs.push(other);
  return other;
}

/** Waits until `ready()` holds (live queries settle on their own schedule); fails after 2 s. */
async function until(ready: () => boolean): Promise<void> {
  for (const end = Date.now() + 2_000; !ready(); ) {
    if (Date.now() > end) throw new Error('live queries did not settle');
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}

const outboxOf = async (db: PulsDb) => (await db.outbox.orderBy('seq').toArray()).map((r) => ({ seq: r.seq, hlc: r.change.hlc }));

/** Asserts seqs 1..n in order and strictly rising HLCs. */
function expectGaplessAndRising(rows: { seq: number; hlc: string }[]): void {
  expect(rows.map((r) => r.seq)).toEqual(rows.map((_, i) => i + 1));
  for (let i = 1; i < rows.length; i++) expect(rows[i]!.hlc > rows[i - 1]!.hlc).toBe(true);
}

const READS = ['get', 'getAll', 'getAllKeys', 'getKey', 'openCursor', 'openKeyCursor', 'count'] as const;
const WRITES = ['add', 'put', 'delete', 'clear'] as const;

/** Records every IndexedDB request made from now on (until the test ends): reads, and writes as `store:method`. */
function countRequests(): { reads: string[]; writes: string[] } {
  const seen = { reads: [] as string[], writes: [] as string[] };
  for (const proto of [IDBObjectStore.prototype, IDBIndex.prototype] as unknown as Record<string, (...a: unknown[]) => unknown>[]) {
    for (const method of [...READS, ...WRITES]) {
      const original = proto[method];
      if (!original) continue;
      const list = (WRITES as readonly string[]).includes(method) ? seen.writes : seen.reads;
      vi.spyOn(proto, method).mockImplementation(function (this: { name: string }, ...args: unknown[]) {
        list.push(`${this.name}:${method}`);
        return original.apply(this, args);
      });
    }
  }
  return seen;
}

describe('counter lease', () => {
  it('issue 19: once a tab holds the lease, saving an observation reads nothing and writes its row and outbox row', async () => {
    const db = await sessionDb();
    await addObservation(db, observation('u1', '2025-03-01'), NOW);
    const seen = countRequests();
    await addObservation(db, observation('u1', '2025-03-02'), NOW);
    expect(seen.reads).toEqual([]);
    expect(seen.writes.sort()).toEqual(['outbox:add', 'rows:add']);
    expectGaplessAndRising(await outboxOf(db));
  });

  it('issue 19: live queries, in this tab and another, follow saves written with IndexedDB itself', async () => {
    const a = await sessionDb();
    const b = secondTab(a);
    await addObservation(a, observation('u1', '2025-03-01'), NOW);
    await saveUnitSettings(a, 'u1', { bhkMinN: 4 }, NOW);
    const seen = { mine: [] as number[], theirs: [] as number[], pending: [] as number[], minN: [] as number[] };
    const stops = [
      observe(() => listObservations(a, 'u1', '2025-03'), (v) => seen.mine.push(v.length)),
      observe(() => listObservations(b, 'u1', '2025-03'), (v) => seen.theirs.push(v.length)),
      observe(() => b.outbox.count(), (v) => seen.pending.push(v)),
      observe(() => getUnitSettings(b, 'u1'), (v) => seen.minN.push(v.bhkMinN)),
    ];
    try {
      await until(() => seen.mine.length > 0 && seen.theirs.length > 0 && seen.pending.length > 0 && seen.minN.length > 0);
      await addObservation(a, observation('u1', '2025-03-02'), NOW);
      await saveUnitSettings(a, 'u1', { bhkMinN: 7 }, NOW);
      await until(() => seen.mine.at(-1) === 2 && seen.theirs.at(-1) === 2 && seen.pending.at(-1) === 4 && seen.minN.at(-1) === 7);
    } finally {
      for (const stop of stops) stop();
    }
  });

  it('rule 2: a tab that saved and was closed leaves the next tab no gap and no reuse', async () => {
    const a = await sessionDb();
    for (let i = 1; i <= 3; i++) await addObservation(a, observation('u1', `2025-03-0${i}`), NOW);
    const b = secondTab(a);
    a.close();
    for (let i = 4; i <= 5; i++) await addObservation(b, observation('u1', `2025-03-0${i}`), NOW - 60_000);
    expectGaplessAndRising(await outboxOf(b));
  });

  it('rule 2: tabs taking turns hand the lease over, and each continues where the other stopped', async () => {
    const a = await sessionDb();
    const b = secondTab(a);
    for (let i = 1; i <= 6; i++) await addObservation(i % 2 === 0 ? b : a, observation('u1', `2025-03-0${i}`), NOW);
    expectGaplessAndRising(await outboxOf(a));
  });

  for (const where of ['the same tab', 'another tab'] as const) {
    it(`rule 4: a confirmation in ${where} moves the holder on: no seq the server has processed is issued again`, async () => {
      const a = await sessionDb();
      await addObservation(a, observation('u1', '2025-03-01'), NOW);
      await addObservation(a, observation('u1', '2025-03-02'), NOW);
      const before = await outboxOf(a);
      // The server says it processed up to 5 (seqs 3–5 from an earlier numbering of this device).
      await confirmPushed(where === 'the same tab' ? a : secondTab(a), DEVICE.deviceId, 5, [], NOW);
      await addObservation(a, observation('u1', '2025-03-03'), NOW - 60_000);
      const after = await outboxOf(a);
      expect(after.map((r) => r.seq)).toEqual([6]);
      expect(after[0]!.hlc > before[1]!.hlc).toBe(true);
    });

    it(`rule 15: a page pulled in ${where} moves the holder's clock: its next save sorts after the pulled change`, async () => {
      const a = await sessionDb();
      await addObservation(a, observation('u1', '2025-03-01'), NOW);
      const change = pulledObservation('u1', '2025-03-02', NOW + 30 * 60_000);
      const remote = change.hlc;
      const puller = where === 'the same tab' ? a : secondTab(a);
      expect(await applyPulledPage(puller, DEVICE.deviceId, { from: 0, changes: [change], cursor: 1 }, NOW)).toMatchObject({ kind: 'applied' });
      await addObservation(a, observation('u1', '2025-03-03'), NOW);
      const hlcs = (await outboxOf(a)).map((r) => r.hlc);
      expect(hlcs[1]! > remote).toBe(true);
      expect(parseHlc(hlcs[1]!).millis).toBe(NOW + 30 * 60_000);
    });
  }

  it('rule 15: the clock survives a reload after the outbox emptied, even when the wall clock is behind', async () => {
    const db = await sessionDb();
    await addObservation(db, observation('u1', '2025-03-01'), NOW);
    const [first] = await outboxOf(db);
    await confirmPushed(db, DEVICE.deviceId, 1, [], NOW);
    expect(await db.outbox.count()).toBe(0);
    db.close();
    const reopened = await sessionDb(openDb(db.name));
    await addObservation(reopened, observation('u1', '2025-03-02'), NOW - 3_600_000);
    const [second] = await outboxOf(reopened);
    expect(second!.seq).toBe(2);
    expect(second!.hlc > first!.hlc).toBe(true);
    expect(await getMeta(reopened, 'nextSeq')).toBe(2);
  });

  it('rule 2: writes side by side in one writeTransaction take distinct seqs, and all or none are kept', async () => {
    const db = await sessionDb();
    await writeTransaction(db, () => Promise.all(Array.from({ length: 5 }, (_, i) => addObservation(db, observation('u1', `2025-03-0${i + 1}`), NOW))));
    expect((await outboxOf(db)).map((r) => r.seq).sort()).toEqual([1, 2, 3, 4, 5]);
    await expect(
      writeTransaction(db, async () => {
        await addObservation(db, observation('u1', '2025-03-06'), NOW);
        throw new Error('the rest of the save failed');
      }),
    ).rejects.toThrow('the rest of the save failed');
    await addObservation(db, observation('u1', '2025-03-07'), NOW);
    expect((await outboxOf(db)).map((r) => r.seq).sort()).toEqual([1, 2, 3, 4, 5, 6]);
    expect(await db.rows.count()).toBe(6);
  });

  it('rule 2: a transaction that committed yet failed (it waited on something else) leaves the next save no seq to reuse', async () => {
    const db = await sessionDb();
    await addObservation(db, observation('u1', '2025-03-01'), NOW);
    const early = writeTransaction(db, async () => {
      await addObservation(db, observation('u1', '2025-03-02'), NOW);
      // Not IndexedDB: the transaction commits meanwhile, and Dexie reports it as failed.
      await new Promise((resolve) => setTimeout(resolve, 20));
    });
    await expect(early).rejects.toMatchObject({ name: 'PrematureCommitError' });
    await addObservation(db, observation('u1', '2025-03-03'), NOW);
    expectGaplessAndRising(await outboxOf(db));
    expect(await db.outbox.count()).toBe(3);
  });

  it('rule 2: a write inside any other transaction is refused (it could not take the lease) and writes nothing', async () => {
    const db = await sessionDb();
    const error = await caught(
      db.transaction('rw', [db.rows, db.outbox, db.meta], () =>
        writeChange(db, { entity: 'unitSettings', op: 'patch', id: 'settings:u1', unitId: 'u1', fields: { bhkMinN: 3 } }, NOW),
      ),
    );
    expect(error.code).toBe('internal');
    expect(await db.outbox.count()).toBe(0);
    expect(await db.rows.count()).toBe(0);
  });

  it('rule 2: without a lock manager nothing is kept in memory, and two tabs saving concurrently still share no seq or HLC', async () => {
    const a = await sessionDb(openDb(`test-${uuidv7()}`, { locks: null }));
    const b = secondTab(a, null);
    await Promise.all(Array.from({ length: 12 }, (_, i) => addObservation(i % 2 === 0 ? a : b, observation('u1', `2025-03-${String(i + 1).padStart(2, '0')}`), NOW)));
    expectGaplessAndRising(await outboxOf(a));
  });
});
