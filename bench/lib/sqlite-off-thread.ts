/**
 * A RawDb whose queries run on a worker thread (sqlite-query-worker.mjs), for reads that take
 * seconds while the bench must go on doing other things: the region section's GROUP BYs run while
 * its push load keeps 20 tablets pushing from the same process. Writes stay on `raw`.
 */
import { Worker } from 'node:worker_threads';
import type { RawDb } from './rawdb';

export function queriesOffThread(raw: RawDb, file: string): RawDb {
  const worker = new Worker(new URL('./sqlite-query-worker.mjs', import.meta.url), { workerData: { file } });
  worker.unref();
  const waiting = new Map<number, { resolve: (rows: unknown[]) => void; reject: (e: Error) => void }>();
  let next = 0;
  worker.on('message', (m: { id: number; rows?: unknown[]; error?: string }) => {
    const w = waiting.get(m.id);
    waiting.delete(m.id);
    if (m.error !== undefined) w?.reject(new Error(m.error));
    else w?.resolve(m.rows ?? []);
  });
  worker.on('error', (e) => {
    for (const w of waiting.values()) w.reject(e);
    waiting.clear();
  });
  return {
    ...raw,
    query: <T>(sql: string, params: readonly unknown[] = []) =>
      new Promise<T[]>((resolve, reject) => {
        const id = next++;
        waiting.set(id, { resolve: resolve as (rows: unknown[]) => void, reject });
        worker.postMessage({ id, sql, params: [...params] });
      }),
    close: async () => {
      await worker.terminate();
      await raw.close();
    },
  };
}
