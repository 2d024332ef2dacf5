/** PostgreSQL store for real deployments; several server processes may share one database. */
import { CompiledQuery, type DatabaseConnection, Kysely, PostgresDialect } from 'kysely';
import pg from 'pg';
import { kyselyStore } from '../kysely-store';
import type { Database as Schema } from '../schema';
import type { Store } from '../store';

// int8 (bigint, bigserial) arrives as a string by default; our values stay far below 2^53.
pg.types.setTypeParser(20, (v) => Number.parseInt(v, 10));

export interface PgStoreOptions {
  schema?: string;
  /** Connections at most (10). */
  max?: number;
  /** Milliseconds an unused connection is kept; 0 (the default): for as long as the store is open. */
  idleTimeoutMs?: number;
}

/**
 * The pool's settings. Connections stay open once made (pg's own default closes them after 10 s
 * unused): a new connection is a new PostgreSQL process, whose first reads of each shared buffer
 * and catalog cost far more than later ones. On the 1,500-unit region a year's indicator report
 * took ~0.8–0.9 s when asked for after 12 s of quiet (its six statements on fresh connections)
 * against ~0.4 s in a row; kept, ~0.4 s either way. TCP keep-alive finds a connection a network
 * dropped while it waited; the pool replaces a connection that fails.
 */
export function poolConfig(url: string, opts: PgStoreOptions = {}): pg.PoolConfig {
  return {
    connectionString: url,
    max: opts.max ?? 10,
    idleTimeoutMillis: opts.idleTimeoutMs ?? 0,
    keepAlive: true,
    ...(opts.schema ? { options: `-c search_path=${opts.schema}` } : {}),
  };
}

/**
 * What each connection sets before its first statement: no parallel query. A parallel plan starts
 * worker processes for the one statement, each new and so paying the first reads of every buffer
 * it touches (above); the server's reads are many short ones side by side, on a machine whose
 * cores the other requests want. The day sums of a region's month (Gröna korset) chose two
 * workers once the fact tables had their period index.
 */
export const SESSION_SETTINGS = 'set max_parallel_workers_per_gather = 0';

/**
 * The store's database handle: its pool (poolConfig), each connection set up with SESSION_SETTINGS.
 * A setting that fails is not the request's failure: Kysely would never hand the connection back
 * to the pool (at 10 such faults every request would wait forever), so the connection goes on
 * without it, and one that is broken fails its next statement, after which the pool replaces it.
 */
export function postgresDb(url: string, opts: PgStoreOptions = {}, settings = SESSION_SETTINGS): Kysely<Schema> {
  const pool = new pg.Pool(poolConfig(url, opts));
  const setUp = async (c: DatabaseConnection) => {
    await c.executeQuery(CompiledQuery.raw(settings)).catch(() => undefined);
  };
  return new Kysely<Schema>({ dialect: new PostgresDialect({ pool, onCreateConnection: setUp }) });
}

export function createPostgresStore(url: string, opts: PgStoreOptions = {}): Store {
  const db = postgresDb(url, opts);
  return kyselyStore(db, 'postgres', () => db.destroy());
}
