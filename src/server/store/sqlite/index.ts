/** Embedded SQLite store (the default): one file under DATA_DIR, WAL mode. */
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { Kysely } from 'kysely';
import { kyselyStore } from '../kysely-store';
import type { Database as Schema } from '../schema';
import type { Store } from '../store';
import { PacedSqliteDialect } from './paced-dialect';
import { READ_THREADS, startReadThreads } from './read-thread';
import { withStatementCache } from './statement-cache';

/**
 * `file` ':memory:' gives a private in-memory database (tests), whose reads stay on its one
 * connection. `readThreads`: threads for a file's fact reads (0: none).
 */
export function createSqliteStore(file: string, options: { readThreads?: number } = {}): Store {
  if (file !== ':memory:') fs.mkdirSync(path.dirname(file), { recursive: true });
  const sqlite = new Database(file);
  sqlite.pragma('journal_mode = WAL');
  sqlite.pragma('foreign_keys = ON');
  sqlite.pragma('busy_timeout = 5000');
  // Scope filters are `path LIKE prefix%`; SQLite's LIKE ignores ASCII case by default, which would
  // let scope '/r/ab/' read unit 'AB' (ids are case-sensitive). PostgreSQL's LIKE already is.
  sqlite.pragma('case_sensitive_like = ON');
  // Reads of a region's facts visit tens of thousands of rows. Through SQLite's default 16 MB page
  // cache each page is a read() from the OS on every request; memory-mapped (SQLite allows 2 GB)
  // and with a 128 MB cache they are not (a year's report ~30 % less CPU in SQL; issue 17).
  sqlite.pragma('mmap_size = 2147418112');
  sqlite.pragma('cache_size = -131072');
  const db = new Kysely<Schema>({ dialect: new PacedSqliteDialect({ database: withStatementCache(sqlite) }) });
  // A file's fact reads run on threads of their own (read-thread.ts); an in-memory database is
  // this connection's alone, so there they stay on it.
  const threads = file === ':memory:' ? 0 : (options.readThreads ?? READ_THREADS);
  const reads = threads > 0 ? startReadThreads(file, threads) : undefined;
  return kyselyStore(
    db,
    'sqlite',
    async () => {
      await reads?.close();
      await db.destroy();
    },
    reads,
  );
}
