/**
 * The feed of facts (issue 16): the org tree and the fact tables under a unit the caller reads,
 * paged by the fact blocks' sequence (fact_blocks.seq, kept in the push's transaction): `since=0`
 * reads everything, `since=<cursor>` only the blocks changed after it, whole.
 */
import { ACTION_TEXT_COLUMNS, actionFeedRow, FACT_TABLES, type FactTable, type FeedPage, factFeedRow, feedColumns, type FeedRow } from '../../shared/feed/tables';
import type { OrgView } from '../org/view';
import type { Store, UnitRow } from '../store/store';

export const FEED_PAGE_DEFAULT = 200;
export const FEED_PAGE_MAX = 2000;

/** The units at and below `root`: the same tree the app shows (no HSA-id is kept yet: null). */
export function unitsPage(org: OrgView, root: UnitRow): FeedPage {
  const rows: FeedRow[] = org.units
    .filter((u) => u.path.startsWith(root.path))
    .map((u) => ({ unitId: u.id, hsaId: null, name: u.name, kind: u.kind, parentId: u.id === root.id ? null : u.parentId, closed: u.closedAt !== null, closedAt: u.closedAt }));
  return { table: 'units', columns: feedColumns('units'), rows, blocks: [], cursor: 0, more: false };
}

/** One page of a fact table (or the HR months) under `root`, after block sequence `since`. */
export async function factsPage(store: Store, root: UnitRow, table: FactTable | 'hr', since: number, limit: number): Promise<FeedPage> {
  // Only year blocks hold HR months; both kinds hold fact rows.
  // ('D~' sorts after every month block, so the HR table skips them.)
  const refs = await store.facts.blocksAfter(root.path, since, limit + 1, '', table === 'hr' ? '~' : '');
  const more = refs.length > limit;
  const page = more ? refs.slice(0, limit) : refs;
  const contents = await store.facts.blockContents(page);
  const rows: FeedRow[] = [];
  for (const ref of page) {
    const c = contents.get(`${ref.unitId}\u0000${ref.block}`);
    if (!c) continue;
    if (table === 'hr') {
      for (const h of c.hr) rows.push({ block: ref.block, unitId: h.unitId, month: h.month, kvotTotal: h.kvotTotal, kvotK: h.kvotK, kvotM: h.kvotM, korttid: h.korttid, ordinaryHours: h.ordinaryHours, source: h.source });
      continue;
    }
    const family = FACT_TABLES[table];
    for (const r of c.rows) if (r.family === family) rows.push(factFeedRow(family, ref.block, r));
  }
  return {
    table,
    columns: feedColumns(table),
    rows,
    blocks: page.map((b) => ({ unitId: b.unitId, block: b.block })),
    cursor: page.at(-1)?.seq ?? since,
    more,
  };
}

/**
 * One page of actions and escalations under `root` changed after change-log position `since`: each
 * action's current state (no free text), a deleted one as deleted. Upsert them by actionId.
 */
export async function actionsPage(store: Store, root: UnitRow, since: number, limit: number, withText = false): Promise<FeedPage> {
  const changes = await store.changedRowIds('action', root.path, since, limit + 1);
  const more = changes.length > limit;
  const page = more ? changes.slice(0, limit) : changes;
  const ids = [...new Set(page.map((c) => c.id))];
  const rows = (await store.getRows('action', ids)).sort((a, b) => a.id.localeCompare(b.id)).map((r) => actionFeedRow(r.id, r.unitId, r.data, r.deleted, withText));
  return { table: 'actions', columns: [...feedColumns('actions'), ...(withText ? ACTION_TEXT_COLUMNS : [])], rows, blocks: [], cursor: page.at(-1)?.serverSeq ?? since, more };
}
