/**
 * Pure view models over an IndicatorReport (from the server or computed on the device): the
 * list for one node grouped by perspective, the children of a node for one indicator, the
 * division pulse table sorted worst first, and the trail of levels back up to the caller's scope.
 */
import type { IndicatorCell, IndicatorDef, IndicatorNode, IndicatorReport, IndicatorStatus } from '../../../shared/indicators-api';
import { PERSPECTIVES, type Perspective } from '../../../shared/schema/indicator';

export interface ListRow {
  def: IndicatorDef;
  cell: IndicatorCell | null;
}

export interface PerspectiveGroup {
  perspective: Perspective;
  rows: ListRow[];
}

const cellKey = (unitId: string, key: string): string => `${unitId}\u0000${key}`;

/** Cells by node and indicator key. */
export function cellIndex(report: IndicatorReport): (unitId: string, key: string) => IndicatorCell | null {
  const map = new Map(report.cells.map((c) => [cellKey(c.unitId, c.key), c]));
  return (unitId, key) => map.get(cellKey(unitId, key)) ?? null;
}

/** The indicators of one node in display order, grouped by perspective (empty groups left out). */
export function listGroups(report: IndicatorReport, unitId: string, only?: Perspective): PerspectiveGroup[] {
  const cell = cellIndex(report);
  const defs = [...report.defs].sort((a, b) => a.order - b.order);
  return PERSPECTIVES.filter((p) => only === undefined || p === only)
    .map((perspective) => ({ perspective, rows: defs.filter((d) => d.perspective === perspective).map((def) => ({ def, cell: cell(unitId, def.key) })) }))
    .filter((g) => g.rows.length > 0);
}

export interface ChildRow {
  node: IndicatorNode;
  cell: IndicatorCell | null;
  /** Whether the child has children of its own (a level to drill into, not a unit). */
  isLevel: boolean;
}

/** The direct children of a node with one indicator's cell each, in the report's (name) order. */
export function childRows(report: IndicatorReport, unitId: string, key: string): ChildRow[] {
  const cell = cellIndex(report);
  const parents = new Set(report.nodes.map((n) => n.parentId));
  return report.nodes.filter((n) => n.parentId === unitId).map((node) => ({ node, cell: cell(node.id, key), isLevel: parents.has(node.id) }));
}

export type StatusCounts = Record<IndicatorStatus, number>;

export interface PulseRow {
  node: IndicatorNode;
  cells: (IndicatorCell | null)[];
  counts: StatusCounts;
}

export function statusCounts(cells: readonly (IndicatorCell | null)[]): StatusCounts {
  const counts: StatusCounts = { met: 0, partial: 0, notMet: 0, unmeasurable: 0 };
  for (const c of cells) counts[c?.status ?? 'unmeasurable'] += 1;
  return counts;
}

/** Worst first: most ◆, then most ▲, then most □; ties by name. */
export function worstFirst(a: PulseRow, b: PulseRow): number {
  return (
    b.counts.notMet - a.counts.notMet ||
    b.counts.partial - a.counts.partial ||
    b.counts.unmeasurable - a.counts.unmeasurable ||
    a.node.name.localeCompare(b.node.name, 'sv')
  );
}

/**
 * Units × indicators for the morning division meeting: every leaf unit under the report's root
 * (the units that report), one cell per indicator in display order, sorted worst first.
 */
export function pulseRows(report: IndicatorReport): { defs: IndicatorDef[]; rows: PulseRow[] } {
  const cell = cellIndex(report);
  const defs = [...report.defs].sort((a, b) => a.order - b.order);
  const parents = new Set(report.nodes.map((n) => n.parentId));
  const leaves = report.nodes.filter((n) => !parents.has(n.id) && n.id !== report.rootId);
  const rows = leaves.map((node) => {
    const cells = defs.map((d) => cell(node.id, d.key));
    return { node, cells, counts: statusCounts(cells) };
  });
  return { defs, rows: rows.sort(worstFirst) };
}

export interface TrailUnit {
  id: string;
  parentId: string | null;
  name: string;
}

/**
 * The levels from the caller's scope down to (not including) `unitId`, for breadcrumbs. Empty
 * at the scope itself, or when `unitId` is not under the scope (the server refuses that anyway).
 */
export function trail(units: readonly TrailUnit[], scopeId: string, unitId: string): TrailUnit[] {
  const byId = new Map(units.map((u) => [u.id, u]));
  const up: TrailUnit[] = [];
  const seen = new Set<string>();
  let cur = byId.get(unitId)?.parentId ?? null;
  while (cur !== null && !seen.has(cur)) {
    seen.add(cur);
    const u = byId.get(cur);
    if (u === undefined) return [];
    up.push(u);
    if (cur === scopeId) return up.reverse();
    cur = u.parentId;
  }
  return [];
}
