/**
 * Reported values (issue 13) as the server keeps them among its facts (fact_reported, migration
 * 0014): each live value as its schema parses it, one row a unit, period and measure. They are
 * stored as they are, not summed (a report pools them, domain/indicators/reported.ts), like the
 * HR months. The push keeps them (maintain.ts), the build and the rebuild check make them from the
 * raw rows (build.ts), and the reports read them (indicators/service.ts) instead of every raw row.
 */
import { ReportedValue } from '../../shared/schema/reported-value';
import { DELETED_FIELD } from '../../shared/sync/merge';

/** The values among these rows' data that parse (a tombstone's or a broken row's do not count). */
export function reportedFactsOf(datas: readonly Record<string, unknown>[]): ReportedValue[] {
  const out: ReportedValue[] = [];
  for (const data of datas) {
    if (data[DELETED_FIELD] === true) continue;
    const { [DELETED_FIELD]: _, ...rest } = data;
    const p = ReportedValue.safeParse(rest);
    if (p.success) out.push(p.data);
  }
  return out;
}

/** Where a reported value's row keeps its fact: its unit, measure and period, from its id (a tombstone keeps its id). */
export function reportedAddress(unitId: string, id: string): { measure: string; period: string } | null {
  const prefix = `reportedValue:${unitId}:`;
  if (!id.startsWith(prefix)) return null;
  const [measure, period, ...rest] = id.slice(prefix.length).split(':');
  return measure === undefined || period === undefined || rest.length > 0 ? null : { measure, period };
}

/** A reported value's fact as readable text (the rebuild check's comparison). */
export const reportedText = (v: ReportedValue): string => [v.num, v.den, v.numK, v.denK, v.numM, v.denM, v.source].join(',');
