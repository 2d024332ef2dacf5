/**
 * A fingerprint of every table of a test database (found in the catalog, so a new table is
 * covered without editing this), to prove a refused request changed nothing: per table, its row
 * count and a hash of its rows. The security log is append-only by design (a refused login is
 * recorded), so for it only the rows already there must be unchanged: it is also hashed up to
 * the last row the previous fingerprint saw.
 */
import { createHash } from 'node:crypto';
import Database from 'better-sqlite3';
import pg from 'pg';

/** Written by refused requests on purpose, never rewritten: compared as a prefix (by `seq`). */
export const APPEND_ONLY = new Set(['security_events']);

export interface TableState {
  readonly count: number;
  readonly hash: string;
  /** Append-only tables: the highest seq, and the hash of the rows up to the previous one's. */
  readonly maxSeq?: number;
  readonly prefixHash?: string;
}
export type Fingerprint = ReadonlyMap<string, TableState>;

export interface Fingerprinter {
  /** `prev`: the fingerprint before, whose append-only rows must still be there unchanged. */
  take(prev?: Fingerprint): Promise<Fingerprint>;
  close(): Promise<void>;
}

const md5 = (lines: string[]) => createHash('md5').update(lines.join('|')).digest('hex');

/** Read-only second connection to a SQLite file the server writes (WAL: it sees what is committed). */
export function sqliteFingerprinter(file: string): Fingerprinter {
  const db = new Database(file, { readonly: true, fileMustExist: true });
  const line = (row: Record<string, unknown>) => JSON.stringify(Object.values(row));
  return {
    take: async (prev) => {
      const tables = db.prepare("select name from sqlite_master where type = 'table' and name not like 'sqlite_%' order by name").all() as { name: string }[];
      return new Map(
        tables.map(({ name }) => {
          if (!APPEND_ONLY.has(name)) {
            const rows = (db.prepare(`select * from "${name}"`).all() as Record<string, unknown>[]).map(line).sort();
            return [name, { count: rows.length, hash: md5(rows) }];
          }
          const rows = db.prepare(`select * from "${name}" order by seq`).all() as { seq: number }[];
          const upTo = prev?.get(name)?.maxSeq ?? 0;
          const state: TableState = {
            count: rows.length,
            hash: md5(rows.map(line)),
            maxSeq: rows.at(-1)?.seq ?? 0,
            prefixHash: md5(rows.filter((r) => r.seq <= upTo).map(line)),
          };
          return [name, state];
        }),
      );
    },
    close: async () => {
      db.close();
    },
  };
}

/** One statement per fingerprint: PostgreSQL hashes each table itself. */
export async function pgFingerprinter(url: string, schema: string): Promise<Fingerprinter> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  const tables = (await client.query<{ t: string }>('select table_name as t from information_schema.tables where table_schema = $1 order by 1', [schema])).rows.map((r) => r.t);
  const q = (t: string) => `"${schema}"."${t}"`;
  return {
    take: async (prev) => {
      const parts = tables.map((t, i) =>
        APPEND_ONLY.has(t)
          ? `select ${i} as i, count(*)::int as count, md5(coalesce(string_agg(x::text, '|' order by x.seq), '')) as hash, coalesce(max(x.seq), 0)::bigint as max_seq,
               md5(coalesce(string_agg(x::text, '|' order by x.seq) filter (where x.seq <= ${Number(prev?.get(t)?.maxSeq ?? 0)}), '')) as prefix from ${q(t)} x`
          : `select ${i} as i, count(*)::int as count, md5(coalesce(string_agg(x::text, '|' order by x::text), '')) as hash, null::bigint as max_seq, null as prefix from ${q(t)} x`,
      );
      const rows = (await client.query<{ i: number; count: number; hash: string; max_seq: number | null; prefix: string | null }>(parts.join(' union all '))).rows;
      return new Map(
        rows.map((r) => [
          tables[r.i] as string,
          { count: r.count, hash: r.hash, ...(r.max_seq !== null ? { maxSeq: Number(r.max_seq), prefixHash: r.prefix ?? '' } : {}) },
        ]),
      );
    },
    close: () => client.end(),
  };
}

/** The tables whose content differs; append-only ones only when a row already there changed or went. */
export function changedTables(before: Fingerprint, after: Fingerprint): string[] {
  const names = new Set([...before.keys(), ...after.keys()]);
  return [...names].filter((name) => {
    const a = before.get(name);
    const b = after.get(name);
    if (!a || !b) return true;
    if (APPEND_ONLY.has(name)) return b.prefixHash !== a.hash;
    return a.count !== b.count || a.hash !== b.hash;
  });
}
