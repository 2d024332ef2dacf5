/**
 * Förbättringsidé (issue 7): a card on the unit's kanban Idé → Prioriterad → Pågår (PDSA) →
 * Klar, client-generated UUIDv7 id, patched per field; a short PDSA note per card. Can be
 * escalated like an action (schema/escalation.ts).
 */
import { z } from 'zod/mini';
import { RecordId, UnitId } from './ids';
import { escalationFields, Instant } from './escalation';
import { freeText } from './text';

export const IDEA_STAGES = ['ide', 'prioriterad', 'pagar', 'klar'] as const;
export const IdeaStage = z.enum(IDEA_STAGES);
export type IdeaStage = z.infer<typeof IdeaStage>;

export const Idea = z.strictObject({
  id: RecordId,
  unitId: UnitId,
  title: freeText(200).check(z.minLength(1)),
  stage: IdeaStage,
  owner: z.optional(z.nullable(freeText(40))),
  /** Plan–Do–Study–Act in a few lines. */
  pdsa: z.optional(z.nullable(freeText(800))),
  /** Order within the column (lower first). */
  rank: z.optional(z.number().check(z.gte(-1e12), z.lte(1e12))),
  createdAt: Instant,
  ...escalationFields,
});
export type Idea = z.infer<typeof Idea>;
