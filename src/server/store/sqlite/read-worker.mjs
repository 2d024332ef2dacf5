/**
 * The SQLite store's reader thread (read-thread.ts): a read-only connection to the same file that
 * runs the fact reads a figure makes (fact-ops.ts, `scoped`), so their SQLite work is done beside
 * the event loop instead of on it. Plain JavaScript: a worker starts without tsx (tests, builds).
 * Messages: { id, sql, params } in, { id, rows } or { id, error } out.
 */
import { createRequire } from 'node:module';
import { parentPort, workerData } from 'node:worker_threads';

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
