/**
 * The morning entry as drafts, one per shift, and the rules that turn them into writes. Pure, so
 * the tap paths are tested without a DOM.
 *
 * A shift the unit saved today shows what was saved. Otherwise yesterday's planned staffing for
 * the same shift is offered as a suggestion (absences start at 0), so a normal morning is: check
 * the planned numbers, tap + for each absence, Spara. A shift with no planned number is not filled
 * in, and stays a gap; emptying a saved shift removes it.
 */
import { SHIFT_COUNT_FIELDS, shiftIdFor, type ShiftCountField, type StaffingShift } from '../../../shared/schema/staffing-shift';

export type DraftOrigin = 'saved' | 'suggested' | 'new';

export interface ShiftDraft {
  shift: string;
  /** planned null: not filled in. */
  counts: Record<ShiftCountField, number | null>;
  origin: DraftOrigin;
  /** Changed since it was shown. */
  dirty: boolean;
}

const ZERO_ABSENCES = { sick: 0, vab: 0, otherAbsence: 0, covered: 0 };

export function initialDrafts(shifts: readonly string[], today: readonly StaffingShift[], yesterday: readonly StaffingShift[]): ShiftDraft[] {
  // Shifts saved today but no longer in the unit's list are still shown, so they can be corrected.
  const order = [...shifts, ...today.map((s) => s.shift).filter((s) => !shifts.includes(s))];
  return order.map((shift): ShiftDraft => {
    const saved = today.find((s) => s.shift === shift);
    if (saved !== undefined) {
      const { planned, sick, vab, otherAbsence, covered } = saved;
      return { shift, counts: { planned, sick, vab, otherAbsence, covered }, origin: 'saved', dirty: false };
    }
    const before = yesterday.find((s) => s.shift === shift);
    if (before !== undefined) return { shift, counts: { planned: before.planned, ...ZERO_ABSENCES }, origin: 'suggested', dirty: false };
    return { shift, counts: { planned: null, ...ZERO_ABSENCES }, origin: 'new', dirty: false };
  });
}

/** Whole numbers 0–999; anything else (a blank field) is read as "not given" for planned, 0 for the rest. */
export function setCount(d: ShiftDraft, field: ShiftCountField, value: number | null): ShiftDraft {
  const clean = value === null || !Number.isFinite(value) ? null : Math.min(999, Math.max(0, Math.trunc(value)));
  const next = field === 'planned' ? clean : (clean ?? 0);
  return { ...d, counts: { ...d.counts, [field]: next }, dirty: true };
}

export function step(d: ShiftDraft, field: ShiftCountField, delta: 1 | -1): ShiftDraft {
  const current = d.counts[field];
  return setCount(d, field, current === null ? (delta > 0 ? 1 : null) : current + delta);
}

/** Empties the shift: not filled in. A saved shift is then removed on save. */
export const clearDraft = (d: ShiftDraft): ShiftDraft => ({ ...d, counts: { planned: null, ...ZERO_ABSENCES }, dirty: true });

export type ProblemKey = 'needPlanned' | 'absentOverPlanned' | 'coveredOverAbsent';
export interface DraftProblem {
  field: ShiftCountField;
  key: ProblemKey;
}

/** What is wrong with a draft, in the schema's terms (the field that tips it over), or null. */
export function problemOf(d: ShiftDraft): DraftProblem | null {
  const { planned, sick, vab, otherAbsence, covered } = d.counts;
  const absent = (sick ?? 0) + (vab ?? 0) + (otherAbsence ?? 0);
  if (planned === null) return absent + (covered ?? 0) > 0 ? { field: 'planned', key: 'needPlanned' } : null;
  if (absent > planned) {
    const field = (sick ?? 0) > planned ? 'sick' : (sick ?? 0) + (vab ?? 0) > planned ? 'vab' : 'otherAbsence';
    return { field, key: 'absentOverPlanned' };
  }
  if ((covered ?? 0) > absent) return { field: 'covered', key: 'coveredOverAbsent' };
  return null;
}

export interface DayPlan {
  save: StaffingShift[];
  remove: { id: string; unitId: string }[];
  problems: { shift: string; problem: DraftProblem }[];
}

/** Saved shifts left unchanged are not written again; suggestions are written when saved. */
export function planDay(drafts: readonly ShiftDraft[], unitId: string, date: string): DayPlan {
  const plan: DayPlan = { save: [], remove: [], problems: [] };
  for (const d of drafts) {
    const problem = problemOf(d);
    if (problem !== null) {
      plan.problems.push({ shift: d.shift, problem });
      continue;
    }
    const id = shiftIdFor(unitId, date, d.shift);
    if (d.counts.planned === null) {
      if (d.origin === 'saved') plan.remove.push({ id, unitId });
      continue;
    }
    if (d.origin === 'saved' && !d.dirty) continue;
    const counts = Object.fromEntries(SHIFT_COUNT_FIELDS.map((f) => [f, d.counts[f] ?? 0])) as Record<ShiftCountField, number>;
    plan.save.push({ id, unitId, date, shift: d.shift, ...counts } as StaffingShift);
  }
  return plan;
}

/** Fresh drafts from stored data, keeping the ones the user is editing (another tablet saved meanwhile). */
export function refreshDrafts(current: readonly ShiftDraft[], fresh: readonly ShiftDraft[]): ShiftDraft[] {
  return fresh.map((f) => current.find((c) => c.shift === f.shift && c.dirty) ?? f);
}

/** After a save: what was written is now saved, emptied shifts are gaps again. */
export function markSaved(drafts: readonly ShiftDraft[]): ShiftDraft[] {
  return drafts.map((d) => ({ ...d, origin: d.counts.planned === null ? 'new' : 'saved', dirty: false }));
}

/** For each shift, its latest entry in the week before `date`: the starting point offered today. */
export function previousShifts(rows: readonly StaffingShift[], date: string, weekBefore: string): StaffingShift[] {
  const latest = new Map<string, StaffingShift>();
  for (const r of rows) {
    if (r.date >= date || r.date < weekBefore) continue;
    const seen = latest.get(r.shift);
    if (seen === undefined || r.date > seen.date) latest.set(r.shift, r);
  }
  return [...latest.values()];
}
