/**
 * Hygiene observations (BHK) and the unit settings that frame them. Reads come from the local
 * replica, so they work offline; writes go through writeChange and reach the server via the
 * outbox.
 */
import { AppError } from '../../shared/errors';
import type { BhkObservation } from '../../shared/schema/bhk-observation';
import { IsoMonth, RecordId } from '../../shared/schema/ids';
import { DEFAULT_UNIT_SETTINGS, settingsIdFor, type UnitSettings } from '../../shared/schema/unit-settings';
import { publicData } from '../../shared/sync/merge';
import { uuidv7 } from 'uuidv7';
import type { PulsDb } from './db';
import { writeChange } from './records';

export type NewObservation = Omit<BhkObservation, 'id' | 'createdAt'>;

/** Records a new observation with a fresh UUIDv7 id (rule 10) and returns it as stored. */
export async function addObservation(db: PulsDb, obs: NewObservation, now: number = Date.now()): Promise<BhkObservation> {
  const record = { ...obs, id: RecordId.parse(uuidv7()), createdAt: new Date(now).toISOString() };
  await writeChange(db, { entity: 'bhkObservation', op: 'insert', id: record.id, unitId: record.unitId, fields: record }, now);
  return record;
}

/** Every observation of the unit dated in `month` (YYYY-MM), corrections and voids included:
 * resolving `replaces` is the domain layer's job. Ordered by date. */
export async function listObservations(db: PulsDb, unitId: string, month: string): Promise<BhkObservation[]> {
  if (!IsoMonth.safeParse(month).success) throw new AppError('validation', { month }, ['month']);
  const rows = await db.rows
    .where('[entity+unitId+sortKey]')
    .between(['bhkObservation', unitId, `${month}-01`], ['bhkObservation', unitId, `${month}-31`], true, true)
    .toArray();
  // Rows were validated on the way in (writeChange, pull); inside the boundary we trust them.
  return rows.map((row) => publicData(row) as BhkObservation);
}

/** The unit's settings, with defaults for every field nobody has set yet. */
export async function getUnitSettings(db: PulsDb, unitId: string): Promise<UnitSettings> {
  const id = settingsIdFor(unitId);
  const row = await db.rows.get(['unitSettings', id]);
  const stored = row && !row.deleted ? publicData(row) : {};
  return { ...DEFAULT_UNIT_SETTINGS, ...stored, id, unitId } as UnitSettings;
}

/**
 * Saves the given fields only. Always a per-field patch, never a full insert: two tablets that
 * each change a different setting offline must both keep their change (rule 11), which a full
 * record with defaults for the untouched fields would break.
 */
export async function saveUnitSettings(
  db: PulsDb,
  unitId: string,
  patch: Partial<Omit<UnitSettings, 'id' | 'unitId'>>,
  now: number = Date.now(),
): Promise<void> {
  const fields = Object.fromEntries(Object.entries(patch).filter(([, value]) => value !== undefined));
  if (Object.keys(fields).length === 0) return;
  await writeChange(db, { entity: 'unitSettings', op: 'patch', id: settingsIdFor(unitId), unitId, fields }, now);
}
