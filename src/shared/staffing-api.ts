/**
 * Wire bodies of the staffing roll-up (GET /api/rollup/staffing). Raw pooled counts only, never
 * percentages: the client computes every figure from them with the shared domain functions.
 * Kept out of api.ts so these schemas load with the staffing chunk, not the first load.
 */
import { z } from 'zod/mini';
import { IsoDate, IsoMonth, QueryMonth, UnitId } from './schema/ids';
import { HrMonth } from './schema/hr-month';
import { UnitKind } from './schema/org-unit';

export const StaffingRollupQuery = z.strictObject({ rootId: UnitId, month: QueryMonth });

const Count = z.int().check(z.gte(0));
const Hours = z.number().check(z.gte(0));

const shiftCounts = { planned: Count, sick: Count, vab: Count, otherAbsence: Count, covered: Count, shifts: Count };
export const ShiftCountsSchema = z.strictObject(shiftCounts);
export const BoardCountsSchema = z.strictObject({ ...shiftCounts, filledDays: Count, expectedDays: Count });
export const HrCountsSchema = z.strictObject({
  units: Count,
  weightedUnits: Count,
  ordinaryHours: Hours,
  sickHours: Hours,
  korttidUnits: Count,
  korttidOrdinaryHours: Hours,
  korttidSickHours: Hours,
});
export const BedsCountsSchema = z.strictObject({
  days: Count,
  disponibla: Count,
  belagda: Count,
  overbelaggningar: Count,
  utlokaliserade: Count,
  utskrivningsklara: Count,
  units: Count,
  expectedUnits: Count,
});

export const StaffingRollupNode = z.strictObject({
  unitId: UnitId,
  name: z.string(),
  kind: UnitKind,
  parentId: z.nullable(UnitId),
  closed: z.boolean(),
  board: BoardCountsSchema,
  boardReporting: Count,
  boardExpected: Count,
  hr: HrCountsSchema,
  hrReporting: Count,
  hrExpected: Count,
  ownHr: z.nullable(HrMonth),
  beds: BedsCountsSchema,
  targetPct: z.nullable(z.number()),
});
export type StaffingRollupNode = z.infer<typeof StaffingRollupNode>;

export const StaffingTrendSchema = z.strictObject({
  range: z.strictObject({ from: IsoDate, shownFrom: IsoDate, to: IsoDate, months: z.array(IsoMonth) }),
  days: z.array(z.strictObject({ date: IsoDate, counts: z.nullable(ShiftCountsSchema), units: Count })),
  hrMonths: z.array(z.strictObject({ month: IsoMonth, hr: HrCountsSchema, own: z.nullable(HrMonth) })),
  targetPct: z.nullable(z.number()),
});

export const StaffingRollupResponse = z.strictObject({
  month: IsoMonth,
  rootId: UnitId,
  /** The server's today (Europe/Stockholm): the partial month is counted up to it. */
  today: IsoDate,
  nodes: z.array(StaffingRollupNode),
  /** Daily and monthly trend of the root's subtree. */
  trend: StaffingTrendSchema,
});
export type StaffingRollupResponse = z.infer<typeof StaffingRollupResponse>;
