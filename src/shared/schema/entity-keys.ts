/**
 * What the merge and the row stores need to know of each synced entity, without its schema: the
 * merge mode, the fields a patch may never change, and the key a unit's rows are listed by. Kept
 * apart from the zod schemas in registry.ts (which spreads these entries into ENTITIES) so the
 * device's row store and merge load without zod and every board's schema on the first load.
 */
import type { EntityName, MergeMode } from './registry';

type SortKey = (data: Readonly<Record<string, unknown>>) => string;

export interface EntityKeys {
  readonly mode: MergeMode;
  /** Fields a patch may never change: they decide where the row lives. */
  readonly immutable: readonly string[];
  /** Key both replicas index rows by within a unit (a date for dated records), '' if none. */
  readonly sortKey: SortKey;
}

const none: SortKey = () => '';
const byDate: SortKey = (data) => (typeof data.date === 'string' ? data.date : '');
const UNIT = ['id', 'unitId'] as const;
const lww = (sortKey: SortKey = none, immutable: readonly string[] = UNIT): EntityKeys => ({ mode: 'lww', immutable, sortKey });

export const ENTITY_KEYS: Record<EntityName, EntityKeys> = {
  // A correction is filed under its original's date (originalDate), so a period query finds it
  // even when it was made in another month (domain/bhk-period.ts).
  bhkObservation: {
    mode: 'append',
    immutable: UNIT,
    sortKey: (data) => (typeof data.originalDate === 'string' ? data.originalDate : byDate(data)),
  },
  bhkConfig: lww(),
  unitSettings: lww(),
  // Gröna korset: events are append-only; the day's green confirmation and the unit's board
  // settings are lww cells with ids that name their unit (schema/safety-*.ts).
  safetyEvent: { mode: 'append', immutable: UNIT, sortKey: byDate },
  // A safety day's id ends with its date (schema/safety-day.ts safetyDayDate).
  safetyDay: lww((data) => (typeof data.id === 'string' ? data.id.slice(-10) : '')),
  safetySettings: lww(),
  // Bemanning: shifts, HR months and beds are lww cells whose ids name unit and day/month; every
  // write carries all counts of the cell (schema/staffing-shift.ts, hr-month.ts, beds-day.ts).
  staffingShift: lww(byDate, ['id', 'unitId', 'date', 'shift']),
  // An HR month's id ends with its month: a removal's row (no fields) is listed under it too.
  hrMonth: lww((data) => (typeof data.month === 'string' ? data.month : typeof data.id === 'string' ? data.id.slice(-7) : ''), ['id', 'unitId', 'month']),
  bedsDay: lww(byDate, ['id', 'unitId', 'date']),
  staffingSettings: lww(),
  // Indicators (issue 6): definition and target overrides per level, never stored results.
  indicator: lww(none, ['id', 'unitId', 'key']),
  // Pulse meeting (issue 7): actions and ideas are editable rows with UUIDv7 ids, escalated on the
  // row itself (schema/escalation.ts); the meeting log is one row per unit and day.
  action: lww(none, ['id', 'unitId', 'createdAt']),
  idea: lww(none, ['id', 'unitId', 'createdAt']),
  meetingLog: lww(byDate, ['id', 'unitId', 'date']),
  meetingSettings: lww(),
  // Reported measures (issue 13): one cell per unit, measure and period, listed by period.
  reportedValue: lww((data) => (typeof data.period === 'string' ? data.period : ''), ['id', 'unitId', 'measure', 'period']),
  // The goal document (issue 13): items and strategic actions have UUIDv7 ids; an analysis is one
  // cell per level, styrmått and report period.
  goalItem: lww(none, ['id', 'unitId', 'createdAt']),
  goalAnalysis: lww((data) => (typeof data.period === 'string' ? data.period : ''), ['id', 'unitId', 'itemId', 'period']),
  strategicAction: lww(none, ['id', 'unitId', 'createdAt']),
};
