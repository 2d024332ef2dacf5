/**
 * The trend chart's data in uPlot's columnar form: x ascending (unix seconds), one column per
 * series, null for gaps (a day nobody filled in is never drawn as 0). Pure, unit-tested; the
 * component only hands it to uPlot.
 *
 * Columns: [x, daily share, rolling 7 days, rolling 30 days, HR kvot of the day's month, target].
 */
import { hrFigure } from '../../../shared/domain/staffing-hr';
import { rollingShares, sickShare } from '../../../shared/domain/staffing';
import type { StaffingTrend } from '../../../shared/domain/staffing-trend';

export type TrendColumns = [number[], (number | null)[], (number | null)[], (number | null)[], (number | null)[], (number | null)[]];

/** Noon UTC: the same calendar day in every European time zone, so ticks never slip a day. */
export const dayToX = (date: string): number => Date.UTC(Number(date.slice(0, 4)), Number(date.slice(5, 7)) - 1, Number(date.slice(8, 10)), 12) / 1000;

/** The HR figure a level is judged by: its own HR row if the HR system gave one, else the weighted kvot. */
export function hrKvot(m: StaffingTrend['hrMonths'][number] | undefined): number | null {
  if (m === undefined) return null;
  return m.own?.kvotTotal ?? hrFigure(m.hr).kvotPct;
}

export function trendColumns(trend: Pick<StaffingTrend, 'range' | 'days' | 'hrMonths' | 'targetPct'>): TrendColumns {
  const r7 = rollingShares(trend.days, 7);
  const r30 = rollingShares(trend.days, 30);
  const hrByMonth = new Map(trend.hrMonths.map((m) => [m.month, hrKvot(m)]));
  const cols: TrendColumns = [[], [], [], [], [], []];
  trend.days.forEach((d, i) => {
    // The lead-in days only fill the rolling windows; they are not drawn.
    if (d.date < trend.range.shownFrom) return;
    cols[0].push(dayToX(d.date));
    cols[1].push(sickShare(d.counts).pct);
    cols[2].push(r7[i] ?? null);
    cols[3].push(r30[i] ?? null);
    cols[4].push(hrByMonth.get(d.date.slice(0, 7)) ?? null);
    cols[5].push(trend.targetPct);
  });
  return cols;
}

/** The top of the y axis: the highest value drawn rounded up to 5 %, at least 10 %. */
export const yCeiling = (dataMax: number | null): number => Math.max(10, Math.ceil((dataMax ?? 0) / 5) * 5);
