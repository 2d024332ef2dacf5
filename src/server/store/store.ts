/**
 * The one storage interface. `kysely-store.ts` implements it once over Kysely; sqlite/ and
 * postgres/ only build the dialect and the few statements that differ. Both must pass
 * tests/store-contract.ts. Stores are passed in, never module globals.
 */
import type { RowState } from '../../shared/sync/merge';
import type { EntityName } from '../../shared/schema/registry';
import type { FactOps } from './fact-ops';
import type { OrgView } from '../org/view';
import type { SecurityEventKind, SecurityOutcome } from '../../shared/audit-api';
import type { AuditChangeFilter, AuditChangeRow, AuditEventRow } from './audit-ops';

export type Dialect = 'sqlite' | 'postgres';

export interface UnitRow {
  id: string;
  name: string;
  kind: string;
  parentId: string | null;
  path: string;
  closedAt: string | null;
  /** The unit's HSA-id (issue 12), unique where set. */
  hsaId?: string | null;
}
export interface AccountRow {
  id: string;
  username: string;
  displayName: string;
  passwordHash: string;
  role: string;
  scopeUnitId: string;
  disabled: boolean;
  /** The person at the region's identity provider this account is linked to (issue 12). */
  externalId?: string | null;
}
export interface DeviceRow {
  id: string;
  kind: 'tablet' | 'account';
  accountId: string | null;
  unitId: string | null;
  label: string;
  secretHash: string;
  lastSeq: number;
  createdAt: string;
  lastSeenAt: string | null;
  revokedAt: string | null;
}
export interface LoggedChange {
  serverSeq: number;
  entity: EntityName;
  id: string;
  unitId: string;
  op: 'insert' | 'patch' | 'delete';
  fields: Record<string, unknown>;
  hlc: string;
  /** Written only: a board row's change on a leaf unit, left out of facts-mode pulls (rule 22). */
  leafBulk?: boolean;
}
export interface ChangeAudit {
  deviceId: string;
  accountId: string | null;
  receivedAt: string;
}
export interface RejectionRow {
  seq: number;
  code: string;
  path: (string | number)[];
  /** The row the refused change named, when it parsed as a Change (absent for rows stored before
   * migration 0002 and for changes that did not parse): lets the push answer report the row's
   * server state (sync rule 5). */
  entity?: EntityName;
  id?: string;
}

/**
 * One line of the append-only security log (issue 18; the audit view of issue 12 reads it):
 * who (`actor`: the device that acted, null when nobody is signed in), what (`kind`, about
 * `subject`: a username, account or device id), when, from where, and the outcome.
 */
export interface SecurityEvent {
  at: string;
  kind: SecurityEventKind;
  actor: string | null;
  subject: string;
  address: string | null;
  outcome: SecurityOutcome;
  /** The unit the event is about, so a manager reads their subtree's events (migration 0007). */
  unitId?: string | null;
}

/** A person waiting to be placed (OIDC_JIT with no mapping for them): no account, no access. */
export interface SignInWaitingRow {
  subject: string;
  displayName: string;
  /** The username their account will get (from the provider's preferred_username or email). */
  username: string;
  firstAt: string;
  lastAt: string;
}

export interface SignInGroupRow {
  group: string;
  role: string;
  unitId: string;
}
/** A machine's read-only key (issue 16): `secretHash` is SHA-256 of the secret, never the secret. */
export interface ApiKeyRow {
  id: string;
  name: string;
  scopeUnitId: string;
  secretHash: string;
  /** The account that created it. */
  createdBy: string | null;
  createdAt: string;
  /** The last day it works (YYYY-MM-DD, Europe/Stockholm), or null. */
  expiresOn: string | null;
  revokedAt: string | null;
  lastUsedAt: string | null;
  /** An admin let it read free text (action titles and notes in the feed). */
  freeText: boolean;
}

export interface StoreTx {
  /** The fact tables (issue 17): written in the push's transaction, read by the figures. */
  readonly facts: FactOps;
  listUnits(): Promise<UnitRow[]>;
  /**
   * The whole tree (every unit) as the transaction sees it, kept in memory between calls and read
   * again only when a write to `units` has set a new token (migration 0011): at a region's size a
   * push or request no longer lists 1,500 units. The view is shared: read it, never change it.
   */
  orgView(): Promise<OrgView>;
  getUnit(id: string): Promise<UnitRow | undefined>;
  insertUnit(u: UnitRow): Promise<void>;
  updateUnit(id: string, patch: Partial<Omit<UnitRow, 'id'>>): Promise<void>;
  /** Replaces the path prefix of every unit in a subtree (a move). */
  rewritePaths(oldPrefix: string, newPrefix: string): Promise<void>;

  getAccountByUsername(username: string): Promise<AccountRow | undefined>;
  getAccount(id: string): Promise<AccountRow | undefined>;
  insertAccount(a: AccountRow): Promise<void>;
  listAccounts(): Promise<AccountRow[]>;
  setAccountDisabled(id: string, disabled: boolean): Promise<void>;

  insertDevice(d: DeviceRow): Promise<void>;
  getDevice(id: string): Promise<DeviceRow | undefined>;
  listTablets(unitIds: readonly string[]): Promise<DeviceRow[]>;
  setDeviceLastSeq(id: string, lastSeq: number): Promise<void>;
  touchDevice(id: string, at: string): Promise<void>;
  revokeDevice(id: string, at: string): Promise<void>;
  /** A person's devices (kind 'account'), oldest first, revoked ones included. */
  listAccountDevices(accountId: string): Promise<DeviceRow[]>;
  /** Revokes every device of the account that is not revoked yet. */
  revokeAccountDevices(accountId: string, at: string): Promise<void>;

  insertEnrolCode(code: string, unitId: string, createdBy: string, expiresAt: number): Promise<void>;
  /** Deletes and returns the code's unit if the code exists and has not expired (one-time use). */
  takeEnrolCode(code: string, now: number): Promise<string | undefined>;

  /** Serialises writers to the change log so server_seq follows commit order (sync rule 7). */
  lockChangeLog(): Promise<void>;
  getRow(entity: EntityName, id: string): Promise<RowState | undefined>;
  putRow(row: RowState, sortKey: string): Promise<void>;
  appendChange(change: Omit<LoggedChange, 'serverSeq'>, audit: ChangeAudit): Promise<number>;
  /** The stored rows among `ids` of one entity (any order; missing ids are absent). */
  getRows(entity: EntityName, ids: readonly string[]): Promise<RowState[]>;
  /** putRow for many rows in few statements; at most one item per (entity, id). */
  putRows(items: readonly { row: RowState; sortKey: string }[]): Promise<void>;
  /** appendChange for many changes, in order: their server_seq ascends in the given order. */
  appendChanges(items: readonly { change: Omit<LoggedChange, 'serverSeq'>; audit: ChangeAudit }[]): Promise<void>;
  insertRejection(deviceId: string, r: RejectionRow): Promise<void>;
  listRejections(deviceId: string, fromSeq: number, toSeq: number): Promise<RejectionRow[]>;
  /** Changes after `cursor` whose unit lies under `scopePath`, ascending, at most `limit`. */
  pullChanges(scopePath: string, cursor: number, limit: number): Promise<LoggedChange[]>;
  headSeq(scopePath: string): Promise<number>;
  /**
   * A facts-mode pull (rule 22): changes after `cursor` under `scopePath` that are not a board
   * row's change on a leaf unit, plus every change of the `pinned` units; ascending, at most `limit`.
   */
  pullLevelChanges(scopePath: string, pinned: readonly string[], cursor: number, limit: number): Promise<LoggedChange[]>;
  headLevelSeq(scopePath: string, pinned: readonly string[]): Promise<number>;
  /** Every row (tombstones included) of the given entities in one unit: a unit snapshot (rule 24). */
  unitSnapshot(unitId: string, entities: readonly EntityName[]): Promise<RowState[]>;
  /** Every live row of an entity in one unit (not its subtree), with its sort key (fact build). */
  listUnitRows(entity: EntityName, unitId: string): Promise<(RowState & { sortKey: string })[]>;
  /** Re-files a row under another sort key (a legacy BHK correction under its original's date). */
  setSortKey(entity: EntityName, id: string, sortKey: string): Promise<void>;
  /** Live rows of one unit's (entity, sort key) bucket: a day's records (facts of corrections). */
  listBucket(entity: EntityName, unitId: string, sortKey: string): Promise<RowState[]>;
  /** Live rows of an entity under `scopePath` with fromKey ≤ sort_key ≤ toKey. */
  listRows(entity: EntityName, scopePath: string, fromKey: string, toKey: string): Promise<RowState[]>;
  auditOf(serverSeq: number): Promise<ChangeAudit | undefined>;

  appendSecurityEvent(e: SecurityEvent): Promise<void>;
  /** Events of one kind about one subject, oldest first; `since` (ISO) leaves older ones out. */
  listSecurityEvents(q: { kind: SecurityEvent['kind']; subject: string; since?: string }): Promise<SecurityEvent[]>;

  getAccountByExternalId(externalId: string): Promise<AccountRow | undefined>;
  /** Links (or with null unlinks) the account to a person at the identity provider. */
  setAccountExternalId(id: string, externalId: string | null): Promise<void>;
  /** Sets the account's role and scope (the identity provider's group mapping, issue 12). */
  setAccountAccess(id: string, role: string, scopeUnitId: string): Promise<void>;
  getUnitByHsaId(hsaId: string): Promise<UnitRow | undefined>;
  /** The admin's group → role and unit mapping (issue 12), by group. */
  listSignInGroups(): Promise<SignInGroupRow[]>;
  /** Sets a group's mapping, or with null removes it. */
  setSignInGroup(group: string, mapping: { role: string; unitId: string } | null): Promise<void>;
  /** Notes (or refreshes) a person waiting to be placed. */
  putSignInWaiting(w: SignInWaitingRow): Promise<void>;
  listSignInWaiting(): Promise<SignInWaitingRow[]>;
  /** Removes and returns the waiting person (placed or dismissed). */
  takeSignInWaiting(subject: string): Promise<SignInWaitingRow | undefined>;
  /** Keeps a started sign-in or a ticket until `expiresAt` (ms). */
  putSignInPending(key: string, kind: 'state' | 'ticket', data: string, expiresAt: number): Promise<void>;
  /** Deletes and returns the entry if it exists, is of `kind` and has not expired (one-time use). */
  takeSignInPending(key: string, kind: 'state' | 'ticket', now: number): Promise<string | undefined>;

  /** The change log under a scope with its device and account, newest first (audit log, issue 12). */
  auditChanges(f: AuditChangeFilter): Promise<AuditChangeRow[]>;
  /** The security log, newest first. */
  /** Security events about units under scopePath, newest first; `withoutUnit` adds those about no unit. */
  auditEvents(f: { scopePath: string; withoutUnit: boolean; from?: string; to?: string; before?: number; limit: number }): Promise<AuditEventRow[]>;
  /** The feed (issue 16): changes of one entity under scopePath after cursor, ascending, at most limit. */
  changedRowIds(entity: EntityName, scopePath: string, cursor: number, limit: number): Promise<{ serverSeq: number; id: string }[]>;

  insertApiKey(k: ApiKeyRow): Promise<void>;
  getApiKey(id: string): Promise<ApiKeyRow | undefined>;
  /** Every key, newest first (the caller filters by scope). */
  listApiKeys(): Promise<ApiKeyRow[]>;
  revokeApiKey(id: string, at: string): Promise<void>;
  touchApiKey(id: string, at: string): Promise<void>;

  getSecret(name: string): Promise<string | undefined>;
  /** Inserts unless present (first writer wins across processes); returns the stored value. */
  ensureSecret(name: string, value: string): Promise<string>;
}

export interface Store extends StoreTx {
  readonly dialect: Dialect;
  /** Runs the numbered migrations, then builds facts of rows stored before them (`log` reports progress). */
  migrate(log?: (msg: string) => void): Promise<void>;
  /**
   * Runs `fn` in one SQL transaction; a throw rolls everything back. `readOnly`: it writes nothing
   * (PostgreSQL refuses a write), and on SQLite it takes no write lock, so a check run beside the
   * server (`npm run facts -- check`) never makes the server's writes wait.
   */
  tx<T>(fn: (tx: StoreTx) => Promise<T>, opts?: { readOnly?: boolean }): Promise<T>;
  close(): Promise<void>;
}
