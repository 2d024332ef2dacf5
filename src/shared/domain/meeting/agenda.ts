/**
 * The pulse meeting's agenda (issue 7, docs/domain.md §4.1): steps in order and the time box. A unit
 * may set its own (schema/meeting.ts meetingSettings); unset fields fall back to these defaults.
 */
import { AGENDA_STEPS, type AgendaStep, type MeetingSettings } from '../../schema/meeting';

export const DEFAULT_AGENDA: readonly AgendaStep[] = ['bemanning', 'patientsakerhet', 'hygien', 'mal', 'forbattringar', 'atgarder', 'eskalera'];
export const DEFAULT_TIMEBOX_MINUTES = 15;

export interface MeetingConfig {
  agenda: AgendaStep[];
  timeboxMinutes: number;
}

/**
 * The agenda and time box in force. A stored agenda is cleaned defensively (unknown or repeated
 * steps dropped; empty → default), a time box outside 5–60 minutes falls back to the default.
 */
export function meetingConfig(s?: Partial<MeetingSettings> | null): MeetingConfig {
  const known = new Set<string>(AGENDA_STEPS);
  const agenda = [...new Set((s?.agenda ?? []).filter((step) => known.has(step)))];
  const t = s?.timeboxMinutes;
  const timeboxMinutes = typeof t === 'number' && Number.isInteger(t) && t >= 5 && t <= 60 ? t : DEFAULT_TIMEBOX_MINUTES;
  return { agenda: agenda.length > 0 ? agenda : [...DEFAULT_AGENDA], timeboxMinutes };
}

/** Steps a unit can still add to its agenda (those in AGENDA_STEPS not in `agenda`). */
export function missingSteps(agenda: readonly AgendaStep[]): AgendaStep[] {
  return AGENDA_STEPS.filter((s) => !agenda.includes(s));
}

/** `agenda` with the step at `index` moved by `delta` places (clamped); a copy, never in place. */
export function moveStep(agenda: readonly AgendaStep[], index: number, delta: number): AgendaStep[] {
  const out = [...agenda];
  if (index < 0 || index >= out.length) return out;
  const to = Math.min(out.length - 1, Math.max(0, index + delta));
  const [step] = out.splice(index, 1);
  out.splice(to, 0, step as AgendaStep);
  return out;
}
