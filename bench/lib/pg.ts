/**
 * PostgreSQL for the bench: 127.0.0.1:5432, trust auth, database `test` (PG_URL overrides), as
 * in tests/fixtures/postgres.ts. Every run works in a fresh schema and drops it afterwards.
 */
import { randomBytes } from 'node:crypto';
import { PG_URL, withPgClient } from '../../scripts/pg-admin';
import { onAbort } from './cleanup';

export { PG_URL };
const admin = withPgClient;

const live = new Map<string, () => void>();

export async function createSchema(label: string): Promise<string> {
  const schema = `pulstavlan_bench_${label}_${randomBytes(4).toString('hex')}`;
  await admin((c) => c.query(`create schema ${schema}`));
  live.set(schema, onAbort(() => dropSchema(schema)));
  return schema;
}

export async function dropSchema(schema: string): Promise<void> {
  live.get(schema)?.();
  live.delete(schema);
  await admin((c) => c.query(`drop schema if exists ${schema} cascade`));
}

/** A connection URL whose sessions work in `schema` (what the server child gets as DATABASE_URL). */
export function schemaUrl(schema: string): string {
  const u = new URL(PG_URL);
  u.searchParams.set('options', `-c search_path=${schema}`);
  return u.toString();
}
