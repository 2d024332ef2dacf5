/**
 * The sync wire format, version 4 (older clients are still served, see below). The rules it implements
 * are in sync/README.md. An incompatible change bumps PROTOCOL_VERSION and MIN_PROTOCOL_VERSION;
 * the server then answers an older client with `client-too-old` and the client keeps its outbox
 * until it is updated. An addition an older client would not parse bumps PROTOCOL_VERSION only,
 * and the server sends it to clients of that version or later (rule 16).
 */
import { z } from 'zod/mini';
import { DeviceId, ID_PATTERN, UnitId } from './schema/ids';
import { EntityName } from './schema/registry';

/**
 * 2 (compatible with 1): a rejection may carry `current`, the server's state of the refused
 * change's row. The server sends it only to clients at REJECTION_CURRENT_SINCE or later, since a
 * version 1 client parses `Rejection` strictly and would refuse the whole answer.
 * 3 (compatible with 2): facts mode for devices above the unit level (facts-api.ts, rules 22–24):
 * pull takes `pinned` units and answers `facts`; the fact feed and unit snapshots exist. Clients
 * below 3 keep replicating every row of their scope.
 * 4 (compatible with 3 below the unit level only): year blocks carry the unit's reported values
 * (`FactBlock.rep`) and the change feed of facts mode leaves out leaf units' reported values. A
 * protocol 3 client whose scope has units below it is answered `client-too-old` (it would keep its
 * leaf units' values as rows no longer updated); a unit's device at 3 is served as before.
 */
export const PROTOCOL_VERSION = 4;
/** Oldest client protocol the server still accepts. */
export const MIN_PROTOCOL_VERSION = 1;
/** First protocol version whose clients are sent `Rejection.current`. */
export const REJECTION_CURRENT_SINCE = 2;
/** A version number no release will reach: a bound, so no request carries an unbounded number. */
export const MAX_PROTOCOL_VERSION_NUMBER = 1000;
export const ProtocolVersionNumber = z.int().check(z.lte(MAX_PROTOCOL_VERSION_NUMBER));
/** Caps (docs/sync.md §5): at most this many changes per push, and this many bytes per request body. */
export const MAX_CHANGES_PER_PUSH = 500;
export const MAX_BODY_BYTES = 1_048_576;
export const PULL_PAGE_SIZE = 500;

export const ChangeOp = z.enum(['insert', 'patch', 'delete']);
export type ChangeOp = z.infer<typeof ChangeOp>;

/** Hybrid logical clock timestamp, see sync/hlc.ts for the format. */
export const HlcString = z.string().check(z.regex(/^\d{15}-[0-9a-f]{4}-[0-9a-z]{1,32}$/));

/** One change as a device sends it (an outbox row). */
export const Change = z.strictObject({
  /** Gapless per-device sequence number, starting at 1 (rules 1–4). */
  seq: z.int().check(z.gte(1)),
  entity: EntityName,
  /** Row id: a UUIDv7 for client-generated records, a deterministic key naming the unit for the
   * rest (validateChange checks which, per entity). */
  id: z.string().check(z.minLength(1), z.maxLength(260), z.regex(ID_PATTERN)),
  unitId: UnitId,
  op: ChangeOp,
  /** insert: the whole record; patch: the changed fields; delete: {}. Validated per entity. */
  fields: z.record(z.string(), z.unknown()),
  hlc: HlcString,
  schemaVersion: z.int().check(z.gte(1)),
});
export type Change = z.infer<typeof Change>;

export const PushRequest = z.strictObject({
  protocolVersion: ProtocolVersionNumber,
  deviceId: DeviceId,
  changes: z.array(Change).check(z.maxLength(MAX_CHANGES_PER_PUSH)),
});
export type PushRequest = z.infer<typeof PushRequest>;

/**
 * What the server parses first: the envelope, with each change still raw. A change whose own
 * shape is wrong (an entity this server does not know, a malformed HLC) is then rejected alone,
 * by its seq, instead of failing the whole push and blocking the device's queue (rule 5).
 */
export const PushEnvelope = z.strictObject({
  protocolVersion: ProtocolVersionNumber,
  deviceId: DeviceId,
  changes: z.array(z.unknown()).check(z.maxLength(MAX_CHANGES_PER_PUSH)),
});
/** The one thing a change must have to be rejected alone: its sequence number. */
export const ChangeSeq = z.looseObject({ seq: z.int().check(z.gte(1)) });

/**
 * The server's state of a row, as a rejection reports it (rule 5): what the refused change's
 * row is on the server now. The client puts it in place of its own row, so the refused value
 * does not stay in its replica, and merges its still-unsynced changes of that row on top.
 */
export const RejectedRowState = z.strictObject({
  data: z.record(z.string(), z.unknown()),
  hlcs: z.record(z.string(), z.string()),
  deleted: z.boolean(),
});
export type RejectedRowState = z.infer<typeof RejectedRowState>;

export const Rejection = z.strictObject({
  seq: z.int(),
  code: z.string(),
  path: z.optional(z.array(z.union([z.string(), z.number()]))),
  /**
   * Protocol ≥ REJECTION_CURRENT_SINCE, when the change named a valid (entity, id): the row as
   * the server holds it after the push, or null if it has none. Absent when the change did not
   * parse, when the row lies outside the device's read scope (never disclosed), or from an
   * older server; the client then keeps its row as it is.
   */
  current: z.optional(z.nullable(RejectedRowState)),
});
export type Rejection = z.infer<typeof Rejection>;

export const PushResponse = z.discriminatedUnion('ok', [
  z.strictObject({
    ok: z.literal(true),
    /** Every change with seq ≤ lastSeq is durably processed (accepted or rejected). */
    lastSeq: z.int(),
    /** Rejected changes among those in the request (including replayed ones), each with the
     * server's state of its row where rule 5 allows (`Rejection.current`). */
    rejected: z.array(Rejection),
    serverTime: z.number(),
  }),
  z.strictObject({
    ok: z.literal(false),
    reason: z.enum(['seq-gap', 'client-too-old']),
    /** seq-gap: the seq the server expects next. */
    expectedSeq: z.optional(z.int()),
    minProtocolVersion: z.optional(z.int()),
    serverTime: z.number(),
  }),
]);
export type PushResponse = z.infer<typeof PushResponse>;

/** A change as the server hands it out on pull: the accepted change plus its log position. */
export const ServerChange = z.strictObject({
  serverSeq: z.int(),
  entity: EntityName,
  id: z.string(),
  unitId: UnitId,
  op: ChangeOp,
  fields: z.record(z.string(), z.unknown()),
  hlc: HlcString,
});
export type ServerChange = z.infer<typeof ServerChange>;

export const PullResponse = z.discriminatedUnion('ok', [
  z.strictObject({
    ok: z.literal(true),
    changes: z.array(ServerChange),
    /** Pass back as `cursor` on the next pull. Only advanced after a page is applied (rule 8). */
    cursor: z.int(),
    hasMore: z.boolean(),
    /** Highest serverSeq in the caller's scope when the page was read, for progress display. */
    headSeq: z.int(),
    serverTime: z.number(),
    /**
     * Protocol ≥ 3: true when the device pulls in facts mode (its scope has units below it): the
     * boards' rows of its leaf units, except pinned ones, are not in this feed (rule 22).
     */
    facts: z.optional(z.boolean()),
  }),
  z.strictObject({
    ok: z.literal(false),
    reason: z.literal('client-too-old'),
    minProtocolVersion: z.int(),
    serverTime: z.number(),
  }),
]);
export type PullResponse = z.infer<typeof PullResponse>;
