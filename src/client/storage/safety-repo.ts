/**
 * Gröna korset on the device: events (append-only), the day's green confirmation (lww cell) and
 * the unit's board settings (lww). Reads come from the local replica, so the board works offline;
 * writes go through writeChange and reach the server via the outbox.
 *
 * The back-dating rule is asked here before anything is written (the server asks it again on
 * push), so a nurse hears "too far back" at once rather than as a rejection after the next sync.
 */
import { uuidv7 } from 'uuidv7';
import type { Role } from '../../shared/api';
import { backdateVerdict } from '../../shared/domain/safety-backdate';
import { localDate } from '../../shared/domain/periods';
import { AppError } from '../../shared/errors';
import { RecordId } from '../../shared/schema/ids';
import type { EntityName } from '../../shared/schema/registry';
import { type SafetyDay, safetyDayIdFor } from '../../shared/schema/safety-day';
import type { SafetyEvent } from '../../shared/schema/safety-event';
import { DEFAULT_SAFETY_SETTINGS } from '../../shared/domain/safety-defaults';
import { type SafetySettings, safetySettingsIdFor } from '../../shared/schema/safety-settings';
import type { PulsDb } from './db';
import { writeChange } from './records';
import { recordsOf } from './row-reader';
import { readSettings, saveSettings } from './settings-repo';

export type NewSafetyEvent = Omit<SafetyEvent, 'id' | 'createdAt' | 'replaces' | 'voided'>;

/** The unit's board settings, with defaults for every field nobody has set yet. */
export async function getSafetySettings(db: PulsDb, unitId: string): Promise<SafetySettings> {
  return { ...DEFAULT_SAFETY_SETTINGS, ...(await readSettings(db, 'safetySettings', unitId)), id: safetySettingsIdFor(unitId), unitId } as SafetySettings;
}

/** Saves the given fields only (a per-field patch, so two editors keep each other's changes). */
export async function saveSafetySettings(
  db: PulsDb,
  unitId: string,
  patch: Partial<Omit<SafetySettings, 'id' | 'unitId'>>,
  now: number = Date.now(),
): Promise<void> {
  await saveSettings(db, 'safetySettings', unitId, patch, now);
}

/** Throws AppError('backdate-window') for a day too far back for `role`, 'validation' for a future day. */
export async function assertDayWritable(db: PulsDb, unitId: string, date: string, role: Role, now: number): Promise<void> {
  const { backdateDays } = await getSafetySettings(db, unitId);
  const verdict = backdateVerdict(date, localDate(now), backdateDays, role);
  if (verdict === 'too-old') throw new AppError('backdate-window', { date, backdateDays }, ['date']);
  if (verdict === 'future') throw new AppError('validation', { date }, ['date']);
}

/** Records a new event with a fresh UUIDv7 id (rule 10) and returns it as stored. */
export async function addSafetyEvent(db: PulsDb, ev: NewSafetyEvent, role: Role, now: number = Date.now()): Promise<SafetyEvent> {
  await assertDayWritable(db, ev.unitId, ev.date, role, now);
  const record = { ...ev, id: RecordId.parse(uuidv7()), createdAt: new Date(now).toISOString() };
  await writeChange(db, { entity: 'safetyEvent', op: 'insert', id: record.id, unitId: record.unitId, fields: record }, now);
  return record;
}

/** Withdraws an event: a new record naming it in `replaces`, with `voided: true` (same unit and date). */
export async function voidSafetyEvent(db: PulsDb, original: SafetyEvent, role: Role, now: number = Date.now()): Promise<SafetyEvent> {
  await assertDayWritable(db, original.unitId, original.date, role, now);
  const { replaces: _r, voided: _v, ...rest } = original;
  const record: SafetyEvent = { ...rest, id: RecordId.parse(uuidv7()), createdAt: new Date(now).toISOString(), replaces: original.id, voided: true };
  await writeChange(db, { entity: 'safetyEvent', op: 'insert', id: record.id, unitId: record.unitId, fields: record }, now);
  return record;
}

/** Confirms a day green, or takes the confirmation back: a patch of the day's one field. */
export async function setDayConfirmed(
  db: PulsDb,
  unitId: string,
  date: string,
  confirmedGreen: boolean,
  role: Role,
  now: number = Date.now(),
): Promise<void> {
  await assertDayWritable(db, unitId, date, role, now);
  const id = safetyDayIdFor(unitId, date);
  await writeChange(db, { entity: 'safetyDay', op: 'patch', id, unitId, fields: { confirmedGreen } }, now);
}

/**
 * Every live row of `entity` for the unit. Listed by unit and filtered in memory: a unit's safety
 * history is small (a few rows a day), and counters need all of it across months anyway.
 */
async function unitRows<T>(db: PulsDb, entity: EntityName, unitId: string): Promise<T[]> {
  return recordsOf<T>(await db.rows.where('[entity+unitId]').equals([entity, unitId]).toArray());
}

/** Every event of the unit, corrections and voids included (resolving them is the domain's job). */
export async function listSafetyEvents(db: PulsDb, unitId: string): Promise<SafetyEvent[]> {
  // Rows were validated on the way in (writeChange, pull); inside the boundary we trust them.
  return unitRows<SafetyEvent>(db, 'safetyEvent', unitId);
}

export async function listSafetyDays(db: PulsDb, unitId: string): Promise<SafetyDay[]> {
  return unitRows<SafetyDay>(db, 'safetyDay', unitId);
}

/** Events and days of several units, for a manager's offline roll-up from the local replica. */
export async function listSafetyRows(db: PulsDb, unitIds: readonly string[]): Promise<{ events: SafetyEvent[]; days: SafetyDay[] }> {
  const events: SafetyEvent[] = [];
  const days: SafetyDay[] = [];
  for (const unitId of unitIds) {
    events.push(...(await listSafetyEvents(db, unitId)));
    days.push(...(await listSafetyDays(db, unitId)));
  }
  return { events, days };
}
