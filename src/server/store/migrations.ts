/**
 * Numbered migrations, run at start on both dialects. Only ever append a new one; a released
 * migration never changes (servers of different versions may share one PostgreSQL).
 */
import type { Kysely, Migration, MigrationProvider } from 'kysely';
import type { Dialect } from './store';

export function migrationProvider(dialect: Dialect): MigrationProvider {
  const migrations: Record<string, Migration> = {
    '0001_initial': {
      async up(db: Kysely<unknown>) {
        await db.schema
          .createTable('units')
          .addColumn('id', 'text', (c) => c.primaryKey())
          .addColumn('name', 'text', (c) => c.notNull())
          .addColumn('kind', 'text', (c) => c.notNull())
          .addColumn('parent_id', 'text')
          .addColumn('path', 'text', (c) => c.notNull())
          .addColumn('closed_at', 'text')
          .addColumn('created_at', 'text', (c) => c.notNull())
          .execute();
        await db.schema.createIndex('units_path').on('units').column('path').execute();
        await db.schema
          .createTable('accounts')
          .addColumn('id', 'text', (c) => c.primaryKey())
          .addColumn('username', 'text', (c) => c.notNull().unique())
          .addColumn('display_name', 'text', (c) => c.notNull())
          .addColumn('password_hash', 'text', (c) => c.notNull())
          .addColumn('role', 'text', (c) => c.notNull())
          .addColumn('scope_unit_id', 'text', (c) => c.notNull())
          .addColumn('disabled', 'integer', (c) => c.notNull().defaultTo(0))
          .addColumn('created_at', 'text', (c) => c.notNull())
          .execute();
        await db.schema
          .createTable('devices')
          .addColumn('id', 'text', (c) => c.primaryKey())
          .addColumn('kind', 'text', (c) => c.notNull())
          .addColumn('account_id', 'text')
          .addColumn('unit_id', 'text')
          .addColumn('label', 'text', (c) => c.notNull())
          .addColumn('secret_hash', 'text', (c) => c.notNull())
          .addColumn('last_seq', 'integer', (c) => c.notNull().defaultTo(0))
          .addColumn('created_at', 'text', (c) => c.notNull())
          .addColumn('last_seen_at', 'text')
          .addColumn('revoked_at', 'text')
          .execute();
        await db.schema.createIndex('devices_unit').on('devices').column('unit_id').execute();
        await db.schema
          .createTable('enrol_codes')
          .addColumn('code', 'text', (c) => c.primaryKey())
          .addColumn('unit_id', 'text', (c) => c.notNull())
          .addColumn('created_by', 'text', (c) => c.notNull())
          .addColumn('expires_at', 'bigint', (c) => c.notNull())
          .execute();
        await db.schema
          .createTable('rows')
          .addColumn('entity', 'text', (c) => c.notNull())
          .addColumn('id', 'text', (c) => c.notNull())
          .addColumn('unit_id', 'text', (c) => c.notNull())
          .addColumn('data', 'text', (c) => c.notNull())
          .addColumn('hlcs', 'text', (c) => c.notNull())
          .addColumn('deleted', 'integer', (c) => c.notNull().defaultTo(0))
          .addColumn('sort_key', 'text', (c) => c.notNull().defaultTo(''))
          .addPrimaryKeyConstraint('rows_pk', ['entity', 'id'])
          .execute();
        await db.schema.createIndex('rows_unit_sort').on('rows').columns(['entity', 'unit_id', 'sort_key']).execute();
        await db.schema
          .createTable('changes')
          .addColumn('server_seq', dialect === 'postgres' ? 'bigserial' : 'integer', (c) =>
            dialect === 'postgres' ? c.primaryKey() : c.primaryKey().autoIncrement(),
          )
          .addColumn('entity', 'text', (c) => c.notNull())
          .addColumn('row_id', 'text', (c) => c.notNull())
          .addColumn('unit_id', 'text', (c) => c.notNull())
          .addColumn('op', 'text', (c) => c.notNull())
          .addColumn('fields', 'text', (c) => c.notNull())
          .addColumn('hlc', 'text', (c) => c.notNull())
          .addColumn('device_id', 'text', (c) => c.notNull())
          .addColumn('account_id', 'text')
          .addColumn('received_at', 'text', (c) => c.notNull())
          .execute();
        await db.schema.createIndex('changes_unit_seq').on('changes').columns(['unit_id', 'server_seq']).execute();
        await db.schema
          .createTable('push_rejections')
          .addColumn('device_id', 'text', (c) => c.notNull())
          .addColumn('seq', 'integer', (c) => c.notNull())
          .addColumn('code', 'text', (c) => c.notNull())
          .addColumn('path', 'text', (c) => c.notNull())
          .addPrimaryKeyConstraint('push_rejections_pk', ['device_id', 'seq'])
          .execute();
        await db.schema
          .createTable('server_secrets')
          .addColumn('name', 'text', (c) => c.primaryKey())
          .addColumn('value', 'text', (c) => c.notNull())
          .execute();
      },
    },
    // The row a refused change named, so a push answer can report that row's server state
    // (sync rule 5). Nullable: older rejections and changes that did not parse have none.
    '0002_rejection_row': {
      async up(db: Kysely<unknown>) {
        await db.schema.alterTable('push_rejections').addColumn('entity', 'text').execute();
        await db.schema.alterTable('push_rejections').addColumn('row_id', 'text').execute();
      },
    },
    // The append-only security log (issue 18): logins and their locks, accounts disabled and
    // enabled, devices ended. Failed logins per account are counted here, on every process.
    '0003_security_events': {
      async up(db: Kysely<unknown>) {
        await db.schema
          .createTable('security_events')
          .addColumn('seq', dialect === 'postgres' ? 'bigserial' : 'integer', (c) => (dialect === 'postgres' ? c.primaryKey() : c.primaryKey().autoIncrement()))
          .addColumn('at', 'text', (c) => c.notNull())
          .addColumn('kind', 'text', (c) => c.notNull())
          .addColumn('actor', 'text')
          .addColumn('subject', 'text', (c) => c.notNull())
          .addColumn('address', 'text')
          .addColumn('outcome', 'text', (c) => c.notNull())
          .execute();
        await db.schema.createIndex('security_events_subject').on('security_events').columns(['kind', 'subject', 'at']).execute();
      },
    },
  };
  return { getMigrations: async () => migrations };
}
