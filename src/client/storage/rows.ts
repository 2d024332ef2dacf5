/**
 * The local replica: every row is `mergeChange` folded over the changes the device has seen,
 * local and pulled alike, so applying a change twice or in another order gives the same row
 * (rules 9–12). Callers run these inside their own transaction.
 */
import type { EntityName } from '../../shared/schema/registry';
import { mergeChange, type MergeInput, type RowState } from '../../shared/sync/merge';
import type { PulsDb, RowRecord } from './db';

/** The field each entity's rows are listed by within a unit (a month of observations). */
const SORT_FIELD: Partial<Record<EntityName, string>> = { bhkObservation: 'date' };

export function sortKeyFor(row: RowState): string {
  const field = SORT_FIELD[row.entity];
  const value = field === undefined ? undefined : row.data[field];
  return typeof value === 'string' ? value : '';
}

/** Merges one change into its stored row; writes only if the merge changed something. */
export async function mergeIntoRows(db: PulsDb, change: MergeInput): Promise<boolean> {
  const current = await db.rows.get([change.entity, change.id]);
  const { row, changed } = mergeChange(current, change);
  if (changed) await db.rows.put({ ...row, sortKey: sortKeyFor(row) } satisfies RowRecord);
  return changed;
}
