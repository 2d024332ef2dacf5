/**
 * Reported measures' values (issue 13) in the local replica: the month grid reads and writes
 * them offline; writes go through writeChange (outbox in the same transaction), synced like
 * every other row. Values are lww cells (schema/reported-value.ts): every write carries all of a
 * cell's fields, as an insert when the device has never seen the cell and otherwise as a patch
 * with `_deleted: false` (so an entry after a removal brings the cell back, sync rule 12).
 */
import { subtreeIds, type TreeUnit } from '../../shared/domain/rollup';
import { AppError } from '../../shared/errors';
import { ENTITIES } from '../../shared/schema/registry';
import { ReportedValue } from '../../shared/schema/reported-value';
import { DELETED_FIELD, publicData } from '../../shared/sync/merge';
import { issueToError } from '../../shared/sync/validate';
import type { PulsDb } from './db';
import { writeChange, writeTransaction } from './records';

const ENTITY = 'reportedValue';

/** A unit's live reported values (any measure and period). */
export async function listReportedValues(db: PulsDb, unitId: string): Promise<ReportedValue[]> {
  const rows = await db.rows.where('[entity+unitId]').equals([ENTITY, unitId]).toArray();
  const out: ReportedValue[] = [];
  for (const row of rows) {
    if (row.deleted) continue;
    const p = ReportedValue.safeParse(publicData(row));
    if (p.success) out.push(p.data);
  }
  return out.sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
}

/** Every reported value of `rootId`'s subtree (what the indicator figures pool). */
export async function reportedValuesOf(db: PulsDb, units: readonly TreeUnit[], rootId: string): Promise<ReportedValue[]> {
  const out: ReportedValue[] = [];
  for (const id of subtreeIds(units, rootId)) out.push(...(await listReportedValues(db, id)));
  return out;
}

async function put(db: PulsDb, v: ReportedValue, now: number): Promise<void> {
  const parsed = ReportedValue.safeParse(v);
  if (!parsed.success) {
    const { code, path } = issueToError(parsed.error);
    throw new AppError(code, { entity: ENTITY }, path);
  }
  const existing = await db.rows.get([ENTITY, v.id]);
  if (existing === undefined) {
    await writeChange(db, { entity: ENTITY, op: 'insert', id: v.id, unitId: v.unitId, fields: { ...parsed.data } }, now);
    return;
  }
  const immutable = ENTITIES[ENTITY].immutable;
  const fields: Record<string, unknown> = Object.fromEntries(Object.entries(parsed.data).filter(([k]) => !immutable.includes(k)));
  fields[DELETED_FIELD] = false;
  await writeChange(db, { entity: ENTITY, op: 'patch', id: v.id, unitId: v.unitId, fields }, now);
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
  await writeTransaction(db, async () => {
    for (const v of values) await put(db, v, now);
    for (const r of remove) {
      const row = await db.rows.get([ENTITY, r.id]);
      if (row !== undefined && !row.deleted) await writeChange(db, { entity: ENTITY, op: 'delete', id: r.id, unitId: r.unitId, fields: {} }, now);
    }
  });
}
