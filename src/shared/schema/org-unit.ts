/** Organisation unit: region → division → verksamhetsområde (VO) → enhet, any depth. */
import { z } from 'zod/mini';
import { Instant, UnitId } from './ids';
import { NameText } from './text';

export const UNIT_KINDS = ['region', 'division', 'vo', 'enhet'] as const;
export const UnitKind = z.enum(UNIT_KINDS);
export type UnitKind = z.infer<typeof UnitKind>;

/**
 * A unit's HSA-id (issue 12): "SE", the organisation number's ten digits, a dash and the local
 * part, e.g. SE2321000016-15CQ. Unique where set.
 */
export const HsaId = z.string().check(z.trim(), z.regex(/^SE[0-9]{10}-[A-Za-z0-9]{1,31}$/));

export const OrgUnit = z.strictObject({
  id: UnitId,
  name: NameText,
  kind: UnitKind,
  /** null only for a root (normally the region). */
  parentId: z.nullable(UnitId),
  /** A closed unit keeps its history but takes no new records. ISO timestamp or null. */
  closedAt: z.nullable(Instant),
  /** The unit's HSA-id, when the region has given it (issue 12). */
  hsaId: z.optional(z.nullable(HsaId)),
});
export type OrgUnit = z.infer<typeof OrgUnit>;
