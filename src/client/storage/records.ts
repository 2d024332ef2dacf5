/**
 * The single entry point for local writes. Rule 2 lives here: the merged row, the outbox row,
 * the next seq and the advanced clock are written in ONE IndexedDB transaction, so a write
 * without its outbox row (or the reverse) cannot exist, and a crash leaves either all or nothing.
 * Writes need no network and no prior sync, only a session (the device id numbers the outbox
 * and names the clock's node). After the commit, whoever subscribed with onLocalWrite (the sync
 * engine) is told, so a caller never asks for a sync itself.
 */
import { AppError } from '../../shared/errors';
import { ENTITIES, SCHEMA_VERSION, EntityName } from '../../shared/schema/registry';
import { UnitId } from '../../shared/schema/ids';
import { ChangeOp, type Change } from '../../shared/protocol';
import { initialHlc, nodeFromDeviceId, tick } from '../../shared/sync/hlc';
import { validateChange } from '../../shared/sync/validate';
import type { PulsDb } from './db';
import { getMetas, setMetas } from './meta';
import { insertNewRow, mergeIntoRows } from './rows';

export interface WriteInput {
  entity: EntityName;
  op: ChangeOp;
  id: string;
  unitId: string;
  fields: Record<string, unknown>;
}

type WriteListener = (db: PulsDb) => void;
const writeListeners = new Set<WriteListener>();

/** Called after every committed local write, with the database written to. Returns the unsubscribe. */
export function onLocalWrite(listener: WriteListener): () => void {
  writeListeners.add(listener);
  return () => writeListeners.delete(listener);
}

/** Row ids follow the wire format's limits (protocol.ts `Change.id`). */
const MAX_ID_LENGTH = 200;

/**
 * Validates `input`, then records it. Throws AppError('validation' | 'personnummer' |
 * 'immutable-field' | 'scope-denied' | 'unauthenticated') and writes nothing when it cannot.
 */
export async function writeChange(db: PulsDb, input: WriteInput, now: number = Date.now()): Promise<void> {
  const fields = checkInput(input);
  await db.transaction('rw', [db.rows, db.outbox, db.meta], async () => {
    // An append record has a fresh UUIDv7 id: nothing to read first. insertNewRow adds rather
    // than puts, so an id that did exist aborts the transaction instead of overwriting.
    const append = ENTITIES[input.entity].mode === 'append';
    // Every read in one round (issue 19): the counters and, for a lww row, the stored row.
    const [meta, existing] = await Promise.all([
      getMetas(db, ['credential', 'hlc', 'nextSeq', 'serverOffsetMs']),
      append ? undefined : db.rows.get([input.entity, input.id]),
    ]);
    if (!meta.credential) throw new AppError('unauthenticated');
    // Rule 13: a row never moves between units; the server would reject this change anyway.
    if (existing && existing.unitId !== input.unitId) {
      throw new AppError('scope-denied', { unitId: input.unitId }, ['unitId']);
    }
    const node = nodeFromDeviceId(meta.credential.deviceId);
    const clock = meta.hlc ? { ...meta.hlc, node } : initialHlc(node);
    // Stamp with server-corrected time, so a tablet with a wrong clock neither loses every
    // conflict nor wins them all (docs/sync.md §1.2); whole ms, as the HLC format has.
    const { clock: next, ts } = tick(clock, Math.round(now + (meta.serverOffsetMs ?? 0)));
    const seq = meta.nextSeq ?? 1;
    const change: Change = {
      seq,
      entity: input.entity,
      id: input.id,
      unitId: input.unitId as UnitId,
      op: input.op,
      fields,
      hlc: ts,
      schemaVersion: SCHEMA_VERSION,
    };
    // Fewest requests in the write transaction, and every write in one round: it runs on every
    // tap of "Spara" (bench item 1). Any failing request (an id that exists, a seq taken by
    // another tab) aborts the whole transaction, so all-or-nothing holds as before (rule 2).
    await Promise.all([
      append ? insertNewRow(db, change) : mergeIntoRows(db, change, existing ?? null),
      db.outbox.add({ seq, change, createdAt: now }),
      setMetas(db, { hlc: next, nextSeq: seq + 1 }),
    ]);
  });
  for (const listener of writeListeners) listener(db);
}

/** Everything that can be checked without the database; returns the normalised fields. */
function checkInput(input: WriteInput): Record<string, unknown> {
  if (!EntityName.safeParse(input.entity).success) throw new AppError('validation', undefined, ['entity']);
  if (!ChangeOp.safeParse(input.op).success) throw new AppError('validation', undefined, ['op']);
  if (typeof input.id !== 'string' || input.id.length === 0 || input.id.length > MAX_ID_LENGTH) {
    throw new AppError('validation', undefined, ['id']);
  }
  if (!UnitId.safeParse(input.unitId).success) throw new AppError('validation', undefined, ['unitId']);
  if (typeof input.fields !== 'object' || input.fields === null) throw new AppError('validation', undefined, ['fields']);
  const result = validateChange({ ...input, unitId: input.unitId as UnitId });
  if (!result.ok) throw new AppError(result.code, { entity: input.entity }, result.path);
  return result.fields;
}
