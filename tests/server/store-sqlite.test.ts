import { createSqliteStore } from '../../src/server/store/sqlite/index';
import { registerStoreContract } from '../store-contract';

registerStoreContract('sqlite (:memory:)', async () => {
  const store = createSqliteStore(':memory:');
  await store.migrate();
  return store;
});
