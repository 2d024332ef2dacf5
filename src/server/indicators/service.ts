/**
 * The indicator routes' answers (shared/indicators-api.ts): scope-checked, loaded from raw rows
 * and computed by the same shared functions a manager's device runs offline, so the server's
 * figures equal the device's by construction. Nothing is stored: a changed target or org tree
 * shows in every period at once.
 */
import { indicatorCsv, indicatorReport, indicatorSeries, reportRange, seriesRange } from '../../shared/domain/indicators';
import type { IndicatorConfigResponse, IndicatorReport, IndicatorSeries } from '../../shared/indicators-api';
import type { OrgView } from '../org/view';
import type { Store, UnitRow } from '../store/store';
import { ancestorIndicatorRows, loadIndicatorInput } from './load';

/** Periods in a series when the query gives no count: a year and the month before it. */
export const DEFAULT_SERIES_COUNT = 13;

// The root or unit has been authorised by the route (http/route.ts); `org` is the request's tree.

export async function indicatorReportFor(store: Store, org: OrgView, root: UnitRow, period: string, now: number): Promise<IndicatorReport> {
  const input = await loadIndicatorInput(store, org, root, reportRange(period), now);
  return indicatorReport(input, period, now);
}

export async function indicatorSeriesFor(
  store: Store,
  org: OrgView,
  unit: UnitRow,
  q: { key: string; to: string; count?: number | undefined },
  now: number,
): Promise<IndicatorSeries> {
  const count = q.count ?? DEFAULT_SERIES_COUNT;
  const input = await loadIndicatorInput(store, org, unit, seriesRange(q.to, count), now);
  return indicatorSeries(input, unit.id, q.key, q.to, count, now);
}

export async function indicatorConfigFor(store: Store, org: OrgView, unit: UnitRow): Promise<IndicatorConfigResponse> {
  return { rows: await ancestorIndicatorRows(store, org, unit.id) };
}

export async function indicatorExportFor(store: Store, org: OrgView, root: UnitRow, period: string, now: number): Promise<{ filename: string; csv: string }> {
  return indicatorCsv(await indicatorReportFor(store, org, root, period, now), 'sv');
}
