/**
 * The goal document's answers (shared/goals-api.ts): the tertial report of a level, computed by
 * the same shared function a manager's device runs offline (domain/goals/report.ts) over the same
 * facts and rows, and the goal items of a unit's ancestors for the device's cache.
 */
import { ancestorsOf } from '../../shared/domain/rollup';
import { type GoalDocument, tertialReport, type TertialReport } from '../../shared/domain/goals/report';
import { reportPeriodRange } from '../../shared/domain/goals/periods';
import type { GoalConfigResponse } from '../../shared/goals-api';
import { GoalAnalysis, GoalItem, StrategicAction } from '../../shared/schema/goal';
import type { OrgView } from '../org/view';
import type { Store, UnitRow } from '../store/store';
import { rowsOf } from './load';
import { contextOf } from './service';

/** Goal items on the ancestors of `unitId` (not its own). */
export async function ancestorGoalItems(store: Store, org: OrgView, unitId: string): Promise<GoalItem[]> {
  const ancestors = ancestorsOf(org.tree, unitId);
  const top = org.get(ancestors.at(-1) ?? unitId);
  if (top === undefined || ancestors.length === 0) return [];
  const wanted = new Set(ancestors);
  return (await rowsOf(store, 'goalItem', GoalItem, top.path, '', '')).filter((r) => wanted.has(r.unitId));
}

export async function goalDocumentOf(store: Store, org: OrgView, root: UnitRow, period: string): Promise<GoalDocument> {
  const own = (await rowsOf(store, 'goalItem', GoalItem, root.path, '', '')).filter((i) => i.unitId === root.id);
  return {
    items: [...(await ancestorGoalItems(store, org, root.id)), ...own],
    analyses: (await rowsOf(store, 'goalAnalysis', GoalAnalysis, root.path, period, period)).filter((a) => a.unitId === root.id),
    actions: (await rowsOf(store, 'strategicAction', StrategicAction, root.path, '', '')).filter((a) => a.unitId === root.id),
  };
}

export async function tertialReportFor(store: Store, org: OrgView, root: UnitRow, period: string, now: number): Promise<TertialReport> {
  reportPeriodRange(period);
  return tertialReport(await contextOf(store, org, root, now), await goalDocumentOf(store, org, root, period), period, now);
}

export async function goalConfigFor(store: Store, org: OrgView, unit: UnitRow): Promise<GoalConfigResponse> {
  return { items: await ancestorGoalItems(store, org, unit.id) };
}
