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
  /**
   * Unused since issue 14 (one target per figure): the minimum n is the catalogue's (bhkTotal's
   * minN at the unit, domain/indicators/board-goal.ts). Kept readable because synced schemas only
   * grow (sync rule 16); a chosen value was moved into the catalogue once (docs/domain.md §5.5).
   */
  bhkMinN: z.int().check(z.gte(1), z.lte(1000)),
  /** Unused since issue 14, as bhkMinN: the target is bhkTotal's in the catalogue. */
  bhkTargetPct: z.number().check(z.gte(0), z.lte(100)),
}).check(z.refine((s) => s.id === settingsIdFor(s.unitId), { path: ['id'] }));
export type UnitSettings = z.infer<typeof UnitSettings>;

export const DEFAULT_UNIT_SETTINGS = { bhkMonthlyQuota: 10, bhkMinN: 10, bhkTargetPct: 80 } as const;
