/** StoreTx over Kysely, shared by both dialects (the few differences are passed in). */
import { CompiledQuery, type Kysely, Migrator, sql } from 'kysely';
import type { RowState } from '../../shared/sync/merge';
import type { EntityName } from '../../shared/schema/registry';
import { ensureFactsBuilt } from '../facts/build';
import { factOps } from './fact-ops';
import { migrationProvider } from './migrations';
import { accountDeviceOps } from './account-devices';
import { apiKeyOps } from './api-keys';
import { feedOps } from './feed-ops';
import { securityEventOps } from './security-events';
import { signInOps } from './sign-in-ops';
import { auditOps } from './audit-ops';
import type { Database } from './schema';
import { type OrgView, orgView } from '../org/view';
import type { ReadThread } from './sqlite/read-thread';
import type { AccountRow, ChangeAudit, Dialect, DeviceRow, LoggedChange, RejectionRow, Store, StoreTx, UnitRow } from './store';

type Db = Kysely<Database>;
const json = (v: unknown) => JSON.stringify(v);
const likePrefix = (p: string) => `${p.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;

function toUnit(r: Database['units']): UnitRow {
  return { id: r.id, name: r.name, kind: r.kind, parentId: r.parent_id, path: r.path, closedAt: r.closed_at, ...(r.hsa_id ? { hsaId: r.hsa_id } : {}) };
}
function toAccount(r: Database['accounts']): AccountRow {
  return {
    id: r.id,
    username: r.username,
    displayName: r.display_name,
    passwordHash: r.password_hash,
    role: r.role,
    scopeUnitId: r.scope_unit_id,
    disabled: Number(r.disabled) === 1,
    ...(r.external_id ? { externalId: r.external_id } : {}),
  };
}
function toDevice(r: Database['devices']): DeviceRow {
  return {
    id: r.id,
    kind: r.kind === 'tablet' ? 'tablet' : 'account',
    accountId: r.account_id,
    unitId: r.unit_id,
    label: r.label,
    secretHash: r.secret_hash,
    lastSeq: Number(r.last_seq),
    createdAt: r.created_at,
    lastSeenAt: r.last_seen_at,
    revokedAt: r.revoked_at,
  };
}
/** Statements per batch stay well under SQLite's and PostgreSQL's bound-parameter limits. */
const READ_CHUNK = 500;
const WRITE_CHUNK = 200;

function chunks<T>(items: readonly T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

/** Column order of rowValues and changeValues (their keys, in order). */
const ROW_COLUMNS = ['entity', 'id', 'unit_id', 'data', 'hlcs', 'deleted', 'sort_key'] as const;
const CHANGE_COLUMNS = ['entity', 'row_id', 'unit_id', 'op', 'fields', 'hlc', 'device_id', 'account_id', 'received_at', 'leaf_bulk'] as const;
const UPSERT_ROWS = ' on conflict (entity, id) do update set data = excluded.data, hlcs = excluded.hlcs, deleted = excluded.deleted, sort_key = excluded.sort_key';

const pick = <T extends object>(values: T, columns: readonly (keyof T & string)[]): unknown[] => columns.map((c) => values[c]);

/** `insert into <table> (cols) values (…), (…)<suffix>` with the dialect's placeholders. */
function multiInsert(dialect: Dialect, table: string, columns: readonly string[], rows: readonly unknown[][], suffix: string): CompiledQuery {
  let n = 0;
  const mark = dialect === 'postgres' ? () => `$${++n}` : () => '?';
  const values = rows.map((r) => `(${r.map(mark).join(', ')})`).join(', ');
  return CompiledQuery.raw(`insert into ${table} (${columns.join(', ')}) values ${values}${suffix}`, rows.flat());
}

function rowValues(row: RowState, sortKey: string) {
  return {
    entity: row.entity,
    id: row.id,
    unit_id: row.unitId,
    data: json(row.data),
    hlcs: json(row.hlcs),
    deleted: row.deleted ? 1 : 0,
    sort_key: sortKey,
  };
}

function changeValues(c: Omit<LoggedChange, 'serverSeq'>, audit: ChangeAudit) {
  return {
    entity: c.entity,
    row_id: c.id,
    unit_id: c.unitId,
    op: c.op,
    fields: json(c.fields),
    hlc: c.hlc,
    device_id: audit.deviceId,
    account_id: audit.accountId,
    received_at: audit.receivedAt,
    leaf_bulk: c.leafBulk === true ? 1 : 0,
  };
}

function toLogged(r: { server_seq: number | string; entity: string; row_id: string; unit_id: string; op: string; fields: string; hlc: string }): LoggedChange {
  return {
    serverSeq: Number(r.server_seq),
    entity: r.entity as EntityName,
    id: r.row_id,
    unitId: r.unit_id,
    op: r.op as LoggedChange['op'],
    fields: JSON.parse(r.fields) as Record<string, unknown>,
    hlc: r.hlc,
  };
}

function toRow(r: Database['rows']): RowState {
  return {
    entity: r.entity as EntityName,
    id: r.id,
    unitId: r.unit_id,
    data: JSON.parse(r.data) as Record<string, unknown>,
    hlcs: JSON.parse(r.hlcs) as Record<string, string>,
    deleted: Number(r.deleted) === 1,
  };
}

/** The tree last read and the org_version token it was read under (Store.orgView). */
interface OrgCache {
  token: string | null;
  view: OrgView | null;
}

export function txOps(db: Db, dialect: Dialect, reads?: ReadThread, orgCache: OrgCache = { token: null, view: null }): StoreTx {
  const escape = sql`'\\'`;
  const listUnits = async () => (await db.selectFrom('units').selectAll().orderBy('path').execute()).map(toUnit);
  return {
    facts: factOps(db, dialect, reads),
    listUnits,
    orgView: async () => {
      // The token first: units read after it are as new as it or newer, so a view is never kept
      // under a token newer than what it holds (a newer token just reads the units again).
      const token = (await db.selectFrom('org_version').select('token').where('id', '=', 1).executeTakeFirst())?.token ?? null;
      if (token !== null && token === orgCache.token && orgCache.view !== null) return orgCache.view;
      const view = orgView(await listUnits());
      if (token !== null) Object.assign(orgCache, { token, view });
      return view;
    },
    getUnit: async (id) => {
      const r = await db.selectFrom('units').selectAll().where('id', '=', id).executeTakeFirst();
      return r && toUnit(r);
    },
    insertUnit: async (u) => {
      await db
        .insertInto('units')
        .values({ id: u.id, name: u.name, kind: u.kind, parent_id: u.parentId, path: u.path, closed_at: u.closedAt, created_at: new Date().toISOString(), hsa_id: u.hsaId ?? null })
        .execute();
    },
    updateUnit: async (id, p) => {
      const values: Partial<Database['units']> = {};
      if (p.name !== undefined) values.name = p.name;
      if (p.kind !== undefined) values.kind = p.kind;
      if (p.parentId !== undefined) values.parent_id = p.parentId;
      if (p.path !== undefined) values.path = p.path;
      if (p.closedAt !== undefined) values.closed_at = p.closedAt;
      if (p.hsaId !== undefined) values.hsa_id = p.hsaId;
      if (Object.keys(values).length > 0) await db.updateTable('units').set(values).where('id', '=', id).execute();
    },
    rewritePaths: async (oldPrefix, newPrefix) => {
      await db
        .updateTable('units')
        .set({ path: sql<string>`${newPrefix} || substr(path, ${oldPrefix.length + 1})` })
        .where(sql<boolean>`path like ${likePrefix(oldPrefix)} escape ${escape}`)
        .execute();
    },

    getAccountByUsername: async (username) => {
      const r = await db.selectFrom('accounts').selectAll().where('username', '=', username).executeTakeFirst();
      return r && toAccount(r);
    },
    getAccount: async (id) => {
      const r = await db.selectFrom('accounts').selectAll().where('id', '=', id).executeTakeFirst();
      return r && toAccount(r);
    },
    insertAccount: async (a) => {
      await db
        .insertInto('accounts')
        .values({
          id: a.id,
          username: a.username,
          display_name: a.displayName,
          password_hash: a.passwordHash,
          role: a.role,
          scope_unit_id: a.scopeUnitId,
          disabled: a.disabled ? 1 : 0,
          created_at: new Date().toISOString(),
          external_id: a.externalId ?? null,
        })
        .execute();
    },
    setAccountDisabled: async (id, disabled) => {
      await db.updateTable('accounts').set({ disabled: disabled ? 1 : 0 }).where('id', '=', id).execute();
    },
    listAccounts: async () => (await db.selectFrom('accounts').selectAll().orderBy('username').execute()).map(toAccount),

    insertDevice: async (d) => {
      await db
        .insertInto('devices')
        .values({
          id: d.id,
          kind: d.kind,
          account_id: d.accountId,
          unit_id: d.unitId,
          label: d.label,
          secret_hash: d.secretHash,
          last_seq: d.lastSeq,
          created_at: d.createdAt,
          last_seen_at: d.lastSeenAt,
          revoked_at: d.revokedAt,
        })
        .execute();
    },
    getDevice: async (id) => {
      const r = await db.selectFrom('devices').selectAll().where('id', '=', id).executeTakeFirst();
      return r && toDevice(r);
    },
    listTablets: async (unitIds) => {
      if (unitIds.length === 0) return [];
      const rows = await db
        .selectFrom('devices')
        .selectAll()
        .where('kind', '=', 'tablet')
        .where('unit_id', 'in', [...unitIds])
        .orderBy('created_at')
        .execute();
      return rows.map(toDevice);
    },
    setDeviceLastSeq: async (id, lastSeq) => {
      await db.updateTable('devices').set({ last_seq: lastSeq }).where('id', '=', id).execute();
    },
    touchDevice: async (id, at) => {
      await db.updateTable('devices').set({ last_seen_at: at }).where('id', '=', id).execute();
    },
    revokeDevice: async (id, at) => {
      await db.updateTable('devices').set({ revoked_at: at }).where('id', '=', id).where('revoked_at', 'is', null).execute();
    },

    insertEnrolCode: async (code, unitId, createdBy, expiresAt) => {
      await db.insertInto('enrol_codes').values({ code, unit_id: unitId, created_by: createdBy, expires_at: expiresAt }).execute();
    },
    takeEnrolCode: async (code, now) => {
      await db.deleteFrom('enrol_codes').where('expires_at', '<=', now).execute();
      const r = await db.deleteFrom('enrol_codes').where('code', '=', code).returning('unit_id').executeTakeFirst();
      return r?.unit_id;
    },

    lockChangeLog: async () => {
      // PostgreSQL assigns bigserial values at insert, not at commit: without this lock a pull
      // could pass seq 7 before the transaction holding seq 6 commits, and skip 6 for ever.
      if (dialect === 'postgres') await sql`select pg_advisory_xact_lock(7261001)`.execute(db);
    },
    getRow: async (entity, id) => {
      const r = await db.selectFrom('rows').selectAll().where('entity', '=', entity).where('id', '=', id).executeTakeFirst();
      return r && toRow(r);
    },
    getRows: async (entity, ids) => {
      const out: RowState[] = [];
      for (const part of chunks(ids, READ_CHUNK)) {
        const rows = await db.selectFrom('rows').selectAll().where('entity', '=', entity).where('id', 'in', part).execute();
        for (const r of rows) out.push(toRow(r));
      }
      return out;
    },
    // The two statements of every push (sync/push-buffer.ts) are built as plain SQL: building
    // Kysely's query tree for hundreds of values cost more than running the statement (bench item 3).
    putRows: async (items) => {
      for (const part of chunks(items, WRITE_CHUNK)) {
        const rows = part.map((i) => pick(rowValues(i.row, i.sortKey), ROW_COLUMNS));
        await db.executeQuery(multiInsert(dialect, 'rows', ROW_COLUMNS, rows, UPSERT_ROWS));
      }
    },
    appendChanges: async (items) => {
      for (const part of chunks(items, WRITE_CHUNK)) {
        const rows = part.map((i) => pick(changeValues(i.change, i.audit), CHANGE_COLUMNS));
        await db.executeQuery(multiInsert(dialect, 'changes', CHANGE_COLUMNS, rows, ''));
      }
    },
    putRow: async (row, sortKey) => {
      const values = rowValues(row, sortKey);
      await db
        .insertInto('rows')
        .values(values)
        .onConflict((oc) => oc.columns(['entity', 'id']).doUpdateSet({ data: values.data, hlcs: values.hlcs, deleted: values.deleted, sort_key: sortKey }))
        .execute();
    },
    appendChange: async (c, audit) => {
      const r = await db
        .insertInto('changes')
        .values(changeValues(c, audit))
        .returning('server_seq')
        .executeTakeFirstOrThrow();
      return Number(r.server_seq);
    },
    insertRejection: async (deviceId, r) => {
      await db
        .insertInto('push_rejections')
        .values({ device_id: deviceId, seq: r.seq, code: r.code, path: json(r.path), entity: r.entity ?? null, row_id: r.id ?? null })
        .execute();
    },
    listRejections: async (deviceId, fromSeq, toSeq) => {
      const rows = await db
        .selectFrom('push_rejections')
        .selectAll()
        .where('device_id', '=', deviceId)
        .where('seq', '>=', fromSeq)
        .where('seq', '<=', toSeq)
        .orderBy('seq')
        .execute();
      return rows.map((r) => ({
        seq: Number(r.seq),
        code: r.code,
        path: JSON.parse(r.path) as (string | number)[],
        ...(r.entity !== null && r.row_id !== null ? { entity: r.entity as EntityName, id: r.row_id } : {}),
      }));
    },
    pullChanges: async (scopePath, cursor, limit) => {
      const rows = await db
        .selectFrom('changes as c')
        .innerJoin('units as u', 'u.id', 'c.unit_id')
        .select(['c.server_seq', 'c.entity', 'c.row_id', 'c.unit_id', 'c.op', 'c.fields', 'c.hlc'])
        .where('c.server_seq', '>', cursor)
        .where(sql<boolean>`u.path like ${likePrefix(scopePath)} escape ${escape}`)
        .orderBy('c.server_seq')
        .limit(limit)
        .execute();
      return rows.map((r) => ({
        serverSeq: Number(r.server_seq),
        entity: r.entity as EntityName,
        id: r.row_id,
        unitId: r.unit_id,
        op: r.op as LoggedChange['op'],
        fields: JSON.parse(r.fields) as Record<string, unknown>,
        hlc: r.hlc,
      }));
    },
    pullLevelChanges: async (scopePath, pinned, cursor, limit) => {
      const cols = ['c.server_seq', 'c.entity', 'c.row_id', 'c.unit_id', 'c.op', 'c.fields', 'c.hlc'] as const;
      const shared = await db
        .selectFrom('changes as c')
        .innerJoin('units as u', 'u.id', 'c.unit_id')
        .select(cols)
        .where('c.leaf_bulk', '=', 0)
        .where('c.server_seq', '>', cursor)
        .where(sql<boolean>`u.path like ${likePrefix(scopePath)} escape ${escape}`)
        .orderBy('c.server_seq')
        .limit(limit)
        .execute();
      const own =
        pinned.length === 0
          ? []
          : await db
              .selectFrom('changes as c')
              .select(cols)
              .where('c.unit_id', 'in', [...pinned])
              .where('c.leaf_bulk', '=', 1)
              .where('c.server_seq', '>', cursor)
              .orderBy('c.server_seq')
              .limit(limit)
              .execute();
      return [...shared, ...own]
        .map(toLogged)
        .sort((a, b) => a.serverSeq - b.serverSeq)
        .slice(0, limit);
    },
    headLevelSeq: async (scopePath, pinned) => {
      const shared = await db
        .selectFrom('changes as c')
        .innerJoin('units as u', 'u.id', 'c.unit_id')
        .select((eb) => eb.fn.max('c.server_seq').as('head'))
        .where('c.leaf_bulk', '=', 0)
        .where(sql<boolean>`u.path like ${likePrefix(scopePath)} escape ${escape}`)
        .executeTakeFirst();
      const own =
        pinned.length === 0
          ? undefined
          : await db.selectFrom('changes as c').select((eb) => eb.fn.max('c.server_seq').as('head')).where('c.unit_id', 'in', [...pinned]).executeTakeFirst();
      return Math.max(Number(shared?.head ?? 0), Number(own?.head ?? 0));
    },
    unitSnapshot: async (unitId, entities) => {
      if (entities.length === 0) return [];
      const rows = await db.selectFrom('rows').selectAll().where('unit_id', '=', unitId).where('entity', 'in', [...entities]).execute();
      return rows.map(toRow);
    },
    headSeq: async (scopePath) => {
      const r = await db
        .selectFrom('changes as c')
        .innerJoin('units as u', 'u.id', 'c.unit_id')
        .select((eb) => eb.fn.max('c.server_seq').as('head'))
        .where(sql<boolean>`u.path like ${likePrefix(scopePath)} escape ${escape}`)
        .executeTakeFirst();
      return Number(r?.head ?? 0);
    },
    listUnitRows: async (entity, unitId) => {
      const rows = await db.selectFrom('rows').selectAll().where('entity', '=', entity).where('unit_id', '=', unitId).where('deleted', '=', 0).execute();
      return rows.map((r) => ({ ...toRow(r), sortKey: r.sort_key }));
    },
    setSortKey: async (entity, id, sortKey) => {
      await db.updateTable('rows').set({ sort_key: sortKey }).where('entity', '=', entity).where('id', '=', id).execute();
    },
    listBucket: async (entity, unitId, sortKey) => {
      const rows = await db
        .selectFrom('rows')
        .selectAll()
        .where('entity', '=', entity)
        .where('unit_id', '=', unitId)
        .where('sort_key', '=', sortKey)
        .where('deleted', '=', 0)
        .execute();
      return rows.map(toRow);
    },
    listRows: async (entity, scopePath, fromKey, toKey) => {
      const rows = await db
        .selectFrom('rows as r')
        .innerJoin('units as u', 'u.id', 'r.unit_id')
        .selectAll('r')
        .where('r.entity', '=', entity)
        .where('r.deleted', '=', 0)
        .where('r.sort_key', '>=', fromKey)
        .where('r.sort_key', '<=', toKey)
        .where(sql<boolean>`u.path like ${likePrefix(scopePath)} escape ${escape}`)
        .execute();
      return rows.map(toRow);
    },
    auditOf: async (serverSeq) => {
      const r = await db
        .selectFrom('changes')
        .select(['device_id', 'account_id', 'received_at'])
        .where('server_seq', '=', serverSeq)
        .executeTakeFirst();
      return r && { deviceId: r.device_id, accountId: r.account_id, receivedAt: r.received_at };
    },

    ...securityEventOps(db),
    ...accountDeviceOps(db, toDevice),
    ...signInOps(db, toAccount, toUnit),
    ...auditOps(db),
    ...apiKeyOps(db),
    ...feedOps(db),

    getSecret: async (name) => (await db.selectFrom('server_secrets').select('value').where('name', '=', name).executeTakeFirst())?.value,
    ensureSecret: async (name, value) => {
      await db.insertInto('server_secrets').values({ name, value }).onConflict((oc) => oc.column('name').doNothing()).execute();
      const r = await db.selectFrom('server_secrets').select('value').where('name', '=', name).executeTakeFirstOrThrow();
      return r.value;
    },
  };
}

/** `reads`: SQLite's reader threads (sqlite/read-thread.ts) for the fact reads made outside a transaction. */
export function kyselyStore(db: Db, dialect: Dialect, onClose: () => Promise<void>, reads?: ReadThread): Store {
  const orgCache: OrgCache = { token: null, view: null };
  const store: Store = {
    dialect,
    ...txOps(db, dialect, reads, orgCache),
    async migrate(log) {
      // Without a schema, Kysely takes a migration table in ANY schema of the database for ours
      // and then fails to find it on search_path: name the schema we actually write to.
      let schema: string | null = null;
      if (dialect === 'postgres') {
        const at = (await sql<{ s: string | null; path: string }>`select current_schema() as s, current_setting('search_path') as path`.execute(db)).rows[0];
        schema = at?.s ?? null;
        // No schema of the search path exists (DATABASE_SCHEMA names one nobody created): said in
        // words the region's IT can act on, not PostgreSQL's "no schema has been selected to create in".
        if (schema === null) {
          const wanted = at?.path ?? '';
          throw new Error(`PostgreSQL-schemat finns inte i databasen (search_path: ${wanted}). Skapa det först, t.ex. create schema ${wanted.split(',')[0]?.trim() || 'puls'};, eller ange ett befintligt i DATABASE_SCHEMA.`);
        }
      }
      const migrator = new Migrator({ db, provider: migrationProvider(dialect), ...(schema ? { migrationTableSchema: schema } : {}) });
      const { error } = await migrator.migrateToLatest();
      if (error) throw error;
      // Migration 0003's data part: facts of the rows stored before it (resumable, unit by unit).
      await ensureFactsBuilt(store, log);
    },
    tx: (fn, opts) => (opts?.readOnly === true ? db.transaction().setAccessMode('read only') : db.transaction()).execute((trx) => fn(txOps(trx, dialect, undefined, orgCache))),
    close: onClose,
  };
  return store;
}
export type { ChangeAudit, RejectionRow };
