/**
 * Åtgärdslista (issue 7): one editable row per action, client-generated UUIDv7 id, patched per
 * field (two tablets editing owner and status at once both keep their change). Deleting is a
 * tombstone. `cause` links what prompted it (a red day on the cross, a low BHK month, …).
 * Initials or a role only: never a patient, free text refuses personnummer.
 */
import { z } from 'zod/mini';
import { IsoDate, RecordId, UnitId } from './ids';
import { escalationFields, Instant } from './escalation';
import { freeText } from './text';

export const ACTION_STATUSES = ['oppen', 'pagar', 'klar'] as const;
export const ActionStatus = z.enum(ACTION_STATUSES);
export type ActionStatus = z.infer<typeof ActionStatus>;

/** `strategic` (issue 13): the unit's action carries out a strategic action of a level (ref = its id). */
export const CAUSE_KINDS = ['safetyDay', 'bhkPeriod', 'staffing', 'indicator', 'meeting', 'idea', 'other', 'strategic'] as const;
export const ActionCause = z.strictObject({
  kind: z.enum(CAUSE_KINDS),
  /** What it points at: a date, a period key, an indicator key, an idea id… (≤ 120 chars). It
   * arrives in a link's query (features/improvements/cause-link.ts), so it is free text too. */
  ref: freeText(120),
  /** Shown as written, e.g. "Röd dag 2026-11-20 (fall)" or "BHK 2026-10: 72 %". */
  label: freeText(160),
});
export type ActionCause = z.infer<typeof ActionCause>;

export const Action = z.strictObject({
  id: RecordId,
  unitId: UnitId,
  title: freeText(200).check(z.minLength(1)),
  /** Initials or role ("AB", "Usk natt"). */
  owner: z.optional(z.nullable(freeText(40))),
  due: z.optional(z.nullable(IsoDate)),
  status: ActionStatus,
  note: z.optional(z.nullable(freeText(500))),
  cause: z.optional(z.nullable(ActionCause)),
  createdAt: Instant,
  ...escalationFields,
});
export type Action = z.infer<typeof Action>;
