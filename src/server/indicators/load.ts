/**
 * What the indicator routes read besides facts: the few raw rows that are definitions rather than
 * data (indicator rows of the root's ancestors and subtree, the units' settings). Rows that no
 * longer parse are left out, not guessed at.
 */
import { ancestorsOf } from '../../shared/domain/rollup';
import { Indicator } from '../../shared/schema/indicator';
import type { EntityName } from '../../shared/schema/registry';
import { publicData } from '../../shared/sync/merge';
import type { z } from 'zod/mini';
import type { OrgView } from '../org/view';
import type { Store } from '../store/store';

export async function rowsOf<T>(store: Store, entity: EntityName, schema: z.ZodMiniType<T>, path: string, from: string, to: string): Promise<T[]> {
  const out: T[] = [];
  for (const row of await store.listRows(entity, path, from, to)) {
    // publicData drops the tombstone field a revived cell keeps (`_deleted: false`).
    const parsed = schema.safeParse(publicData(row));
    if (parsed.success) out.push(parsed.data);
  }
  return out;
}

/** Indicator rows on the ancestors of `unitId` (not its own). */
export async function ancestorIndicatorRows(store: Store, org: OrgView, unitId: string): Promise<Indicator[]> {
  const ancestors = ancestorsOf(org.tree, unitId);
  const top = org.get(ancestors.at(-1) ?? unitId);
  if (top === undefined || ancestors.length === 0) return [];
  const wanted = new Set(ancestors);
  return (await rowsOf(store, 'indicator', Indicator, top.path, '', '')).filter((r) => wanted.has(r.unitId));
}
