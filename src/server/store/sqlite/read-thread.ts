/**
 * Runs the store's scope reads on threads of their own (read-worker.mjs), each over a read-only
 * connection to the same file. better-sqlite3 answers on the thread that asks, so on the event
 * loop a region's year report spent ~100 ms in SQLite's statements (a few ms per part, paced), and
 * every tablet's push queued behind those parts (issue 17). WAL lets a reader see every commit
 * made before its statement began, as the store's own connection would outside a transaction, so
 * only reads made outside a transaction come here (kysely-store.ts); a transaction reads its own
 * writes on its own connection.
 *
 * The threads start with the first read (a CLI command or a test that makes none starts none), and
 * run at a lower priority than the event loop (READ_NICE), so a report's reads give way to it
 * when both want a core.
 * If a thread cannot start or dies, its reads (waiting and later) run on the others, and with none
 * left on the store's connection: they are the same statements, and nothing is lost but the
 * thread, which is said once on stderr. A statement SQLite refuses is refused to its caller, as on
 * the store's connection.
 */
import { Worker } from 'node:worker_threads';

/** Threads for a file's fact reads unless told otherwise (config.ts SQLITE_READ_THREADS). */
export const READ_THREADS = 2;
/** The readers' nice value (Linux; the event loop's is the process's, 0 by default): see read-worker.mjs. */
export const READ_NICE = 10;

export interface ReadThread {
  /** Threads reading (0 once all are gone): how many parts a read may have in flight. */
  readonly width: number;
  /** The rows of `sql`, read on a thread; `here` reads them on the store's connection instead. */
  query<R>(sql: string, params: readonly unknown[], here: () => Promise<R[]>): Promise<R[]>;
  close(): Promise<void>;
}

interface Waiting {
  resolve: (rows: unknown[]) => void;
  reject: (e: Error) => void;
  sql: string;
  params: readonly unknown[];
  here: () => Promise<unknown[]>;
}

interface Reader {
  worker: Worker;
  waiting: Map<number, Waiting>;
}

export function startReadThreads(file: string, count: number): ReadThread {
  const readers: Reader[] = [];
  let next = 0;
  let started = false;
  let closed = false;
  const send = (w: Waiting): void => {
    // The one with the fewest statements waiting.
    const r = readers.reduce<Reader | undefined>((best, x) => (best === undefined || x.waiting.size < best.waiting.size ? x : best), undefined);
    if (r === undefined) {
      w.here().then(w.resolve, w.reject);
      return;
    }
    const id = next++;
    try {
      r.worker.postMessage({ id, sql: w.sql, params: [...w.params] });
    } catch (e) {
      // A parameter that cannot be sent: refused here, as the store's connection would refuse it.
      w.reject(e instanceof Error ? e : new Error(String(e)));
      return;
    }
    r.waiting.set(id, w);
  };
  const start = () => {
    // Plain JavaScript needs none of the process's flags (`--import tsx`, a bench's probe).
    const worker = new Worker(new URL('./read-worker.mjs', import.meta.url), { workerData: { file, nice: READ_NICE }, execArgv: [] });
    // It must not keep a process alive that is done (a test, a CLI command).
    worker.unref();
    const reader: Reader = { worker, waiting: new Map() };
    worker.on('message', (m: { id: number; rows?: unknown[]; error?: string; code?: string }) => {
      const w = reader.waiting.get(m.id);
      if (w === undefined) return;
      reader.waiting.delete(m.id);
      if (m.error !== undefined) w.reject(Object.assign(new Error(m.error), m.code ? { code: m.code } : {}));
      else w.resolve(m.rows ?? []);
    });
    /** The thread is gone ('error', then 'exit'; or only 'exit'): what waited for it is read elsewhere. */
    const lost = (e?: unknown) => {
      const at = readers.indexOf(reader);
      if (at < 0 || closed) return;
      readers.splice(at, 1);
      const why = e instanceof Error ? e.message : `exit ${String(e)}`;
      process.emitWarning(`SQLite reader thread lost (${why}); ${readers.length > 0 ? `${readers.length} left` : "its reads run on the store's connection"}`);
      const left = [...reader.waiting.values()];
      reader.waiting.clear();
      for (const w of left) send(w);
    };
    // Kept for the thread's whole life, close included: an 'error' without a listener would end the process.
    worker.on('error', lost);
    worker.on('exit', lost);
    readers.push(reader);
  };
  const ensure = () => {
    if (started || closed) return;
    started = true;
    for (let i = 0; i < count; i++) {
      try {
        start();
      } catch {
        // Without threads, reads stay on the store's connection.
      }
    }
  };
  return {
    get width() {
      ensure();
      return closed ? 0 : readers.length;
    },
    query: <R>(sql: string, params: readonly unknown[], here: () => Promise<R[]>) => {
      ensure();
      return new Promise<R[]>((resolve, reject) => send({ resolve: resolve as (rows: unknown[]) => void, reject, sql, params, here: here as () => Promise<unknown[]> }));
    },
    close: async () => {
      closed = true;
      const all = readers.splice(0);
      for (const r of all) {
        // The store is closing: what still waited is not read anywhere.
        for (const w of r.waiting.values()) w.reject(new Error('the store is closed'));
        r.waiting.clear();
      }
      await Promise.all(all.map((r) => r.worker.terminate()));
    },
  };
}
