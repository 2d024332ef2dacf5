/**
 * Per-unit settings: an editable record (one per unit, id = `settings:<unitId>`), merged per
 * field by hybrid logical clock when two devices edit it offline.
 */
import { z } from 'zod/mini';
import { UnitId } from './ids';

export const settingsIdFor = (unitId: string) => `settings:${unitId}`;

export const UnitSettings = z.strictObject({
  id: z.string().check(z.regex(/^settings:[A-Za-z0-9_:.\-]+$/)),
  unitId: UnitId,
  /** BHK observations expected per month (docs/domain.md §2.1: 10 on a normal-size unit). */
  bhkMonthlyQuota: z.int().check(z.gte(0), z.lte(1000)),
  /** Below this n a figure is shown grey, "för få observationer". */
  bhkMinN: z.int().check(z.gte(1), z.lte(1000)),
  /** Target for total compliance, percent. */
  bhkTargetPct: z.number().check(z.gte(0), z.lte(100)),
}).check(z.refine((s) => s.id === settingsIdFor(s.unitId), { path: ['id'] }));
export type UnitSettings = z.infer<typeof UnitSettings>;

export const DEFAULT_UNIT_SETTINGS = { bhkMonthlyQuota: 10, bhkMinN: 10, bhkTargetPct: 80 } as const;
