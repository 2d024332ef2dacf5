/**
 * BHK roll-ups from raw observations: GET /api/rollup/bhk?month= (the foundation's route) and
 * GET /api/bhk/rollup?period= (any week, month, tertial or year). Both load the period's records
 * with loadPeriodObservations and pool them with the shared function the tablet uses offline.
 */
import type { BhkRollupResponse } from '../../shared/api';
import type { BhkPeriodRollupResponse } from '../../shared/bhk-api';
import type { BhkSource, DateRange } from '../../shared/domain/bhk-period';
import { bhkPeriodRollup } from '../../shared/domain/bhk-rollup';
import { periodRange } from '../../shared/domain/periods';
import { BhkObservation } from '../../shared/schema/bhk-observation';
import type { UnitKind } from '../../shared/schema/org-unit';
import type { OrgView } from '../org/view';
import type { Store, UnitRow } from '../store/store';
import { bhkProfessionsAt } from './bhk-config';

/** A `replaces` chain longer than this is malformed data, not a history worth following. */
const MAX_CHAIN = 100;

const parseRow = (data: unknown): BhkObservation | null => {
  const parsed = BhkObservation.safeParse(data);
  return parsed.success ? parsed.data : null;
};

/**
 * Every record that can affect the figures of `range` under `rootPath`: the rows filed in the
 * range (originals by date, corrections by their original's date: registry.ts), plus, followed
 * through `replaces`, the records they correct. The second part matters for a correction filed
 * under its own date (one written without originalDate): its original, in another period, then
 * tells the shared function that the correction belongs there, not here. A followed record must
 * belong to the same unit as the record that names it, so nothing outside the scope leaks in.
 */
export async function loadPeriodObservations(store: Store, rootPath: string, range: DateRange): Promise<BhkObservation[]> {
  const rows = await store.listRows('bhkObservation', rootPath, range.from, range.to);
  const byId = new Map<string, BhkObservation>();
  for (const row of rows) {
    const o = parseRow(row.data);
    if (o !== null) byId.set(o.id, o);
  }
  let frontier = [...byId.values()];
  for (let depth = 0; depth < MAX_CHAIN && frontier.length > 0; depth++) {
    const next: BhkObservation[] = [];
    for (const o of frontier) {
      if (o.replaces === undefined || byId.has(o.replaces)) continue;
      const row = await store.getRow('bhkObservation', o.replaces);
      const parent = row !== undefined && !row.deleted ? parseRow(row.data) : null;
      if (parent === null || parent.unitId !== o.unitId) continue;
      byId.set(parent.id, parent);
      next.push(parent);
    }
    frontier = next;
  }
  return [...byId.values()];
}

/** `root` has been authorised by the route (http/route.ts); `org` is the request's tree. */
export async function bhkPeriodRollupFor(
  store: Store,
  org: OrgView,
  root: UnitRow,
  q: { period: string; source?: BhkSource | undefined },
): Promise<BhkPeriodRollupResponse> {
  const source = q.source ?? 'all';
  const range = periodRange(q.period);
  const observations = await loadPeriodObservations(store, root.path, range);
  const nodes = bhkPeriodRollup(org.tree, root.id, observations, range, source);
  const config = await bhkProfessionsAt(store, org, root.id);
  return {
    period: q.period,
    source,
    rootId: root.id,
    professions: config.professions,
    nodes: [...nodes.values()].map((n) => {
      const u = org.get(n.unitId);
      return {
        unitId: n.unitId,
        name: u?.name ?? n.unitId,
        kind: (u?.kind ?? 'enhet') as UnitKind,
        // The root's parent is named so the client can tell where the answer sits in the tree.
        parentId: n.unitId === root.id ? root.parentId : (u?.parentId ?? null),
        closed: u?.closedAt != null,
        counts: n.counts.counts,
        professions: n.counts.professions,
        reporting: n.reporting,
        expected: n.expected,
      };
    }),
  } as BhkPeriodRollupResponse;
}

/** The foundation's month route: the same computation, answered in its original shape. */
export async function bhkRollupFor(store: Store, org: OrgView, root: UnitRow, month: string): Promise<BhkRollupResponse> {
  const res = await bhkPeriodRollupFor(store, org, root, { period: month });
  return {
    month,
    rootId: res.rootId,
    nodes: res.nodes.map(({ professions: _professions, ...node }) => node),
  } as BhkRollupResponse;
}
