/**
 * One save written with IndexedDB itself instead of Dexie's table API (issue 19, bench item 1).
 * A Dexie transaction with two writes costs ~1.3× a bare Dexie put on the bench machine, most of
 * it Dexie's per-transaction promise, zone and middleware work; the same two writes in a plain
 * IndexedDB transaction cost less than that one Dexie put. Only the hottest path goes here:
 * writeChange when this tab already holds the counters (counter-lease.ts); everything else,
 * reads included, stays on Dexie.
 *
 * Dexie must still see the write, or no live query would show it: after the commit we fire
 * Dexie's documented `storagemutated` event with the parts its observability middleware would
 * have recorded (the primary keys and every index key of the rows written, old and new), which
 * re-runs the affected live queries here and reaches other tabs over Dexie's BroadcastChannel.
 * That is why PulsDb runs with Dexie's live-query cache disabled: the cache is only updated by
 * writes made through Dexie, so a re-run query would be answered from it with the old rows.
 * For the same reason the write moves the first paint's token itself (first-paint-token.ts).
 */
import Dexie, { RangeSet, type Table } from 'dexie';
import type { PulsDb } from './db';
import { moveToken } from './first-paint-token';

/** One row to write: `old` is the stored value it replaces, when the save read one. */
export interface DirectPut {
  readonly table: Table;
  readonly op: 'add' | 'put';
  readonly value: object;
  readonly old?: object | undefined;
}

/**
 * Runs one readwrite transaction over `stores` with the durability PulsDb asks for: reads `key`
 * from rows when given, hands the stored row (or undefined) to `plan`, writes what it returns
 * side by side, and resolves after the commit. A failing request, or `plan` throwing, aborts
 * everything and rejects with that error.
 */
export function writeDirect(db: PulsDb, stores: readonly Table[], key: [string, string] | null, plan: (stored: object | undefined) => DirectPut[]): Promise<void> {
  return new Promise<void>((resolve, reject) => {
    // This path bypasses Dexie's middleware: the first paint's token moves here, before the
    // transaction, as it would for a write through Dexie (first-paint-token.ts).
    moveToken();
    const tx = db.backendDB().transaction(
      stores.map((t) => t.name),
      'readwrite',
      { durability: 'strict' },
    );
    let failure: unknown;
    let puts: DirectPut[] = [];
    const fail = (error: unknown) => {
      failure ??= error;
      try {
        tx.abort();
      } catch {
        // Already aborting or finished: onabort reports it.
      }
    };
    const write = (stored: object | undefined) => {
      try {
        puts = plan(stored);
        for (const p of puts) {
          const store = tx.objectStore(p.table.name);
          if (p.op === 'add') store.add(p.value);
          else store.put(p.value);
        }
      } catch (error) {
        fail(error);
      }
    };
    tx.oncomplete = () => {
      resolve();
      Dexie.on('storagemutated').fire(mutatedParts(db.name, puts));
    };
    tx.onabort = () => reject(failure ?? tx.error ?? new Dexie.AbortError('aborted'));
    if (key === null) {
      write(undefined);
      return;
    }
    const request = tx.objectStore(db.rows.name).get(key);
    request.onsuccess = () => write(request.result as object | undefined);
  });
}

/** The parts of the database a put touched, as Dexie's observability middleware names them. */
function mutatedParts(dbName: string, puts: readonly DirectPut[]): Record<string, RangeSet> {
  const parts: Record<string, RangeSet> = {};
  const mark = (table: string, index: string, key: unknown) => {
    const name = `idb://${dbName}/${table}/${index}`;
    (parts[name] ??= new RangeSet()).addKey(key as never);
  };
  for (const { table, value, old } of puts) {
    const { primKey, indexes } = table.schema;
    const pk = keyAt(value, primKey.keyPath);
    mark(table.name, '', pk);
    // Dexie marks a put's keys as possibly deleted too when it did not read the old value.
    if (old === undefined) mark(table.name, ':dels', pk);
    for (const index of indexes) {
      mark(table.name, index.name, keyAt(value, index.keyPath));
      if (old !== undefined) mark(table.name, index.name, keyAt(old, index.keyPath));
    }
  }
  return parts;
}

const keyAt = (value: object, keyPath: string | string[] | undefined): unknown =>
  Array.isArray(keyPath) ? keyPath.map((p) => Dexie.getByKeyPath(value, p)) : Dexie.getByKeyPath(value, keyPath ?? '');
