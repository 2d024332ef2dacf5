/**
 * The staffing roll-up answer (staffing-api.ts StaffingRollupResponse) built from raw rows: the
 * server sends it, and a device without network builds the same answer from its own replica.
 */
import type { StaffingRollupResponse } from '../staffing-api';
import { staffingRollup, type StaffingInput } from './staffing-rollup';
import { staffingTrend, trendRange } from './staffing-trend';

export function staffingReport(input: StaffingInput, month: string): StaffingRollupResponse {
  const byId = new Map(input.units.map((u) => [u.id, u]));
  const nodes = [...staffingRollup(input, month).values()].map((n) => {
    const u = byId.get(n.unitId);
    return { ...n, name: u?.name ?? n.unitId, kind: u?.kind ?? 'enhet', parentId: u?.parentId ?? null, closed: u?.closedAt != null };
  });
  return { month, rootId: input.rootId, today: input.today, nodes, trend: staffingTrend(input, trendRange(month, input.today)) } as StaffingRollupResponse;
}
