/**
 * A unit's day on Gröna korset: only the explicit green confirmation ("Bekräfta grönt" at the
 * pulse meeting) is stored. The day's colour is never stored: it is derived from this flag and the
 * day's events (domain/safety-colour.ts), so two tablets converge and a confirmation that meets an
 * event takes the event's colour while the change log keeps both writes.
 *
 * Editable (lww) with the deterministic id `safetyDay:<unitId>:<date>`: the id names the unit and
 * the date, so the date is not a field. Every write is a patch of `confirmedGreen` alone; a whole
 * record would stamp the immutable id fields with whichever write a replica happened to see first,
 * and replicas would differ in their merge metadata.
 */
import { z } from 'zod/mini';
import { IdText, IsoDate, UnitId } from './ids';

export const safetyDayIdFor = (unitId: string, date: string) => `safetyDay:${unitId}:${date}`;

/** The date a safety day id names (its last 10 characters; ids are checked by safetyDayOwnsId). */
export const safetyDayDate = (id: string): string => id.slice(-10);

/** True if `id` is a safety day of `unitId` on a valid date (the registry's ownsId, sync rule 13). */
export function safetyDayOwnsId(id: string, unitId: string): boolean {
  const prefix = `safetyDay:${unitId}:`;
  return id.startsWith(prefix) && IsoDate.safeParse(id.slice(prefix.length)).success;
}

export const SafetyDay = z
  .strictObject({
    /** `safetyDay:<unitId>:<valid date>`: checked here and by the registry's ownsId on every write,
     * so no stored row can name another unit or a date that does not exist. */
    id: IdText,
    unitId: UnitId,
    confirmedGreen: z.boolean(),
  })
  .check(z.refine((d) => safetyDayOwnsId(d.id, d.unitId), { path: ['id'] }));
export type SafetyDay = z.infer<typeof SafetyDay>;
