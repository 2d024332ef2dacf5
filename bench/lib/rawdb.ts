/**
 * Direct access to the server's tables, bypassing the app: the "raw" limit of items 3 and 4 and
 * the fast data generator. Same tables, same database, same driver as the server uses; no
 * Kysely, no validation, no merge. Statements use `?`; the PostgreSQL side numbers them.
 */
import Database from 'better-sqlite3';
import pg from 'pg';
import { PG_URL } from './pg';

export interface RawRow {
  entity: string;
  id: string;
  unitId: string;
  data: Record<string, unknown>;
  sortKey: string;
  /** Per-field HLCs of an lww row; append rows have none. */
  hlcs?: Record<string, string>;
}
export interface RawChange {
  entity: string;
  rowId: string;
  unitId: string;
  fields: Record<string, unknown>;
  hlc: string;
  deviceId: string;
  receivedAt: string;
}

export interface RawDb {
  readonly dialect: 'sqlite' | 'postgres';
  /** One transaction: one INSERT per row into `rows` and one per change into `changes`. */
  insertEach(rows: readonly RawRow[], changes: readonly RawChange[]): Promise<void>;
  /** One transaction of multi-row INSERTs (`chunk` rows per statement). */
  insertBatched(rows: readonly RawRow[], changes: readonly RawChange[], chunk?: number): Promise<void>;
  query<T>(sql: string, params?: readonly unknown[]): Promise<T[]>;
  close(): Promise<void>;
}

const ROW_SQL = 'insert into rows (entity, id, unit_id, data, hlcs, deleted, sort_key) values ';
const ROW_VALUES = '(?, ?, ?, ?, ?, ?, ?)';
const CHANGE_SQL = 'insert into changes (entity, row_id, unit_id, op, fields, hlc, device_id, account_id, received_at) values ';
const CHANGE_VALUES = '(?, ?, ?, ?, ?, ?, ?, ?, ?)';
const rowParams = (r: RawRow) => [r.entity, r.id, r.unitId, JSON.stringify(r.data), JSON.stringify(r.hlcs ?? {}), 0, r.sortKey];
const changeParams = (c: RawChange) => [c.entity, c.rowId, c.unitId, 'insert', JSON.stringify(c.fields), c.hlc, c.deviceId, null, c.receivedAt];

function chunks<T>(items: readonly T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

export function openSqliteRaw(file: string): RawDb {
  // The server's pragmas that matter for writes (WAL is stored in the file; synchronous stays FULL).
  const db = new Database(file);
  db.pragma('busy_timeout = 5000');
  db.pragma('case_sensitive_like = ON');
  const insertRow = db.prepare(ROW_SQL + ROW_VALUES);
  const insertChange = db.prepare(CHANGE_SQL + CHANGE_VALUES);
  return {
    dialect: 'sqlite',
    insertEach: async (rows, changes) => {
      db.transaction(() => {
        for (const r of rows) insertRow.run(...rowParams(r));
        for (const c of changes) insertChange.run(...changeParams(c));
      })();
    },
    insertBatched: async (rows, changes, chunk = 500) => {
      db.transaction(() => {
        for (const part of chunks(rows, chunk)) db.prepare(ROW_SQL + part.map(() => ROW_VALUES).join(',')).run(...part.flatMap(rowParams));
        for (const part of chunks(changes, chunk)) db.prepare(CHANGE_SQL + part.map(() => CHANGE_VALUES).join(',')).run(...part.flatMap(changeParams));
      })();
    },
    query: async <T>(sql: string, params: readonly unknown[] = []) => db.prepare(sql).all(...params) as T[],
    close: async () => {
      db.close();
    },
  };
}

const numbered = (sql: string) => {
  let n = 0;
  return sql.replace(/\?/g, () => `$${++n}`);
};

export async function openPgRaw(schema: string): Promise<RawDb> {
  const client = new pg.Client({ connectionString: PG_URL, options: `-c search_path=${schema}` });
  await client.connect();
  const inTx = async (fn: () => Promise<void>) => {
    await client.query('begin');
    try {
      await fn();
      await client.query('commit');
    } catch (e) {
      await client.query('rollback');
      throw e;
    }
  };
  const rowText = numbered(ROW_SQL + ROW_VALUES);
  const changeText = numbered(CHANGE_SQL + CHANGE_VALUES);
  return {
    dialect: 'postgres',
    // Named statements: parsed once, then only bound and executed, as a tuned raw loader would.
    insertEach: (rows, changes) =>
      inTx(async () => {
        for (const r of rows) await client.query({ name: 'bench_row', text: rowText, values: rowParams(r) });
        for (const c of changes) await client.query({ name: 'bench_change', text: changeText, values: changeParams(c) });
      }),
    insertBatched: (rows, changes, chunk = 500) =>
      inTx(async () => {
        for (const part of chunks(rows, chunk)) await client.query(numbered(ROW_SQL + part.map(() => ROW_VALUES).join(',')), part.flatMap(rowParams));
        for (const part of chunks(changes, chunk)) await client.query(numbered(CHANGE_SQL + part.map(() => CHANGE_VALUES).join(',')), part.flatMap(changeParams));
      }),
    query: async <T>(sql: string, params: readonly unknown[] = []) => (await client.query(numbered(sql), [...params])).rows as T[],
    close: () => client.end(),
  };
}
