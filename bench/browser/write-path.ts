/**
 * Item 1: saving one observation through the app (addObservation → writeChange: validation,
 * HLC tick, seq, merged row and outbox row in one strict transaction) against a bare Dexie put
 * of the same row into an identically indexed table, also strict, and beside the same put made
 * with IndexedDB itself. The kinds take turns in blocks, so a noisy moment hits all of them alike.
 */
import { addObservation, type NewObservation } from '../../src/client/storage/bhk-repo';
import type { RowRecord } from '../../src/client/storage/db';
import { observation, prng } from '../lib/gen';
import type { WritePathTimes } from './contract';
import { appDb, dropAll, rawRowsDb, timeEach } from './page-db';

export async function writePath(opts: { ops: number; warmup: number; block: number }): Promise<WritePathTimes> {
  const { db: app } = await appDb('write-app');
  const raw = rawRowsDb('write-raw', 'strict');
  const relaxed = rawRowsDb('write-relaxed', 'relaxed');
  await raw.open();
  await relaxed.open();
  const rand = prng(8);
  const today = new Date().toISOString().slice(0, 10);
  const input = (): NewObservation => {
    const { id: _id, createdAt: _c, ...rest } = observation(rand, 'bench-unit', today);
    return rest;
  };
  const row = (): RowRecord => {
    const o = observation(rand, 'bench-unit', today);
    return { entity: 'bhkObservation', id: o.id, unitId: o.unitId, data: { ...o }, hlcs: {}, deleted: false, sortKey: o.date };
  };
  // Inputs are built before the clock starts: only storing them is timed.
  const kinds = {
    app: async (n: number) => {
      const items = Array.from({ length: n }, input);
      return timeEach(n, (i) => addObservation(app, items[i] as NewObservation));
    },
    raw: async (n: number) => {
      const items = Array.from({ length: n }, row);
      return timeEach(n, (i) => raw.rows.put(items[i] as RowRecord));
    },
    rawRelaxed: async (n: number) => {
      const items = Array.from({ length: n }, row);
      return timeEach(n, (i) => relaxed.rows.put(items[i] as RowRecord));
    },
    rawIdb: async (n: number) => {
      const items = Array.from({ length: n }, row);
      return timeEach(n, (i) => idbPut(raw.backendDB(), items[i] as RowRecord));
    },
  };
  const out: WritePathTimes = { app: [], raw: [], rawRelaxed: [], rawIdb: [], outboxRows: 0 };
  for (const run of Object.values(kinds)) await run(opts.warmup);
  const names = Object.keys(kinds) as (keyof typeof kinds)[];
  for (let done = 0, round = 0; done < opts.ops; done += opts.block, round++) {
    const n = Math.min(opts.block, opts.ops - done);
    const order = round % 2 === 0 ? names : [...names].reverse();
    for (const name of order) out[name].push(...(await kinds[name](n)));
  }
  out.outboxRows = await app.outbox.count();
  await dropAll(app, raw, relaxed);
  return out;
}

/** One strict put in a transaction of its own, resolved at its commit, as Dexie's put is. */
function idbPut(idb: IDBDatabase, value: RowRecord): Promise<void> {
  return new Promise((resolve, reject) => {
    const tx = idb.transaction(['rows'], 'readwrite', { durability: 'strict' });
    tx.objectStore('rows').put(value);
    tx.oncomplete = () => resolve();
    tx.onabort = () => reject(tx.error);
  });
}
