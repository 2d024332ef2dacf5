/**
 * The single entry point for local writes. Rule 2 lives here: the merged row and the outbox row,
 * which carries the write's seq and HLC, are written in ONE IndexedDB transaction, so a write
 * without its outbox row (or the reverse) cannot exist, and a crash leaves either all or nothing.
 * The seq and HLC come from the counters this tab keeps while it holds the counters' lease
 * (counter-lease.ts), so an append record's save reads nothing and writes two rows, in a plain
 * IndexedDB transaction when the tab already holds them (direct-write.ts; issue 19).
 * Writes need no network and no prior sync, only a session (the device id numbers the outbox
 * and names the clock's node). After the commit, whoever subscribed with onLocalWrite (the sync
 * engine) is told, so a caller never asks for a sync itself.
 */
import { AppError } from '../../shared/errors';
import { ENTITIES, SCHEMA_VERSION, EntityName } from '../../shared/schema/registry';
import { UnitId } from '../../shared/schema/ids';
import { ChangeOp, type Change } from '../../shared/protocol';
import { validateChange } from '../../shared/sync/validate';
import { DELETED_FIELD, mergeChange, type RowState } from '../../shared/sync/merge';
import { counterTransaction, type TakeCounters } from './counter-lease';
import { type Counters, issue } from './counters';
import type { OutboxRow, PulsDb, RowRecord } from './db';
import { writeDirect } from './direct-write';
import { sortKeyFor } from './rows';
import type { Table } from 'dexie';

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
  // An append record has a fresh UUIDv7 id: nothing to read first. Its row is added rather than
  // put, so an id that did exist aborts the transaction instead of overwriting.
  const append = ENTITIES[input.entity].mode === 'append';
  const key: [string, string] = [input.entity, input.id];
  await counterTransaction(
    db,
    [db.rows, db.outbox, db.meta],
    async (take) => {
      // Every read in one round: the stored row of a lww entity, and the counters unless this
      // tab holds them (counter-lease.ts).
      const [counters, existing] = await Promise.all([take(), append ? undefined : db.rows.get(key)]);
      const { row, outbox } = planWrite(input, fields, counters, append, existing, now);
      // Both writes in one round. Any failing request (an id that exists) aborts the whole
      // transaction, and the counters advance only with a commit: all or nothing (rule 2).
      await Promise.all([row && (append ? db.rows.add(row) : db.rows.put(row)), db.outbox.add(outbox)]);
    },
    // The tab holds the counters: the same writes in a plain IndexedDB transaction, which reads
    // nothing for an append record (direct-write.ts; bench item 1).
    (counters) =>
      writeDirect(db, [db.rows, db.outbox], append ? [] : [{ table: db.rows, key }], ([stored]) => {
        const existing = stored as RowRecord | undefined;
        const { row, outbox } = planWrite(input, fields, counters, append, existing, now);
        const puts = [
          ...(row ? [{ table: db.rows, op: append ? ('add' as const) : ('put' as const), value: row, old: existing }] : []),
          { table: db.outbox, op: 'add' as const, value: outbox },
        ];
        return { puts, result: undefined };
      }).then(() => undefined),
  );
  for (const listener of writeListeners) listener(db);
}

/**
 * The rows a write puts: its merged row (null when the merge changes nothing) and its outbox row,
 * with the next seq and HLC issued from `counters`. Rule 13: a row never moves between units; the
 * server would reject such a change anyway.
 */
function planWrite(
  input: WriteInput,
  fields: Record<string, unknown>,
  counters: Counters,
  append: boolean,
  existing: RowState | undefined,
  now: number,
): { row: RowRecord | null; outbox: OutboxRow } {
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
  // The seq and HLC are kept nowhere else than in the outbox row (counters.ts).
  const merged = mergeChange(append ? undefined : existing, change);
  return {
    row: merged.changed ? { ...merged.row, sortKey: sortKeyFor(merged.row) } : null,
    outbox: { seq, change, createdAt: now },
  };
}

/**
 * Runs `fn` in one transaction over rows, outbox and meta (and `alsoReads`, tables it reads too)
 * in which writeChange may be called several times (a day's shifts, a grid's values): all of them
 * are recorded, or none. A local write inside any other transaction is refused: it could not have
 * taken the counters' lease.
 */
export function writeTransaction<T>(db: PulsDb, fn: (take: TakeCounters) => Promise<T>, alsoReads: readonly Table[] = []): Promise<T> {
  return counterTransaction(db, [db.rows, db.outbox, db.meta, ...alsoReads], fn);
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

/**
 * Writes a whole lww cell (every field; the caller has validated it): an insert when the device
 * holds no row of it, or a row without the fields its id fixes (the removal of a cell it knew only
 * from a fact block is such a row: an insert with a later clock brings the cell back whole, rule
 * 12); otherwise a patch of its mutable fields that also lifts a tombstone.
 */
export async function putWholeCell(db: PulsDb, entity: EntityName, cell: { id: string; unitId: string }, now: number): Promise<void> {
  const existing = await db.rows.get([entity, cell.id]);
  const immutable = ENTITIES[entity].immutable;
  if (existing === undefined || immutable.some((k) => !Object.hasOwn(existing.data, k))) {
    await writeChange(db, { entity, op: 'insert', id: cell.id, unitId: cell.unitId, fields: { ...cell } }, now);
    return;
  }
  const fields: Record<string, unknown> = Object.fromEntries(Object.entries(cell).filter(([k]) => !immutable.includes(k)));
  fields[DELETED_FIELD] = false;
  await writeChange(db, { entity, op: 'patch', id: cell.id, unitId: cell.unitId, fields }, now);
}
