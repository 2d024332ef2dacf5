/**
 * The goal document's routes (issue 13):
 *   GET /api/goals/report?rootId=…&period=…   TertialReport: the "Bilaga produktion och
 *       måluppfyllelse" of a level for a report period (`2026-DA04`, `2026-DA08`, `2026-AR`) or
 *       a month (`2026-03`)
 *   GET /api/goals/config?unitId=…   GoalConfigResponse: the goal items on unitId's ancestors
 *       (outside a device's replica), which the device caches to write the report offline
 * A manager's device computes the same report from its replica (domain/goals/report.ts).
 */
import { z } from 'zod/mini';
import { IndicatorStatus, TrendArrow } from './indicators-api';
import { GoalItem } from './schema/goal';
import { inQueryYears, UnitId } from './schema/ids';
import { IndicatorUnit, Perspective } from './schema/indicator';

export const GoalPeriodKey = z.string().check(z.regex(/^\d{4}-(DA04|DA08|AR|0[1-9]|1[0-2])$/), inQueryYears);
export const GoalReportQuery = z.strictObject({ rootId: UnitId, period: GoalPeriodKey });
export const GoalConfigQuery = z.strictObject({ unitId: UnitId });
export const GoalConfigResponse = z.strictObject({ items: z.array(GoalItem) });
export type GoalConfigResponse = z.infer<typeof GoalConfigResponse>;

const Num = z.nullable(z.number());

export const TertialRowSchema = z.strictObject({
  itemId: z.string(),
  faktor: z.string(),
  styrmatt: z.string(),
  target: z.string(),
  periods: z.string(),
  outcome: z.string(),
  unit: z.nullable(IndicatorUnit),
  value: Num,
  valueK: Num,
  valueM: Num,
  compareValue: Num,
  status: IndicatorStatus,
  trend: TrendArrow,
  improving: z.nullable(z.boolean()),
  missing: z.nullable(z.enum(['data', 'underlag'])),
  analysis: z.nullable(z.strictObject({ text: z.string(), author: z.string(), writtenAt: z.string() })),
});

export const TertialReportSchema = z.strictObject({
  rootId: z.string(),
  rootName: z.string(),
  period: z.string(),
  label: z.string(),
  computedAt: z.string(),
  perspectives: z.array(
    z.strictObject({
      perspective: Perspective,
      label: z.string(),
      goals: z.array(z.strictObject({ id: z.string(), title: z.string(), rows: z.array(TertialRowSchema) })),
    }),
  ),
  actions: z.array(
    z.strictObject({
      id: z.string(),
      nr: z.number(),
      perspective: Perspective,
      goal: z.string(),
      title: z.string(),
      description: z.string(),
      ansvarig: z.string(),
      tidplan: z.string(),
      effekt: z.string(),
      status: z.string(),
      comment: z.string(),
    }),
  ),
});
