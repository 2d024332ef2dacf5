/**
 * The staffing roll-up answer (staffing-api.ts StaffingRollupResponse): from facts through a
 * FactReader on the server and on a manager's device (staffingReportOf), and from raw rows on a
 * unit's device and in tests (staffingReport: the same rows become the same facts).
 */
import { sliceUsed, turn } from './pace';
import type { Indicator } from '../schema/indicator';
import type { StaffingSettings } from '../schema/staffing-settings';
import type { StaffingRollupResponse } from '../staffing-api';
import type { FactReader } from './facts/reader';
import { periodRange } from './periods';
import type { TreeUnit } from './rollup';
import { type StaffingInput, staffingRollup, staffingRollupFromFacts, type StaffingNode } from './staffing-rollup';
import { staffingTrend, staffingTrendFromFacts, type StaffingTrend, trendRange } from './staffing-trend';

/** The nodes with their names and tree links, in slices with the event loop's turns (pace.ts). */
async function answer(units: readonly TreeUnit[], rootId: string, today: string, month: string, nodes: Map<string, StaffingNode>, trend: StaffingTrend): Promise<StaffingRollupResponse> {
  const byId = new Map(units.map((u) => [u.id, u]));
  const list = [];
  for (const n of nodes.values()) {
    const u = byId.get(n.unitId);
    list.push({ ...n, name: u?.name ?? n.unitId, kind: u?.kind ?? 'enhet', parentId: u?.parentId ?? null, closed: u?.closedAt != null });
    if (sliceUsed()) await turn();
  }
  return { month, rootId, today, nodes: list, trend } as StaffingRollupResponse;
}

export async function staffingReport(input: StaffingInput, month: string): Promise<StaffingRollupResponse> {
  return answer(input.units, input.rootId, input.today, month, await staffingRollup(input, month), staffingTrend(input, trendRange(month, input.today)));
}

/** The same answer read from facts. */
export async function staffingReportOf(
  reader: FactReader,
  units: readonly TreeUnit[],
  rootId: string,
  today: string,
  settings: readonly StaffingSettings[],
  month: string,
  indicatorRows: readonly Indicator[] = [],
): Promise<StaffingRollupResponse> {
  const range = periodRange(month);
  const trend = trendRange(month, today);
  const [[staff], [beds], byDay, hrMonths] = await Promise.all([
    reader.sums('staff', [range], true),
    reader.sums('beds', [range], true),
    reader.byDay('staff', trend.from, trend.to),
    reader.hrMonths(trend.months[0] as string, month),
  ]);
  const nodes = await staffingRollupFromFacts({ units, rootId, today, settings, indicatorRows, staff: staff ?? new Map(), beds: beds ?? new Map(), hrMonths }, month);
  // The month's nodes and the trend are computed in separate turns of the event loop (issue 17).
  await turn();
  const trendFigures = staffingTrendFromFacts({ units, rootId, settings, indicatorRows, byDay, hrMonths }, trend);
  await turn();
  return answer(units, rootId, today, month, nodes, trendFigures);
}
