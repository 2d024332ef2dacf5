/**
 * Facts mode on the device (sync/README.md rules 22–24). A device whose scope has units below it
 * keeps its units' fact blocks (the server's facts, pulled whole) instead of their board rows, and
 * computes every figure above a unit from them with the same shared functions the server runs.
 * A unit's own board rows come on demand: opening that unit's board pins it (its snapshot is
 * merged into the replica and later pulls bring its changes); the least recently used pinned unit
 * beyond MAX_PINNED_UNITS is unpinned and its board rows removed, except rows with unsynced writes.
 */
import { AppError } from '../../shared/errors';
import { BULK_ENTITIES, decodeBlock, type FactBlock, type FactWindow, MAX_PINNED_UNITS, type UnitSnapshot, YEAR_BLOCK_CELLS, yearBlockOfCell } from '../../shared/facts-api';
import type { FactRow } from '../../shared/domain/facts/families';
import { FALL_LOOKBACK_DAYS } from '../../shared/domain/indicators/facts';
import { addDays } from '../../shared/domain/periods';
import { type DateRange, planRanges } from '../../shared/domain/facts/plan';
import { type FactReader, memoryReader } from '../../shared/domain/facts/reader';
import type { HrMonth } from '../../shared/schema/hr-month';
import { mergeRowStates, type RowState } from '../../shared/sync/merge';
import type { PulsDb, RowRecord } from './db';
import { getMeta, getMetas, type PinnedUnit, setMeta } from './meta';
import { expectDevice } from './outbox';
import { sortKeyFor } from './rows';
import { recordsOf } from './row-reader';

/** The bulk entities as `factsBulk` records them. */
export const BULK_TEXT = BULK_ENTITIES.join(',');

export interface FactPage {
  /** The fact cursor the page was requested with. */
  readonly from: number;
  readonly blocks: readonly FactBlock[];
  readonly cursor: number;
  readonly window: FactWindow;
}

const isEmpty = (b: FactBlock): boolean =>
  Object.values(b.rows).every((r) => r.length === 0) && b.hr.length === 0 && b.falls.length === 0 && b.fallBefore === null && Object.values(b.rep ?? {}).every((r) => r.length === 0);

/**
 * Applies one page of the fact feed (rule 23) in one transaction, the cursor last: each block
 * replaces the device's copy (an empty one removes it), and blocks that left the window go.
 * A page requested from another cursor than the stored one (a scope change reset it) is dropped.
 */
export async function applyFactPage(db: PulsDb, deviceId: string, page: FactPage): Promise<'applied' | 'cursor-moved'> {
  return db.transaction('rw', [db.facts, db.meta, db.rows, db.outbox, db.units], async () => {
    await expectDevice(db, deviceId);
    if (((await getMeta(db, 'factCursor')) ?? 0) !== page.from) return 'cursor-moved';
    const gone = page.blocks.filter(isEmpty).map((b): [string, string] => [b.unitId, b.block]);
    const kept = page.blocks.filter((b) => !isEmpty(b));
    if (gone.length > 0) await db.facts.bulkDelete(gone);
    if (kept.length > 0) await db.facts.bulkPut(kept);
    await dropSupersededCells(db, page.blocks);
    await dropBlocksOutside(db, page.window);
    await setMeta(db, 'factCursor', page.cursor);
    return 'applied';
  });
}

/**
 * A leaf unit's reported value or HR month the device wrote stays in its rows after the push (and
 * wins over the blocks: the value does not flip back while the block that holds it is on its way),
 * until a year block of its unit and year arrives: the server numbers that block anew for every
 * change of such a cell it accepts, even one that loses to a later write (push-buffer.ts), so from
 * then on the block is the value, and the row, which the change feed no longer updates, goes. Rows
 * with unsynced writes, pinned units' rows and a level's rows (the change feed keeps those) stay.
 * Reported values only once the device reads them from blocks (completeFactsBulk): before, its
 * rows are the values. The unit and year come from the row's id (a removal of a cell the device
 * knew only from a block is a row without a period).
 */
async function dropSupersededCells(db: PulsDb, blocks: readonly FactBlock[]): Promise<void> {
  const years = new Set(blocks.filter((b) => b.block.startsWith('Y')).map((b) => `${b.unitId}\u0000${b.block}`));
  if (years.size === 0) return;
  const { factsBulk, pinned } = await getMetas(db, ['factsBulk', 'pinned']);
  const entities = YEAR_BLOCK_CELLS.filter((e) => e !== 'reportedValue' || factsBulk === BULK_TEXT);
  const held = new Set((pinned ?? []).map((p) => p.unitId));
  const candidates: { key: [string, string]; unitId: string }[] = [];
  for (const entity of entities) {
    const keys = (await db.rows.where('[entity+id]').between([entity, ''], [entity, '\uffff']).primaryKeys()) as unknown as [string, string][];
    for (const [e, id] of keys) {
      const at = yearBlockOfCell(e, id);
      if (at !== null && !held.has(at.unitId) && years.has(`${at.unitId}\u0000${at.block}`)) candidates.push({ key: [e, id], unitId: at.unitId });
    }
  }
  if (candidates.length === 0) return;
  const pending = new Set((await db.outbox.toArray()).map((r) => `${r.change.entity}\u0000${r.change.id}`));
  const parents = new Set<string | null>((await db.units.toArray()).map((u) => u.parentId));
  const drop = candidates.filter((c) => !pending.has(`${c.key[0]}\u0000${c.key[1]}`) && !parents.has(c.unitId)).map((c) => c.key);
  if (drop.length > 0) await db.rows.bulkDelete(drop);
}

/**
 * Removes the blocks that left the window, when the window has moved (or was never stored): a
 * page inside the same window brings only blocks inside it, so there is nothing to look at. The
 * look goes over the keys only (a region's device holds ~24,000 blocks; reading them all on every
 * page made a first sync quadratic, issue 17).
 */
async function dropBlocksOutside(db: PulsDb, window: FactWindow): Promise<void> {
  const stored = await getMeta(db, 'factWindow');
  if (stored !== undefined && stored.fromYear === window.fromYear && stored.fromDayMonth === window.fromDayMonth) return;
  const keys = (await db.facts.toCollection().primaryKeys()) as unknown as [string, string][];
  const outside = keys.filter(([, block]) => (block.startsWith('Y') ? block.slice(1) < window.fromYear : block.slice(1) < window.fromDayMonth));
  if (outside.length > 0) await db.facts.bulkDelete(outside);
  await setMeta(db, 'factWindow', window);
}

/** What the blocks on the device cover: figures needing anything outside it need the network. */
function coverage(blocks: readonly FactBlock[]): FactWindow | null {
  if (blocks.length === 0) return null;
  const years = blocks.filter((b) => b.block.startsWith('Y')).map((b) => b.block.slice(1));
  const months = blocks.filter((b) => b.block.startsWith('D')).map((b) => b.block.slice(1));
  return { fromYear: years.sort()[0] ?? '9999', fromDayMonth: months.sort()[0] ?? '9999-99' };
}

/**
 * A FactReader over the device's fact blocks of `unitIds`. A read reaching before the blocks the
 * device holds (an old week, a compare period beyond the window) throws AppError('network'): the
 * figure is shown from the server instead, never computed from missing data.
 */
export async function deviceFactReader(db: PulsDb, unitIds: readonly string[], today: string): Promise<FactReader> {
  // The HR rows before the blocks, as listHrMonths reads them: a block that arrives in between
  // (dropping a row whose month it now holds) is read with the new month, so a month shows from
  // the row or from the new block, never from the old block with the row gone.
  const hrRows = await hrRowsOf(db, new Set(unitIds));
  const blocks = await db.facts.where('unitId').anyOf([...unitIds]).toArray();
  const window = (await getMeta(db, 'factWindow')) ?? coverage(blocks);
  const rows: FactRow[] = [];
  const hr: HrMonth[] = [];
  const falls: FactRow[] = [];
  const fallRow = (unitId: string, date: string): FactRow => ({ family: 'safety', unitId, grain: 'd', period: date, key: '', v: [0, 0, 0, 0, 1, 0, 0, 0, 0] });
  // Per unit, its oldest year block's last fall before that year stands for every older fall:
  // "days since the last fall" only ever wants the latest one.
  const oldest = new Map<string, FactBlock>();
  for (const b of blocks) {
    const d = decodeBlock(b);
    rows.push(...d.rows);
    hr.push(...d.hr);
    for (const date of d.falls) falls.push(fallRow(b.unitId, date));
    if (b.block.startsWith('Y') && (oldest.get(b.unitId)?.block ?? 'Y9999') > b.block) oldest.set(b.unitId, b);
  }
  for (const b of oldest.values()) if (b.fallBefore !== null) falls.push(fallRow(b.unitId, b.fallBefore));
  const base = memoryReader(rows, hrMonthsOverBlocks(hr, hrRows), new Set(unitIds), today);
  const fromMonth = window === null ? '9999-99' : `${window.fromYear}-01`;
  const fromDay = window === null ? '9999-99-99' : `${window.fromDayMonth}-01`;
  const need = (ok: boolean) => {
    if (!ok) throw new AppError('network', { reason: 'facts-outside-window' });
  };
  const fallsReader = memoryReader(falls, [], new Set(unitIds), today);
  const covers = (ranges: readonly DateRange[]) => {
    for (const s of planRanges(ranges, today).segments) need(s.grain === 'm' ? s.from >= fromMonth : s.from >= fromDay);
  };
  return {
    covers,
    sums: async (family, ranges, collapse) => {
      covers(ranges);
      return base.sums(family, ranges, collapse);
    },
    days: async (family, from, to, fields) => {
      need(from >= fromDay);
      return base.days(family, from, to, fields);
    },
    byDay: async (family, from, to) => {
      need(from >= fromDay);
      return base.byDay(family, from, to);
    },
    // Fall days come with the year blocks, and the last fall before them: exact for any look-back
    // whose end lies inside the window (the latest fall is all the figure needs).
    lastFalls: async (ranges) => {
      for (const r of ranges) need(addDays(r.from, FALL_LOOKBACK_DAYS) >= `${fromMonth}-01`);
      return fallsReader.lastFalls(ranges);
    },
    hrMonths: async (fromMonth2, toMonth) => {
      need(fromMonth2 >= fromMonth);
      return base.hrMonths(fromMonth2, toMonth);
    },
  };
}

/**
 * HR months on a device in facts mode: the months of its year blocks (`blockMonths`), each replaced
 * by the row the device holds of the same month (`rows`, the device's HR rows of those units): its
 * own write or removal, unsynced or pushed and not yet in a block it has pulled
 * (dropSupersededCells), or a level's month, which the change feed keeps current. The HR list and
 * the figures computed on the device (the staffing roll-up, Mål och resultat) read the same months,
 * so an entry shows in both at once.
 */
export function hrMonthsOverBlocks(blockMonths: readonly HrMonth[], rows: readonly RowRecord[]): HrMonth[] {
  // By id: a removal of a month the device knew only from a block is a row without a month.
  const held = new Set(rows.map((r) => r.id));
  return [...recordsOf<HrMonth>(rows), ...blockMonths.filter((m) => !held.has(m.id))];
}

/** The device's HR rows of `unitIds` (in facts mode it holds few: one range of the primary key). */
async function hrRowsOf(db: PulsDb, unitIds: ReadonlySet<string>): Promise<RowRecord[]> {
  return (await db.rows.where('[entity+id]').between(['hrMonth', ''], ['hrMonth', '\uffff']).toArray()).filter((r) => unitIds.has(r.unitId));
}

/** A unit's HR months as its year blocks hold them (the server's, facts mode). */
export async function hrMonthsFromFacts(db: PulsDb, unitId: string): Promise<HrMonth[]> {
  const blocks = await db.facts.where('unitId').equals(unitId).toArray();
  return blocks.filter((b) => b.block.startsWith('Y')).flatMap((b) => decodeBlock(b).hr);
}

/** The year blocks the device holds of `unitIds` (each unit's by its key range: not its month blocks). */
export async function yearBlocks(db: PulsDb, unitIds: readonly string[]): Promise<FactBlock[]> {
  const lists = await Promise.all(unitIds.map((id) => db.facts.where('[unitId+block]').between([id, 'Y'], [id, 'Z']).toArray()));
  return lists.flat();
}

/** The device's pinned units, most recently used first. */
export async function pinnedUnits(db: PulsDb): Promise<PinnedUnit[]> {
  return [...((await getMeta(db, 'pinned')) ?? [])];
}

/** Removes the board rows of `unitIds` (keeping rows the outbox still writes). */
async function dropBoardRows(db: PulsDb, unitIds: readonly string[]): Promise<void> {
  if (unitIds.length === 0) return;
  const pending = new Set((await db.outbox.toArray()).map((r) => `${r.change.entity}\u0000${r.change.id}`));
  // One walk of the index per entity for all the units: a query per unit and entity was ~12,000
  // of them on a region manager's first sync (1,500 leaves), ~2.7 s of the page's main thread.
  for (const entity of BULK_ENTITIES) {
    const keys = (await db.rows
      .where('[entity+unitId]')
      .anyOf(unitIds.map((u) => [entity, u]))
      .primaryKeys()) as [string, string][];
    const drop = keys.filter(([e, id]) => !pending.has(`${e}\u0000${id}`));
    if (drop.length > 0) await db.rows.bulkDelete(drop);
  }
}

/** Drops the board rows of `leafIds` that are not pinned (rows with unsynced writes stay). */
async function dropUnpinned(db: PulsDb, leafIds: readonly string[]): Promise<void> {
  const pinned = new Set((await pinnedUnits(db)).map((p) => p.unitId));
  await dropBoardRows(db, leafIds.filter((id) => !pinned.has(id)));
}

/**
 * Entering facts mode (the server said so on pull): board rows of leaf units that are not pinned
 * are dropped, since the feed no longer updates them (rule 22).
 */
export async function enterFactsMode(db: PulsDb, leafIds: readonly string[]): Promise<void> {
  await db.transaction('rw', [db.rows, db.meta, db.outbox], async () => {
    if ((await getMeta(db, 'factsMode')) === true) return;
    await dropUnpinned(db, leafIds);
    await setMeta(db, 'factsMode', true);
    // Every bulk entity's leaf rows are gone: the blocks hold its values from now on.
    await setMeta(db, 'factsBulk', BULK_TEXT);
  });
}

/**
 * After a fact pull that reached the feed's head: from now on the blocks hold everything of
 * BULK_ENTITIES, so a device that entered facts mode under an older list (before reported values
 * came in year blocks) drops its leaf units' rows of the entities added, and its reported values
 * are read from the blocks (reported-repo.ts) from then on, not before: until the blocks the
 * server sent again (migration 0015) have arrived, the rows are the values. (A device entering
 * facts mode now drops those rows at once, enterFactsMode.)
 */
export async function completeFactsBulk(db: PulsDb, leafIds: readonly string[]): Promise<void> {
  await db.transaction('rw', [db.rows, db.meta, db.outbox], async () => {
    if ((await getMeta(db, 'factsBulk')) === BULK_TEXT) return;
    await dropUnpinned(db, leafIds);
    await setMeta(db, 'factsBulk', BULK_TEXT);
  });
}

/**
 * Pins a unit with the server's snapshot of its board rows (rule 24): the rows are merged into the
 * replica field by field, the unit goes first in the pinned list, and a unit pushed off the end of
 * the list loses its board rows. `now` orders the list.
 */
export async function pinUnit(db: PulsDb, snapshot: UnitSnapshot, now: number): Promise<void> {
  await db.transaction('rw', [db.rows, db.meta, db.outbox], async () => {
    const incoming: RowState[] = snapshot.rows.map((r) => ({ entity: r.entity, id: r.id, unitId: snapshot.unitId, data: r.data, hlcs: r.hlcs, deleted: r.deleted }));
    const stored = await db.rows.bulkGet(incoming.map((r): [string, string] => [r.entity, r.id]));
    const out: RowRecord[] = [];
    incoming.forEach((remote, i) => {
      const { row, changed } = mergeRowStates(stored[i] ?? undefined, remote);
      if (changed) out.push({ ...row, sortKey: sortKeyFor(row) });
    });
    if (out.length > 0) await db.rows.bulkPut(out);
    const list = [{ unitId: snapshot.unitId, usedAt: now }, ...(await pinnedUnits(db)).filter((p) => p.unitId !== snapshot.unitId)];
    const keep = list.slice(0, MAX_PINNED_UNITS);
    const evicted = list.slice(MAX_PINNED_UNITS).map((p) => p.unitId);
    await setMeta(db, 'pinned', keep);
    if (evicted.length > 0) await dropBoardRows(db, evicted);
  });
}

/** Marks a pinned unit as just used (it moves to the front of the list); false if it is not pinned. */
export async function touchPinned(db: PulsDb, unitId: string, now: number): Promise<boolean> {
  return db.transaction('rw', [db.meta], async () => {
    const list = await pinnedUnits(db);
    if (!list.some((p) => p.unitId === unitId)) return false;
    await setMeta(db, 'pinned', [{ unitId, usedAt: now }, ...list.filter((p) => p.unitId !== unitId)]);
    return true;
  });
}

/** Whether the device holds `unitId`'s board rows: not in facts mode, or the unit is pinned. */
export async function holdsBoardRows(db: PulsDb, unitId: string): Promise<boolean> {
  const { factsMode, pinned } = await getMetas(db, ['factsMode', 'pinned']);
  return factsMode !== true || (pinned ?? []).some((p) => p.unitId === unitId);
}
