/**
 * A region's (or any level's) BHK configuration: the profession list offered at entry. One
 * editable record per configuring unit (id `bhkconfig:<unitId>`); a unit uses the nearest
 * configuration at or above it, else DEFAULT_PROFESSIONS (docs/domain.md §2.1).
 */
import { z } from 'zod/mini';
import { UnitId } from './ids';
import { codeText, freeLine } from './text';

export const ProfessionCode = codeText(/^[a-z0-9_]{1,40}$/);

export const BhkProfession = z.strictObject({
  code: ProfessionCode,
  label: freeLine(60).check(z.trim(), z.minLength(1)),
  /** Hidden professions are no longer offered at entry but keep their label for old records. */
  hidden: z.optional(z.boolean()),
});
export type BhkProfession = z.infer<typeof BhkProfession>;

export const BhkProfessionList = z.array(BhkProfession).check(
  z.minLength(1),
  z.maxLength(30),
  z.refine((list) => new Set(list.map((p) => p.code)).size === list.length, 'duplicate-code'),
);

export const bhkConfigIdFor = (unitId: string) => `bhkconfig:${unitId}`;

export const BhkConfig = z
  .strictObject({
    id: z.string().check(z.regex(/^bhkconfig:[A-Za-z0-9_:.\-]+$/)),
    unitId: UnitId,
    professions: BhkProfessionList,
  })
  .check(z.refine((c) => c.id === bhkConfigIdFor(c.unitId), { path: ['id'] }));
export type BhkConfig = z.infer<typeof BhkConfig>;
