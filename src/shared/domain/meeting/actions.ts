/**
 * Åtgärdslista and förbättringsidéer (issue 7): ordering and flow rules the screens share.
 * `today` is the unit's local date (YYYY-MM-DD), passed in.
 */
import type { Action } from '../../schema/action';
import { IDEA_STAGES, type IdeaStage, type Idea } from '../../schema/idea';

/** Open or in progress, with a due date before today. */
export function isOverdue(action: Pick<Action, 'status' | 'due'>, today: string): boolean {
  return action.status !== 'klar' && typeof action.due === 'string' && action.due < today;
}

function group(a: Action, today: string): number {
  if (isOverdue(a, today)) return 0;
  return a.status === 'klar' ? 2 : 1;
}

/**
 * Overdue first, then the other open ones, then the done ones; within each by due date (none
 * last), then by createdAt, then id (a total order, so two tablets list the same way).
 */
export function sortActions(actions: readonly Action[], today: string): Action[] {
  return [...actions].sort((a, b) => {
    const g = group(a, today) - group(b, today);
    if (g !== 0) return g;
    const da = a.due ?? '\uffff';
    const db = b.due ?? '\uffff';
    if (da !== db) return da < db ? -1 : 1;
    if (a.createdAt !== b.createdAt) return a.createdAt < b.createdAt ? -1 : 1;
    return a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
  });
}

/** The kanban's columns in order: Idé → Prioriterad → Pågår (PDSA) → Klar. */
export const IDEA_FLOW: readonly IdeaStage[] = IDEA_STAGES;

export function nextStage(stage: IdeaStage): IdeaStage | null {
  return IDEA_FLOW[IDEA_FLOW.indexOf(stage) + 1] ?? null;
}

export function previousStage(stage: IdeaStage): IdeaStage | null {
  const i = IDEA_FLOW.indexOf(stage);
  return i > 0 ? (IDEA_FLOW[i - 1] ?? null) : null;
}

/** Ideas per column, each ordered by rank (none last), then createdAt, then id. */
export function ideasByStage(ideas: readonly Idea[]): Record<IdeaStage, Idea[]> {
  const out = Object.fromEntries(IDEA_FLOW.map((s) => [s, [] as Idea[]])) as Record<IdeaStage, Idea[]>;
  for (const idea of ideas) out[idea.stage]?.push(idea);
  for (const list of Object.values(out)) {
    list.sort((a, b) => {
      const ra = a.rank ?? Number.MAX_VALUE;
      const rb = b.rank ?? Number.MAX_VALUE;
      if (ra !== rb) return ra - rb;
      if (a.createdAt !== b.createdAt) return a.createdAt < b.createdAt ? -1 : 1;
      return a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
    });
  }
  return out;
}

/** A rank that puts a card last in `column` (ranks ascend; 1000 apart leaves room between). */
export function rankAtEnd(column: readonly Pick<Idea, 'rank'>[]): number {
  const ranks = column.map((c) => c.rank).filter((r): r is number => typeof r === 'number');
  return ranks.length === 0 ? 1000 : Math.min(1e12, Math.max(...ranks) + 1000);
}
