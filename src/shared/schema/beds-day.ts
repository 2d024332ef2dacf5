/**
 * The day's beds as reported at the pulse meeting (docs/domain.md §4.1 item 3), optional per unit
 * (staffingSettings.bedsEnabled). Counts only. One editable row per unit and day, every write
 * carrying all counts.
 */
import { z } from 'zod/mini';
import { IsoDate, UnitId } from './ids';
import { CellId, cellId, DATE_KEY, ownsCell, StaffCount } from './staffing-cell';

export const BEDS_FIELDS = ['disponibla', 'belagda', 'overbelaggningar', 'utlokaliserade', 'utskrivningsklara'] as const;
export type BedsField = (typeof BEDS_FIELDS)[number];

export const bedsIdFor = (unitId: string, date: string): string => cellId('bedsDay', unitId, date);
export const ownsBedsId = ownsCell('bedsDay', DATE_KEY);

export const BedsDay = z
  .strictObject({
    id: CellId,
    unitId: UnitId,
    date: IsoDate,
    /** Disponibla vårdplatser: staffed beds. */
    disponibla: StaffCount,
    /** Belagda: inpatients on the unit, överbelagda included. */
    belagda: StaffCount,
    /** Patients beyond the disponibla beds. */
    overbelaggningar: StaffCount,
    /** The unit's patients cared for on another unit. */
    utlokaliserade: StaffCount,
    /** Medically ready for discharge, still here. */
    utskrivningsklara: StaffCount,
  })
  .check(z.refine((b) => b.id === bedsIdFor(b.unitId, b.date), { path: ['id'] }));
export type BedsDay = z.infer<typeof BedsDay>;
