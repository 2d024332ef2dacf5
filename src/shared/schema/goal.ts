/**
 * The goal document (issue 13, docs/domain.md §7): per perspective the region's strategiska mål,
 * under each its framgångsfaktorer, under each the styrmått, each level adding its own (a region
 * sets the goals, a division adds its styrmått, a VO may add its own); the analysis written per
 * styrmått and report period; the level's strategiska åtgärder with their follow-up per tertial.
 * All editable rows (lww, patched per field). Free text refuses personnummer.
 *
 *  - goalItem: UUIDv7 id. `kind` mål | faktor | styrmått; `parentId` the item above (a faktor
 *    under a mål, a styrmått under a faktor), null for a mål. A styrmått names the indicator it
 *    reads (`indicatorKey`, a board or a reported measure) or none ("Informationsunderlag till
 *    styrmåttet saknas"), its target as the seed writes it (GoalTarget) and its follow-up periods.
 *  - goalAnalysis: `goalAnalysis:<unitId>:<itemId>:<period>`, the level's analysis paragraph of a
 *    styrmått for a report period (`2026-DA04`, `2026-DA08`, `2026-AR`: DÅ04, DÅ08, ÅR), who wrote it and when.
 *  - strategicAction: UUIDv7 id; number, the mål it serves, title, description, ansvarig,
 *    tidplan, förväntad effekt, and per report period of its year a status and a comment
 *    (separate fields, so two people following up different tertials both keep their change).
 */
import { z } from 'zod/mini';
import { Instant, RecordId, UnitId } from './ids';
import { IndicatorKey, Perspective } from './indicator';
import { CellId, cellId } from './staffing-cell';
import { freeLine, freeText } from './text';

/** Report periods, ASCII in keys and ids; shown as DÅ04, DÅ08, ÅR (REPORT_PERIOD_LABEL). */
export const REPORT_PERIODS = ['DA04', 'DA08', 'AR'] as const;
export const ReportPeriodKind = z.enum(REPORT_PERIODS);
export type ReportPeriodKind = z.infer<typeof ReportPeriodKind>;
export const REPORT_PERIOD_LABEL: Record<ReportPeriodKind, string> = { DA04: 'DÅ04', DA08: 'DÅ08', AR: 'ÅR' };
/** A report period: `2026-DA04` (DÅ04, Jan–Apr), `2026-DA08` (DÅ08, Jan–Aug), `2026-AR` (ÅR, the year). */
export const REPORT_PERIOD = /^(\d{4})-(DA04|DA08|AR)$/;
export const ReportPeriod = z.string().check(z.regex(REPORT_PERIOD));

export const GOAL_KINDS = ['mal', 'faktor', 'styrmatt'] as const;

const Num = z.number().check(z.gte(-1e12), z.lte(1e12));

/**
 * A styrmått's target as the seed writes it, in the indicator's display unit:
 *  - gte/lte: "70 %", "Under 6,5 %", "Minst 89 %"; with `month` the target applies to that month
 *    of the year ("100 % i dec"), earlier periods are on the way to it;
 *  - increase/decrease: "Öka"/"Minska" against the same period last year;
 *  - change: "Minska med 50 % jmf 2020": `pct` (−50) against the same period of `baseYear`;
 *  - sex: "K 16,0 M 17,2": a bound per sex (`op` says which way).
 */
export const GoalTarget = z.union([
  z.strictObject({ op: z.enum(['gte', 'lte']), value: Num, month: z.optional(z.int().check(z.gte(1), z.lte(12))) }),
  z.strictObject({ op: z.enum(['increase', 'decrease']) }),
  z.strictObject({ op: z.literal('change'), pct: z.number().check(z.gte(-100), z.lte(1000)), baseYear: z.int().check(z.gte(2000), z.lte(2100)) }),
  z.strictObject({ op: z.literal('sex'), dir: z.enum(['gte', 'lte']), k: Num, m: Num }),
]);
export type GoalTarget = z.infer<typeof GoalTarget>;

export const GoalItem = z.strictObject({
  id: RecordId,
  unitId: UnitId,
  kind: z.enum(GOAL_KINDS),
  perspective: Perspective,
  parentId: z.nullable(RecordId),
  title: freeLine(300).check(z.minLength(1)),
  order: z.int().check(z.gte(0), z.lte(10000)),
  indicatorKey: z.optional(z.nullable(IndicatorKey)),
  target: z.optional(z.nullable(GoalTarget)),
  /** Follow-up periods ("DÅ04,08, ÅR"); none given = all three. */
  periods: z.optional(z.array(ReportPeriodKind).check(z.maxLength(3))),
  createdAt: Instant,
});
export type GoalItem = z.infer<typeof GoalItem>;

export const goalAnalysisIdFor = (unitId: string, itemId: string, period: string): string => cellId('goalAnalysis', unitId, `${itemId}:${period}`);
export function ownsGoalAnalysisId(id: string, unitId: string): boolean {
  const prefix = `goalAnalysis:${unitId}:`;
  if (!id.startsWith(prefix)) return false;
  const rest = id.slice(prefix.length);
  const at = rest.lastIndexOf(':');
  return at > 0 && REPORT_PERIOD.test(rest.slice(at + 1)) && /^[A-Za-z0-9_.-]+$/.test(rest.slice(0, at));
}

export const GoalAnalysis = z
  .strictObject({
    id: CellId,
    unitId: UnitId,
    itemId: RecordId,
    period: ReportPeriod,
    text: freeText(4000),
    /** Who wrote it (the account's display name) and when. */
    author: freeLine(120),
    writtenAt: Instant,
  })
  .check(z.refine((a) => a.id === goalAnalysisIdFor(a.unitId, a.itemId, a.period), { path: ['id'] }));
export type GoalAnalysis = z.infer<typeof GoalAnalysis>;

/** The seed's own words: Ej påbörjad, Pågår, Klar, Omtag behövs. */
export const ACTION_FOLLOW_STATUSES = ['ejPaborjad', 'pagar', 'klar', 'omtag'] as const;
export const FollowUp = z.nullable(z.strictObject({ status: z.enum(ACTION_FOLLOW_STATUSES), comment: freeText(1000) }));
export type FollowUp = z.infer<typeof FollowUp>;

export const StrategicAction = z.strictObject({
  id: RecordId,
  unitId: UnitId,
  year: z.int().check(z.gte(2000), z.lte(2100)),
  nr: z.int().check(z.gte(1), z.lte(999)),
  /** The strategiskt mål (a goalItem of kind mål) it serves, if any. */
  goalId: z.nullable(RecordId),
  perspective: Perspective,
  title: freeLine(300).check(z.minLength(1)),
  description: freeText(2000),
  ansvarig: freeLine(200),
  tidplan: freeLine(300),
  effekt: freeText(1000),
  followDA04: z.optional(FollowUp),
  followDA08: z.optional(FollowUp),
  followAR: z.optional(FollowUp),
  createdAt: Instant,
});
export type StrategicAction = z.infer<typeof StrategicAction>;

/** The follow-up field of a report period. */
export const FOLLOW_FIELD: Record<ReportPeriodKind, 'followDA04' | 'followDA08' | 'followAR'> = { DA04: 'followDA04', DA08: 'followDA08', AR: 'followAR' };

