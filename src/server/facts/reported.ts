/**
 * Reported values (issue 13) as the server keeps them among its facts (fact_reported, migration
 * 0014): each live value as its schema parses it, one row a unit, period and measure. They are
 * stored as they are, not summed (a report pools them, domain/indicators/reported.ts), like the
 * HR months. The push keeps them (maintain.ts, at the address the row's id names), the build and
 * the rebuild check make them from the raw rows (build.ts), and the reports read them
 * (indicators/service.ts) instead of every raw row. Beside them, their year-to-month sums
 * (fact_reported_c, migration 0016: yearToMonthSums), which a range from 1 January reads
 * instead of its values (yearToMonthOf).
 */
import { reportedSumsOf } from '../../shared/domain/indicators/reported';
import type { DateRange, ReportedSums } from '../../shared/domain/indicators/types';
import { periodRange } from '../../shared/domain/periods';
import { ReportedValue, reportedValueIdFor } from '../../shared/schema/reported-value';
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

const orNull = (x: unknown): number | null => (x === null || x === undefined ? null : Number(x));

/** A fact_reported row (snake_case columns; a driver may give numbers as text) as the value it holds. */
export const reportedOfRow = (r: Record<string, unknown>): ReportedValue =>
  ({
    id: reportedValueIdFor(r.unit_id as string, r.measure as string, r.period as string),
    unitId: r.unit_id,
    measure: r.measure,
    period: r.period,
    num: Number(r.num),
    den: orNull(r.den),
    numK: orNull(r.num_k),
    denK: orNull(r.den_k),
    numM: orNull(r.num_m),
    denM: orNull(r.den_m),
    source: r.source,
  }) as ReportedValue;

/** A reported value's fact as readable text (the rebuild check's comparison). */
export const reportedText = (v: ReportedValue): string => [v.num, v.den, v.numK, v.denK, v.numM, v.denM, v.source].join(',');

/** One year-to-month sum (fact_reported_c): a unit's values of a measure in the months of a year up to `month`, summed. */
export interface ReportedYearToMonth {
  unitId: string;
  measure: string;
  /** YYYY-MM: the sums hold every value of the year whose period ends by this month's end. */
  month: string;
  sums: ReportedSums;
}

const MONTHS = Array.from({ length: 12 }, (_, m) => String(m + 1).padStart(2, '0'));

/**
 * The year-to-month sums of one unit's values (any measures and years): per measure, year Y and
 * month M, reportedSumsOf of the values over [Y-01-01, end of M], the range a year report reads
 * up to its last whole month. Summed by the one shared function, in its order, so a sum read from
 * these rows is the double the device sums from the values (reported.ts). A month with nothing
 * up to it has no row.
 */
export function yearToMonthSums(values: readonly ReportedValue[]): ReportedYearToMonth[] {
  const groups = new Map<string, ReportedValue[]>();
  for (const v of values) {
    const key = `${v.unitId}\u0000${v.measure}\u0000${v.period.slice(0, 4)}`;
    const list = groups.get(key);
    if (list === undefined) groups.set(key, [v]);
    else list.push(v);
  }
  const out: ReportedYearToMonth[] = [];
  for (const list of groups.values()) {
    const { unitId, measure, period } = list[0] as ReportedValue;
    const year = period.slice(0, 4);
    for (const mm of MONTHS) {
      const month = `${year}-${mm}`;
      const sums = reportedSumsOf(list, { from: `${year}-01-01`, to: periodRange(month).to }).get(measure);
      if (sums !== undefined) out.push({ unitId, measure, month, sums });
    }
  }
  return out;
}

/**
 * The month whose year-to-month sums equal a range's values, when it has one: a range from 1
 * January to a day of the same year. Every reported period ends at a month's end, so the values
 * wholly inside it are those up to its last whole month. `null`: no whole month (nothing inside);
 * `undefined`: not such a range (its values are read one by one).
 */
export function yearToMonthOf(range: DateRange): string | null | undefined {
  const year = range.from.slice(0, 4);
  if (range.from !== `${year}-01-01` || range.to.slice(0, 4) !== year) return undefined;
  const month = range.to.slice(0, 7);
  if (periodRange(month).to === range.to) return month;
  return month.endsWith('-01') ? null : `${year}-${String(Number(month.slice(5)) - 1).padStart(2, '0')}`;
}

/** A year-to-month row as readable text (the rebuild check's comparison). */
export const yearToMonthText = (s: ReportedSums): string => [s.units, s.num, s.den, s.kUnits, s.numK, s.denK, s.mUnits, s.numM, s.denM].join(',');
