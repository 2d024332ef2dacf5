/**
 * A database for one bench section: a fresh SQLite file in a temp dir, or a fresh PostgreSQL
 * schema. The server child gets it through its usual environment; `raw()` opens the same
 * database directly; `dispose()` deletes the file or drops the schema.
 */
import fs from 'node:fs';
import path from 'node:path';
import { createPostgresStore } from '../../src/server/store/postgres/index';
import { createSqliteStore } from '../../src/server/store/sqlite/index';
import type { Store } from '../../src/server/store/store';
import { type Bulk, pgBulk, sqliteBulk } from './bulk';
import { createSchema, dropSchema, PG_URL, schemaUrl } from './pg';
import { retryOnForeignDrop } from '../../scripts/pg-admin';
import { type ServerEnv, type ServerProcess, startServer, tempDir } from './proc';
import { openPgRaw, openSqliteRaw, type RawDb } from './rawdb';

export type DialectName = 'sqlite' | 'postgres';

export interface DbTarget {
  readonly dialect: DialectName;
  readonly env: ServerEnv;
  /** SQLite: the database file (null on PostgreSQL). */
  readonly sqliteFile: string | null;
  /** The real store, migrated (for setup through the app's own code, e.g. accounts). */
  store(): Promise<Store>;
  raw(): Promise<RawDb>;
  /** The region section's bulk loader on the same database (bulk.ts). */
  bulk(): Promise<Bulk>;
  dispose(): Promise<void>;
}

export async function openTarget(dialect: DialectName, label: string): Promise<DbTarget> {
  const dir = tempDir(label);
  if (dialect === 'sqlite') {
    const file = path.join(dir, 'pulstavlan.sqlite');
    return {
      dialect,
      env: { DATA_DIR: dir },
      sqliteFile: file,
      store: async () => {
        const s = createSqliteStore(file);
        await s.migrate();
        return s;
      },
      raw: async () => openSqliteRaw(file),
      bulk: async () => sqliteBulk(file),
      dispose: async () => fs.rmSync(dir, { recursive: true, force: true }),
    };
  }
  const schema = await createSchema(label);
  return {
    dialect,
    env: { DATA_DIR: dir, DATABASE_URL: schemaUrl(schema) },
    sqliteFile: null,
    store: async () => {
      const s = createPostgresStore(PG_URL, { schema, max: 4 });
      await retryOnForeignDrop(() => s.migrate());
      return s;
    },
    raw: () => openPgRaw(schema),
    bulk: () => pgBulk(schema),
    dispose: async () => {
      await dropSchema(schema);
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** Starts the server child on the target's database (see retryOnForeignDrop for the retries). */
export function startOn(target: DbTarget, env: Omit<ServerEnv, 'DATA_DIR'>): Promise<ServerProcess> {
  return retryOnForeignDrop(() => startServer({ ...target.env, ...env }));
}
