/**
 * The board kit's settings repository. Every board keeps its settings in one lww row per unit with
 * a deterministic id. The row is only ever patched, one field at a time (two tablets that each
 * change a different setting offline must both keep their change, rule 11), so a stored row holds
 * the fields somebody set and nothing else: a board reads them over its own defaults.
 */
import { meetingSettingsIdFor } from '../../shared/schema/meeting';
import { safetySettingsIdFor } from '../../shared/schema/safety-settings';
import { staffingSettingsIdFor } from '../../shared/schema/staffing-settings';
import { settingsIdFor } from '../../shared/schema/unit-settings';
import { publicData } from '../../shared/sync/merge';
import type { PulsDb } from './db';
import { writeChange } from './records';

const SETTINGS_IDS = {
  unitSettings: settingsIdFor,
  safetySettings: safetySettingsIdFor,
  staffingSettings: staffingSettingsIdFor,
  meetingSettings: meetingSettingsIdFor,
} as const;

export type SettingsEntity = keyof typeof SETTINGS_IDS;

/** The fields set on the unit's settings row ({} when none is); each was validated when written. */
export async function readSettings(db: PulsDb, entity: SettingsEntity, unitId: string): Promise<Record<string, unknown>> {
  const row = await db.rows.get([entity, SETTINGS_IDS[entity](unitId)]);
  return row && !row.deleted && row.unitId === unitId ? publicData(row) : {};
}

/** Saves the given fields only, as a per-field patch; undefined fields are left as they are. */
export async function saveSettings(db: PulsDb, entity: SettingsEntity, unitId: string, patch: Readonly<Record<string, unknown>>, now: number = Date.now()): Promise<void> {
  const fields = Object.fromEntries(Object.entries(patch).filter(([, value]) => value !== undefined));
  if (Object.keys(fields).length === 0) return;
  await writeChange(db, { entity, op: 'patch', id: SETTINGS_IDS[entity](unitId), unitId, fields }, now);
}
