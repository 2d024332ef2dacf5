/**
 * Every synced entity, with its schema and merge mode.
 * - `append`: immutable records with client-generated UUIDv7 ids; inserts only, a replay is a no-op.
 * - `lww`: editable records with deterministic ids; patched per field, last writer by HLC wins;
 *   deletes are tombstones (sync/README.md rules 10–13).
 * Adding a board = adding its schema here. Rows of every entity live in one generic table on
 * each side (the device's Dexie `rows`, the server's `rows`, indexed by entity, unit and sortKey),
 * so a board needs no table of its own.
 */
import { z } from 'zod/mini';
import { BhkObservation } from './bhk-observation';
import { BhkConfig, bhkConfigIdFor } from './bhk-config';
import { settingsIdFor, UnitSettings } from './unit-settings';
import { SafetyDay, safetyDayDate, safetyDayOwnsId } from './safety-day';
import { SafetyEvent } from './safety-event';
import { SafetySettings, safetySettingsIdFor } from './safety-settings';
import { BedsDay, ownsBedsId } from './beds-day';
import { HrMonth, ownsHrMonthId } from './hr-month';
import { ownsShiftId, StaffingShift } from './staffing-shift';
import { StaffingSettings, staffingSettingsIdFor } from './staffing-settings';
import { Indicator, ownsIndicatorId } from './indicator';
import { Action } from './action';
import { Idea } from './idea';
import { MeetingLog, MeetingSettings, meetingSettingsIdFor, ownsMeetingLogId } from './meeting';

export const ENTITY_NAMES = ['bhkObservation', 'unitSettings', 'safetyEvent', 'safetyDay', 'safetySettings', 'staffingShift', 'hrMonth', 'bedsDay', 'staffingSettings', 'bhkConfig', 'indicator', 'action', 'idea', 'meetingLog', 'meetingSettings'] as const;
export const EntityName = z.enum(ENTITY_NAMES);
export type EntityName = z.infer<typeof EntityName>;

export type MergeMode = 'append' | 'lww';

export interface EntityDef {
  readonly mode: MergeMode;
  readonly schema: z.ZodMiniType;
  /** Fields a patch may never change: they decide where the row lives. */
  readonly immutable: readonly string[];
  /** Key both replicas index rows by within a unit (a date for dated records), '' if none. */
  readonly sortKey: (data: Readonly<Record<string, unknown>>) => string;
  /**
   * Deterministic ids name their unit: true if `id` may be a row of `unitId`. Without it, a
   * device could claim another unit's id first and lock that unit out of the row (rule 13).
   */
  readonly ownsId?: (id: string, unitId: string) => boolean;
}

const byDate = (data: Readonly<Record<string, unknown>>): string => (typeof data.date === 'string' ? data.date : '');

export const ENTITIES: Record<EntityName, EntityDef> = {
  // A correction is filed under its original's date (originalDate), so a period query finds it
  // even when it was made in another month (domain/bhk-period.ts).
  bhkObservation: {
    mode: 'append',
    schema: BhkObservation,
    immutable: ['id', 'unitId'],
    sortKey: (data) => (typeof data.originalDate === 'string' ? data.originalDate : byDate(data)),
  },
  bhkConfig: {
    mode: 'lww',
    schema: BhkConfig,
    immutable: ['id', 'unitId'],
    sortKey: () => '',
    ownsId: (id, unitId) => id === bhkConfigIdFor(unitId),
  },
  unitSettings: {
    mode: 'lww',
    schema: UnitSettings,
    immutable: ['id', 'unitId'],
    sortKey: () => '',
    ownsId: (id, unitId) => id === settingsIdFor(unitId),
  },
  // Gröna korset: events are append-only; the day's green confirmation and the unit's board
  // settings are lww cells with ids that name their unit (schema/safety-*.ts).
  safetyEvent: { mode: 'append', schema: SafetyEvent, immutable: ['id', 'unitId'], sortKey: byDate },
  safetyDay: {
    mode: 'lww',
    schema: SafetyDay,
    immutable: ['id', 'unitId'],
    sortKey: (data) => (typeof data.id === 'string' ? safetyDayDate(data.id) : ''),
    ownsId: safetyDayOwnsId,
  },
  safetySettings: {
    mode: 'lww',
    schema: SafetySettings,
    immutable: ['id', 'unitId'],
    sortKey: () => '',
    ownsId: (id, unitId) => id === safetySettingsIdFor(unitId),
  },
  // Bemanning: shifts, HR months and beds are lww cells whose ids name unit and day/month; every
  // write carries all counts of the cell (schema/staffing-shift.ts, hr-month.ts, beds-day.ts).
  staffingShift: { mode: 'lww', schema: StaffingShift, immutable: ['id', 'unitId', 'date', 'shift'], sortKey: byDate, ownsId: ownsShiftId },
  hrMonth: {
    mode: 'lww',
    schema: HrMonth,
    immutable: ['id', 'unitId', 'month'],
    sortKey: (data) => (typeof data.month === 'string' ? data.month : ''),
    ownsId: ownsHrMonthId,
  },
  bedsDay: { mode: 'lww', schema: BedsDay, immutable: ['id', 'unitId', 'date'], sortKey: byDate, ownsId: ownsBedsId },
  staffingSettings: {
    mode: 'lww',
    schema: StaffingSettings,
    immutable: ['id', 'unitId'],
    sortKey: () => '',
    ownsId: (id, unitId) => id === staffingSettingsIdFor(unitId),
  },
  // Indicators (issue 6): definition and target overrides per level, never stored results.
  indicator: { mode: 'lww', schema: Indicator, immutable: ['id', 'unitId', 'key'], sortKey: () => '', ownsId: ownsIndicatorId },
  // Pulse meeting (issue 7): actions and ideas are editable rows with UUIDv7 ids, escalated on the
  // row itself (schema/escalation.ts); the meeting log is one row per unit and day.
  action: { mode: 'lww', schema: Action, immutable: ['id', 'unitId', 'createdAt'], sortKey: () => '' },
  idea: { mode: 'lww', schema: Idea, immutable: ['id', 'unitId', 'createdAt'], sortKey: () => '' },
  meetingLog: { mode: 'lww', schema: MeetingLog, immutable: ['id', 'unitId', 'date'], sortKey: byDate, ownsId: ownsMeetingLogId },
  meetingSettings: {
    mode: 'lww',
    schema: MeetingSettings,
    immutable: ['id', 'unitId'],
    sortKey: () => '',
    ownsId: (id, unitId) => id === meetingSettingsIdFor(unitId),
  },
};

/**
 * The schema version the client writes into each change. Schemas change additively only, so a
 * change of any earlier version is valid as it is and nothing is upcast (sync/README.md rule 16).
 */
export const SCHEMA_VERSION = 1;
