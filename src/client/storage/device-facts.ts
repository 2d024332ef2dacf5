/**
 * The facts a device computes figures from (shared/domain/facts/reader.ts), whatever kind of
 * device it is: in facts mode (a VO, division or region manager, rule 22) the fact blocks it
 * pulled; otherwise (a ward tablet, staff, a unit manager) facts made from its own board rows with
 * the same contributions the server uses. Either way the shared roll-up functions run on it and
 * give the server's figures.
 */
import { factsOfRows } from '../../shared/domain/facts/contrib';
import { type FactReader, memoryReader } from '../../shared/domain/facts/reader';
import { subtreeIds, type TreeUnit } from '../../shared/domain/rollup';
import { BedsDay } from '../../shared/schema/beds-day';
import { BhkObservation } from '../../shared/schema/bhk-observation';
import { HrMonth } from '../../shared/schema/hr-month';
import type { EntityName } from '../../shared/schema/registry';
import { SafetyDay } from '../../shared/schema/safety-day';
import { SafetyEvent } from '../../shared/schema/safety-event';
import { StaffingShift } from '../../shared/schema/staffing-shift';
import type { PulsDb } from './db';
import { deviceFactReader } from './facts-repo';
import { getMeta } from './meta';
import { recordsOf } from './row-reader';

/** A unit's records of `entity` (storage/row-reader.ts states which rows are records). */
async function unitRows<T>(db: PulsDb, entity: EntityName, unitId: string): Promise<T[]> {
  return recordsOf<T>(await db.rows.where('[entity+unitId]').equals([entity, unitId]).toArray());
}

/** The facts of `rootId`'s subtree on this device. */
export async function deviceFacts(db: PulsDb, units: readonly TreeUnit[], rootId: string, today: string): Promise<FactReader> {
  const ids = subtreeIds(units, rootId);
  if ((await getMeta(db, 'factsMode')) === true) return deviceFactReader(db, ids, today);
  const rows = { bhk: [] as BhkObservation[], events: [] as SafetyEvent[], days: [] as SafetyDay[], shifts: [] as StaffingShift[], beds: [] as BedsDay[] };
  const hr: HrMonth[] = [];
  for (const id of ids) {
    rows.bhk.push(...(await unitRows<BhkObservation>(db, 'bhkObservation', id)));
    rows.events.push(...(await unitRows<SafetyEvent>(db, 'safetyEvent', id)));
    rows.days.push(...(await unitRows<SafetyDay>(db, 'safetyDay', id)));
    rows.shifts.push(...(await unitRows<StaffingShift>(db, 'staffingShift', id)));
    rows.beds.push(...(await unitRows<BedsDay>(db, 'bedsDay', id)));
    hr.push(...(await unitRows<HrMonth>(db, 'hrMonth', id)));
  }
  return memoryReader(factsOfRows(rows), hr, new Set(ids), today);
}
