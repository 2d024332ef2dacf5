/**
 * REST bodies of Gröna korset's roll-up (GET /api/rollup/safety). The server parses the query with
 * these; the client parses the answer. Counts only, never percentages (domain/safety-month.ts).
 */
import { z } from 'zod/mini';
import { IsoDate, IsoMonth, QueryMonth, UnitId } from './schema/ids';
import { UnitKind } from './schema/org-unit';
import { SafetyCategory } from './schema/safety-event';

export const SafetyRollupQuery = z.strictObject({ rootId: UnitId, month: QueryMonth });

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
