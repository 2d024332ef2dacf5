/**
 * The audit log (issue 12): the change log with who and where, and the security log. Apart from
 * api.ts: only the admin screen's lazy chunk and the server use it.
 */
import { z } from 'zod/mini';
import { IsoDate, UnitId } from './schema/ids';
import { EntityName } from './schema/registry';

const Seq = z.coerce.number().check(z.int(), z.gte(1), z.lte(Number.MAX_SAFE_INTEGER));
const Limit = z.coerce.number().check(z.int(), z.gte(1), z.lte(500));
/** A person or device filter: an account id or a device id (ids are UUIDs or chosen ids). */
const Who = z.string().check(z.minLength(1), z.maxLength(200), z.regex(/^[A-Za-z0-9_-]+$/));

export const AuditChangesQuery = z.strictObject({
  rootId: UnitId,
  from: z.optional(IsoDate),
  to: z.optional(IsoDate),
  entity: z.optional(EntityName),
  who: z.optional(Who),
  /** Paging: changes with a server_seq below this one (the previous page's `next`). */
  before: z.optional(Seq),
  limit: z.optional(Limit),
});
export type AuditChangesQuery = z.infer<typeof AuditChangesQuery>;

export const AuditChange = z.strictObject({
  serverSeq: z.int(),
  entity: z.string(),
  rowId: z.string(),
  op: z.string(),
  /** The fields the change set, as JSON text. */
  fields: z.string(),
  unitId: z.string(),
  unitName: z.string(),
  hlc: z.string(),
  receivedAt: z.string(),
  deviceId: z.string(),
  /** The account's name, or the tablet's label. */
  who: z.string(),
  kind: z.enum(['tablet', 'account', 'unknown']),
  accountId: z.nullable(z.string()),
});
export type AuditChange = z.infer<typeof AuditChange>;
export const AuditChangesResponse = z.strictObject({ changes: z.array(AuditChange), next: z.nullable(z.int()) });
export type AuditChangesResponse = z.infer<typeof AuditChangesResponse>;

/** What the security log records (issue 12): sign-ins, enrolments, revocations, accounts, keys. */
export const SECURITY_EVENT_KINDS = [
  'login', 'login-oidc', 'account-created', 'account-disabled', 'account-enabled', 'account-linked', 'account-access', 'account-waiting',
  'device-enrolled', 'device-revoked', 'api-key-created', 'api-key-revoked', 'api-key-used',
] as const;
export type SecurityEventKind = (typeof SECURITY_EVENT_KINDS)[number];
export type SecurityOutcome = 'ok' | 'failed' | 'locked';

export const AuditEventsQuery = z.strictObject({
  /**
   * The subtree whose security events are read: those about its units, accounts and devices (a
   * manager's own subtree, an admin's any in scope). Events about no unit (a failed sign-in of an
   * unknown name) are shown only with the whole organisation.
   */
  rootId: UnitId,
  from: z.optional(IsoDate),
  to: z.optional(IsoDate),
  before: z.optional(Seq),
  limit: z.optional(Limit),
});
export const AuditEvent = z.strictObject({
  seq: z.int(),
  at: z.string(),
  kind: z.string(),
  actor: z.nullable(z.string()),
  /** The actor device's account name or tablet label, when known. */
  actorName: z.nullable(z.string()),
  subject: z.string(),
  address: z.nullable(z.string()),
  outcome: z.string(),
  /** The unit the event is about (an account's scope, a tablet's unit, a key's subtree), when known. */
  unitName: z.nullable(z.string()),
  /** What the subject is called (an account's name, a device's label, a key's name), when known. */
  subjectName: z.nullable(z.string()),
});
export type AuditEvent = z.infer<typeof AuditEvent>;
export const AuditEventsResponse = z.strictObject({ events: z.array(AuditEvent), next: z.nullable(z.int()) });
export type AuditEventsResponse = z.infer<typeof AuditEventsResponse>;
