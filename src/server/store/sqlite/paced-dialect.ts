/**
 * better-sqlite3 runs every statement synchronously on the event loop, and an `await` on its
 * result never lets anything else run: a request that sends a hundred short statements (a
 * region's CSV, a push's fact maintenance) held the loop for their sum, 50-70 ms at 1,500 units
 * (issue 17: nothing blocks). This dialect gives the loop a turn before a statement once the
 * current task has run its slice (domain/pace.ts), so such runs are cut wherever they are sent.
 *
 * A transaction keeps the single connection across the turn (Kysely's driver holds it under a
 * mutex), so other requests' statements wait for it and nothing interleaves inside it.
 */
import { CompiledQuery, type DatabaseConnection, type DialectAdapter, type Driver, type QueryResult, SqliteAdapter, SqliteDialect } from 'kysely';
import { paceTask } from '../../../shared/domain/pace';

class PacedConnection implements DatabaseConnection {
  constructor(readonly inner: DatabaseConnection) {}
  async executeQuery<R>(query: CompiledQuery): Promise<QueryResult<R>> {
    await paceTask();
    return this.inner.executeQuery<R>(query);
  }
  streamQuery<R>(query: CompiledQuery, chunkSize?: number): AsyncIterableIterator<QueryResult<R>> {
    return this.inner.streamQuery<R>(query, chunkSize);
  }
}

/** The driver's own connection under a paced one. */
const inner = (c: DatabaseConnection) => (c instanceof PacedConnection ? c.inner : c);

/**
 * SQLite runs DDL inside a transaction, though Kysely's adapter says it does not: said here, the
 * migrator runs the pending migrations in one transaction (as on PostgreSQL), so a server stopped
 * half-way through an upgrade leaves the database as it was, and the next start runs them again
 * from the start. Without it a migration stopped half-way stayed half done, and one that is not
 * written to run twice (0012's year-to-month rows) failed at every start after.
 */
class TransactionalDdlSqliteAdapter extends SqliteAdapter {
  override get supportsTransactionalDdl(): boolean {
    return true;
  }
}

export class PacedSqliteDialect extends SqliteDialect {
  override createAdapter(): DialectAdapter {
    return new TransactionalDdlSqliteAdapter();
  }

  override createDriver(): Driver {
    const driver = super.createDriver();
    // SQLite has one connection: one wrapper serves every acquisition.
    let wrapper: PacedConnection | undefined;
    return {
      init: () => driver.init(),
      acquireConnection: async () => {
        // A statement outside a transaction takes its turn before it takes the connection, so the
        // connection is not held across the turn (inside a transaction it must be).
        await paceTask();
        const c = await driver.acquireConnection();
        if (wrapper?.inner !== c) wrapper = new PacedConnection(c);
        return wrapper;
      },
      // `begin immediate`: a transaction that may write takes the write lock when it starts,
      // waiting for it up to busy_timeout, not at its first write after reading. Begun deferred,
      // one that read and then wrote failed at once (SQLITE_BUSY) when another process (an admin
      // command, a second server on the file) had written since: the migrations' one transaction,
      // a push. A read-only one (Store.tx readOnly, e.g. the facts check) takes no lock at all.
      beginTransaction: async (c, settings) => {
        await inner(c).executeQuery(CompiledQuery.raw(settings.accessMode === 'read only' ? 'begin' : 'begin immediate'));
      },
      commitTransaction: (c) => driver.commitTransaction(inner(c)),
      rollbackTransaction: (c) => driver.rollbackTransaction(inner(c)),
      releaseConnection: (c) => driver.releaseConnection(inner(c)),
      destroy: () => driver.destroy(),
    };
  }
}
