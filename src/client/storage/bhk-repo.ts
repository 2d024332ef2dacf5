/**
 * Hygiene observations (BHK) and the unit settings that frame them. Reads come from the local
 * replica, so they work offline; writes go through writeChange and reach the server via the
 * outbox.
 */
import { BhkConfigResponse } from '../../shared/bhk-api';
import { ancestorsOf } from '../../shared/domain/rollup';
import { AppError } from '../../shared/errors';
import { BhkConfig, bhkConfigIdFor, type BhkProfession } from '../../shared/schema/bhk-config';
import type { BhkObservation } from '../../shared/schema/bhk-observation';
import { IsoMonth, RecordId } from '../../shared/schema/ids';
import { DEFAULT_UNIT_SETTINGS, settingsIdFor, type UnitSettings } from '../../shared/schema/unit-settings';
import { uuidv7 } from 'uuidv7';
import type { PulsDb } from './db';
import { writeChange, writeTransaction } from './records';
import { recordOf, recordsOf } from './row-reader';
import { readSettings, saveSettings } from './settings-repo';

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
  return recordsOf<BhkObservation>(rows);
}

/** The unit's settings, with defaults for every field nobody has set yet. */
export async function getUnitSettings(db: PulsDb, unitId: string): Promise<UnitSettings> {
  return { ...DEFAULT_UNIT_SETTINGS, ...(await readSettings(db, 'unitSettings', unitId)), id: settingsIdFor(unitId), unitId } as UnitSettings;
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
  await saveSettings(db, 'unitSettings', unitId, patch, now);
}

/** Every record of the unit, all dates, corrections and voids included (a unit has a few hundred a
 * year). The board resolves periods and corrections with the shared functions, so a correction
 * filed in another month than its original is never missed. */
export async function listUnitObservations(db: PulsDb, unitId: string): Promise<BhkObservation[]> {
  const rows = await db.rows.where('[entity+unitId]').equals(['bhkObservation', unitId]).toArray();
  return recordsOf<BhkObservation>(rows);
}

/** The fields a correction carries over from the record it corrects. */
function observationFields(o: BhkObservation): NewObservation {
  const { id: _id, createdAt: _createdAt, replaces: _replaces, voided: _voided, originalDate: _originalDate, ...rest } = o;
  return rest;
}

/**
 * Withdraws `current` (an observation as it counts now, dated by its original): a new record
 * referencing it with `voided: true`. The old records stay; the audit trail is the record chain.
 */
export async function voidObservation(db: PulsDb, current: BhkObservation, now: number = Date.now()): Promise<BhkObservation> {
  const originalDate = current.originalDate ?? current.date;
  return addObservation(db, { ...observationFields(current), date: originalDate, replaces: current.id, voided: true, originalDate }, now);
}

/**
 * Amends `current` with `next`. Answers, profession and texts change through a correction filed
 * under the original's date. A new date moves the observation to another period, which a
 * correction never does (domain/bhk-period.ts): the old one is voided and `next` recorded anew,
 * both in one transaction.
 */
export async function amendObservation(
  db: PulsDb,
  current: BhkObservation,
  next: NewObservation,
  now: number = Date.now(),
): Promise<void> {
  const originalDate = current.originalDate ?? current.date;
  const { replaces: _r, voided: _v, originalDate: _o, ...fields } = next;
  if (fields.date === originalDate) {
    await addObservation(db, { ...fields, replaces: current.id, originalDate }, now);
    return;
  }
  await writeTransaction(db, async () => {
    await addObservation(db, fields, now);
    await voidObservation(db, current, now);
  });
}

/** Key of the server's last answer for a unit's profession list, kept for offline use. */
const professionsCacheKey = (unitId: string) => `bhk.professions:${unitId}`;

/**
 * The profession list in force for `unitId`, or null for the default list: the nearest bhkConfig
 * row this device holds at or above the unit (a manager holds those of their subtree), else the
 * server's last answer (a tablet never pulls its region's row), else null.
 */
export async function getBhkProfessions(db: PulsDb, unitId: string): Promise<BhkProfession[] | null> {
  const units = await db.units.toArray();
  for (const id of [unitId, ...ancestorsOf(units, unitId)]) {
    const config = recordOf<BhkConfig>(await db.rows.get(['bhkConfig', bhkConfigIdFor(id)]));
    if (config !== undefined) return config.professions;
  }
  const cached = await db.meta.get(professionsCacheKey(unitId));
  const parsed = BhkConfigResponse.safeParse(cached?.value);
  return parsed.success && parsed.data.sourceUnitId !== null ? parsed.data.professions : null;
}

export async function cacheBhkProfessions(db: PulsDb, unitId: string, answer: BhkConfigResponse): Promise<void> {
  await db.meta.put({ key: professionsCacheKey(unitId), value: answer });
}

/** Sets the profession list of `unitId` (and so of every unit below without its own list). */
export async function saveBhkProfessions(db: PulsDb, unitId: string, professions: BhkProfession[], now: number = Date.now()): Promise<void> {
  await writeChange(db, { entity: 'bhkConfig', op: 'patch', id: bhkConfigIdFor(unitId), unitId, fields: { professions } }, now);
}

/** The list `unitId` sets itself (not inherited), or null when it has none. */
export async function getOwnBhkProfessions(db: PulsDb, unitId: string): Promise<BhkProfession[] | null> {
  return recordOf<BhkConfig>(await db.rows.get(['bhkConfig', bhkConfigIdFor(unitId)]))?.professions ?? null;
}
