/**
 * The staffing board's cells in the local replica: shifts, beds, HR months and settings. Reads
 * work offline; writes go through writeChange (outbox in the same transaction).
 *
 * Cells are lww rows with deterministic ids. Every write carries all of a cell's counts, so the
 * merged row always holds one write's numbers and the schema's cross-field rules (absences ≤
 * planned) hold for it. A cell is written as an insert when the device has never seen it whole,
 * and otherwise as a patch of its counts with `_deleted: false`, so an entry after a removal
 * brings the cell back (records.ts putWholeCell).
 */
import type { StaffingInput } from '../../shared/domain/staffing-rollup';
import type { TreeUnit } from '../../shared/domain/rollup';
import { subtreeIds } from '../../shared/domain/rollup';
import { AppError } from '../../shared/errors';
import { BedsDay } from '../../shared/schema/beds-day';
import { HrMonth } from '../../shared/schema/hr-month';
import type { EntityName } from '../../shared/schema/registry';
import { staffingConfig, type StaffingConfig, StaffingSettings, staffingSettingsIdFor } from '../../shared/schema/staffing-settings';
import { StaffingShift } from '../../shared/schema/staffing-shift';
import { issueToError } from '../../shared/sync/validate';
import type { z } from 'zod/mini';
import type { PulsDb, RowRecord } from './db';
import { holdsBoardRows, hrMonthsFromFacts, hrMonthsOverBlocks } from './facts-repo';
import { putWholeCell, writeChange, writeTransaction } from './records';
import { recordOf, recordsOf } from './row-reader';
import { readSettings, saveSettings } from './settings-repo';
import { indicatorRowsFor } from './indicator-repo';

type Cell = { id: string; unitId: string };
type CellEntity = 'staffingShift' | 'bedsDay' | 'hrMonth';
const SCHEMAS = { staffingShift: StaffingShift, bedsDay: BedsDay, hrMonth: HrMonth } as const;

/**
 * Rows of `entity` for one unit whose id lies between `<entity>:<unit>:<from>` and the same with
 * `<to>`: the deterministic ids sort by date (or month), so the primary key serves as the index.
 */
async function cellRows(db: PulsDb, entity: CellEntity, unitId: string, from: string, to: string): Promise<RowRecord[]> {
  const prefix = `${entity}:${unitId}:`;
  const rows = await db.rows.where('[entity+id]').between([entity, prefix + from], [entity, `${prefix + to}\uffff`], true, true).toArray();
  return rows.filter((row) => row.unitId === unitId);
}

/** The records of cellRows (deleted and incomplete rows left out). */
async function listCells<T extends Cell>(db: PulsDb, entity: CellEntity, unitId: string, from: string, to: string): Promise<T[]> {
  return recordsOf<T>(await cellRows(db, entity, unitId, from, to));
}

/** Validates the whole cell, then writes it (putWholeCell). */
async function putCell(db: PulsDb, entity: CellEntity, cell: Cell, now: number): Promise<void> {
  const parsed = (SCHEMAS[entity] as z.ZodMiniType).safeParse(cell);
  if (!parsed.success) {
    const { code, path } = issueToError(parsed.error);
    throw new AppError(code, { entity }, path);
  }
  await putWholeCell(db, entity, cell, now);
}

export async function listShifts(db: PulsDb, unitId: string, from: string, to: string): Promise<StaffingShift[]> {
  return listCells<StaffingShift>(db, 'staffingShift', unitId, from, to);
}

/**
 * The morning's entry: saves `shifts` and removes the shifts named in `remove` (made a gap
 * again), all in one transaction: either the whole day is recorded or nothing is.
 */
export async function saveShifts(db: PulsDb, shifts: readonly StaffingShift[], remove: readonly Cell[] = [], now: number = Date.now()): Promise<void> {
  await writeTransaction(db, async () => {
    for (const s of shifts) await putCell(db, 'staffingShift', s, now);
    for (const r of remove) {
      const row = await db.rows.get(['staffingShift', r.id]);
      if (row !== undefined && !row.deleted) await writeChange(db, { entity: 'staffingShift', op: 'delete', id: r.id, unitId: r.unitId, fields: {} }, now);
    }
  });
}

export async function listBedsDays(db: PulsDb, unitId: string, from: string, to: string): Promise<BedsDay[]> {
  return listCells<BedsDay>(db, 'bedsDay', unitId, from, to);
}

export async function saveBedsDay(db: PulsDb, beds: BedsDay, now: number = Date.now()): Promise<void> {
  await writeTransaction(db, () => putCell(db, 'bedsDay', beds, now));
}

/**
 * A unit's HR months from `fromMonth` to `toMonth`. A device in facts mode that does not hold the
 * unit's board rows (rule 22) has the server's months in its fact blocks; its own writes (and
 * removals) of a month win over them until a year block of that unit and year arrives (facts-repo.ts
 * dropSupersededCells).
 */
export async function listHrMonths(db: PulsDb, unitId: string, fromMonth: string, toMonth: string): Promise<HrMonth[]> {
  const rows = await cellRows(db, 'hrMonth', unitId, fromMonth, toMonth);
  if (await holdsBoardRows(db, unitId)) return recordsOf<HrMonth>(rows);
  const held = (await hrMonthsFromFacts(db, unitId)).filter((m) => m.month >= fromMonth && m.month <= toMonth);
  return hrMonthsOverBlocks(held, rows).sort((a, b) => (a.month < b.month ? -1 : a.month > b.month ? 1 : 0));
}

/**
 * Writes HR months in ONE transaction with their outbox rows: an import is recorded whole or
 * not at all. Each month is validated again here; the first invalid one aborts everything.
 */
export async function saveHrMonths(db: PulsDb, months: readonly HrMonth[], now: number = Date.now()): Promise<void> {
  await writeTransaction(db, async () => {
    for (const m of months) await putCell(db, 'hrMonth', m, now);
  });
}

export async function removeHrMonth(db: PulsDb, m: Cell, now: number = Date.now()): Promise<void> {
  await writeChange(db, { entity: 'hrMonth', op: 'delete', id: m.id, unitId: m.unitId, fields: {} }, now);
}

export async function getStaffingConfig(db: PulsDb, unitId: string): Promise<StaffingConfig> {
  return staffingConfig((await readSettings(db, 'staffingSettings', unitId)) as Partial<StaffingSettings>);
}

/** Patches only the given settings, so two devices changing different settings both keep theirs. */
export async function saveStaffingConfig(db: PulsDb, unitId: string, patch: Partial<StaffingConfig>, now: number = Date.now()): Promise<void> {
  await saveSettings(db, 'staffingSettings', unitId, patch, now);
}

/** The staffing settings of these units that set any (in the replica in every mode: settings are not board rows). */
export async function getStaffingSettings(db: PulsDb, unitIds: readonly string[]): Promise<StaffingSettings[]> {
  const out: StaffingSettings[] = [];
  for (const id of unitIds) {
    const settings = recordOf<StaffingSettings>(await db.rows.get(['staffingSettings' satisfies EntityName, staffingSettingsIdFor(id)]));
    if (settings !== undefined) out.push(settings);
  }
  return out;
}

/**
 * The raw rows the shared roll-up and trend functions need for `rootId`'s subtree, from the
 * local replica (a manager's device holds its whole read scope), so figures work offline.
 */
export async function staffingInput(
  db: PulsDb,
  units: readonly TreeUnit[],
  rootId: string,
  today: string,
  days: { from: string; to: string },
  months: { from: string; to: string },
): Promise<StaffingInput> {
  const shifts: StaffingShift[] = [];
  const beds: BedsDay[] = [];
  const hrMonths: HrMonth[] = [];
  const ids = subtreeIds(units, rootId);
  for (const id of ids) {
    shifts.push(...(await listShifts(db, id, days.from, days.to)));
    beds.push(...(await listBedsDays(db, id, days.from, days.to)));
    hrMonths.push(...(await listHrMonths(db, id, months.from, months.to)));
  }
  return { units, rootId, today, shifts, hrMonths, beds, settings: await getStaffingSettings(db, ids), indicatorRows: await indicatorRowsFor(db, units, rootId) };
}
