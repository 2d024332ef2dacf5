/**
 * The local replica: every row is `mergeChange` folded over the changes the device has seen,
 * local and pulled alike, so applying a change twice or in another order gives the same row
 * (rules 9–12). Callers run these inside their own transaction.
 */
import type { RejectedRowState } from '../../shared/protocol';
import { ENTITY_KEYS } from '../../shared/schema/entity-keys';
import { mergeChange, type MergeInput, type RowState } from '../../shared/sync/merge';
import type { PulsDb, RowRecord } from './db';

/** The key a unit's rows are listed by (a date for dated records): the registry's, as on the server. */
export function sortKeyFor(row: RowState): string {
  return ENTITY_KEYS[row.entity].sortKey(row.data);
}

/** Merges one change into its stored row; writes only if the merge changed something.
 * Pass `current` when the caller has just read the row, to save a request. */
export async function mergeIntoRows(db: PulsDb, change: MergeInput, current?: RowState | null): Promise<boolean> {
  if (current === undefined) current = (await db.rows.get([change.entity, change.id])) ?? null;
  const { row, changed } = mergeChange(current ?? undefined, change);
  if (changed) await db.rows.put({ ...row, sortKey: sortKeyFor(row) } satisfies RowRecord);
  return changed;
}

/**
 * Merges a batch of changes with one read and one write of the rows they touch, instead of a
 * read and a write per change (a pulled page of 1,000 is otherwise 2,000 IndexedDB requests).
 * Same result as mergeIntoRows applied in order. Returns how many rows changed.
 */
export async function mergeManyIntoRows(db: PulsDb, changes: readonly MergeInput[]): Promise<number> {
  const out = mergeRows(await readRows(db, changes), changes);
  if (out.length > 0) await db.rows.bulkPut(out);
  return out.length;
}

/** A row's key as one string (entity, NUL, id), for maps of rows. */
export const rowKey = (c: { entity: string; id: string }): string => `${c.entity}\u0000${c.id}`;

/** The stored rows the changes touch, by entity and id (one bulkGet). */
async function readRows(db: PulsDb, changes: readonly MergeInput[]): Promise<Map<string, RowState>> {
  const keys = [...new Map(changes.map((c) => [rowKey(c), [c.entity, c.id] as [string, string]])).values()];
  const stored = await db.rows.bulkGet(keys);
  const rows = new Map<string, RowState>();
  keys.forEach((k, i) => {
    const row = stored[i];
    if (row) rows.set(rowKey({ entity: k[0], id: k[1] }), row);
  });
  return rows;
}

/** Pure: the changes merged in order over `stored` (read by readRows); the rows that changed, ready to put. */
export function mergeRows(stored: ReadonlyMap<string, RowState>, changes: readonly MergeInput[]): RowRecord[] {
  const rows = new Map(stored);
  const touched = new Set<string>();
  for (const change of changes) {
    const key = rowKey(change);
    const { row, changed } = mergeChange(rows.get(key), change);
    if (!changed) continue;
    rows.set(key, row);
    touched.add(key);
  }
  const out: RowRecord[] = [];
  for (const key of touched) {
    const row = rows.get(key) as RowState;
    out.push({ ...row, sortKey: sortKeyFor(row) });
  }
  return out;
}

/**
 * Rule 5: puts the server's state of a refused change's row in place of the local row (none: the
 * local row goes), then merges `pending`, this device's still-unsynced changes of that row in seq
 * order, on top, so later edits survive while the refused value does not. Returns false, touching
 * nothing, if the server's row names no unit to file it under.
 */
export async function restoreServerRow(
  db: PulsDb,
  key: Pick<RowState, 'entity' | 'id'>,
  current: RejectedRowState | null,
  pending: readonly MergeInput[],
): Promise<boolean> {
  let row: RowState | undefined;
  if (current !== null) {
    const unitId = current.data.unitId;
    if (typeof unitId !== 'string') return false;
    row = { entity: key.entity, id: key.id, unitId, data: current.data, hlcs: current.hlcs, deleted: current.deleted };
  }
  for (const change of pending) {
    const merged = mergeChange(row, change);
    if (merged.changed) row = merged.row;
  }
  if (row) await db.rows.put({ ...row, sortKey: sortKeyFor(row) } satisfies RowRecord);
  else await db.rows.delete([key.entity, key.id]);
  return true;
}
