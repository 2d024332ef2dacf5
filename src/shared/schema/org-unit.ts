/** Organisation unit: region → division → verksamhetsområde (VO) → enhet, any depth. */
import { z } from 'zod/mini';
import { Instant, UnitId } from './ids';
import { NameText } from './text';

export const UNIT_KINDS = ['region', 'division', 'vo', 'enhet'] as const;
export const UnitKind = z.enum(UNIT_KINDS);
export type UnitKind = z.infer<typeof UnitKind>;

export const OrgUnit = z.strictObject({
  id: UnitId,
  name: NameText,
  kind: UnitKind,
  /** null only for a root (normally the region). */
  parentId: z.nullable(UnitId),
  /** A closed unit keeps its history but takes no new records. ISO timestamp or null. */
  closedAt: z.nullable(Instant),
});
export type OrgUnit = z.infer<typeof OrgUnit>;
