/**
 * Reported values (issue 13) as the server keeps them among its facts (fact_reported, migration
 * 0014): each live value as its schema parses it, one row a unit, period and measure. They are
 * stored as they are, not summed (a report pools them, domain/indicators/reported.ts), like the
 * HR months. The push keeps them (maintain.ts, at the address the row's id names), the build and
 * the rebuild check make them from the raw rows (build.ts), and the reports read them
 * (indicators/service.ts) instead of every raw row.
 */
import { ReportedValue } from '../../shared/schema/reported-value';
import { DELETED_FIELD, publicData, type RowState } from '../../shared/sync/merge';

/** The values among these rows' data that parse (a tombstone's or a broken row's do not count). */
export function reportedFactsOf(datas: readonly Record<string, unknown>[]): ReportedValue[] {
  const out: ReportedValue[] = [];
  for (const data of datas) {
    if (data[DELETED_FIELD] === true) continue;
    const p = ReportedValue.safeParse(publicData({ data } as RowState));
    if (p.success) out.push(p.data);
  }
  return out;
}

/** A reported value's fact as readable text (the rebuild check's comparison). */
export const reportedText = (v: ReportedValue): string => [v.num, v.den, v.numK, v.denK, v.numM, v.denM, v.source].join(',');
