/**
 * The SQLite store runs its pending migrations in one transaction (sqlite/paced-dialect.ts), as
 * PostgreSQL does: an upgrade that fails (or a server stopped) half-way leaves the database as it
 * was, with none of the pending migrations recorded or half done, and the next start runs them
 * whole. Before, 0012 left the year-to-month rows of the families it had reached, and every later
 * start failed on them.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { Kysely, Migrator, SqliteDialect } from 'kysely';
import { afterAll, describe, expect, it } from 'vitest';
import { migrationProvider } from '../../src/server/store/migrations';
import { createSqliteStore } from '../../src/server/store/sqlite';
import { insertRegionUnits } from '../fixtures/migrations';

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'pulstavlan-migrate-'));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

/** The file opened bare (no store), to look at it as it is on disk. */
async function bare<T>(file: string, fn: (db: Kysely<any>) => Promise<T>): Promise<T> {
  const db = new Kysely<any>({ dialect: new SqliteDialect({ database: new Database(file) }) });
  try {
    return await fn(db);
  } finally {
    await db.destroy();
  }
}

describe('SQLite migrations', () => {
  it('run in one transaction: a failure half-way leaves nothing of them, and the next start runs them whole', async () => {
    const file = path.join(dir, 'puls.db');
    await bare(file, async (db) => {
      expect((await new Migrator({ db, provider: migrationProvider('sqlite') }).migrateTo('0011_org_version')).error).toBeUndefined();
      await insertRegionUnits(db);
      // Month rows an older server stored: 0012 makes year-to-month rows of BHK's first, then staff's.
      await db.insertInto('fact_bhk').values({ unit_id: 'u1', grain: 'm', period: '2026-03', key: 'o|lakare', n: 4, total: 2 }).execute();
      await db.insertInto('fact_staff').values({ unit_id: 'u2', grain: 'm', period: '2026-02', key: '', planned: 10, sick: 1, shifts: 10, days: 5 }).execute();
      // A staff row where 0012 will write one: its insert fails there, after BHK's rows were written.
      await db.insertInto('fact_staff').values({ unit_id: 'u2', grain: 'c', period: '2026-05', key: '', planned: 1 }).execute();
    });

    const failing = createSqliteStore(file, { readThreads: 0 });
    await expect(failing.migrate()).rejects.toThrow(/UNIQUE|constraint/i);
    await failing.close();
    const names = (db: Kysely<any>) => db.selectFrom('kysely_migration').select('name').orderBy('name').execute();
    await bare(file, async (db) => {
      expect((await names(db)).at(-1)?.name).toBe('0011_org_version');
      // BHK's year-to-month rows, written before the failure, are gone with it.
      expect(await db.selectFrom('fact_bhk').select('period').where('grain', '=', 'c').execute()).toEqual([]);
      // So is every later migration's work (0014's table).
      expect((await db.selectFrom('sqlite_master').select('name').where('name', '=', 'fact_reported').execute()).length).toBe(0);
      await db.deleteFrom('fact_staff').where('grain', '=', 'c').execute();
    });

    const store = createSqliteStore(file, { readThreads: 0 });
    await store.migrate();
    await store.close();
    await bare(file, async (db) => {
      expect((await names(db)).at(-1)?.name).toBe('0017_reported_period_index');
      expect((await db.selectFrom('sqlite_master').select('name').where('name', 'in', ['fact_reported', 'fact_reported_c']).execute()).length).toBe(2);
    });
  });

  it('a transaction takes the write lock when it begins (begin immediate), a read-only one none: another process writing meanwhile waits, the transaction does not fail at its first write', async () => {
    const file = path.join(dir, 'lock.db');
    const store = createSqliteStore(file, { readThreads: 0 });
    await store.migrate();
    const other = new Database(file);
    other.pragma('busy_timeout = 0');
    try {
      let refused: unknown = null;
      await store.tx(async (tx) => {
        await tx.listUnits();
        // Another connection writes between this transaction's read and its write. Begun
        // deferred, this transaction would then fail at its write (SQLITE_BUSY_SNAPSHOT).
        try {
          other.prepare("insert into fact_state (name, value) values ('other', '1')").run();
        } catch (e) {
          refused = e;
        }
        await tx.facts.setState('mine', '1');
      });
      expect(String(refused)).toMatch(/busy|locked/i);
      // Once it has committed, the other connection writes.
      other.prepare("insert into fact_state (name, value) values ('other', '1')").run();
      const state = other.prepare("select name from fact_state where name in ('mine', 'other') order by name").all() as { name: string }[];
      expect(state.map((r) => r.name)).toEqual(['mine', 'other']);
      // A read-only transaction (the facts check beside a running server) takes no lock: the other connection writes during it.
      await store.tx(async (tx) => {
        await tx.listUnits();
        other.prepare("insert into fact_state (name, value) values ('during', '1')").run();
        await tx.listUnits();
      }, { readOnly: true });
      expect(other.prepare("select count(*) as n from fact_state where name = 'during'").get()).toEqual({ n: 1 });
    } finally {
      other.close();
      await store.close();
    }
  });
});
