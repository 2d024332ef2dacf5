/**
 * A unit's staffing-board settings (one editable row per unit, id `staffingSettings:<unitId>`),
 * patched per field. Missing fields take STAFFING_DEFAULTS. Kept apart from unitSettings so each
 * board owns its own settings record.
 */
import { z } from 'zod/mini';
import { UnitId } from './ids';
import { CellId, Pct } from './staffing-cell';
import { DEFAULT_SHIFTS, ShiftCode } from './staffing-shift';

export const staffingSettingsIdFor = (unitId: string): string => `staffingSettings:${unitId}`;

export const StaffingSettings = z.strictObject({
  id: CellId,
  unitId: UnitId,
  /** The unit's shifts in board order (a mottagning may have only 'dag'). */
  shifts: z.optional(
    z.array(ShiftCode).check(
      z.minLength(1),
      z.maxLength(6),
      z.refine((a) => new Set(a).size === a.length),
    ),
  ),
  /** Show beds entry (vårdavdelningar). */
  bedsEnabled: z.optional(z.boolean()),
  /**
   * Unused since issue 14 (one target per figure): the sick-leave targets are the catalogue's
   * (sickShare, hrKvot). Kept readable because synced schemas only grow (sync rule 16); a chosen
   * value was moved into the catalogue once (docs/domain.md §5.5).
   */
  targetPct: z.optional(z.nullable(Pct)),
  /** Reports on weekdays only (a mottagning): weekends are not counted as missing days. */
  weekdaysOnly: z.optional(z.boolean()),
}).check(z.refine((s) => s.id === staffingSettingsIdFor(s.unitId), { path: ['id'] }));
export type StaffingSettings = z.infer<typeof StaffingSettings>;

export interface StaffingConfig {
  shifts: readonly string[];
  bedsEnabled: boolean;
  targetPct: number | null;
  weekdaysOnly: boolean;
}

export const STAFFING_DEFAULTS: StaffingConfig = { shifts: DEFAULT_SHIFTS, bedsEnabled: false, targetPct: null, weekdaysOnly: false };

/** Stored settings (possibly partial) with defaults for what nobody has set. */
export function staffingConfig(s: Partial<StaffingSettings> | undefined): StaffingConfig {
  return {
    shifts: s?.shifts ?? STAFFING_DEFAULTS.shifts,
    bedsEnabled: s?.bedsEnabled ?? false,
    targetPct: s?.targetPct ?? null,
    weekdaysOnly: s?.weekdaysOnly ?? false,
  };
}
