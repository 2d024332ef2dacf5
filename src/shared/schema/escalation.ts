/**
 * Escalation fields (issue 7, docs/domain.md §4.2), shared by actions and ideas. They live on the
 * item's own row (owned by the unit that raised it), so the raising unit's tablet, whose replica
 * holds only its own unit, sees every answer; every level above holds the row in its subtree.
 *
 *  - `escalatedTo`: the level that holds the item now (the unit's parent; that level may forward
 *    it to its own parent, which moves `escalatedTo` up the chain). null = not escalated.
 *  - `escalationStatus`: 'skickad' when raised or forwarded; the holding level answers
 *    mottagen / atgardas / lost / tillbaka (codes ASCII, UI says "åtgärdas", "löst").
 *  - `escalationReply`, `escalationAnsweredBy` (the level that answered), `escalationAnsweredAt`.
 *  Each is its own LWW field, so the unit editing the action while the division answers merges.
 */
import { z } from 'zod/mini';
import { Instant, UnitId } from './ids';
import { freeText } from './text';

export const ESCALATION_STATUSES = ['skickad', 'mottagen', 'atgardas', 'lost', 'tillbaka'] as const;
export const EscalationStatus = z.enum(ESCALATION_STATUSES);
export type EscalationStatus = z.infer<typeof EscalationStatus>;
/** The answers a holding level may give (not 'skickad', which only the sender writes). */
export const ESCALATION_ANSWERS = ['mottagen', 'atgardas', 'lost', 'tillbaka'] as const;

/** Re-exported: action.ts, idea.ts and meeting.ts take the timestamp shape from here. */
export { Instant };

export const escalationFields = {
  escalatedTo: z.optional(z.nullable(UnitId)),
  escalatedAt: z.optional(z.nullable(Instant)),
  escalationStatus: z.optional(z.nullable(EscalationStatus)),
  escalationReply: z.optional(z.nullable(freeText(300))),
  escalationAnsweredBy: z.optional(z.nullable(UnitId)),
  escalationAnsweredAt: z.optional(z.nullable(Instant)),
};
/** Fields only the holding level (or above) may write: the server's write rule checks scope. */
export const ANSWER_FIELDS = ['escalationStatus', 'escalationReply', 'escalationAnsweredBy', 'escalationAnsweredAt'] as const;
