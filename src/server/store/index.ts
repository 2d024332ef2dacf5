import type { Config } from '../config';
import { createPostgresStore } from './postgres/index';
import { createSqliteStore } from './sqlite/index';
import type { Store } from './store';

export function createStore(config: Pick<Config, 'DATABASE_URL' | 'sqliteFile'> & { DATABASE_SCHEMA?: string | undefined }): Store {
  const schema = config.DATABASE_SCHEMA;
  return config.DATABASE_URL ? createPostgresStore(config.DATABASE_URL, schema ? { schema } : {}) : createSqliteStore(config.sqliteFile);
}
