/**
 * Writes made with IndexedDB itself instead of Dexie's table API (issue 19, bench items 1 and 2).
 * A Dexie transaction with two writes costs ~1.3× a bare Dexie put on the bench machine, most of
 * it Dexie's per-transaction promise, zone and middleware work; the same two writes in a plain
 * IndexedDB transaction cost less than that one Dexie put, and a pulled page of 1,000 rows written
 * so costs about what Dexie's bare bulkPut of them does. Only the two hot paths go here: a save
 * when this tab already holds the counters (writeChange, counter-lease.ts) and a pulled page
 * (applyPulledPage); everything else, reads included, stays on Dexie.
 *
 * Dexie must still see the write, or no live query would show it: after the commit we fire
 * Dexie's documented `storagemutated` event with the parts its observability middleware would
 * have recorded (the primary keys and every index key of the rows written, old and new), which
 * re-runs the affected live queries here and reaches other tabs over Dexie's BroadcastChannel.
 * That is why PulsDb runs with Dexie's live-query cache disabled: the cache is only updated by
 * writes made through Dexie, so a re-run query would be answered from it with the old rows.
 * For the same reason the write moves the first paint's token itself (first-paint-token.ts).
 */
import Dexie, { cmp, RangeSet, type Table } from 'dexie';
import type { PulsDb } from './db';
import { moveToken } from './first-paint-token';

/** One row to write: `old` is the stored value it replaces, when the write read one. */
export interface DirectPut {
  readonly table: Table;
  readonly op: 'add' | 'put';
  readonly value: object;
  readonly old?: object | undefined;
  /** For an add: a key that exists already leaves the stored row as it is and is counted as
   * skipped, instead of aborting the transaction (an append record pulled again, rule 10). */
  readonly orSkip?: boolean;
}

/** A key to read before planning the writes. */
export interface DirectRead {
  readonly table: Table;
  readonly key: IDBValidKey;
}

/** What `plan` decided: the rows to write and what the caller gets back. */
export interface DirectPlan<T> {
  readonly puts: readonly DirectPut[];
  readonly result: T;
}

/**
 * Runs one readwrite transaction over `stores` with the durability PulsDb asks for: reads every
 * key of `reads` side by side, hands the stored values (undefined where none) in the same order
 * to `plan`, writes what it returns side by side, and resolves after the commit with its result
 * and how many `orSkip` adds found their key taken. A failing request, or `plan` throwing, aborts
 * everything and rejects with that error.
 */
export function writeDirect<T>(
  db: PulsDb,
  stores: readonly Table[],
  reads: readonly DirectRead[],
  plan: (stored: readonly (object | undefined)[]) => DirectPlan<T>,
): Promise<{ result: T; skipped: number }> {
  return new Promise((resolve, reject) => {
    // This path bypasses Dexie's middleware: the first paint's token moves here, before the
    // transaction, as it would for a write through Dexie (first-paint-token.ts).
    moveToken();
    const tx = db.backendDB().transaction(
      stores.map((t) => t.name),
      'readwrite',
      { durability: 'strict' },
    );
    let failure: unknown;
    let planned: DirectPlan<T> | undefined;
    let skipped = 0;
    const fail = (error: unknown) => {
      failure ??= error;
      try {
        tx.abort();
      } catch {
        // Already aborting or finished: onabort reports it.
      }
    };
    const skip = (event: Event) => {
      if ((event.target as IDBRequest).error?.name !== 'ConstraintError') return;
      event.preventDefault(); // the transaction goes on
      event.stopPropagation();
      skipped++;
    };
    const write = (stored: readonly (object | undefined)[]) => {
      try {
        planned = plan(stored);
        for (const p of planned.puts) {
          const store = tx.objectStore(p.table.name);
          if (p.op === 'put') store.put(p.value);
          else if (p.orSkip) store.add(p.value).onerror = skip;
          else store.add(p.value);
        }
      } catch (error) {
        fail(error);
      }
    };
    tx.oncomplete = () => {
      const done = planned as DirectPlan<T>;
      resolve({ result: done.result, skipped });
      if (done.puts.length > 0) Dexie.on('storagemutated').fire(mutatedParts(db.name, done.puts));
    };
    tx.onabort = () => reject(failure ?? tx.error ?? new Dexie.AbortError('aborted'));
    if (reads.length === 0) {
      write([]);
      return;
    }
    const stored: (object | undefined)[] = new Array(reads.length);
    let waiting = reads.length;
    reads.forEach((r, i) => {
      const request = tx.objectStore(r.table.name).get(r.key);
      request.onsuccess = () => {
        stored[i] = request.result as object | undefined;
        if (--waiting === 0) write(stored);
      };
    });
  });
}

/** Above this many rows the parts are marked as one range per index (see mutatedParts). */
const EXACT_KEYS_UP_TO = 64;

/**
 * The parts of the database the puts touched, as Dexie's observability middleware names them.
 * A few rows (a save) are marked key by key; a pulled page as the smallest range holding each
 * index's keys: a live query whose range meets it re-runs even if no row of the page lies in it,
 * which costs a re-read and is never wrong, where marking 1,000 rows' keys one by one cost about
 * a tenth of the page's write (bench item 2).
 */
function mutatedParts(dbName: string, puts: readonly DirectPut[]): Record<string, RangeSet> {
  const exact = puts.length <= EXACT_KEYS_UP_TO;
  const parts: Record<string, RangeSet> = {};
  const bounds = new Map<string, [unknown, unknown]>();
  const mark = (table: string, index: string, key: unknown) => {
    const name = `idb://${dbName}/${table}/${index}`;
    if (exact) {
      (parts[name] ??= new RangeSet()).addKey(key as never);
      return;
    }
    const b = bounds.get(name);
    if (b === undefined) bounds.set(name, [key, key]);
    else if (cmp(key, b[0]) < 0) b[0] = key;
    else if (cmp(key, b[1]) > 0) b[1] = key;
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
  for (const [name, [from, to]] of bounds) parts[name] = new RangeSet(from as never, to as never);
  return parts;
}

const keyAt = (value: object, keyPath: string | string[] | undefined): unknown =>
  Array.isArray(keyPath) ? keyPath.map((p) => Dexie.getByKeyPath(value, p)) : Dexie.getByKeyPath(value, keyPath ?? '');
