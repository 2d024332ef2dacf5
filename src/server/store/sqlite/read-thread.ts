/**
 * Runs the store's scope reads on threads of their own (read-worker.mjs), each over a read-only
 * connection to the same file. better-sqlite3 answers on the thread that asks, so on the event
 * loop a region's year report spent ~100 ms in SQLite's statements (a few ms per part, paced), and
 * every tablet's push queued behind those parts (issue 17). WAL lets a reader see every commit
 * made before its statement began, as the store's own connection would outside a transaction, so
 * only reads made outside a transaction come here (kysely-store.ts); a transaction reads its own
 * writes on its own connection.
 *
 * If a thread cannot start or dies, its reads (waiting and later) run on the others, and with none
 * left on the store's connection: they are the same statements, and nothing is lost but the thread.
 */
import { Worker } from 'node:worker_threads';

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
  let closed = false;
  const send = (w: Waiting): void => {
    // The one with the fewest statements waiting.
    const r = readers.reduce<Reader | undefined>((best, x) => (best === undefined || x.waiting.size < best.waiting.size ? x : best), undefined);
    if (r === undefined) {
      w.here().then(w.resolve, w.reject);
      return;
    }
    const id = next++;
    r.waiting.set(id, w);
    r.worker.postMessage({ id, sql: w.sql, params: [...w.params] });
  };
  const start = () => {
    // Plain JavaScript needs none of the process's flags (`--import tsx`, a bench's probe).
    const worker = new Worker(new URL('./read-worker.mjs', import.meta.url), { workerData: { file }, execArgv: [] });
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
    /** The thread is gone: what waited for it is read elsewhere. */
    const lost = () => {
      const at = readers.indexOf(reader);
      if (at < 0) return;
      readers.splice(at, 1);
      const left = [...reader.waiting.values()];
      reader.waiting.clear();
      for (const w of left) send(w);
    };
    worker.on('error', lost);
    worker.on('exit', lost);
    readers.push(reader);
  };
  for (let i = 0; i < count; i++) {
    try {
      start();
    } catch {
      // Without threads, reads stay on the store's connection.
    }
  }
  return {
    get width() {
      return closed ? 0 : readers.length;
    },
    query: <R>(sql: string, params: readonly unknown[], here: () => Promise<R[]>) =>
      new Promise<R[]>((resolve, reject) => send({ resolve: resolve as (rows: unknown[]) => void, reject, sql, params, here: here as () => Promise<unknown[]> })),
    close: async () => {
      closed = true;
      const all = readers.splice(0);
      for (const r of all) {
        r.worker.removeAllListeners('exit');
        r.worker.removeAllListeners('error');
        // The store is closing: what still waited is not read anywhere.
        for (const w of r.waiting.values()) w.reject(new Error('the store is closed'));
        r.waiting.clear();
      }
      await Promise.all(all.map((r) => r.worker.terminate()));
    },
  };
}
