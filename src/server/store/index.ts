import type { Config } from '../config';
import { createPostgresStore } from './postgres/index';
import { createSqliteStore } from './sqlite/index';
import type { Store } from './store';

export function createStore(config: Pick<Config, 'DATABASE_URL' | 'sqliteFile'> & { DATABASE_SCHEMA?: string | undefined; SQLITE_READ_THREADS?: number | undefined }): Store {
  const schema = config.DATABASE_SCHEMA;
  if (config.DATABASE_URL) return createPostgresStore(config.DATABASE_URL, schema ? { schema } : {});
  return createSqliteStore(config.sqliteFile, config.SQLITE_READ_THREADS === undefined ? {} : { readThreads: config.SQLITE_READ_THREADS });
}
