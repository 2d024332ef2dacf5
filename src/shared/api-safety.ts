/**
 * REST bodies of Gröna korset's roll-up (GET /api/rollup/safety). The server parses the query with
 * these; the client parses the answer. Counts only, never percentages (domain/safety-month.ts).
 */
import { z } from 'zod/mini';
import { IsoDate, IsoMonth, QueryMonth, UnitId } from './schema/ids';
import { UnitKind } from './schema/org-unit';
import { SafetyCategory } from './schema/safety-event';
import { sliceUsed, turn } from './domain/pace';
import { DAY_WIDTH, type DayCounts, emptyDay, type SafetyPool, safetyCountsOf } from './domain/safety-month';
import type { SafetyPoolView } from './domain/safety-rollup';

/**
 * `form=packed` asks for PackedSafetyRollupResponse (the app does), `form=compact` for
 * CompactSafetyRollupResponse (what the app asked for until 2026-12; a cached app may still ask).
 */
export const SafetyRollupQuery = z.strictObject({ rootId: UnitId, month: QueryMonth, form: z.optional(z.enum(['compact', 'packed'])) });

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

const dayTuple = (d: DayCounts): CompactDay => [d.gron, d.gul, d.orange, d.rod, d.ej_ifylld, d.idag];

/**
 * The compact form, node by node, giving the event loop a turn whenever the task's slice is used
 * (pace.ts): a region's ~47,000 days at once held a server's loop ~13 ms (issue 17).
 */
export async function compactSafetyRollup(r: SafetyRollupResponse): Promise<CompactSafetyRollupResponse> {
  return { ...r, form: 'compact', nodes: await withDays(r, (days) => days.map(dayTuple)) };
}

/** The nodes with their days in another form, node by node, with the event loop's turns (above). */
async function withDays<D>(r: SafetyRollupResponse, form: (days: readonly DayCounts[]) => D) {
  const nodes: (Omit<SafetyRollupNode, 'counts'> & { counts: { days: D; events: SafetyRollupNode['counts']['events'] } })[] = [];
  for (const n of r.nodes) {
    nodes.push({ ...n, counts: { days: form(n.counts.days), events: n.counts.events } });
    if (sliceUsed()) await turn();
  }
  return nodes;
}

/**
 * The packed form: as the compact one, except that a node whose every day holds at most one count,
 * and that one 1 (a unit's own cross: one status a day), has its days as one character a day: '-'
 * for none, '0'–'5' for the DAY_FIELDS index of its one. A region's 1,500 units' crosses are then
 * 31 characters each instead of 31 tuples: its month 0.43 MB of JSON instead of the compact form's
 * 1.01 MB, and the server's CPU for the answer ~133 → ~91 ms. Any other node keeps its tuples, so
 * the form says exactly what the full one does.
 */
const PackedDays = z.string().check(z.regex(/^[-0-5]{28,31}$/));
const PackedNode = z.strictObject({
  ...SafetyRollupNode.shape,
  counts: z.strictObject({ days: z.union([CompactNode.shape.counts.shape.days, PackedDays]), events: SafetyCountsSchema.shape.events }),
});
export const PackedSafetyRollupResponse = z.strictObject({ ...SafetyRollupResponse.shape, form: z.literal('packed'), nodes: z.array(PackedNode) });
export type PackedSafetyRollupResponse = z.infer<typeof PackedSafetyRollupResponse>;

/**
 * A node's days as characters, or null when a day holds more than a single one: `count(day, s)` is
 * the day's count of DAY_FIELDS[s] (from day records or from a pool, one rule for both).
 */
function dayChars(days: number, count: (day: number, field: number) => number): string | null {
  let out = '';
  for (let d = 0; d < days; d++) {
    let sum = 0;
    for (let f = 0; f < DAY_FIELDS.length; f++) sum += count(d, f);
    if (sum === 0) out += '-';
    else if (sum !== 1) return null;
    else {
      // Whole counts adding up to 1: one field is 1 (were none, the node keeps its tuples).
      let at = -1;
      for (let f = 0; f < DAY_FIELDS.length && at < 0; f++) if (count(d, f) === 1) at = f;
      if (at < 0) return null;
      out += String(at);
    }
  }
  return out;
}

const recordCount = (days: readonly DayCounts[]) => (d: number, f: number) => (days[d] as DayCounts)[DAY_FIELDS[f] as keyof DayCounts];

/** The packed form, node by node, with the event loop's turns as compactSafetyRollup. */
export async function packSafetyRollup(r: SafetyRollupResponse): Promise<PackedSafetyRollupResponse> {
  return { ...r, form: 'packed', nodes: await withDays(r, (days) => dayChars(days.length, recordCount(days)) ?? days.map(dayTuple)) };
}

/** The roll-up's head, and its nodes pooled (shared/domain/safety-rollup.ts safetyPoolViewsOf). */
export interface PooledSafetyRollup {
  month: string;
  rootId: string;
  today: string;
  nodes: readonly SafetyPoolView[];
}

/** A pool's days as tuples in DAY_FIELDS order (as dayTuple). */
function poolTuples(p: SafetyPool): CompactDay[] {
  const out: CompactDay[] = [];
  for (let i = 0; i < p.days.length; i += DAY_WIDTH) out.push(Array.from(p.days.subarray(i, i + DAY_WIDTH)) as CompactDay);
  return out;
}

const POOL_FORMS = {
  full: (p: SafetyPool) => safetyCountsOf(p).days,
  compact: poolTuples,
  packed: (p: SafetyPool) => dayChars(p.days.length / DAY_WIDTH, (d, f) => p.days[d * DAY_WIDTH + f] as number) ?? poolTuples(p),
} as const;

/**
 * The pooled roll-up in the form asked (undefined: the full one), node by node, with the event
 * loop's turns: what full, compactSafetyRollup and packSafetyRollup give of the same nodes, with
 * no day record made a unit on the way (a region's 1,500 crosses).
 */
export async function safetyRollupAnswer(r: PooledSafetyRollup, form: 'compact' | 'packed' | undefined): Promise<SafetyRollupResponse | CompactSafetyRollupResponse | PackedSafetyRollupResponse> {
  const write = POOL_FORMS[form ?? 'full'];
  const nodes = [];
  for (const n of r.nodes) {
    const counts = { days: write(n.counts), events: n.counts.events };
    nodes.push({ unitId: n.unitId, counts, expected: n.expected, reporting: n.reporting, name: n.name, kind: n.kind, parentId: n.parentId, closed: n.closed, leaf: n.leaf });
    if (sliceUsed()) await turn();
  }
  const head = { month: r.month, rootId: r.rootId, today: r.today };
  return (form === undefined ? { ...head, nodes } : { ...head, nodes, form }) as SafetyRollupResponse | CompactSafetyRollupResponse | PackedSafetyRollupResponse;
}

/** A day of the packed form: '-' none, else a single one at the DAY_FIELDS index the digit names. */
function dayOfChar(c: string): DayCounts {
  const day = emptyDay();
  if (c === '-') return day;
  const field = DAY_FIELDS[Number(c)];
  if (field === undefined || !/^[0-5]$/.test(c)) throw new Error(`packed day '${c}' names no status`);
  day[field] = 1;
  return day;
}

/** The full answer from the compact or the packed form. */
export function expandSafetyRollup(c: CompactSafetyRollupResponse | PackedSafetyRollupResponse): SafetyRollupResponse {
  const { form: _, ...rest } = c;
  return {
    ...rest,
    nodes: c.nodes.map((n) => {
      const days =
        typeof n.counts.days === 'string'
          ? [...n.counts.days].map(dayOfChar)
          : n.counts.days.map(([gron, gul, orange, rod, ej_ifylld, idag]) => ({ gron, gul, orange, rod, ej_ifylld, idag }));
      return { ...n, counts: { days, events: n.counts.events } };
    }),
  };
}
