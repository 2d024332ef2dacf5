/**
 * The FactReader (shared/domain/facts/reader.ts) over the server's fact tables for one root's
 * subtree: every sum is done in SQL, one statement per family for all the segments a request needs
 * (plan.ts, with the server's year-to-month rows), so a region's year is a few thousand rows summed
 * in the database, not a walk over raw rows in Node; the store adds each segment's sums into the
 * ranges that hold it as they come.
 */
import { type PlanOptions, planRanges, usesCumulative } from '../../shared/domain/facts/plan';
import type { FactReader } from '../../shared/domain/facts/reader';
import type { ReportedSumsByUnit } from '../../shared/domain/indicators/reported';
import type { DateRange } from '../../shared/domain/indicators/types';
import type { Scope } from '../store/fact-ops';
import type { StoreTx } from '../store/store';

/** The server's tables hold year-to-month rows and every month's row, written with its days (plan.ts). */
export const SERVER_PLAN: PlanOptions = { cumulative: true, allMonths: true };

/** `reportedSums`: the subtree's reported values summed per range (IndicatorContext.reportedSums), through the same scope. */
export function sqlFactReader(tx: Pick<StoreTx, 'facts'>, scopePath: string, today: string): FactReader & { reportedSums: (ranges: readonly DateRange[]) => Promise<ReportedSumsByUnit[]> } {
  const f = tx.facts;
  // One scope for all of the reader's reads (a reader serves one request): its units are looked up once (fact-ops.ts Scope).
  const scope: Scope = { path: scopePath };
  return {
    sums: async (family, ranges, collapse, fields) => {
      if (ranges.length === 0) return [];
      const plan = planRanges(ranges, today, usesCumulative(SERVER_PLAN, family, collapse));
      return f.sumSegments(family, scope, plan.segments, collapse, fields, plan.parts);
    },
    days: (family, from, to, fields) => f.days(family, scope, from, to, fields),
    byDay: (family, from, to) => f.byDay(family, scope, from, to),
    lastFalls: (ranges) => f.lastFalls(scope, ranges),
    hrMonths: (fromMonth, toMonth) => f.hrMonths(scope, fromMonth, toMonth),
    reportedSums: (ranges) => f.reportedSums(scope, ranges),
  };
}
