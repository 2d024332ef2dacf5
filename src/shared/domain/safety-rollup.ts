/**
 * Gröna korset roll-up from raw rows: the one function the server's /api/rollup/safety and a
 * manager's device (offline, from its replica) both call, so they cannot disagree. Corrections are
 * resolved per unit, each unit's month becomes counts (safety-month.ts), and counts are pooled up
 * the tree with completeness ("n av m enheter har fyllt i").
 */
import { type SafetyDay, safetyDayDate } from '../schema/safety-day';
import type { SafetyEvent } from '../schema/safety-event';
import { effectiveRecords } from './corrections';
import type { FactReader, UnitDays, UnitSums } from './facts/reader';
import { periodRange } from './periods';
import { type RollupNode, rollupTree, rollupWalkPaced, subtreeIds, type TreeUnit, treeWalk } from './rollup';
import { sliceUsed, turn } from './pace';
import {
  addSafetyCountsInto,
  addSafetyPoolInto,
  emptySafetyCounts,
  monthPoolFromFacts,
  poolHasDays,
  type SafetyCounts,
  safetyCountsOf,
  type SafetyPool,
  safetyPools,
  STATUS_FIELDS,
  unitMonthCounts,
} from './safety-month';

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

const leavesOf = (units: readonly TreeUnit[], rootId: string) => {
  const hasChildren = new Set(units.filter((u) => u.parentId !== null && u.parentId !== u.id).map((u) => u.parentId));
  const byId = new Map(units.map((u) => [u.id, u]));
  return (id: string) => !hasChildren.has(id) && byId.get(id)?.closedAt === null;
};

const hasDays = (c: SafetyCounts) => c.days.some((d) => d.gron + d.gul + d.orange + d.rod > 0);

/** `leafCounts` holds a fresh record per node, read by nothing else: a parent's pool adds into its own. */
const poolMonth = (units: readonly TreeUnit[], rootId: string, month: string, leafCounts: Map<string, SafetyCounts>) =>
  rollupTree(units, rootId, leafCounts, addSafetyCountsInto, () => emptySafetyCounts(month), hasDays);

/**
 * The month from facts: each unit's safety days (a DayGrid of STATUS_FIELDS from the month's first
 * day) and its events by category summed over the month's days up to today, pooled. A region's
 * 1,500 units are counted in slices with turns of the event loop between them (pace.ts).
 */
export async function safetyRollupFromFacts(
  units: readonly TreeUnit[],
  rootId: string,
  month: string,
  today: string,
  days: UnitDays,
  categories: UnitSums,
): Promise<Map<string, RollupNode<SafetyPool>>> {
  const expected = leavesOf(units, rootId);
  const walked = treeWalk(units, rootId);
  // Every node's pool out of one buffer (a level's own pool takes its units' sums: rollNode).
  const pool = safetyPools(month, walked.order.length);
  const leafCounts = new Map<string, SafetyPool>();
  for (const id of walked.order) {
    leafCounts.set(id, monthPoolFromFacts({ month, today, days: days.get(id), categories: categories.get(id) ?? new Map(), expected: expected(id) }, pool()));
    if (sliceUsed()) await turn();
  }
  await turn();
  return rollupWalkPaced(walked, leafCounts, addSafetyPoolInto, pool, poolHasDays);
}

/** A node of the roll-up as SafetyNodeView, its counts still a pool (api-safety.ts writes it in the form asked). */
export interface SafetyPoolView extends Omit<SafetyNodeView, 'counts'> {
  counts: SafetyPool;
}

/** The month's roll-up read from facts, pooled (the server's route: safetyRollupOf gives the same as SafetyCounts). */
export async function safetyPoolViewsOf(reader: FactReader, units: readonly TreeUnit[], rootId: string, month: string, today: string): Promise<SafetyPoolView[]> {
  const { from, to } = periodRange(month);
  const last = to < today ? to : today;
  const [days, categories] = await Promise.all([
    reader.days('safety', from, to, STATUS_FIELDS),
    last >= from ? reader.sums('safetyCat', [{ from, to: last }], false).then((s) => s[0] ?? new Map()) : Promise.resolve(new Map()),
  ]);
  const pooled = await safetyRollupFromFacts(units, rootId, month, today, days, categories);
  await turn();
  const out: SafetyPoolView[] = [];
  for (const view of eachView(units, rootId, pooled)) {
    out.push(view);
    if (sliceUsed()) await turn();
  }
  return out;
}

/** The month's roll-up read from facts (a manager's device; the server's route in its full form). */
export async function safetyRollupOf(reader: FactReader, units: readonly TreeUnit[], rootId: string, month: string, today: string): Promise<SafetyNodeView[]> {
  const out: SafetyNodeView[] = [];
  for (const view of await safetyPoolViewsOf(reader, units, rootId, month, today)) {
    out.push({ ...view, counts: safetyCountsOf(view.counts) });
    if (sliceUsed()) await turn();
  }
  return out;
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
  const isExpected = leavesOf(units, rootId);
  const leafCounts = new Map<string, SafetyCounts>();
  for (const id of subtreeIds(units, rootId)) {
    const expected = isExpected(id);
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
  return poolMonth(units, rootId, month, leafCounts);
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
  return nodeViews(units, rootId, safetyRollup(units, rootId, month, today, events, days));
}

/** Each node of the subtree in pre-order with what a screen needs (nodeViews), one at a time. */
function* eachView<C>(units: readonly TreeUnit[], rootId: string, nodes: Map<string, RollupNode<C>>): Generator<Omit<SafetyNodeView, 'counts'> & { counts: C }> {
  const byId = new Map(units.map((u) => [u.id, u]));
  const parents = new Set(units.map((u) => u.parentId));
  for (const id of subtreeIds(units, rootId)) {
    const n = nodes.get(id);
    const u = byId.get(id);
    // Written out, not spread: a region's 1,561 nodes.
    if (n !== undefined && u !== undefined) {
      yield { unitId: n.unitId, counts: n.counts, expected: n.expected, reporting: n.reporting, name: u.name, kind: u.kind, parentId: u.parentId, closed: u.closedAt !== null, leaf: !parents.has(id) };
    }
  }
}

const nodeViews = (units: readonly TreeUnit[], rootId: string, nodes: Map<string, RollupNode<SafetyCounts>>): SafetyNodeView[] => [...eachView(units, rootId, nodes)];
