/**
 * Gröna korset roll-up from raw rows: the one function the server's /api/rollup/safety and a
 * manager's device (offline, from its replica) both call, so they cannot disagree. Corrections are
 * resolved per unit, each unit's month becomes counts (safety-month.ts), and counts are pooled up
 * the tree with completeness ("n av m enheter har fyllt i").
 */
import { type SafetyDay, safetyDayDate } from '../schema/safety-day';
import type { SafetyEvent } from '../schema/safety-event';
import { effectiveRecords } from './corrections';
import { type RollupNode, rollupTree, subtreeIds, type TreeUnit } from './rollup';
import { addSafetyCounts, emptySafetyCounts, type SafetyCounts, unitMonthCounts } from './safety-month';

const group = <T extends { unitId: string }>(rows: readonly T[]): Map<string, T[]> => {
  const m = new Map<string, T[]>();
  for (const r of rows) {
    const list = m.get(r.unitId) ?? [];
    list.push(r);
    m.set(r.unitId, list);
  }
  return m;
};

/** Dates a unit confirmed green, from its (live) safety day rows. */
export function confirmedDates(days: readonly Pick<SafetyDay, 'id' | 'confirmedGreen'>[]): Set<string> {
  return new Set(days.filter((d) => d.confirmedGreen).map((d) => safetyDayDate(d.id)));
}

/**
 * `events` and `days` may hold rows of any unit and date; only the subtree of `rootId` and the
 * dates of `month` count. Leaves (units with no children) that are open are expected to fill every
 * day; see UnitMonthInput.expected.
 */
export function safetyRollup(
  units: readonly TreeUnit[],
  rootId: string,
  month: string,
  today: string,
  events: readonly SafetyEvent[],
  days: readonly SafetyDay[],
): Map<string, RollupNode<SafetyCounts>> {
  const eventsBy = group(events);
  const daysBy = group(days);
  const hasChildren = new Set(units.filter((u) => u.parentId !== null && u.parentId !== u.id).map((u) => u.parentId));
  const byId = new Map(units.map((u) => [u.id, u]));
  const leafCounts = new Map<string, SafetyCounts>();
  for (const id of subtreeIds(units, rootId)) {
    const expected = !hasChildren.has(id) && byId.get(id)?.closedAt === null;
    leafCounts.set(
      id,
      unitMonthCounts({
        month,
        today,
        events: effectiveRecords(eventsBy.get(id) ?? []),
        confirmed: confirmedDates(daysBy.get(id) ?? []),
        expected,
      }),
    );
  }
  return rollupTree(
    units,
    rootId,
    leafCounts,
    addSafetyCounts,
    () => emptySafetyCounts(month),
    (c) => c.days.some((d) => d.gron + d.gul + d.orange + d.rod > 0),
  );
}

/** One node of the roll-up with what a screen needs to draw it (the wire form of the route). */
export interface SafetyNodeView extends RollupNode<SafetyCounts> {
  name: string;
  kind: TreeUnit['kind'];
  parentId: string | null;
  closed: boolean;
  /** No units below it: its counts hold exactly one status per filled day (its own cross). */
  leaf: boolean;
}

/** safetyRollup's nodes with names and tree links, parent before children (pre-order). */
export function safetyRollupNodes(
  units: readonly TreeUnit[],
  rootId: string,
  month: string,
  today: string,
  events: readonly SafetyEvent[],
  days: readonly SafetyDay[],
): SafetyNodeView[] {
  const nodes = safetyRollup(units, rootId, month, today, events, days);
  const byId = new Map(units.map((u) => [u.id, u]));
  const parents = new Set(units.map((u) => u.parentId));
  return subtreeIds(units, rootId).flatMap((id) => {
    const n = nodes.get(id);
    const u = byId.get(id);
    if (n === undefined || u === undefined) return [];
    return [{ ...n, name: u.name, kind: u.kind, parentId: u.parentId, closed: u.closedAt !== null, leaf: !parents.has(id) }];
  });
}
