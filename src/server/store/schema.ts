/** Table types for Kysely. JSON columns are TEXT on both dialects so both behave the same. */
import type { ColumnType, Generated } from 'kysely';

export interface UnitsTable {
  id: string;
  name: string;
  kind: string;
  parent_id: string | null;
  /** Materialised path "/root/…/id/": a subtree is `path LIKE prefix || '%'`. */
  path: string;
  closed_at: string | null;
  created_at: string;
  /** Migration 0005: the unit's HSA-id (unique where set). */
  hsa_id: string | null;
}
export interface AccountsTable {
  id: string;
  username: string;
  display_name: string;
  password_hash: string;
  role: string;
  scope_unit_id: string;
  disabled: number;
  created_at: string;
  /** Migration 0005: the person at the identity provider (the configured claim's value). */
  external_id: string | null;
}
export interface DevicesTable {
  id: string;
  kind: string;
  account_id: string | null;
  unit_id: string | null;
  label: string;
  secret_hash: string;
  /** Highest push seq processed for this device (sync rule 3). */
  last_seq: number;
  created_at: string;
  last_seen_at: string | null;
  revoked_at: string | null;
}
export interface EnrolCodesTable {
  code: string;
  unit_id: string;
  created_by: string;
  expires_at: ColumnType<number, number, number>;
}
export interface RowsTable {
  entity: string;
  id: string;
  unit_id: string;
  data: string;
  hlcs: string;
  deleted: number;
  sort_key: string;
}
export interface ChangesTable {
  server_seq: Generated<number>;
  entity: string;
  row_id: string;
  unit_id: string;
  op: string;
  fields: string;
  hlc: string;
  device_id: string;
  account_id: string | null;
  received_at: string;
  /** Migration 0004: a board row's change on a leaf unit (sync rule 22). */
  leaf_bulk: ColumnType<number, number | undefined, number>;
}
export interface PushRejectionsTable {
  device_id: string;
  seq: number;
  code: string;
  path: string;
  /** Migration 0002: the refused change's row, null when it did not parse (or older rows). */
  entity: string | null;
  row_id: string | null;
}
export interface ServerSecretsTable {
  name: string;
  value: string;
}
/** Migration 0003: the append-only security log (store.ts SecurityEvent). */
export interface SecurityEventsTable {
  seq: Generated<number>;
  at: string;
  kind: string;
  actor: string | null;
  subject: string;
  address: string | null;
  outcome: string;
  /** Migration 0007: the unit the event is about, when known. */
  unit_id: string | null;
}
/** Migration 0005: a started external sign-in ('state') or its one-time ticket ('ticket'). */
export interface SignInPendingTable {
  key: string;
  kind: string;
  data: string;
  expires_at: ColumnType<number, number, number>;
}
/** Migration 0005: the admin's group → role and unit mapping for external sign-in. */
export interface SignInGroupsTable {
  group_value: string;
  role: string;
  unit_id: string;
}
/** Migration 0007: a person the identity provider vouched for whom no mapping places yet. */
export interface SignInWaitingTable {
  subject: string;
  display_name: string;
  username: string;
  first_at: string;
  last_at: string;
}
/** Migration 0006: API keys for machines (issue 16, store/api-keys.ts). */
export interface ApiKeysTable {
  id: string;
  name: string;
  scope_unit_id: string;
  secret_hash: string;
  created_by: string | null;
  created_at: string;
  expires_on: string | null;
  revoked_at: string | null;
  last_used_at: string | null;
  free_text: number;
}
/** One row (id 1): a random token set anew by every write to `units` (migration 0011). */
export interface OrgVersionTable {
  id: number;
  token: string;
}
export interface Database {
  units: UnitsTable;
  org_version: OrgVersionTable;
  accounts: AccountsTable;
  devices: DevicesTable;
  enrol_codes: EnrolCodesTable;
  rows: RowsTable;
  changes: ChangesTable;
  push_rejections: PushRejectionsTable;
  server_secrets: ServerSecretsTable;
  security_events: SecurityEventsTable;
  sign_in_pending: SignInPendingTable;
  sign_in_groups: SignInGroupsTable;
  sign_in_waiting: SignInWaitingTable;
  api_keys: ApiKeysTable;
}
