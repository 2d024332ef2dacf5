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
import { SafetyDay, safetyDayOwnsId } from './safety-day';
import { ENTITY_KEYS, type EntityKeys } from './entity-keys';
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
import { ownsReportedValueId, ReportedValue } from './reported-value';
import { GoalAnalysis, GoalItem, ownsGoalAnalysisId, StrategicAction } from './goal';

export const ENTITY_NAMES = ['bhkObservation', 'unitSettings', 'safetyEvent', 'safetyDay', 'safetySettings', 'staffingShift', 'hrMonth', 'bedsDay', 'staffingSettings', 'bhkConfig', 'indicator', 'action', 'idea', 'meetingLog', 'meetingSettings', 'reportedValue', 'goalItem', 'goalAnalysis', 'strategicAction'] as const;
export const EntityName = z.enum(ENTITY_NAMES);
export type EntityName = z.infer<typeof EntityName>;

export type MergeMode = 'append' | 'lww';

export interface EntityDef extends EntityKeys {
  readonly schema: z.ZodMiniType;
  /**
   * Deterministic ids name their unit: true if `id` may be a row of `unitId`. Without it, a
   * device could claim another unit's id first and lock that unit out of the row (rule 13).
   */
  readonly ownsId?: (id: string, unitId: string) => boolean;
}

const def = (entity: EntityName, schema: z.ZodMiniType, ownsId?: EntityDef['ownsId']): EntityDef => ({
  ...ENTITY_KEYS[entity],
  schema,
  ...(ownsId ? { ownsId } : {}),
});

/** Modes, immutable fields and sort keys are in entity-keys.ts (zod-free, for the merge). */
export const ENTITIES: Record<EntityName, EntityDef> = {
  bhkObservation: def('bhkObservation', BhkObservation),
  bhkConfig: def('bhkConfig', BhkConfig, (id, unitId) => id === bhkConfigIdFor(unitId)),
  unitSettings: def('unitSettings', UnitSettings, (id, unitId) => id === settingsIdFor(unitId)),
  safetyEvent: def('safetyEvent', SafetyEvent),
  safetyDay: def('safetyDay', SafetyDay, safetyDayOwnsId),
  safetySettings: def('safetySettings', SafetySettings, (id, unitId) => id === safetySettingsIdFor(unitId)),
  staffingShift: def('staffingShift', StaffingShift, ownsShiftId),
  hrMonth: def('hrMonth', HrMonth, ownsHrMonthId),
  bedsDay: def('bedsDay', BedsDay, ownsBedsId),
  staffingSettings: def('staffingSettings', StaffingSettings, (id, unitId) => id === staffingSettingsIdFor(unitId)),
  indicator: def('indicator', Indicator, ownsIndicatorId),
  action: def('action', Action),
  idea: def('idea', Idea),
  meetingLog: def('meetingLog', MeetingLog, ownsMeetingLogId),
  meetingSettings: def('meetingSettings', MeetingSettings, (id, unitId) => id === meetingSettingsIdFor(unitId)),
  reportedValue: def('reportedValue', ReportedValue, ownsReportedValueId),
  goalItem: def('goalItem', GoalItem),
  goalAnalysis: def('goalAnalysis', GoalAnalysis, ownsGoalAnalysisId),
  strategicAction: def('strategicAction', StrategicAction),
};

/**
 * The schema version the client writes into each change. Schemas change additively only, so a
 * change of any earlier version is valid as it is and nothing is upcast (sync/README.md rule 16).
 */
export const SCHEMA_VERSION = 1;
