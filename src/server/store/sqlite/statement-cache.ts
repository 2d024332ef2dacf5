/**
 * better-sqlite3 parses and plans a statement on every prepare, and Kysely's SQLite driver
 * prepares on every query. A region's scope reads send the same text dozens of times (a year's
 * indicator report: 16 parts of 100 units for each of four families, each a UNION ALL of its
 * segments), so parsing alone was ~140 ms of that report (issue 17). This keeps the prepared
 * statements by their text, the most recently used few hundred.
 *
 * Reusing one is safe here: Kysely runs one query at a time on the connection and reads every
 * result with .all() before the next (nothing streams: `iterate` would hold the statement
 * busy), and SQLite prepares a statement again by itself when the schema has changed.
 */
import type Database from 'better-sqlite3';

/** Statements kept; each is a few KB of SQLite's memory. */
const KEEP = 300;

export function withStatementCache(db: Database.Database): Pick<Database.Database, 'prepare' | 'close'> {
  const cache = new Map<string, Database.Statement>();
  return {
    prepare: ((source: string) => {
      const known = cache.get(source);
      if (known !== undefined) {
        // Most recently used last, so the oldest is the first to go.
        cache.delete(source);
        cache.set(source, known);
        return known;
      }
      const stmt = db.prepare(source);
      cache.set(source, stmt);
      if (cache.size > KEEP) cache.delete(cache.keys().next().value as string);
      return stmt;
    }) as Database.Database['prepare'],
    close: () => {
      cache.clear();
      return db.close();
    },
  };
}
