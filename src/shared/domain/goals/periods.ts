/**
 * Report periods of the tertial report (issue 13): DÅ04 = January–April, DÅ08 = January–August
 * (cumulative, as the delårsrapport counts), ÅR = the year, or any month. Keys `2026-DA04`,
 * `2026-DA08`, `2026-AR`, `2026-03`. Compared with the same range one year earlier.
 */
import { AppError } from '../../errors';
import { REPORT_PERIOD, REPORT_PERIOD_LABEL, type ReportPeriodKind } from '../../schema/goal';
import type { DateRange } from '../facts/plan';
import { daysInMonth } from '../periods';

export interface ReportRange extends DateRange {
  key: string;
  /** "DÅ04 2026", "Mars 2026". */
  label: string;
  kind: ReportPeriodKind | 'month';
  year: number;
  /** The last month of the range (1–12): a target due in a named month is judged from then. */
  lastMonth: number;
}

const MONTH_NAMES = ['Januari', 'Februari', 'Mars', 'April', 'Maj', 'Juni', 'Juli', 'Augusti', 'September', 'Oktober', 'November', 'December'];
const pad2 = (n: number) => String(n).padStart(2, '0');
const LAST: Record<ReportPeriodKind, number> = { DA04: 4, DA08: 8, AR: 12 };

export function reportPeriodRange(key: string): ReportRange {
  const r = REPORT_PERIOD.exec(key);
  if (r !== null) {
    const year = Number(r[1]);
    const kind = r[2] as ReportPeriodKind;
    const last = LAST[kind];
    const lastMonth = `${year}-${pad2(last)}`;
    return { key, label: `${REPORT_PERIOD_LABEL[kind]} ${year}`, kind, year, lastMonth: last, from: `${year}-01-01`, to: `${lastMonth}-${pad2(daysInMonth(lastMonth))}` };
  }
  const m = /^(\d{4})-(0[1-9]|1[0-2])$/.exec(key);
  if (m !== null && Number(m[1]) >= 1900 && Number(m[1]) <= 2199) {
    const month = Number(m[2]);
    return { key, label: `${MONTH_NAMES[month - 1]} ${m[1]}`, kind: 'month', year: Number(m[1]), lastMonth: month, from: `${key}-01`, to: `${key}-${pad2(daysInMonth(key))}` };
  }
  throw new AppError('validation', { period: key }, ['period']);
}

/** The same range `years` earlier (29 February becomes the 28th). */
export function shiftYears(r: DateRange, years: number): DateRange {
  const shift = (d: string) => {
    const y = Number(d.slice(0, 4)) - years;
    const month = `${y}-${d.slice(5, 7)}`;
    const day = Math.min(Number(d.slice(8, 10)), daysInMonth(month));
    return `${month}-${pad2(day)}`;
  };
  return { from: shift(r.from), to: shift(r.to) };
}

/** The report period kinds a date's year has reached so far, for a picker: DÅ04 from May on, and so on. */
export const REPORT_KINDS: readonly ReportPeriodKind[] = ['DA04', 'DA08', 'AR'];
