/**
 * The PostgreSQL store keeps its connections (store/postgres/index.ts poolConfig): a connection
 * left unused is the same PostgreSQL process when the next request comes, not a new one.
 */
import pg from 'pg';
import { beforeAll, describe, expect, it } from 'vitest';
import { poolConfig } from '../../src/server/store/postgres/index';
import { assertPgReachable, PG_URL } from '../fixtures/postgres';

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
