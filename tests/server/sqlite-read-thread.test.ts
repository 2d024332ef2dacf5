/**
 * SQLite's fact reads on threads of their own (store/sqlite/read-thread.ts): a figure's reads run
 * beside the event loop over read-only connections to the same file, see every commit made before
 * them and nothing uncommitted, and when a thread cannot read, the store's own connection does.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { fieldIndex, zeroVector } from '../../src/shared/domain/facts/families';
import { READ_NICE, startReadThreads } from '../../src/server/store/sqlite/read-thread';
import { createSqliteStore } from '../../src/server/store/sqlite/index';
import type { Store } from '../../src/server/store/store';

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'pulstavlan-read-thread-'));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));
let n = 0;

async function storeWithUnit(readThreads: number): Promise<{ store: Store; file: string }> {
  const file = path.join(dir, `s${n++}.sqlite`);
  const store = createSqliteStore(file, { readThreads });
  await store.migrate();
  await store.tx(async (tx) => {
    await tx.insertUnit({ id: 'r', name: 'R', kind: 'region', parentId: null, path: '/r/', closedAt: null });
    await tx.insertUnit({ id: 'u', name: 'U', kind: 'enhet', parentId: 'r', path: '/r/u/', closedAt: null });
  });
  return { store, file };
}

const planned = fieldIndex('staff', 'planned');
const staffDay = (period: string, value: number) => {
  const v = zeroVector('staff');
  v[planned] = value;
  v[fieldIndex('staff', 'shifts')] = 1;
  v[fieldIndex('staff', 'days')] = 1;
  return { family: 'staff' as const, unitId: 'u', grain: 'd' as const, period, key: '', v };
};
const march = [{ grain: 'd' as const, from: '2026-03-01', to: '2026-03-31' }];
const plannedIn = async (store: Store) => (await store.facts.sumSegments('staff', '/r/', march, true))[0]?.get('u')?.get('')?.[planned];

describe('SQLite reads on threads', () => {
  it('reads the file on the threads, never on the store connection, in the order asked', async () => {
    const { store, file } = await storeWithUnit(0);
    const threads = startReadThreads(file, 2);
    try {
      expect(threads.width).toBe(2);
      let here = 0;
      const asked = Array.from({ length: 6 }, (_, i) => threads.query<{ id: string; i: number }>('select id, ? as i from units order by id', [i], async () => {
        here++;
        return [];
      }));
      const answers = await Promise.all(asked);
      expect(answers).toEqual(Array.from({ length: 6 }, (_, i) => [{ id: 'r', i }, { id: 'u', i }]));
      expect(here).toBe(0);
    } finally {
      await threads.close();
      await store.close();
    }
  });

  // Linux, and a process not already running at READ_NICE or lower.
  const eventLoop = fs.existsSync('/proc/thread-self') ? Number(fs.readlinkSync('/proc/thread-self').split('/').pop()) : 0;
  it.runIf(eventLoop > 0 && os.getPriority(eventLoop) < READ_NICE)('runs its threads at a lower priority than the event loop (Linux)', async () => {
    const { store, file } = await storeWithUnit(0);
    // Each thread of this process and its nice value (a thread gone since the listing is skipped).
    const nices = () =>
      fs.readdirSync('/proc/self/task').flatMap((tid) => {
        try {
          return [os.getPriority(Number(tid))];
        } catch {
          return [];
        }
      });
    const before = nices().filter((n) => n === READ_NICE).length;
    const threads = startReadThreads(file, 2);
    try {
      // Two reads at once: both threads have started and set their priority before answering.
      await Promise.all([0, 1].map((i) => threads.query('select ? as i', [i], async () => [])));
      expect(nices().filter((n) => n === READ_NICE).length - before).toBe(2);
      expect(os.getPriority(eventLoop)).toBeLessThan(READ_NICE);
    } finally {
      await threads.close();
      await store.close();
    }
  });

  it('gives a statement SQLite refuses its error, and reads on after it', async () => {
    const { store, file } = await storeWithUnit(0);
    const threads = startReadThreads(file, 1);
    try {
      const never = async () => {
        throw new Error('read on the store connection');
      };
      await expect(threads.query('select * from no_such_table', [], never)).rejects.toThrow('no such table: no_such_table');
      // Read-only: a write is refused there, not made.
      await expect(threads.query("insert into units (id, name, kind, path, created_at) values ('x', 'X', 'enhet', '/x/', '') returning id", [], never)).rejects.toThrow(/readonly/);
      expect(await threads.query<{ n: number }>('select count(*) as n from units', [], never)).toEqual([{ n: 2 }]);
    } finally {
      await threads.close();
      await store.close();
    }
  });

  it('without a thread that can read (no such file), reads on the store connection instead', async () => {
    const threads = startReadThreads(path.join(dir, 'missing', 'nothing.sqlite'), 2);
    try {
      const rows = await threads.query('select 1', [], async () => [{ here: true }]);
      expect(rows).toEqual([{ here: true }]);
      // The threads that could not open the file are gone; later reads go there at once.
      await expect.poll(() => threads.width).toBe(0);
      expect(await threads.query('select 1', [], async () => [{ here: 2 }])).toEqual([{ here: 2 }]);
    } finally {
      await threads.close();
    }
  });

  it('closed while its threads fail (no such file), the process goes on', async () => {
    const threads = startReadThreads(path.join(dir, 'missing', 'nothing.sqlite'), 2);
    // The threads start, and fail while this task holds the loop: their errors come during close.
    expect(threads.width).toBe(2);
    const until = Date.now() + 400;
    while (Date.now() < until) {
      // busy: the workers' errors wait for the loop
    }
    await threads.close();
    expect(threads.width).toBe(0);
    // Were an error without a listener thrown, the process (and this run) would have ended above.
    await new Promise((r) => setTimeout(r, 100));
  });

  it('refuses what still waits when closed', async () => {
    const { store, file } = await storeWithUnit(0);
    const threads = startReadThreads(file, 1);
    try {
      // A statement that takes a while on the thread.
      const slow = threads.query('with recursive c(x) as (select 1 union all select x + 1 from c where x < 3000000) select count(*) as n from c', [], async () => []);
      const after = threads.query('select 1 as one', [], async () => []);
      const refused = Promise.all([expect(slow).rejects.toThrow('the store is closed'), expect(after).rejects.toThrow('the store is closed')]);
      await threads.close();
      await refused;
      expect(threads.width).toBe(0);
    } finally {
      await store.close();
    }
  });

  it("a store's figures read every commit made before them, and do not wait for a transaction still open", async () => {
    const { store } = await storeWithUnit(2);
    try {
      await store.tx((tx) => tx.facts.write('staff', [staffDay('2026-03-02', 7)], 'set'));
      expect(await plannedIn(store)).toBe(7);
      let during: number | undefined;
      await store.tx(async (tx) => {
        await tx.facts.write('staff', [staffDay('2026-03-03', 5)], 'set');
        // On the store's single connection this read would wait for the transaction to end, and
        // the transaction for it: on a thread it reads what was committed.
        during = await plannedIn(store);
      });
      expect(during).toBe(7);
      expect(await plannedIn(store)).toBe(12);
    } finally {
      await store.close();
    }
  });

  it('a store from a file reads on threads unless told not to: the same sums either way', async () => {
    const { store, file } = await storeWithUnit(0);
    await store.tx((tx) => tx.facts.write('staff', [staffDay('2026-03-02', 4), staffDay('2026-03-09', 3)], 'set'));
    const threaded = createSqliteStore(file);
    try {
      expect(await plannedIn(threaded)).toBe(7);
      expect(await plannedIn(store)).toBe(7);
    } finally {
      await threaded.close();
      await store.close();
    }
  });
});
