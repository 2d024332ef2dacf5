import type { Config } from '../config';
import { createPostgresStore } from './postgres/index';
import { createSqliteStore } from './sqlite/index';
import type { Store } from './store';

export function createStore(config: Pick<Config, 'DATABASE_URL' | 'sqliteFile'>): Store {
  return config.DATABASE_URL ? createPostgresStore(config.DATABASE_URL) : createSqliteStore(config.sqliteFile);
}
