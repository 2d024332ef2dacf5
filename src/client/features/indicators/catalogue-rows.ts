/**
 * The catalogue as in force at one level, hidden ones included (so they can be shown again):
 * every built-in key and every key a row on the path names, resolved with the shared rules.
 */
import { DEFAULT_INDICATOR_KEYS, resolveDef, resolveDefs } from '../../../shared/domain/indicators';
import type { TreeUnit } from '../../../shared/domain/rollup';
import type { IndicatorDef } from '../../../shared/indicators-api';
import type { Indicator } from '../../../shared/schema/indicator';

export interface CatalogueEntry {
  def: IndicatorDef;
  hidden: boolean;
  /** The level's own row for the key, if any (its fields are "satt här"). */
  own: Indicator | null;
}

export function catalogueEntries(rows: readonly Indicator[], units: readonly TreeUnit[], unitId: string): CatalogueEntry[] {
  const visible = new Set(resolveDefs(rows, units, unitId).map((d) => d.key));
  const keys = new Set([...DEFAULT_INDICATOR_KEYS, ...rows.map((r) => r.key)]);
  const out: CatalogueEntry[] = [];
  for (const key of keys) {
    const def = resolveDef(rows, units, unitId, key, true);
    if (def === null) continue;
    out.push({ def, hidden: !visible.has(key), own: rows.find((r) => r.unitId === unitId && r.key === key) ?? null });
  }
  return out.sort((a, b) => a.def.order - b.def.order || (a.def.key < b.def.key ? -1 : 1));
}
