/**
 * A worker thread that runs read-only SQLite statements for the bench (sqlite-off-thread.ts):
 * better-sqlite3 answers synchronously, and a region's GROUP BY over the raw rows takes seconds,
 * which on the bench's own thread held up everything else the bench does meanwhile (the 20 tablets'
 * pushes waited and timed out on the bench's side). Plain JavaScript: it runs without tsx.
 */
import { createRequire } from 'node:module';
import { parentPort, workerData } from 'node:worker_threads';

const require = createRequire(new URL('../../package.json', import.meta.url));
const Database = require('better-sqlite3');
const db = new Database(workerData.file, { readonly: true });
db.pragma('busy_timeout = 5000');
db.pragma('case_sensitive_like = ON');

parentPort.on('message', ({ id, sql, params }) => {
  try {
    parentPort.postMessage({ id, rows: db.prepare(sql).all(...params) });
  } catch (e) {
    parentPort.postMessage({ id, error: e instanceof Error ? e.message : String(e) });
  }
});
