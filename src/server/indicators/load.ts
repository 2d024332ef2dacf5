/**
 * What the indicator routes read besides facts: the tree, the scope check, and the few raw rows
 * that are definitions rather than data (indicator rows of the root's ancestors and subtree, the
 * units' settings). Rows that no longer parse are left out, not guessed at.
 */
import { ancestorsOf, type TreeUnit } from '../../shared/domain/rollup';
import { AppError } from '../../shared/errors';
import { Indicator } from '../../shared/schema/indicator';
import type { UnitKind } from '../../shared/schema/org-unit';
import type { EntityName } from '../../shared/schema/registry';
import { publicData } from '../../shared/sync/merge';
import type { z } from 'zod/mini';
import type { Principal } from '../auth/principal';
import type { Store, UnitRow } from '../store/store';

export async function rowsOf<T>(store: Store, entity: EntityName, schema: z.ZodMiniType<T>, path: string, from: string, to: string): Promise<T[]> {
  const out: T[] = [];
  for (const row of await store.listRows(entity, path, from, to)) {
    // publicData drops the tombstone field a revived cell keeps (`_deleted: false`).
    const parsed = schema.safeParse(publicData(row));
    if (parsed.success) out.push(parsed.data);
  }
  return out;
}

export const treeOf = (units: readonly UnitRow[]): TreeUnit[] =>
  units.map((u) => ({ id: u.id, parentId: u.parentId, kind: u.kind as UnitKind, name: u.name, closedAt: u.closedAt }));

/** The unit, checked to exist (404) and to lie in the caller's scope (403), with the field path. */
export async function unitInScope(store: Store, p: Principal, unitId: string, field: string): Promise<{ units: UnitRow[]; unit: UnitRow }> {
  const units = await store.listUnits();
  const unit = units.find((u) => u.id === unitId);
  if (!unit) throw new AppError('not-found', { unitId }, [field]);
  if (!unit.path.startsWith(p.scopePath)) throw new AppError('scope-denied', { unitId }, [field]);
  return { units, unit };
}

/** Indicator rows on the ancestors of `unitId` (not its own). */
export async function ancestorIndicatorRows(store: Store, units: readonly UnitRow[], unitId: string): Promise<Indicator[]> {
  const ancestors = ancestorsOf(treeOf(units), unitId);
  const top = units.find((u) => u.id === (ancestors.at(-1) ?? unitId));
  if (top === undefined || ancestors.length === 0) return [];
  const wanted = new Set(ancestors);
  return (await rowsOf(store, 'indicator', Indicator, top.path, '', '')).filter((r) => wanted.has(r.unitId));
}
