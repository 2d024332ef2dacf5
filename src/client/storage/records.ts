/**
 * The single entry point for local writes. Rule 2 lives here: the merged row and the outbox row,
 * which carries the write's seq and HLC, are written in ONE IndexedDB transaction, so a write
 * without its outbox row (or the reverse) cannot exist, and a crash leaves either all or nothing.
 * The seq and HLC come from the counters this tab keeps while it holds the counters' lease
 * (counter-lease.ts), so an append record's save reads nothing and writes two rows (issue 19).
 * Writes need no network and no prior sync, only a session (the device id numbers the outbox
 * and names the clock's node). After the commit, whoever subscribed with onLocalWrite (the sync
 * engine) is told, so a caller never asks for a sync itself.
 */
import { AppError } from '../../shared/errors';
import { ENTITIES, SCHEMA_VERSION, EntityName } from '../../shared/schema/registry';
import { UnitId } from '../../shared/schema/ids';
import { ChangeOp, type Change } from '../../shared/protocol';
import { validateChange } from '../../shared/sync/validate';
import { counterTransaction, type TakeCounters } from './counter-lease';
import { issue } from './counters';
import type { PulsDb } from './db';
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
  await writeTransaction(db, async (take) => {
    // An append record has a fresh UUIDv7 id: nothing to read first. insertNewRow adds rather
    // than puts, so an id that did exist aborts the transaction instead of overwriting.
    const append = ENTITIES[input.entity].mode === 'append';
    // Every read in one round: the stored row of a lww entity, and the counters unless this tab
    // holds them (counter-lease.ts); an append record's save then reads nothing.
    const [counters, existing] = await Promise.all([take(), append ? undefined : db.rows.get([input.entity, input.id])]);
    // Rule 13: a row never moves between units; the server would reject this change anyway.
    if (existing && existing.unitId !== input.unitId) {
      throw new AppError('scope-denied', { unitId: input.unitId }, ['unitId']);
    }
    const { seq, hlc } = issue(counters, now);
    const change: Change = {
      seq,
      entity: input.entity,
      id: input.id,
      unitId: input.unitId as UnitId,
      op: input.op,
      fields,
      hlc,
      schemaVersion: SCHEMA_VERSION,
    };
    // Both writes in one round: it runs on every tap of "Spara" (bench item 1). The seq and HLC
    // are kept nowhere else than in the outbox row (counters.ts). Any failing request (an id that
    // exists) aborts the whole transaction, and the counters advance only with a commit, so
    // all-or-nothing holds as before (rule 2).
    await Promise.all([
      append ? insertNewRow(db, change) : mergeIntoRows(db, change, existing ?? null),
      db.outbox.add({ seq, change, createdAt: now }),
    ]);
  });
  for (const listener of writeListeners) listener(db);
}

/**
 * Runs `fn` in one transaction over rows, outbox and meta in which writeChange may be called
 * several times (a day's shifts, a grid's values): all of them are recorded, or none. A local
 * write inside any other transaction is refused: it could not have taken the counters' lease.
 */
export function writeTransaction<T>(db: PulsDb, fn: (take: TakeCounters) => Promise<T>): Promise<T> {
  return counterTransaction(db, [db.rows, db.outbox, db.meta], fn);
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
