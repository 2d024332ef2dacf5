/**
 * The VO/division view of a Gröna korset roll-up: every unit's own cross as small multiples
 * (grouped by VO, each naming it), and the root's cross (per day the worst colour across
 * units, from pooled counts). Pure: the counts come from the server (or from the device's replica offline), and
 * every figure here is derived from counts, never from percentages.
 */
import type { SafetyRollupNode, SafetyRollupResponse } from '../../../shared/api-safety';
import type { DayStatus } from '../../../shared/domain/safety-colour';
import { monthDates } from '../../../shared/domain/safety-cross';
import { safetyFigures, type SafetyCounts, type SafetyFigures, worstOfDay } from '../../../shared/domain/safety-month';

export interface UnitCard {
  node: SafetyRollupNode;
  /** The level the unit sits under (its VO), or null directly under the root. */
  parentName: string | null;
  statuses: DayStatus[];
  figures: SafetyFigures;
}

export interface DivisionModel {
  root: SafetyRollupNode;
  statuses: DayStatus[];
  figures: SafetyFigures;
  /** Per day: units with a colour that day (for "9 av 11 enheter ifyllda"). */
  filledPerDay: number[];
  /** Every unit's own cross, by level and name: one flat grid, so they fit one screen. */
  cards: UnitCard[];
  /** Levels directly below the root (VOs) to drill into. */
  levels: SafetyRollupNode[];
}

/**
 * Status of each day from counts. For one unit this is exactly its cross; for a level it is the
 * worst status across its units, an unfilled unit outranking green. A day nobody was counted on is
 * in the future, today (still open) or, for a level with no open units, unfilled.
 */
export function statusesFromCounts(counts: SafetyCounts, month: string, today: string): DayStatus[] {
  return monthDates(month).map((date, i) => {
    const day = counts.days[i];
    const worst = day === undefined ? null : worstOfDay(day);
    if (worst !== null) return worst;
    if (date > today) return 'framtid';
    return date === today ? 'idag' : 'ej_ifylld';
  });
}

export function divisionModel(res: SafetyRollupResponse): DivisionModel | null {
  const root = res.nodes.find((n) => n.unitId === res.rootId);
  if (root === undefined) return null;
  const byId = new Map(res.nodes.map((n) => [n.unitId as string, n]));
  const cards: UnitCard[] = [];
  for (const n of res.nodes) {
    if (!n.leaf) continue;
    const figures = safetyFigures(n.counts);
    // A closed unit appears only while it has something to show for the month.
    if (n.closed && figures.filledDays === 0) continue;
    const parent = n.unitId !== res.rootId && n.parentId !== null && n.parentId !== res.rootId ? byId.get(n.parentId) : undefined;
    cards.push({ node: n, parentName: parent?.name ?? null, statuses: statusesFromCounts(n.counts, res.month, res.today), figures });
  }
  // Grouped by level, then by name, so a unit is found where the org chart puts it.
  const byName = (a: string, b: string) => a.localeCompare(b, 'sv');
  cards.sort((a, b) => byName(a.parentName ?? '', b.parentName ?? '') || byName(a.node.name, b.node.name));
  return {
    root,
    statuses: statusesFromCounts(root.counts, res.month, res.today),
    figures: safetyFigures(root.counts),
    filledPerDay: root.counts.days.map((d) => d.gron + d.gul + d.orange + d.rod),
    cards,
    levels: res.nodes.filter((n) => !n.leaf && n.parentId === res.rootId && n.unitId !== res.rootId).sort((a, b) => byName(a.name, b.name)),
  };
}
