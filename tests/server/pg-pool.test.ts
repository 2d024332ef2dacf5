/**
 * The PostgreSQL store keeps its connections (store/postgres/index.ts poolConfig): a connection
 * left unused is the same PostgreSQL process when the next request comes, not a new one. Each
 * connection runs without parallel query, and the fact tables carry the period index a wide
 * scope's read is answered from (fact-ops.ts `scoped`).
 */
import pg from 'pg';
import { beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import { createPostgresStore, poolConfig, postgresDb } from '../../src/server/store/postgres/index';
import { assertPgReachable, createSchema, dropSchema, PG_URL, pgStoreOn } from '../fixtures/postgres';

const pause = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** The backend process of two queries with `quietMs` between them. */
async function backendsAcross(quietMs: number, idleTimeoutMs?: number): Promise<[number, number]> {
  const pool = new pg.Pool(poolConfig(PG_URL, idleTimeoutMs === undefined ? {} : { idleTimeoutMs }));
  try {
    const pid = async () => (await pool.query<{ pid: number }>('select pg_backend_pid() as pid')).rows[0]?.pid as number;
    const first = await pid();
    await pause(quietMs);
    return [first, await pid()];
  } finally {
    await pool.end();
  }
}

describe('the PostgreSQL pool', () => {
  beforeAll(assertPgReachable);

  it('keeps an unused connection by default', async () => {
    const [a, b] = await backendsAcross(400);
    expect(b).toBe(a);
  });

  it('closes it after idleTimeoutMs when given one (what pg does by default after 10 s)', async () => {
    const [a, b] = await backendsAcross(400, 100);
    expect(b).not.toBe(a);
  });

  it('turns TCP keep-alive on and keeps the schema and size', () => {
    const c = poolConfig(PG_URL, { schema: 'x', max: 4 });
    expect(c).toMatchObject({ keepAlive: true, max: 4, idleTimeoutMillis: 0, options: '-c search_path=x' });
  });
});

describe("the PostgreSQL store's connections", () => {
  beforeAll(assertPgReachable);

  it('run without parallel query, on every connection of the pool', async () => {
    const db = postgresDb(PG_URL, { max: 3 });
    try {
      // Three at once: three connections, each set up when it is made.
      const shown = await Promise.all(
        [0, 1, 2].map(async () => (await sql<{ v: string; pid: number }>`select current_setting('max_parallel_workers_per_gather') as v, pg_backend_pid() as pid, pg_sleep(0.05)`.execute(db)).rows[0]),
      );
      expect(new Set(shown.map((r) => r?.pid)).size).toBe(3);
      expect(shown.map((r) => r?.v)).toEqual(['0', '0', '0']);
    } finally {
      await db.destroy();
    }
  });

  it('go on when the setting fails, and go back to the pool (one connection, three statements in turn)', async () => {
    const db = postgresDb(PG_URL, { max: 1 }, 'set no_such_setting_at_all = 1');
    try {
      for (let i = 0; i < 3; i++) expect((await sql<{ one: number }>`select 1 as one`.execute(db)).rows[0]?.one).toBe(1);
    } finally {
      await db.destroy();
    }
  }, 10_000);
});

describe("the fact tables' period index (migrations 0010 and 0017)", () => {
  beforeAll(assertPgReachable);

  it('leads with period and unit (after grain where the table has one) and holds every column of its table, so a read by period needs no table page', async () => {
    const schema = await createSchema();
    const client = new pg.Client({ connectionString: PG_URL });
    try {
      await (await pgStoreOn(schema)).close();
      await client.connect();
      // Each table's period index: its leading columns, and every column of the table held.
      const indexes = [
        ...['fact_bhk', 'fact_bhk_sum', 'fact_safety', 'fact_safety_cat', 'fact_staff', 'fact_beds'].map((table) => [table, `${table}_period`, ['grain', 'period', 'unit_id']] as const),
        // The reported values and their year to date (migration 0017): period (month) first, then unit.
        ['fact_reported', 'fact_reported_period', ['period', 'unit_id']] as const,
        ['fact_reported_c', 'fact_reported_c_month', ['month', 'unit_id']] as const,
      ];
      for (const [table, index, leading] of indexes) {
        const columns = await client.query<{ name: string }>('select column_name as name from information_schema.columns where table_schema = $1 and table_name = $2', [schema, table]);
        const indexed = await client.query<{ name: string }>(
          `select a.attname as name from pg_index i join pg_class c on c.oid = i.indexrelid join pg_attribute a on a.attrelid = c.oid
           where c.relname = $1 and c.relnamespace = $2::regnamespace order by a.attnum`,
          [index, schema],
        );
        const names = indexed.rows.map((r) => r.name);
        expect(names.slice(0, leading.length), table).toEqual([...leading]);
        expect([...names].sort(), table).toEqual(columns.rows.map((r) => r.name).sort());
      }
    } finally {
      await client.end();
      await dropSchema(schema);
    }
  });
});

describe('a schema that does not exist', () => {
  beforeAll(assertPgReachable);

  it('stops the migration with a Swedish message naming the schema, and creates nothing', async () => {
    const schema = `pulstavlan_missing_${Date.now().toString(36)}`;
    const store = createPostgresStore(PG_URL, { schema });
    try {
      await expect(store.migrate()).rejects.toThrow(`PostgreSQL-schemat finns inte i databasen (search_path: ${schema}). Skapa det först, t.ex. create schema ${schema};`);
    } finally {
      await store.close();
    }
    const pool = new pg.Pool(poolConfig(PG_URL));
    try {
      const found = await pool.query('select 1 from pg_namespace where nspname = $1', [schema]);
      expect(found.rowCount).toBe(0);
    } finally {
      await pool.end();
    }
  });
});
