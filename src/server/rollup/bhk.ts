/**
 * BHK roll-ups: GET /api/rollup/bhk?month= (the foundation's route) and GET /api/bhk/rollup?period=
 * (any week, month, tertial or year). Both read the bhk facts of the period (issue 17) and pool
 * them with the shared function every device runs offline. loadPeriodObservations serves the
 * observation export, which lists records rather than counts.
 */
import type { BhkRollupResponse } from '../../shared/api';
import type { BhkPeriodRollupResponse } from '../../shared/bhk-api';
import type { BhkSource, DateRange } from '../../shared/domain/bhk-period';
import { bhkPeriodRollupOf, bhkRollupAnswer } from '../../shared/domain/bhk-rollup';
import { localDate, periodRange } from '../../shared/domain/periods';
import { BhkObservation } from '../../shared/schema/bhk-observation';
import { sqlFactReader } from '../facts/reader';
import { type OrgView, toTreeUnit } from '../org/view';
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
  const nodes = await bhkPeriodRollupOf(sqlFactReader(store, root.path, localDate(Date.now())), org.tree, root.id, range, source);
  const config = await bhkProfessionsAt(store, org, root.id);
  return bhkRollupAnswer(org.tree, toTreeUnit(root), q.period, source, config.professions, nodes);
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
