/**
 * Reported measures' values (issue 13) on the device: the month grid reads and writes them
 * offline; writes go through writeChange (outbox in the same transaction), synced like every
 * other row. A device in facts mode reads a unit's values from its year blocks (valuesOf).
 * Values are lww cells (schema/reported-value.ts): every write carries all of a cell's fields,
 * as an insert when the device holds no row of the cell (an insert writes the cell whole, its
 * existence included) and otherwise as a patch with `_deleted: false` (so an entry after a
 * removal brings the cell back, sync rule 12).
 */
import { subtreeIds, type TreeUnit } from '../../shared/domain/rollup';
import { AppError } from '../../shared/errors';
import { ReportedValue } from '../../shared/schema/reported-value';
import { publicData } from '../../shared/sync/merge';
import { issueToError } from '../../shared/sync/validate';
import { reportedOfBlock } from '../../shared/facts-api';
import type { PulsDb, RowRecord } from './db';
import { BULK_TEXT, yearBlocks } from './facts-repo';
import { getMetas } from './meta';
import { putWholeCell, writeChange, writeTransaction } from './records';

const ENTITY = 'reportedValue';

const byId = (a: ReportedValue, b: ReportedValue) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);

function parsed(row: RowRecord | undefined): ReportedValue | null {
  if (row === undefined || row.deleted) return null;
  const p = ReportedValue.safeParse(publicData(row));
  return p.success ? p.data : null;
}

/** A unit's live reported values among the replica's rows. */
async function rowValues(db: PulsDb, unitId: string): Promise<ReportedValue[]> {
  return (await db.rows.where('[entity+unitId]').equals([ENTITY, unitId]).toArray()).flatMap((r) => parsed(r) ?? []);
}

/**
 * The reported values of `unitIds` on this device. In facts mode (rule 22; on a device that entered
 * it under protocol 3, once its first fact pull after the update has reached the head: before,
 * the rows it held are the values) a unit that is not
 * pinned has the server's values in its year blocks, and a row the device holds of a cell wins
 * over them: its own write (or removal), unsynced or pushed and not yet in a block it has pulled
 * (facts-repo.ts drops such a row when its unit's year block arrives), or a level's row, which
 * the change feed keeps current. Otherwise (not in facts mode, or a pinned unit) the replica's
 * rows are the values.
 */
async function valuesOf(db: PulsDb, unitIds: readonly string[]): Promise<ReportedValue[]> {
  const { factsMode, factsBulk, pinned } = await getMetas(db, ['factsMode', 'factsBulk', 'pinned']);
  // Blocks hold the values once `factsBulk` is this release's list (facts-repo.ts enterFactsMode, completeFactsBulk).
  const rowsOnly = factsMode === true && factsBulk === BULK_TEXT ? new Set((pinned ?? []).map((p) => p.unitId)) : null;
  const out: ReportedValue[] = [];
  const fromBlocks = rowsOnly === null ? [] : unitIds.filter((id) => !rowsOnly.has(id));
  const wanted = new Set(fromBlocks);
  for (const id of unitIds) if (!wanted.has(id)) out.push(...(await rowValues(db, id)));
  if (fromBlocks.length === 0) return out;
  const values = new Map<string, ReportedValue>();
  for (const b of await yearBlocks(db, fromBlocks)) for (const v of reportedOfBlock(b)) values.set(v.id, v);
  // In facts mode the device holds few value rows (its own writes, the levels'): one range.
  for (const row of await db.rows.where('[entity+id]').between([ENTITY, ''], [ENTITY, '\uffff']).toArray()) {
    if (!wanted.has(row.unitId)) continue;
    const v = parsed(row);
    if (v !== null) values.set(row.id, v);
    else if (row.deleted) values.delete(row.id);
  }
  return [...out, ...values.values()];
}

/** A unit's live reported values (any measure and period), in id order. */
export async function listReportedValues(db: PulsDb, unitId: string): Promise<ReportedValue[]> {
  return (await valuesOf(db, [unitId])).sort(byId);
}

/** Every reported value of `rootId`'s subtree (what the indicator figures pool). */
export async function reportedValuesOf(db: PulsDb, units: readonly TreeUnit[], rootId: string): Promise<ReportedValue[]> {
  return valuesOf(db, subtreeIds(units, rootId));
}

async function put(db: PulsDb, v: ReportedValue, now: number): Promise<void> {
  const parsed = ReportedValue.safeParse(v);
  if (!parsed.success) {
    const { code, path } = issueToError(parsed.error);
    throw new AppError(code, { entity: ENTITY }, path);
  }
  await putWholeCell(db, ENTITY, parsed.data, now);
}

/**
 * Saves the given values and removes the cells named in `remove`, in one transaction: a grid's
 * save (or an import) is recorded whole or not at all. Any invalid value refuses the lot.
 */
export async function saveReportedValues(db: PulsDb, values: readonly ReportedValue[], remove: readonly { id: string; unitId: string }[] = [], now: number = Date.now()): Promise<void> {
  for (const v of values) {
    const p = ReportedValue.safeParse(v);
    if (!p.success) {
      const { code, path } = issueToError(p.error);
      throw new AppError(code, { entity: ENTITY, id: v.id }, path);
    }
  }
  // A cell is removed if the device shows it (in facts mode it may know the cell only from a
  // fact block, with no row or an old removed row of its own), read in the same transaction.
  await writeTransaction(db, async () => {
    const shown = remove.length === 0 ? new Set<string>() : new Set((await valuesOf(db, [...new Set(remove.map((r) => r.unitId))])).map((v) => v.id));
    for (const v of values) await put(db, v, now);
    for (const r of remove) if (shown.has(r.id)) await writeChange(db, { entity: ENTITY, op: 'delete', id: r.id, unitId: r.unitId, fields: {} }, now);
  }, [db.facts]);
}
