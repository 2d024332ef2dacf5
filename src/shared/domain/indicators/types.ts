/**
 * Inputs and intermediate facts of the indicator computations (issue 6). The figures read the
 * boards' facts through a FactReader (domain/facts/reader.ts): the server's over its fact tables,
 * a manager's device over the fact blocks it pulled, a unit's device (and the tests) over facts
 * computed from raw rows (IndicatorInput, contextFromRows). All call the same functions
 * (report.ts), so their figures agree by construction.
 */
import type { BhkObservation } from '../../schema/bhk-observation';
import type { HrMonth } from '../../schema/hr-month';
import type { Indicator, Metric } from '../../schema/indicator';
import type { ReportedValue } from '../../schema/reported-value';
import type { SafetyDay } from '../../schema/safety-day';
import type { SafetyEvent } from '../../schema/safety-event';
import type { StaffingSettings } from '../../schema/staffing-settings';
import type { StaffingShift } from '../../schema/staffing-shift';
import type { UnitSettings } from '../../schema/unit-settings';
import type { FactReader } from '../facts/reader';
import type { TreeUnit } from '../rollup';
import type { ReportedSumsByUnit } from './reported';

/** What a report or series needs besides the facts: the tree, the definitions and the quotas. */
export interface IndicatorContext {
  /** The whole known tree, ancestors of the root included (definitions resolve along the path). */
  units: TreeUnit[];
  rootId: string;
  /** Today in Europe/Stockholm (YYYY-MM-DD): later days are not counted. */
  today: string;
  /** Indicator rows on the ancestors of the root AND in its subtree. */
  indicatorRows: Indicator[];
  /** The units' settings (the BHK quota); units without one have the default. */
  unitSettings: UnitSettings[];
  /** The facts of the root's subtree. */
  reader: FactReader;
  /** Reported measures' values (issue 13) in the root's subtree (a device's rows or fact blocks). */
  reportedRows: ReportedValue[];
  /**
   * The same values summed per unit and measure for each of the ranges (reported.ts
   * reportedSumsByRange), as a server reads them: when given, it is used instead of reportedRows.
   */
  reportedSums?: (ranges: readonly DateRange[]) => Promise<ReportedSumsByUnit[]>;
}

/** Raw rows of a subtree: what a unit's device holds, and what the tests feed both sides. */
export interface IndicatorInput {
  /** The whole known tree, ancestors of the root included (definitions resolve along the path). */
  units: TreeUnit[];
  rootId: string;
  /** Today in Europe/Stockholm (YYYY-MM-DD): later days are not counted. */
  today: string;
  /** Indicator rows on the ancestors of the root AND in its subtree. */
  indicatorRows: Indicator[];
  bhk: BhkObservation[];
  unitSettings: UnitSettings[];
  safetyEvents: SafetyEvent[];
  safetyDays: SafetyDay[];
  shifts: StaffingShift[];
  staffingSettings: StaffingSettings[];
  hrMonths: HrMonth[];
  /** Reported measures' values (issue 13); none when left out. */
  reported?: ReportedValue[];
}

/** An input with no rows yet: the one place that lists every kind of row. */
export function emptyInput(units: TreeUnit[], rootId: string, today: string): IndicatorInput {
  return { units, rootId, today, indicatorRows: [], bhk: [], unitSettings: [], safetyEvents: [], safetyDays: [], shifts: [], staffingSettings: [], hrMonths: [], reported: [] };
}

export interface DateRange {
  /** First day, inclusive (YYYY-MM-DD). */
  from: string;
  /** Last day, inclusive. */
  to: string;
}

/** Hours-weighted HR sums (staffing-hr.ts), total and per sex. */
export interface HrSums {
  /** Units × months with an HR figure (a unit with 4 months in a tertial counts 4). */
  months: number;
  hours: number;
  sick: number;
  kHours: number;
  kSick: number;
  mHours: number;
  mSick: number;
}

/** A reported measure's sums (reported.ts): values behind it, Σnum, Σden, and the same per sex. */
export interface ReportedSums {
  /** Units with at least one value in the range (completeness: "9 av 11 enheter"). */
  reporters: number;
  /** Values behind the sums (a unit with 4 months in a tertial counts 4). */
  units: number;
  num: number;
  den: number;
  kUnits: number;
  numK: number;
  denK: number;
  mUnits: number;
  numM: number;
  denM: number;
}

/**
 * Facts of a unit (or, pooled, of a level) for a date range. Everything is a sum, except
 * `daysSinceFall` (the smallest among the units that have a value) and HR (hours-weighted sums).
 */
export interface Facts {
  metrics: Record<Metric, number>;
  /** Days since the last fall as of min(range end, today); null when no unit has a value. */
  daysSinceFall: number | null;
  hr: HrSums;
  /** Per metric: open leaf units with data of that metric's kind (completeness per indicator). */
  reporting: Record<Metric, number>;
  /** Reported measures (issue 13) by measure key: sums of the leaf units' values in the range. */
  reported: ReadonlyMap<string, ReportedSums>;
}
