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
import { addSafetyCountsInto, emptySafetyCounts, monthCountsFromFacts, type SafetyCounts, STATUS_FIELDS, unitMonthCounts } from './safety-month';

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

/** poolMonth with the event loop's turns (a region's 1,561 nodes of 31 days each). */
const poolMonthPaced = (units: readonly TreeUnit[], rootId: string, month: string, leafCounts: Map<string, SafetyCounts>) =>
  rollupWalkPaced(treeWalk(units, rootId), leafCounts, addSafetyCountsInto, () => emptySafetyCounts(month), hasDays);

/**
 * The month from facts: each unit's safety day rows (any dates; the month's count) and its
 * events by category summed over the month's days up to today. A region's 1,500 units are
 * counted in slices with turns of the event loop between them (pace.ts).
 */
export async function safetyRollupFromFacts(
  units: readonly TreeUnit[],
  rootId: string,
  month: string,
  today: string,
  days: UnitDays,
  categories: UnitSums,
): Promise<Map<string, RollupNode<SafetyCounts>>> {
  const expected = leavesOf(units, rootId);
  const leafCounts = new Map<string, SafetyCounts>();
  for (const id of subtreeIds(units, rootId)) {
    leafCounts.set(
      id,
      monthCountsFromFacts({ month, today, days: days.get(id) ?? new Map(), categories: categories.get(id) ?? new Map(), expected: expected(id) }),
    );
    if (sliceUsed()) await turn();
  }
  await turn();
  return poolMonthPaced(units, rootId, month, leafCounts);
}

/** The month's roll-up read from facts (the server's route and a manager's device). */
export async function safetyRollupOf(reader: FactReader, units: readonly TreeUnit[], rootId: string, month: string, today: string): Promise<SafetyNodeView[]> {
  const { from, to } = periodRange(month);
  const last = to < today ? to : today;
  const [days, categories] = await Promise.all([
    reader.days('safety', from, to, STATUS_FIELDS),
    last >= from ? reader.sums('safetyCat', [{ from, to: last }], false).then((s) => s[0] ?? new Map()) : Promise.resolve(new Map()),
  ]);
  const pooled = await safetyRollupFromFacts(units, rootId, month, today, days, categories);
  await turn();
  return nodeViewsPaced(units, rootId, pooled);
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
function* eachView(units: readonly TreeUnit[], rootId: string, nodes: Map<string, RollupNode<SafetyCounts>>): Generator<SafetyNodeView> {
  const byId = new Map(units.map((u) => [u.id, u]));
  const parents = new Set(units.map((u) => u.parentId));
  for (const id of subtreeIds(units, rootId)) {
    const n = nodes.get(id);
    const u = byId.get(id);
    if (n !== undefined && u !== undefined) yield { ...n, name: u.name, kind: u.kind, parentId: u.parentId, closed: u.closedAt !== null, leaf: !parents.has(id) };
  }
}

const nodeViews = (units: readonly TreeUnit[], rootId: string, nodes: Map<string, RollupNode<SafetyCounts>>): SafetyNodeView[] => [...eachView(units, rootId, nodes)];

/** nodeViews with the event loop's turns (a region's 1,561 nodes). */
async function nodeViewsPaced(units: readonly TreeUnit[], rootId: string, nodes: Map<string, RollupNode<SafetyCounts>>): Promise<SafetyNodeView[]> {
  const out: SafetyNodeView[] = [];
  for (const view of eachView(units, rootId, nodes)) {
    out.push(view);
    if (sliceUsed()) await turn();
  }
  return out;
}
