/**
 * The board kit's one way to read stored rows back as records, with one policy:
 * - a deleted row is no record;
 * - an append record was inserted whole and validated on its way in (writeChange, applyPulledPage),
 *   so it is returned as it is, without parsing it again;
 * - an lww row is parsed with its entity's schema, because it can be incomplete: a patch that
 *   arrives before its insert (from another device) builds a row with some fields only. Such a row
 *   is left out, never guessed at, until the rest arrives.
 * Settings rows are the exception by design: they are only ever patched (settings-repo.ts).
 */
import { ENTITIES } from '../../shared/schema/registry';
import { publicData, type RowState } from '../../shared/sync/merge';

export function recordOf<T>(row: RowState | undefined): T | undefined {
  if (row === undefined || row.deleted) return undefined;
  const def = ENTITIES[row.entity];
  if (def.mode === 'append') return publicData(row) as T;
  const parsed = def.schema.safeParse(publicData(row));
  return parsed.success ? (parsed.data as T) : undefined;
}

export function recordsOf<T>(rows: readonly RowState[]): T[] {
  const out: T[] = [];
  for (const row of rows) {
    const record = recordOf<T>(row);
    if (record !== undefined) out.push(record);
  }
  return out;
}
