/**
 * Pulse meeting (issue 7, docs/domain.md §4.1): a unit's agenda settings and the log of each meeting.
 *  - meetingSettings: one row per unit, id `meetingSettings:<unitId>`: agenda steps in order and
 *    the time box in minutes (defaults in domain/meeting/agenda.ts).
 *  - meetingLog: one row per unit and day, id `meetingLog:<unitId>:<date>`: facilitator
 *    (initials), number present, decisions, start/end; patched per field while the meeting runs.
 */
import { z } from 'zod/mini';
import { IdText, IsoDate, UnitId } from './ids';
import { Instant } from './escalation';
import { freeText } from './text';

export const AGENDA_STEPS = ['bemanning', 'patientsakerhet', 'hygien', 'mal', 'forbattringar', 'atgarder', 'eskalera', 'fokus'] as const;
export const AgendaStep = z.enum(AGENDA_STEPS);
export type AgendaStep = z.infer<typeof AgendaStep>;

export const meetingSettingsIdFor = (unitId: string): string => `meetingSettings:${unitId}`;
export const meetingLogIdFor = (unitId: string, date: string): string => `meetingLog:${unitId}:${date}`;
export function ownsMeetingLogId(id: string, unitId: string): boolean {
  const prefix = `meetingLog:${unitId}:`;
  return id.startsWith(prefix) && IsoDate.safeParse(id.slice(prefix.length)).success;
}

export const MeetingSettings = z.strictObject({
  id: IdText,
  unitId: UnitId,
  agenda: z.optional(
    z.array(AgendaStep).check(
      z.minLength(1),
      z.maxLength(AGENDA_STEPS.length),
      z.refine((a) => new Set(a).size === a.length),
    ),
  ),
  timeboxMinutes: z.optional(z.int().check(z.gte(5), z.lte(60))),
}).check(z.refine((s) => s.id === meetingSettingsIdFor(s.unitId), { path: ['id'] }));
export type MeetingSettings = z.infer<typeof MeetingSettings>;

/** Initials: 1–4 letters (å, ä, ö allowed), upper case. */
export const Initials = z.string().check(z.trim(), z.toUpperCase(), z.regex(/^[A-ZÅÄÖÆØÉÜ]{1,4}$/));

export const MeetingLog = z.strictObject({
  id: IdText,
  unitId: UnitId,
  date: IsoDate,
  facilitator: z.optional(z.nullable(Initials)),
  present: z.optional(z.nullable(z.int().check(z.gte(0), z.lte(500)))),
  decisions: z.optional(z.nullable(freeText(1500))),
  startedAt: z.optional(z.nullable(Instant)),
  endedAt: z.optional(z.nullable(Instant)),
  /** Seconds spent per agenda step, written when the meeting ends. */
  stepSeconds: z.optional(z.partialRecord(AgendaStep, z.int().check(z.gte(0), z.lte(86400)))),
}).check(z.refine((m) => m.id === meetingLogIdFor(m.unitId, m.date), { path: ['id'] }));
export type MeetingLog = z.infer<typeof MeetingLog>;
