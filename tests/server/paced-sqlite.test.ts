import Database from 'better-sqlite3';
import { Kysely, sql } from 'kysely';
import { describe, expect, it } from 'vitest';
import { turn } from '../../src/shared/domain/pace';
import { PacedSqliteDialect } from '../../src/server/store/sqlite/paced-dialect';

// biome-ignore lint/suspicious/noExplicitAny: a scratch database without the app's schema
const open = () => new Kysely<any>({ dialect: new PacedSqliteDialect({ database: new Database(':memory:') }) });

describe('SQLite statements give the event loop a turn', () => {
  it('a run of short statements in one task lets a waiting callback in', async () => {
    const db = open();
    try {
      await turn();
      let other = -1;
      let sent = 0;
      setImmediate(() => {
        other = sent;
      });
      const start = performance.now();
      // Each statement ~1 ms of SQLite's own work; better-sqlite3 answers synchronously.
      while (performance.now() - start < 60) {
        await sql`with recursive c(x) as (select 1 union all select x + 1 from c where x < 20000) select count(*) from c`.execute(db);
        sent++;
      }
      expect(sent).toBeGreaterThan(1);
      expect(other).toBeGreaterThan(0);
      expect(other).toBeLessThan(sent);
    } finally {
      await db.destroy();
    }
  });

  it('a transaction keeps its connection across the turns', async () => {
    const db = open();
    try {
      await sql`create table t (x integer)`.execute(db);
      const start = performance.now();
      const tx = db.transaction().execute(async (trx) => {
        while (performance.now() - start < 40) await sql`insert into t values (1)`.execute(trx);
        throw new Error('undo');
      });
      // Sent while the transaction runs: waits for it, sees none of its rows.
      const seen = sql<{ n: number }>`select count(*) as n from t`.execute(db);
      await expect(tx).rejects.toThrow('undo');
      expect((await seen).rows[0]?.n).toBe(0);
    } finally {
      await db.destroy();
    }
  });
});
