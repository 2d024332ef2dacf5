/**
 * The definition of an indicator in force at a node (schema/indicator.ts): the built-in default
 * for the key (catalogue.ts), then the rows on the path from the top of the tree down to the node,
 * field by field, the nearest row winning. A field a row leaves out (undefined) inherits; a row's
 * `target: null` means "no target at this level and below" and does inherit down like any value.
 * `hidden` follows the same rule, so a lower level may show an indicator a higher one hid.
 * A key without a default needs nameSv, source, unit and direction somewhere on the path, or it is
 * left out (an incomplete custom indicator is not shown rather than guessed at).
 */
import type { IndicatorDef } from '../../indicators-api';
import type { Indicator } from '../../schema/indicator';
import { ancestorsOf, type TreeUnit } from '../rollup';
import { CUSTOM_ORDER, DEFAULT_INDICATORS, DEFAULT_TOLERANCE } from './catalogue';

type Fields = Omit<Indicator, 'id' | 'unitId' | 'key'>;

const FIELDS = [
  'nameSv',
  'nameEn',
  'perspective',
  'source',
  'unit',
  'direction',
  'target',
  'longTermTarget',
  'tolerance',
  'minN',
  'period',
  'compare',
  'order',
  'hidden',
] as const satisfies readonly (keyof Fields)[];

/** Ids from the top of the tree down to `unitId` (included). */
export function pathTo(units: readonly TreeUnit[], unitId: string): string[] {
  return [...ancestorsOf(units, unitId)].reverse().concat(unitId);
}

/** Every row's fields per key along the path, nearest last (so later assignments win). */
function mergedByKey(rows: readonly Indicator[], path: readonly string[]): Map<string, Partial<Fields>> {
  const depth = new Map(path.map((id, i) => [id, i]));
  const onPath = rows
    .filter((r) => depth.has(r.unitId))
    // Stable on depth, then id: the same rows in any order merge the same way.
    .sort((a, b) => (depth.get(a.unitId) as number) - (depth.get(b.unitId) as number) || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  const out = new Map<string, Partial<Fields>>();
  for (const r of onPath) {
    const into = out.get(r.key) ?? {};
    for (const f of FIELDS) if (r[f] !== undefined) (into as Record<string, unknown>)[f] = r[f];
    out.set(r.key, into);
  }
  return out;
}

/** A definition from the default (if any) and merged row fields; null when a custom one is incomplete. */
function build(key: string, f: Partial<Fields>): (IndicatorDef & { hidden: boolean }) | null {
  // Own keys only: "constructor" is a valid custom key, not a built-in (issue 18).
  const base = Object.hasOwn(DEFAULT_INDICATORS, key) ? DEFAULT_INDICATORS[key] : undefined;
  const nameSv = f.nameSv ?? base?.name.sv;
  const source = f.source ?? base?.source;
  const unit = f.unit ?? base?.unit;
  const direction = f.direction ?? base?.direction;
  if (nameSv === undefined || source === undefined || unit === undefined || direction === undefined) return null;
  return {
    key,
    name: { sv: nameSv, en: f.nameEn ?? (f.nameSv !== undefined ? nameSv : (base?.name.en ?? nameSv)) },
    perspective: f.perspective ?? base?.perspective ?? 'verksamhet',
    source,
    unit,
    direction,
    target: f.target !== undefined ? f.target : (base?.target ?? null),
    longTermTarget: f.longTermTarget !== undefined ? f.longTermTarget : (base?.longTermTarget ?? null),
    tolerance: f.tolerance ?? base?.tolerance ?? DEFAULT_TOLERANCE,
    minN: f.minN ?? base?.minN ?? 0,
    period: f.period ?? base?.period ?? 'month',
    compare: f.compare ?? base?.compare ?? 'lastYear',
    order: f.order ?? base?.order ?? CUSTOM_ORDER,
    builtIn: base !== undefined,
    hidden: f.hidden ?? false,
  };
}

const byOrder = (a: IndicatorDef, b: IndicatorDef): number => a.order - b.order || (a.key < b.key ? -1 : a.key > b.key ? 1 : 0);

const strip = ({ hidden: _hidden, ...def }: IndicatorDef & { hidden: boolean }): IndicatorDef => def;

/** Every definition in force at `unitId`, hidden ones left out, in display order. */
export function resolveDefs(rows: readonly Indicator[], units: readonly TreeUnit[], unitId: string): IndicatorDef[] {
  const merged = mergedByKey(rows, pathTo(units, unitId));
  const keys = new Set([...Object.keys(DEFAULT_INDICATORS), ...merged.keys()]);
  const out: IndicatorDef[] = [];
  for (const key of keys) {
    const def = build(key, merged.get(key) ?? {});
    if (def !== null && !def.hidden) out.push(strip(def));
  }
  return out.sort(byOrder);
}

/**
 * The definition of `key` in force at `unitId`; null when it is hidden there or incomplete.
 * With `includeHidden`, a hidden one is returned too (a report still needs its target at a node
 * where a lower level hid it).
 */
export function resolveDef(
  rows: readonly Indicator[],
  units: readonly TreeUnit[],
  unitId: string,
  key: string,
  includeHidden = false,
): IndicatorDef | null {
  const merged = mergedByKey(
    rows.filter((r) => r.key === key),
    pathTo(units, unitId),
  );
  const def = build(key, merged.get(key) ?? {});
  if (def === null || (def.hidden && !includeHidden)) return null;
  return strip(def);
}

/**
 * resolveDef for many cells of one report (issue 17): the same answers, with the tree indexed
 * once and each (key, rows on the path) merged once, so a region's report costs O(cells), not
 * O(cells × units). Ancestors are walked as ancestorsOf walks them (first unit per id, cycles cut).
 */
export function defResolver(rows: readonly Indicator[], units: readonly TreeUnit[]): (unitId: string, key: string, includeHidden?: boolean) => IndicatorDef | null {
  const byId = new Map<string, TreeUnit>();
  for (const u of units) if (!byId.has(u.id)) byId.set(u.id, u);
  const rowsByKey = new Map<string, Indicator[]>();
  for (const r of rows) rowsByKey.set(r.key, [...(rowsByKey.get(r.key) ?? []), r]);
  const paths = new Map<string, string[]>();
  const pathOf = (unitId: string): string[] => {
    let path = paths.get(unitId);
    if (path !== undefined) return path;
    const up: string[] = [];
    const seen = new Set<string>([unitId]);
    let parent = byId.get(unitId)?.parentId ?? null;
    while (parent !== null && byId.has(parent) && !seen.has(parent)) {
      seen.add(parent);
      up.push(parent);
      parent = byId.get(parent)?.parentId ?? null;
    }
    path = up.reverse().concat(unitId);
    paths.set(unitId, path);
    return path;
  };
  // Each (key, rows on the path) is built once, and its definition without `hidden` made once:
  // every cell of a report asks, and callers only read what they get (a region's 17,000 cells).
  const built = new Map<string, { hidden: boolean; def: IndicatorDef } | null>();
  return (unitId, key, includeHidden = false) => {
    const keyRows = rowsByKey.get(key);
    // Only the rows on the path matter, and only their units' order along it. A key no row
    // mentions (the catalogue's defaults) is looked up by itself: no path, no text made per cell.
    const onPath = keyRows === undefined ? [] : pathOf(unitId).filter((id) => keyRows.some((r) => r.unitId === id));
    const memo = onPath.length === 0 ? key : `${key}\u0000${onPath.join('\u0000')}`;
    let found = built.get(memo);
    if (found === undefined) {
      const def = build(key, mergedByKey(keyRows ?? [], onPath).get(key) ?? {});
      found = def === null ? null : { hidden: def.hidden, def: strip(def) };
      built.set(memo, found);
    }
    if (found === null || (found.hidden && !includeHidden)) return null;
    return found.def;
  };
}

