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
import { publicData } from '../../shared/sync/merge';
import type { z } from 'zod/mini';
import type { PulsDb } from './db';
import { deviceFactReader } from './facts-repo';
import { getMeta } from './meta';

/** A unit's live rows of `entity` that still parse (a row of an older schema is left out). */
async function unitRows<T>(db: PulsDb, entity: EntityName, unitId: string, schema: z.ZodMiniType<T>): Promise<T[]> {
  const out: T[] = [];
  for (const row of await db.rows.where('[entity+unitId]').equals([entity, unitId]).toArray()) {
    if (row.deleted) continue;
    const p = schema.safeParse(publicData(row));
    if (p.success) out.push(p.data);
  }
  return out;
}

/** The facts of `rootId`'s subtree on this device. */
export async function deviceFacts(db: PulsDb, units: readonly TreeUnit[], rootId: string, today: string): Promise<FactReader> {
  const ids = subtreeIds(units, rootId);
  if ((await getMeta(db, 'factsMode')) === true) return deviceFactReader(db, ids, today);
  const rows = { bhk: [] as BhkObservation[], events: [] as SafetyEvent[], days: [] as SafetyDay[], shifts: [] as StaffingShift[], beds: [] as BedsDay[] };
  const hr: HrMonth[] = [];
  for (const id of ids) {
    rows.bhk.push(...(await unitRows(db, 'bhkObservation', id, BhkObservation)));
    rows.events.push(...(await unitRows(db, 'safetyEvent', id, SafetyEvent)));
    rows.days.push(...(await unitRows(db, 'safetyDay', id, SafetyDay)));
    rows.shifts.push(...(await unitRows(db, 'staffingShift', id, StaffingShift)));
    rows.beds.push(...(await unitRows(db, 'bedsDay', id, BedsDay)));
    hr.push(...(await unitRows(db, 'hrMonth', id, HrMonth)));
  }
  return memoryReader(factsOfRows(rows), hr, new Set(ids), today);
}
