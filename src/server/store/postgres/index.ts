/** PostgreSQL store for real deployments; several server processes may share one database. */
import { Kysely, PostgresDialect } from 'kysely';
import pg from 'pg';
import { kyselyStore } from '../kysely-store';
import type { Database as Schema } from '../schema';
import type { Store } from '../store';

// int8 (bigint, bigserial) arrives as a string by default; our values stay far below 2^53.
pg.types.setTypeParser(20, (v) => Number.parseInt(v, 10));

export function createPostgresStore(url: string, opts: { schema?: string; max?: number } = {}): Store {
  const pool = new pg.Pool({
    connectionString: url,
    max: opts.max ?? 10,
    ...(opts.schema ? { options: `-c search_path=${opts.schema}` } : {}),
  });
  const db = new Kysely<Schema>({ dialect: new PostgresDialect({ pool }) });
  return kyselyStore(db, 'postgres', () => db.destroy());
}
