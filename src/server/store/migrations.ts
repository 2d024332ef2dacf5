/**
 * Numbered migrations, run at start on both dialects. Only ever append a new one; a released
 * migration never changes (servers of different versions may share one PostgreSQL).
 */
import { type Kysely, type Migration, type MigrationProvider, sql } from 'kysely';
import { reportedFactsOf, reportedOfRow, yearToMonthSums } from '../facts/reported';
import type { Dialect } from './store';

/**
 * Fact tables as of migration 0004 (issue 17), frozen here: a later field is a new migration that
 * adds a column (tests/server/fact-schema.test.ts compares this with shared/domain/facts).
 */
export const FACT_COLUMNS_0004: Record<string, readonly string[]> = {
  bhk: [
    'n', 'total', 'hygiene', 'dress',
    'hand_disinfection_before_ja', 'hand_disinfection_before_nej', 'gloves_ja', 'gloves_nej', 'apron_ja', 'apron_nej',
    'hand_disinfection_after_ja', 'hand_disinfection_after_nej', 'short_sleeves_ja', 'short_sleeves_nej',
    'no_jewellery_ja', 'no_jewellery_nej', 'nails_ja', 'nails_nej', 'hair_tied_up_ja', 'hair_tied_up_nej',
  ],
  safety: ['conf', 'ev_gul', 'ev_orange', 'ev_rod', 'falls', 'green', 'w_gul', 'w_orange', 'w_rod'],
  safety_cat: ['gul', 'orange', 'rod'],
  staff: ['planned', 'sick', 'vab', 'other_absence', 'covered', 'shifts', 'days'],
  beds: ['days', 'disponibla', 'belagda', 'overbelaggningar', 'utlokaliserade', 'utskrivningsklara'],
};

/** Every fact table with sums as of 0008 (each family's, keyed, and BHK's sum table, without keys) and its columns. */
const FACT_TABLES_0008: readonly (readonly [table: string, columns: readonly string[], keyed: boolean])[] = [
  ...Object.entries(FACT_COLUMNS_0004).map(([family, columns]) => [`fact_${family}`, columns, true] as const),
  ['fact_bhk_sum', FACT_COLUMNS_0004.bhk as readonly string[], false],
];

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
    // Facts (issue 17): additive counts per unit and day (grain 'd') or month ('m'), one table per
    // family, kept in the push's transaction; fact_hr holds the HR months; fact_blocks versions the
    // (unit, year) and (unit, month) blocks a manager's device pulls; fact_state holds the block
    // sequence and the build's progress (server/facts/build.ts fills the tables for old data).
    '0004_facts': {
      async up(db: Kysely<unknown>) {
        // SQLite's real is 8 bytes; PostgreSQL's is 4, too few for a kvot × hours sum.
        const float = dialect === 'postgres' ? 'double precision' : 'real';
        for (const [family, columns] of Object.entries(FACT_COLUMNS_0004)) {
          let t = db.schema
            .createTable(`fact_${family}`)
            .addColumn('unit_id', 'text', (c) => c.notNull())
            .addColumn('grain', 'text', (c) => c.notNull())
            .addColumn('period', 'text', (c) => c.notNull())
            .addColumn('key', 'text', (c) => c.notNull());
          for (const col of columns) t = t.addColumn(col, 'integer', (c) => c.notNull().defaultTo(0));
          await t.addPrimaryKeyConstraint(`fact_${family}_pk`, ['unit_id', 'grain', 'period', 'key']).execute();
        }
        // "Days since the last fall" looks up fall days only: a small partial index.
        await sql`create index fact_safety_falls on fact_safety (unit_id, period) where grain = 'd' and falls > 0`.execute(db);
        await db.schema
          .createTable('fact_hr')
          .addColumn('unit_id', 'text', (c) => c.notNull())
          .addColumn('month', 'text', (c) => c.notNull())
          .addColumn('kvot_total', sql.raw(float), (c) => c.notNull())
          .addColumn('kvot_k', sql.raw(float))
          .addColumn('kvot_m', sql.raw(float))
          .addColumn('korttid', sql.raw(float))
          .addColumn('ordinary_hours', sql.raw(float))
          .addColumn('source', 'text', (c) => c.notNull())
          .addPrimaryKeyConstraint('fact_hr_pk', ['unit_id', 'month'])
          .execute();
        await db.schema
          .createTable('fact_blocks')
          .addColumn('unit_id', 'text', (c) => c.notNull())
          .addColumn('block', 'text', (c) => c.notNull())
          .addColumn('seq', 'bigint', (c) => c.notNull())
          .addPrimaryKeyConstraint('fact_blocks_pk', ['unit_id', 'block'])
          .execute();
        await db.schema.createIndex('fact_blocks_seq').on('fact_blocks').column('seq').execute();
        await db.schema
          .createTable('fact_state')
          .addColumn('name', 'text', (c) => c.primaryKey())
          .addColumn('value', 'text', (c) => c.notNull())
          .execute();
        // Units whose facts the build has written; the build resumes with the others.
        await db.schema.createTable('fact_built').addColumn('unit_id', 'text', (c) => c.primaryKey()).execute();
        // The change log marks a board row's change on a leaf unit (rule 22): a device above the
        // unit level pulls the rest and facts instead, by this index rather than a scan of the log.
        await db.schema.alterTable('changes').addColumn('leaf_bulk', 'integer', (c) => c.notNull().defaultTo(0)).execute();
        const bulk = "'bhkObservation', 'safetyEvent', 'safetyDay', 'staffingShift', 'bedsDay', 'hrMonth', 'meetingLog'";
        await sql
          .raw(`update changes set leaf_bulk = 1 where entity in (${bulk}) and unit_id not in (select parent_id from units where parent_id is not null)`)
          .execute(db);
        await db.schema.createIndex('changes_leaf_bulk_seq').on('changes').columns(['leaf_bulk', 'server_seq']).execute();
        await db.schema.createIndex('units_parent').on('units').column('parent_id').execute();
      },
    },
    // Issue 12: sign-in through the region's identity provider and HSA-ids. An account may be
    // linked to a person at the provider (the configured claim's value); a unit may carry its
    // HSA-id; both unique where set. sign_in_pending holds a started sign-in (state, nonce, PKCE
    // verifier) and the one-time ticket its callback hands the app, so any process may finish it.
    '0005_sign_in': {
      async up(db: Kysely<unknown>) {
        await db.schema.alterTable('accounts').addColumn('external_id', 'text').execute();
        await db.schema.createIndex('accounts_external_id').on('accounts').column('external_id').unique().execute();
        await db.schema.alterTable('units').addColumn('hsa_id', 'text').execute();
        await db.schema.createIndex('units_hsa_id').on('units').column('hsa_id').unique().execute();
        await db.schema
          .createTable('sign_in_pending')
          .addColumn('key', 'text', (c) => c.primaryKey())
          .addColumn('kind', 'text', (c) => c.notNull())
          .addColumn('data', 'text', (c) => c.notNull())
          .addColumn('expires_at', 'bigint', (c) => c.notNull())
          .execute();
        // The admin's mapping from the provider's group claim to a role and unit (beside OIDC_ROLE_MAP).
        await db.schema
          .createTable('sign_in_groups')
          .addColumn('group_value', 'text', (c) => c.primaryKey())
          .addColumn('role', 'text', (c) => c.notNull())
          .addColumn('unit_id', 'text', (c) => c.notNull())
          .execute();
        await db.schema.createIndex('changes_received').on('changes').column('received_at').execute();
        await db.schema.createIndex('security_events_at').on('security_events').column('at').execute();
      },
    },
    // API keys for machines (issue 16): a BI tool's read-only key, scoped to a subtree. Only the
    // secret's hash is kept; revoked keys stay listed (who had access when).
    '0006_api_keys': {
      async up(db: Kysely<unknown>) {
        await db.schema
          .createTable('api_keys')
          .addColumn('id', 'text', (c) => c.primaryKey())
          .addColumn('name', 'text', (c) => c.notNull())
          .addColumn('scope_unit_id', 'text', (c) => c.notNull())
          .addColumn('secret_hash', 'text', (c) => c.notNull())
          .addColumn('created_by', 'text')
          .addColumn('created_at', 'text', (c) => c.notNull())
          .addColumn('expires_on', 'text')
          .addColumn('revoked_at', 'text')
          .addColumn('last_used_at', 'text')
          // An admin may let a key read free text (the feed's action titles and notes): 1.
          .addColumn('free_text', 'integer', (c) => c.notNull().defaultTo(0))
          .execute();
        await db.schema.createIndex('api_keys_scope').on('api_keys').column('scope_unit_id').execute();
      },
    },
    // Issue 12: a manager reads the security events of their subtree, so an event names the unit
    // it is about (an account's scope, a tablet's unit, a key's subtree); older events get theirs
    // from what they name where it can be told. sign_in_waiting holds the people the identity
    // provider vouched for whom no mapping places yet (OIDC_JIT): staff in no unit, with no
    // access at all, until an admin places them.
    '0007_audit_scope': {
      async up(db: Kysely<unknown>) {
        await db.schema.alterTable('security_events').addColumn('unit_id', 'text').execute();
        const accountKinds = "'account-created', 'account-disabled', 'account-enabled', 'account-linked', 'account-access'";
        await sql.raw(`update security_events set unit_id = (select a.scope_unit_id from accounts a where a.id = security_events.subject) where kind in (${accountKinds})`).execute(db);
        await sql.raw(`update security_events set unit_id = (select a.scope_unit_id from accounts a where a.username = security_events.subject) where kind = 'login'`).execute(db);
        await sql
          .raw(
            `update security_events set unit_id = (select coalesce(d.unit_id, a.scope_unit_id) from devices d left join accounts a on a.id = d.account_id where d.id = security_events.subject) where kind in ('device-enrolled', 'device-revoked')`,
          )
          .execute(db);
        await sql.raw(`update security_events set unit_id = (select k.scope_unit_id from api_keys k where k.id = security_events.subject) where kind like 'api-key-%'`).execute(db);
        await db.schema.createIndex('security_events_unit').on('security_events').columns(['unit_id', 'seq']).execute();
        await db.schema
          .createTable('sign_in_waiting')
          .addColumn('subject', 'text', (c) => c.primaryKey())
          .addColumn('display_name', 'text', (c) => c.notNull())
          .addColumn('username', 'text', (c) => c.notNull())
          .addColumn('first_at', 'text', (c) => c.notNull())
          .addColumn('last_at', 'text', (c) => c.notNull())
          .execute();
      },
    },
    // Issue 17: BHK facts summed over their keys (source and profession), per unit, grain and
    // period. The indicators read BHK collapsed; from fact_bhk a region's year was ~7 rows per unit
    // and month, from here one. Kept in the same transaction as fact_bhk (store/fact-ops.ts); filled
    // here from what fact_bhk holds, in one statement (the database's own memory, not Node's).
    '0008_fact_sums': {
      async up(db: Kysely<unknown>) {
        const columns = FACT_COLUMNS_0004.bhk as readonly string[];
        let t = db.schema
          .createTable('fact_bhk_sum')
          .addColumn('unit_id', 'text', (c) => c.notNull())
          .addColumn('grain', 'text', (c) => c.notNull())
          .addColumn('period', 'text', (c) => c.notNull());
        for (const col of columns) t = t.addColumn(col, 'integer', (c) => c.notNull().defaultTo(0));
        await t.addPrimaryKeyConstraint('fact_bhk_sum_pk', ['unit_id', 'grain', 'period']).execute();
        const list = columns.join(', ');
        const sums = columns.map((c) => `sum(${c})`).join(', ');
        await sql.raw(`insert into fact_bhk_sum (unit_id, grain, period, ${list}) select unit_id, grain, period, ${sums} from fact_bhk group by unit_id, grain, period`).execute(db);
      },
    },
    // Issue 17: on SQLite the fact tables are stored in their primary key's order (WITHOUT ROWID).
    // As ordinary tables every row the key finds is a second lookup in a table where a unit's
    // months lie between thousands of other units' days: a region's year of month rows read twice
    // as slowly from a cold cache and ~20 % more slowly from a warm one, and every write of a fact
    // touched two b-trees. Each table is copied whole into its new form inside SQLite (the
    // migration's transaction: all or nothing, bounded by SQLite's own memory). PostgreSQL keeps
    // its tables (heap and index, as it stores every table).
    '0009_fact_tables_clustered': {
      async up(db: Kysely<unknown>) {
        if (dialect !== 'sqlite') return;
        const tables = await sql<{ name: string; sql: string }>`select name, sql from sqlite_master where type = 'table' order by name`.execute(db);
        const facts = tables.rows.filter((t) => t.name.startsWith('fact_') && !['fact_state', 'fact_built', 'fact_blocks'].includes(t.name));
        for (const { name, sql: create } of facts) {
          if (/without\s+rowid\s*$/i.test(create)) continue;
          const indexes = await sql<{ sql: string }>`select sql from sqlite_master where type = 'index' and tbl_name = ${name} and sql is not null`.execute(db);
          const next = `${name}_clustered`;
          await sql.raw(`${create.replace(/^CREATE TABLE\s+("?)[a-z_]+\1/i, `create table "${next}"`)} without rowid`).execute(db);
          await sql.raw(`insert into "${next}" select * from "${name}"`).execute(db);
          await sql.raw(`drop table "${name}"`).execute(db);
          await sql.raw(`alter table "${next}" rename to "${name}"`).execute(db);
          for (const i of indexes.rows) await sql.raw(i.sql).execute(db);
        }
        // The fall days' index (lastFalls names it) holds what the read needs, so it is read alone:
        // without a rowid, each row it points to would be a walk down the primary key.
        await sql`drop index fact_safety_falls`.execute(db);
        await sql`create index fact_safety_falls on fact_safety (unit_id, period, grain, falls) where grain = 'd' and falls > 0`.execute(db);
      },
    },
    // Issue 17: on PostgreSQL each fact table gets an index in period order that holds all its
    // columns, so a wide scope's read (a region's year, a month of a region's days) is one range of
    // that index, read alone (fact-ops.ts, `scoped`). Through the primary key the same read was a
    // walk per unit and segment, and with the table's pages ~17,700 pages a family for a region's
    // year, more than PostgreSQL's default shared buffers hold for three families: ~300 this way.
    // SQLite keeps its tables in the primary key's order (0009) and reads a scope a part at a time.
    '0010_fact_period_index': {
      async up(db: Kysely<unknown>) {
        if (dialect !== 'postgres') return;
        for (const [table, columns, keyed] of FACT_TABLES_0008) {
          const key = keyed ? ', key' : '';
          await sql.raw(`create index ${table}_period on ${table} (grain, period, unit_id${key}) include (${columns.join(', ')})`).execute(db);
        }
      },
    },
    // Issue 17: a push names its units' place in the tree, and at a region's size (1,500 units)
    // listing every unit for each push was most of what a push cost the server, inside the change
    // log's lock. The tree is kept in memory (Store.orgView) and read again only when this token
    // has changed: every write to `units`, by the app, the admin command or plain SQL, sets a new
    // random token in the same transaction (triggers; on PostgreSQL before the statement, see
    // below). A token is random, so a rolled-back change's token is never the one a later change
    // commits.
    '0011_org_version': {
      async up(db: Kysely<unknown>) {
        await db.schema.createTable('org_version').addColumn('id', 'integer', (c) => c.primaryKey()).addColumn('token', 'text', (c) => c.notNull()).execute();
        if (dialect === 'postgres') {
          await sql`insert into org_version (id, token) values (1, gen_random_uuid()::text)`.execute(db);
          // The function names its table with this schema: a write made with another search_path
          // (an admin in psql as another role) still marks this installation's tree as changed.
          const schema = (await sql<{ s: string }>`select current_schema() as s`.execute(db)).rows[0]?.s ?? 'public';
          const table = `"${schema.replace(/"/g, '""')}".org_version`;
          await sql
            .raw(`create function org_version_bump() returns trigger language plpgsql as $$ begin update ${table} set token = gen_random_uuid()::text where id = 1; return null; end $$`)
            .execute(db);
          // Before the statement: a transaction takes the token's row lock before any unit's, so two
          // writers to units queue on the token instead of deadlocking on each other's unit rows (a
          // move rewrites the paths below it while another admin renames one of them).
          await sql`create trigger units_org_version before insert or update or delete or truncate on units for each statement execute function org_version_bump()`.execute(db);
        } else {
          await sql`insert into org_version (id, token) values (1, lower(hex(randomblob(16))))`.execute(db);
          for (const op of ['insert', 'update', 'delete']) {
            await sql.raw(`create trigger units_org_version_${op} after ${op} on units begin update org_version set token = lower(hex(randomblob(16))) where id = 1; end`).execute(db);
          }
        }
      },
    },
    // Issue 17: year-to-month rows (grain c: a unit's months from January up to and including a
    // month, summed over keys: key ''), kept at write time like the month rows (facts/maintain.ts). A report's
    // ranges that start on 1 January read one such row a unit instead of up to 11 month rows.
    // Filled here from the month rows already stored, inside the database (one statement a table);
    // a unit the build has not reached yet gets them from the build. A server of an older version
    // keeps no c rows: all processes sharing a database are upgraded together (README).
    '0012_fact_cumulative': {
      async up(db: Kysely<unknown>) {
        const months = Array.from({ length: 12 }, (_, i) => `select '${String(i + 1).padStart(2, '0')}' as mm`).join(' union all ');
        for (const [family, columns] of Object.entries(FACT_COLUMNS_0004)) {
          const table = `fact_${family}`;
          const sums = columns.map((c) => `sum(f.${c})`).join(', ');
          // Month M of a year goes into the c rows of M..12 of that year.
          await sql
            .raw(
              `insert into ${table} (unit_id, grain, period, key, ${columns.join(', ')}) ` +
                `select f.unit_id, 'c', substr(f.period, 1, 5) || m.mm, '', ${sums} from ${table} f join (${months}) m on m.mm >= substr(f.period, 6, 2) ` +
                `where f.grain = 'm' group by f.unit_id, substr(f.period, 1, 5) || m.mm having not (${columns.map((c) => `sum(f.${c}) = 0`).join(' and ')})`,
            )
            .execute(db);
        }
        // BHK's sums over keys of its new c rows, as every write keeps fact_bhk_sum (fact-ops.ts).
        const bhk = FACT_COLUMNS_0004.bhk as readonly string[];
        await sql
          .raw(`insert into fact_bhk_sum (unit_id, grain, period, ${bhk.join(', ')}) select unit_id, grain, period, ${bhk.map((c) => `sum(${c})`).join(', ')} from fact_bhk where grain = 'c' group by unit_id, grain, period`)
          .execute(db);
      },
    },
    // Issue 17: on SQLite an index of each fact table's year-to-month rows in period order, holding
    // every column (partial: only grain c, ~36 rows a unit and family over three years). A wide
    // scope's c rows of a period (a region's year report reads three periods a family) are then one
    // range of it, read in one statement, instead of a walk down the primary key per unit and
    // period: on a 1,500-unit region those walks were three in five of the report's ~24,000 seeks
    // (fact-ops.ts, sumSegments). PostgreSQL reads wide scopes from its period index (0010).
    '0013_fact_cumulative_index': {
      async up(db: Kysely<unknown>) {
        if (dialect !== 'sqlite') return;
        for (const [table, columns, keyed] of FACT_TABLES_0008) {
          // Safe to run again (`if not exists`): a bare SQLite connection runs a migration without
          // a transaction around it (the store runs its pending ones in one, sqlite/paced-dialect.ts).
          await sql.raw(`create index if not exists ${table}_c on ${table} (period, unit_id${keyed ? ', key' : ''}, ${columns.join(', ')}) where grain = 'c'`).execute(db);
        }
      },
    },
    // Issue 17: reported values (issue 13) as facts, one row a unit, period and measure, kept in
    // the push's transaction like the HR months (facts/maintain.ts). A region's report read every
    // reported value of its years from the raw rows and parsed each one: with two monthly
    // measures on 1,500 units, ~70,000 rows and ~0.8 s a year report, in one statement on SQLite's
    // event loop. Filled here from the live raw rows, a page at a time in id order, parsed by the
    // schema as the build parses them (`npm run facts -- check` compares the two): the one
    // migration that uses a live definition, so that it fills what the push keeps. Safe to run
    // again (a bare SQLite connection runs it without a transaction around it; the store runs its
    // pending migrations in one): the table is made if missing and emptied before the fill.
    '0014_fact_reported': {
      async up(db: Kysely<unknown>) {
        const float = dialect === 'postgres' ? 'double precision' : 'real';
        await sql
          .raw(
            `create table if not exists fact_reported (unit_id text not null, period text not null, measure text not null, num ${float} not null, den ${float}, ` +
              `num_k ${float}, den_k ${float}, num_m ${float}, den_m ${float}, source text not null, primary key (unit_id, period, measure))${dialect === 'sqlite' ? ' without rowid' : ''}`,
          )
          .execute(db);
        await sql`delete from fact_reported`.execute(db);
        for (let after = ''; ; ) {
          const page = (await sql<{ id: string; data: string }>`select id, data from rows where entity = 'reportedValue' and deleted = 0 and id > ${after} order by id limit 1000`.execute(db)).rows;
          if (page.length === 0) break;
          after = (page.at(-1) as { id: string }).id;
          const values = reportedFactsOf(page.map((r) => JSON.parse(r.data) as Record<string, unknown>));
          if (values.length === 0) continue;
          await sql`insert into fact_reported (unit_id, period, measure, num, den, num_k, den_k, num_m, den_m, source) values ${sql.join(
            values.map((v) => sql`(${v.unitId}, ${v.period}, ${v.measure}, ${v.num}, ${v.den}, ${v.numK}, ${v.denK}, ${v.numM}, ${v.denM}, ${v.source})`),
          )}`.execute(db);
        }
      },
    },
    // Issue 17: a leaf unit's reported values go to devices in facts mode in its year blocks
    // (FactBlock.rep, protocol 4) instead of as rows of the change feed: a region's two monthly
    // measures were ~105,000 rows (42.7 MB of JSON) on a region manager's first sync. Their
    // changes on leaf units are marked as the boards' are (rule 22), and every year block holding
    // a value is given a new sequence number, so devices are sent it again with its values. The
    // numbers are reserved before the blocks take them: run again (a bare SQLite connection runs a
    // migration without a transaction around it; the store runs its pending ones in one), this
    // gives them new ones, never a number another block has.
    '0015_reported_in_blocks': {
      async up(db: Kysely<unknown>) {
        // The block sequence is the change log's (rule 21): a push of a process not yet stopped
        // takes its numbers under this lock too (kysely-store.ts lockChangeLog).
        if (dialect === 'postgres') await sql`select pg_advisory_xact_lock(7261001)`.execute(db);
        await sql
          .raw("update changes set leaf_bulk = 1 where entity = 'reportedValue' and unit_id not in (select parent_id from units where parent_id is not null)")
          .execute(db);
        const year = dialect === 'postgres' ? 'substring(period from 1 for 4)' : 'substr(period, 1, 4)';
        const blocks = `select distinct unit_id, 'Y' || ${year} as block from fact_reported`;
        const count = Number((await sql.raw<{ n: number | string }>(`select count(*) as n from (${blocks}) b`).execute(db)).rows[0]?.n ?? 0);
        if (count === 0) return;
        const base = Number((await sql<{ value: string }>`select value from fact_state where name = 'seq'`.execute(db)).rows[0]?.value ?? 0);
        await sql`insert into fact_state (name, value) values ('seq', ${String(base + count)}) on conflict (name) do update set value = excluded.value`.execute(db);
        await sql
          .raw(
            `insert into fact_blocks (unit_id, block, seq) select unit_id, block, ${base} + row_number() over (order by unit_id, block) from (${blocks}) b where true ` +
              'on conflict (unit_id, block) do update set seq = excluded.seq',
          )
          .execute(db);
      },
    },
    // Issue 17: year-to-month sums of reported values, one row a unit, measure and month (the
    // sums of the year's values up to that month's end), kept by the push with the values
    // (fact-ops.ts setReported). A year report reads one row a unit and measure for each of its
    // ranges from 1 January (facts/reported.ts yearToMonthOf) instead of every value: a region's
    // two monthly measures were ~69,000 values read and summed (~160 ms of a year report). Filled
    // from fact_reported a page of units at a time, summed by the live definition the push uses
    // (as 0014 parses by the live schema), so that it holds what the push keeps; emptied first, so
    // it may run again (the store runs pending migrations in one transaction on both databases,
    // sqlite/paced-dialect.ts; a bare SQLite connection runs them without one).
    '0016_reported_year_to_month': {
      async up(db: Kysely<unknown>) {
        const float = dialect === 'postgres' ? 'double precision' : 'real';
        const sums = ['units integer', `num ${float}`, `den ${float}`, 'k_units integer', `num_k ${float}`, `den_k ${float}`, 'm_units integer', `num_m ${float}`, `den_m ${float}`]
          .map((c) => `${c} not null`)
          .join(', ');
        await sql
          .raw(`create table if not exists fact_reported_c (unit_id text not null, month text not null, measure text not null, ${sums}, primary key (unit_id, month, measure))${dialect === 'sqlite' ? ' without rowid' : ''}`)
          .execute(db);
        await sql`delete from fact_reported_c`.execute(db);
        for (let after = ''; ; ) {
          const units = (await sql<{ unit_id: string }>`select distinct unit_id from fact_reported where unit_id > ${after} order by unit_id limit 200`.execute(db)).rows.map((r) => r.unit_id);
          if (units.length === 0) break;
          after = units.at(-1) as string;
          const values = (await sql<Record<string, unknown>>`select * from fact_reported where unit_id in (${sql.join(units)})`.execute(db)).rows.map(reportedOfRow);
          for (let i = 0, c = yearToMonthSums(values); i < c.length; i += 500) {
            await sql`insert into fact_reported_c (unit_id, month, measure, units, num, den, k_units, num_k, den_k, m_units, num_m, den_m) values ${sql.join(
              c.slice(i, i + 500).map(({ unitId, month, measure, sums: s }) => sql`(${unitId}, ${month}, ${measure}, ${s.units}, ${s.num}, ${s.den}, ${s.kUnits}, ${s.numK}, ${s.denK}, ${s.mUnits}, ${s.numM}, ${s.denM})`),
            )}`.execute(db);
          }
        }
      },
    },
    // Issue 17: on PostgreSQL the reported values and their year-to-month sums get an index in
    // period order holding every column, as the other fact tables have (0010), so a wide scope's
    // read is one range of it (fact-ops.ts, `scoped`). Through the primary key (unit, period,
    // measure) a region's two periods were a descent per unit and period and a table page per
    // row: for the month report's two reads on the 1,500-unit region, ~10,700 and ~12,200 pages
    // and 76 and 62 ms (EXPLAIN ANALYZE, vacuumed); from these indexes ~100 pages each and 12 and
    // 13 ms, most of it the texts' sort and aggregation. SQLite reads a scope a part of its units
    // at a time, down the key. Safe to run again (`if not exists`), as 0014–0016 are.
    '0017_reported_period_index': {
      async up(db: Kysely<unknown>) {
        if (dialect !== 'postgres') return;
        await sql`create index if not exists fact_reported_period on fact_reported (period, unit_id, measure) include (num, den, num_k, den_k, num_m, den_m, source)`.execute(db);
        await sql`create index if not exists fact_reported_c_month on fact_reported_c (month, unit_id, measure) include (units, num, den, k_units, num_k, den_k, m_units, num_m, den_m)`.execute(db);
      },
    },
  };
  return { getMigrations: async () => migrations };
}
