/**
 * The SQLite store's reader thread (read-thread.ts): a read-only connection to the same file that
 * runs the fact reads a figure makes (fact-ops.ts, `scoped`), so their SQLite work is done beside
 * the event loop instead of on it. Plain JavaScript: a worker starts without tsx (tests, builds).
 * Messages: { id, sql, params } in, { id, rows } or { id, error } out.
 */
import fs from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import { parentPort, workerData } from 'node:worker_threads';

/**
 * The thread runs at a lower priority than the event loop (Linux: each thread has its own nice
 * value). On a machine of two cores, the two reader threads of a region's report held both while
 * the event loop waited for one, and every tablet's push waited with it: in a bench stall of
 * 56 ms the event loop ran 20 ms and waited 36 ms for a core. A reader now gives way to the event
 * loop, and takes every core that is free. Where threads have no nice value of their own (not
 * Linux), it keeps the process's.
 */
const NICE = workerData.nice;
try {
  const tid = Number(fs.readlinkSync('/proc/thread-self').split('/').pop());
  if (Number.isInteger(NICE) && Number.isInteger(tid) && tid > 0) os.setPriority(tid, Math.max(os.getPriority(tid), NICE));
} catch {
  // No /proc/thread-self, or the system refused: the same priority as the event loop.
}

const require = createRequire(import.meta.url);
const Database = require('better-sqlite3');
const db = new Database(workerData.file, { readonly: true, fileMustExist: true });
db.pragma('busy_timeout = 5000');
// As the store's own connection (sqlite/index.ts): case-sensitive LIKE for scope paths, the file mapped.
db.pragma('case_sensitive_like = ON');
db.pragma('mmap_size = 2147418112');
db.pragma('cache_size = -65536');

/** Prepared statements by their text, the most recently used few hundred (statement-cache.ts). */
const cache = new Map();
const prepared = (sql) => {
  let stmt = cache.get(sql);
  if (stmt !== undefined) cache.delete(sql);
  else stmt = db.prepare(sql);
  cache.set(sql, stmt);
  if (cache.size > 300) cache.delete(cache.keys().next().value);
  return stmt;
};

parentPort.on('message', ({ id, sql, params }) => {
  try {
    parentPort.postMessage({ id, rows: prepared(sql).all(...params) });
  } catch (e) {
    parentPort.postMessage({ id, error: e instanceof Error ? e.message : String(e), code: e?.code });
  }
});
