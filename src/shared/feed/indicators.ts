/**
 * The indicator report as feed rows (issue 16): one row per node × indicator with the value and
 * its parts (numerator, denominator, n), so a BI tool can pool levels itself. Pure.
 */
import type { IndicatorReport } from '../indicators-api';
import type { FeedRow } from './tables';

export const INDICATOR_FEED_COLUMNS = [
  'unitId', 'unitName', 'level', 'depth', 'parentId', 'indicator', 'indicatorName', 'unit', 'period',
  'value', 'numerator', 'denominator', 'n', 'targetOp', 'targetValue', 'status', 'trend', 'improving',
  'comparePeriod', 'compareValue', 'reporting', 'expected',
] as const;

export function indicatorFeedRows(report: IndicatorReport): FeedRow[] {
  const nodes = new Map(report.nodes.map((n) => [n.id as string, n]));
  const defs = new Map(report.defs.map((d) => [d.key as string, d]));
  return report.cells.map((c) => {
    const node = nodes.get(c.unitId);
    const def = defs.get(c.key);
    return {
      unitId: c.unitId,
      unitName: node?.name ?? null,
      level: node?.kind ?? null,
      depth: node?.depth ?? null,
      parentId: node?.parentId ?? null,
      indicator: c.key,
      indicatorName: def?.name.sv ?? null,
      unit: def?.unit ?? null,
      period: report.period,
      value: c.value,
      numerator: c.num,
      denominator: c.den,
      n: c.n,
      targetOp: c.target?.op ?? null,
      targetValue: c.target?.value ?? null,
      status: c.status,
      trend: c.trend,
      improving: c.improving,
      comparePeriod: c.comparePeriod,
      compareValue: c.compareValue,
      reporting: c.reporting,
      expected: c.expected,
    };
  });
}
