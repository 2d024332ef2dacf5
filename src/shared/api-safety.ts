/**
 * REST bodies of Gröna korset's roll-up (GET /api/rollup/safety). The server parses the query with
 * these; the client parses the answer. Counts only, never percentages (domain/safety-month.ts).
 */
import { z } from 'zod/mini';
import { IsoDate, IsoMonth, QueryMonth, UnitId } from './schema/ids';
import { UnitKind } from './schema/org-unit';
import { SafetyCategory } from './schema/safety-event';
import { sliceUsed, turn } from './domain/pace';

/** `form=compact` asks for CompactSafetyRollupResponse (the app does). */
export const SafetyRollupQuery = z.strictObject({ rootId: UnitId, month: QueryMonth, form: z.optional(z.enum(['compact'])) });

const Count = z.int().check(z.gte(0));
const DayCountsSchema = z.strictObject({ gron: Count, gul: Count, orange: Count, rod: Count, ej_ifylld: Count, idag: Count });
const SeverityCountsSchema = z.strictObject({ gul: Count, orange: Count, rod: Count });
/** Wire form of SafetyCounts: per day of the month, units per status; events by category. */
export const SafetyCountsSchema = z.strictObject({
  days: z.array(DayCountsSchema).check(z.minLength(28), z.maxLength(31)),
  events: z.record(SafetyCategory, SeverityCountsSchema),
});

export const SafetyRollupNode = z.strictObject({
  unitId: UnitId,
  name: z.string(),
  kind: UnitKind,
  parentId: z.nullable(UnitId),
  closed: z.boolean(),
  /** No units below it: its counts hold exactly one status per filled day (its own cross). */
  leaf: z.boolean(),
  counts: SafetyCountsSchema,
  /** Completeness: open reporting units in the subtree with ≥ 1 filled day, and how many there are. */
  reporting: Count,
  expected: Count,
});
export type SafetyRollupNode = z.infer<typeof SafetyRollupNode>;

export const SafetyRollupResponse = z.strictObject({
  month: IsoMonth,
  rootId: UnitId,
  /** The server's today (Europe/Stockholm): days after it are future, blank. */
  today: IsoDate,
  nodes: z.array(SafetyRollupNode),
});
export type SafetyRollupResponse = z.infer<typeof SafetyRollupResponse>;

/**
 * The roll-up on the wire for the app (issue 17): a region's 1,500 crosses are ~46,000 day counts,
 * as objects 3.2 MB of repeated field names. Here each day is a tuple in DAY_FIELDS order; the rest
 * is as in SafetyRollupResponse. expandSafetyRollup gives back exactly the response.
 */
export const DAY_FIELDS = ['gron', 'gul', 'orange', 'rod', 'ej_ifylld', 'idag'] as const;
const CompactDay = z.tuple([Count, Count, Count, Count, Count, Count]);
type CompactDay = z.infer<typeof CompactDay>;
const CompactNode = z.strictObject({
  ...SafetyRollupNode.shape,
  counts: z.strictObject({ days: z.array(CompactDay).check(z.minLength(28), z.maxLength(31)), events: SafetyCountsSchema.shape.events }),
});
export const CompactSafetyRollupResponse = z.strictObject({ ...SafetyRollupResponse.shape, form: z.literal('compact'), nodes: z.array(CompactNode) });
export type CompactSafetyRollupResponse = z.infer<typeof CompactSafetyRollupResponse>;

const dayTuple = (d: SafetyRollupResponse['nodes'][number]['counts']['days'][number]): CompactDay => [d.gron, d.gul, d.orange, d.rod, d.ej_ifylld, d.idag];

/**
 * The compact form, node by node, giving the event loop a turn whenever the task's slice is used
 * (pace.ts): a region's ~47,000 days at once held a server's loop ~13 ms (issue 17).
 */
export async function compactSafetyRollup(r: SafetyRollupResponse): Promise<CompactSafetyRollupResponse> {
  const nodes: CompactSafetyRollupResponse['nodes'] = [];
  for (const n of r.nodes) {
    nodes.push({ ...n, counts: { days: n.counts.days.map(dayTuple), events: n.counts.events } });
    if (sliceUsed()) await turn();
  }
  return { ...r, form: 'compact', nodes };
}

export function expandSafetyRollup(c: CompactSafetyRollupResponse): SafetyRollupResponse {
  const { form: _, ...rest } = c;
  return {
    ...rest,
    nodes: c.nodes.map((n) => ({ ...n, counts: { days: n.counts.days.map(([gron, gul, orange, rod, ej_ifylld, idag]) => ({ gron, gul, orange, rod, ej_ifylld, idag })), events: n.counts.events } })),
  };
}
