/**
 * The indicator routes' answers (shared/indicators-api.ts): scope-checked, loaded from raw rows
 * and computed by the same shared functions a manager's device runs offline, so the server's
 * figures equal the device's by construction. Nothing is stored: a changed target or org tree
 * shows in every period at once.
 */
import { indicatorCsv, reportOfRows, reportRange, seriesOfRows, seriesRange } from '../../shared/domain/indicators';
import type { IndicatorConfigResponse, IndicatorReport, IndicatorSeries } from '../../shared/indicators-api';
import type { Principal } from '../auth/principal';
import type { Store } from '../store/store';
import { ancestorIndicatorRows, loadIndicatorInput, unitInScope } from './load';

/** Periods in a series when the query gives no count: a year and the month before it. */
export const DEFAULT_SERIES_COUNT = 13;

export async function indicatorReportFor(store: Store, p: Principal, rootId: string, period: string, now: number): Promise<IndicatorReport> {
  const { units, unit } = await unitInScope(store, p, rootId, 'rootId');
  const input = await loadIndicatorInput(store, units, unit, reportRange(period), now);
  return reportOfRows(input, period, now);
}

export async function indicatorSeriesFor(
  store: Store,
  p: Principal,
  q: { unitId: string; key: string; to: string; count?: number | undefined },
  now: number,
): Promise<IndicatorSeries> {
  const { units, unit } = await unitInScope(store, p, q.unitId, 'unitId');
  const count = q.count ?? DEFAULT_SERIES_COUNT;
  const input = await loadIndicatorInput(store, units, unit, seriesRange(q.to, count), now);
  return seriesOfRows(input, q.unitId, q.key, q.to, count, now);
}

export async function indicatorConfigFor(store: Store, p: Principal, unitId: string): Promise<IndicatorConfigResponse> {
  const { units } = await unitInScope(store, p, unitId, 'unitId');
  return { rows: await ancestorIndicatorRows(store, units, unitId) };
}

export async function indicatorExportFor(store: Store, p: Principal, rootId: string, period: string, now: number): Promise<{ filename: string; csv: string }> {
  return indicatorCsv(await indicatorReportFor(store, p, rootId, period, now), 'sv');
}
