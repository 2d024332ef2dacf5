/**
 * Staffing of one shift on one day (docs/domain.md §3.2): counts only, never names or diagnoses
 * (sick leave is health data, GDPR art. 9). One editable row per unit, date and shift with a
 * deterministic id, so two tablets entering the same shift end up with one row (sync rule 11).
 *
 * Invariant: every write carries all five counts. Per-field merge then takes all of them from the
 * same (latest) write, so the cross-field rules below also hold for a merged row.
 */
import { z } from 'zod/mini';
import { IsoDate, UnitId } from './ids';
import { CellId, cellId, ownsCell, StaffCount } from './staffing-cell';
import { codeText } from './text';

export const ShiftCode = codeText(/^[a-z0-9_]{1,20}$/);
export const DEFAULT_SHIFTS = ['dag', 'kvall', 'natt'] as const;
/** Shifts a unit can choose from (staffingSettings.shifts); labels live in i18n. */
export const KNOWN_SHIFTS = ['dag', 'kvall', 'natt', 'dygn'] as const;

export const SHIFT_COUNT_FIELDS = ['planned', 'sick', 'vab', 'otherAbsence', 'covered'] as const;
export type ShiftCountField = (typeof SHIFT_COUNT_FIELDS)[number];

export const shiftIdFor = (unitId: string, date: string, shift: string): string => cellId('staffingShift', unitId, `${date}:${shift}`);
export const ownsShiftId = ownsCell('staffingShift', /^\d{4}-\d{2}-\d{2}:[a-z0-9_]{1,20}$/);

export const StaffingShift = z
  .strictObject({
    id: CellId,
    unitId: UnitId,
    date: IsoDate,
    shift: ShiftCode,
    /** Planerad bemanning: staff scheduled on the shift. */
    planned: StaffCount,
    /** Sjukfrånvarande among the scheduled. */
    sick: StaffCount,
    /** Absent caring for a sick child. */
    vab: StaffCount,
    otherAbsence: StaffCount,
    /** Absences covered by extra or hired staff (ersatt). */
    covered: StaffCount,
  })
  .check(
    z.superRefine((s, ctx) => {
      // The field path is the message: the client words it (first-load bytes are scarce).
      const issue = (path: string) => ctx.issues.push({ code: 'custom', path: [path], input: s });
      if (s.id !== shiftIdFor(s.unitId, s.date, s.shift)) issue('id');
      const absent = s.sick + s.vab + s.otherAbsence;
      // The path names the first count that takes the absences above the planned staffing.
      if (absent > s.planned) issue(s.sick > s.planned ? 'sick' : s.sick + s.vab > s.planned ? 'vab' : 'otherAbsence');
      if (s.covered > absent) issue('covered');
    }),
  );
export type StaffingShift = z.infer<typeof StaffingShift>;
