/** The PostgreSQL that tests and the bench use (127.0.0.1:5432, trust, database `test`; PG_URL overrides), and one-off admin connections to it. */
import pg from 'pg';

export const PG_URL = process.env.PG_URL ?? 'postgres://postgres@127.0.0.1:5432/test';

export async function withPgClient<T>(fn: (c: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: PG_URL });
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end();
  }
}

/**
 * Kysely's migrator lists the tables of every schema in the database; when another process
 * (another test file, or the test suite beside the bench) drops its schema meanwhile, that query
 * fails with "schema … does not exist". Our schema is not affected: try again.
 */
export async function retryOnForeignDrop<T>(fn: () => Promise<T>, tries = 3): Promise<T> {
  for (let i = 1; ; i++) {
    try {
      return await fn();
    } catch (e) {
      if (i >= tries || !/schema "[^"]+" does not exist/.test(e instanceof Error ? e.message : String(e))) throw e;
    }
  }
}
