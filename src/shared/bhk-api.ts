/**
 * REST bodies of the BHK board's routes (src/client/README.md): the roll-up for any period, the
 * CSV export, and the profession list in force for a unit. The server parses queries with these;
 * the client parses answers with them. (GET /api/rollup/bhk?month= keeps its api.ts schemas.)
 */
import { z } from 'zod/mini';
import { BhkCountsSchema, BhkRollupNode } from './api';
import { BHK_SOURCES } from './domain/bhk-period';
import { periodRange } from './domain/periods';
import { BhkProfession, ProfessionCode } from './schema/bhk-config';
import { inQueryYears, UnitId } from './schema/ids';

/** Periods a BHK figure is reported for (docs/domain.md §2.2): ISO week, month, tertial, year. */
export const BHK_PERIOD_KINDS = ['week', 'month', 'tertial', 'year'] as const;
export type BhkPeriodKind = (typeof BHK_PERIOD_KINDS)[number];

export const BhkPeriodKey = z.string().check(
  z.maxLength(10),
  inQueryYears,
  z.refine((key) => {
    try {
      return (BHK_PERIOD_KINDS as readonly string[]).includes(periodRange(key).kind);
    } catch {
      return false;
    }
  }, 'period'),
);
export const BhkSourceSchema = z.enum(BHK_SOURCES);

export const BhkPeriodRollupQuery = z.strictObject({
  rootId: UnitId,
  period: BhkPeriodKey,
  source: z.optional(BhkSourceSchema),
});

const Count = z.int().check(z.gte(0));
export const ProfessionCountsSchema = z.strictObject({
  n: Count,
  selfAssessmentN: Count,
  hygieneAllOk: Count,
  dressAllOk: Count,
  totalAllOk: Count,
});
export const BhkPeriodRollupNode = z.extend(BhkRollupNode, {
  counts: BhkCountsSchema,
  /** Per profession code: pooled headline counts, each with its n. */
  professions: z.record(ProfessionCode, ProfessionCountsSchema),
});
export type BhkPeriodRollupNode = z.infer<typeof BhkPeriodRollupNode>;
export const BhkPeriodRollupResponse = z.strictObject({
  period: z.string(),
  source: BhkSourceSchema,
  rootId: UnitId,
  nodes: z.array(BhkPeriodRollupNode),
  /** The profession list in force at the root, for labels (codes outside it show as codes). */
  professions: z.array(BhkProfession),
});
export type BhkPeriodRollupResponse = z.infer<typeof BhkPeriodRollupResponse>;

export const BhkExportQuery = BhkPeriodRollupQuery;
/** The CSV as JSON, for the app's typed client (Accept: application/json). */
export const BhkExportResponse = z.strictObject({ filename: z.string(), csv: z.string() });
export type BhkExportResponse = z.infer<typeof BhkExportResponse>;

export const BhkConfigQuery = z.strictObject({ unitId: UnitId });
export const BhkConfigResponse = z.strictObject({
  /** The unit whose configuration applies (the unit itself or an ancestor); null = defaults. */
  sourceUnitId: z.nullable(UnitId),
  professions: z.array(BhkProfession),
});
export type BhkConfigResponse = z.infer<typeof BhkConfigResponse>;
