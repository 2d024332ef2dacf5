/**
 * How a unit runs its Gröna korset board: one record per unit (id `safetySettings:<unitId>`),
 * merged per field (lww). A separate entity rather than fields on unitSettings, so that only
 * managers may change it (the server's write rule) while BHK settings stay as they are.
 * Defaults live in domain/safety-defaults.ts, outside the first load.
 */
import { z } from 'zod/mini';
import { IdText, UnitId } from './ids';
import { SafetyCategory } from './safety-event';

export const safetySettingsIdFor = (unitId: string) => `safetySettings:${unitId}`;

export const SafetySettings = z.strictObject({
  /** `safetySettings:<unitId>`, checked here and by the registry's ownsId on every write. */
  id: IdText,
  unitId: UnitId,
  /** The categories offered when registering, in this order. */
  categories: z.array(SafetyCategory).check(z.minLength(1), z.maxLength(20)),
  /** 4 = grön, gul, orange, röd (the default); 3 = grön, gul, röd. */
  levels: z.union([z.literal(3), z.literal(4)]),
  /** Categories with a cross of their own ("fallkorset"); empty = one cross for all harms. */
  crossCategories: z.array(SafetyCategory).check(z.maxLength(6)),
  /** Staff and tablets may enter or change days at most this many days back; older needs a manager. */
  backdateDays: z.int().check(z.gte(0), z.lte(60)),
}).check(z.refine((s) => s.id === safetySettingsIdFor(s.unitId), { path: ['id'] }));
export type SafetySettings = z.infer<typeof SafetySettings>;

