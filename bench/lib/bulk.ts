/**
 * The region section's bulk loader: rows and their change-log entries written straight into the
 * server's tables, as fast as each driver allows (SQLite: one cached 500-row prepared INSERT;
 * PostgreSQL: one INSERT … SELECT FROM unnest(arrays) per batch). Each call is one transaction.
 * What gets written is exactly what the store writes for an insert: the row and one change.
 */
import Database from 'better-sqlite3';
import pg from 'pg';
import { PG_URL } from './pg';
import type { RawRow } from './rawdb';

export interface BulkRow extends RawRow {
  hlc: string;
  /** A level's row (not leaf_bulk): the region's catalogue rows. */
  level?: boolean;
}

export interface Bulk {
  write(rows: readonly BulkRow[]): Promise<void>;
  close(): Promise<void>;
}

const DEVICE = 'bench-history';
const rowValues = (r: BulkRow) => [r.entity, r.id, r.unitId, JSON.stringify(r.data), JSON.stringify(r.hlcs ?? {}), 0, r.sortKey];
/** A board's row or reported value on a leaf unit: leaf_bulk = 1, as the store marks it (facts mode leaves these out); a level's row (the catalogue's) 0. */
const changeValues = (r: BulkRow, at: string) => [r.entity, r.id, r.unitId, 'insert', JSON.stringify(r.data), r.hlc, DEVICE, null, at, r.level === true ? 0 : 1];

export function sqliteBulk(file: string): Bulk {
  const db = new Database(file);
  db.pragma('busy_timeout = 5000');
  db.pragma('synchronous = OFF');
  const N = 500;
  const rowSql = (n: number) => `insert into rows (entity, id, unit_id, data, hlcs, deleted, sort_key) values ${Array(n).fill('(?, ?, ?, ?, ?, ?, ?)').join(',')}`;
  const changeSql = (n: number) =>
    `insert into changes (entity, row_id, unit_id, op, fields, hlc, device_id, account_id, received_at, leaf_bulk) values ${Array(n).fill('(?, ?, ?, ?, ?, ?, ?, ?, ?, ?)').join(',')}`;
  const fullRow = db.prepare(rowSql(N));
  const fullChange = db.prepare(changeSql(N));
  return {
    write: async (rows) => {
      const at = new Date().toISOString();
      db.transaction(() => {
        for (let i = 0; i < rows.length; i += N) {
          const part = rows.slice(i, i + N);
          const r = part.length === N ? fullRow : db.prepare(rowSql(part.length));
          const c = part.length === N ? fullChange : db.prepare(changeSql(part.length));
          r.run(...part.flatMap(rowValues));
          c.run(...part.flatMap((x) => changeValues(x, at)));
        }
      })();
    },
    close: async () => void db.close(),
  };
}

export async function pgBulk(schema: string): Promise<Bulk> {
  const client = new pg.Client({ connectionString: PG_URL, options: `-c search_path=${schema}` });
  await client.connect();
  await client.query('set synchronous_commit = off');
  const columns = <T>(rows: readonly T[], make: (r: T) => unknown[]): unknown[][] => {
    const first = rows[0];
    if (first === undefined) return [];
    const out: unknown[][] = make(first).map(() => []);
    for (const r of rows) make(r).forEach((v, i) => (out[i] as unknown[]).push(v));
    return out;
  };
  return {
    write: async (rows) => {
      if (rows.length === 0) return;
      const at = new Date().toISOString();
      await client.query('begin');
      try {
        await client.query(
          'insert into rows (entity, id, unit_id, data, hlcs, deleted, sort_key) select * from unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::text[], $6::int[], $7::text[])',
          columns(rows, rowValues),
        );
        await client.query(
          'insert into changes (entity, row_id, unit_id, op, fields, hlc, device_id, account_id, received_at, leaf_bulk) ' +
            'select * from unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::text[], $6::text[], $7::text[], $8::text[], $9::text[], $10::int[])',
          columns(rows, (r) => changeValues(r, at)),
        );
        await client.query('commit');
      } catch (e) {
        await client.query('rollback');
        throw e;
      }
    },
    close: () => client.end(),
  };
}
