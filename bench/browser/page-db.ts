/** Databases for the bench page: the app's own PulsDb, and a plain Dexie copy of its rows table. */
import Dexie, { type Table } from 'dexie';
import { uuidv7 } from 'uuidv7';
import { openDb, type PulsDb, type RowRecord } from '../../src/client/storage/db';
import { setMeta } from '../../src/client/storage/meta';

let counter = 0;
const fresh = (prefix: string) => `bench-${prefix}-${Date.now()}-${counter++}`;

/** A PulsDb with a device credential, so writeChange and applyPulledPage accept it. */
export async function appDb(prefix: string): Promise<{ db: PulsDb; deviceId: string }> {
  const db = openDb(fresh(prefix));
  await db.open();
  const deviceId = uuidv7();
  await setMeta(db, 'credential', { deviceId, deviceSecret: 'b'.repeat(43) });
  return { db, deviceId };
}

/**
 * The same `rows` indexes as db.ts (kept in step by hand: PulsDb fixes strict durability in
 * its constructor, and the relaxed baseline needs the other setting).
 */
export function rawRowsDb(prefix: string, durability: 'strict' | 'relaxed'): Dexie & { rows: Table<RowRecord, [string, string]> } {
  const db = new Dexie(fresh(prefix), { chromeTransactionDurability: durability }) as Dexie & { rows: Table<RowRecord, [string, string]> };
  db.version(1).stores({ rows: '[entity+id], [entity+unitId], [entity+unitId+sortKey]' });
  return db;
}

/** Milliseconds of each call, run one after the other. */
export async function timeEach(n: number, op: (i: number) => Promise<unknown>): Promise<number[]> {
  const out: number[] = [];
  for (let i = 0; i < n; i++) {
    const t0 = performance.now();
    await op(i);
    out.push(performance.now() - t0);
  }
  return out;
}

export async function dropAll(...dbs: Dexie[]): Promise<void> {
  for (const db of dbs) {
    db.close();
    await Dexie.delete(db.name);
  }
}
