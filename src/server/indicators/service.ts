/**
 * The indicator routes' answers (shared/indicators-api.ts): scope-checked, read from the fact
 * tables and computed by the same shared functions every device runs offline over its facts, so
 * the server's figures equal the device's by construction. No result is stored: a changed target
 * or org tree shows in every period at once.
 */
import { type IndicatorContext, indicatorCsv, indicatorReport, indicatorSeries } from '../../shared/domain/indicators';
import { localDate } from '../../shared/domain/periods';
import type { IndicatorConfigResponse, IndicatorReport, IndicatorSeries } from '../../shared/indicators-api';
import { Indicator } from '../../shared/schema/indicator';
import { UnitSettings } from '../../shared/schema/unit-settings';
import type { Principal } from '../auth/principal';
import { sqlFactReader } from '../facts/reader';
import type { Store, UnitRow } from '../store/store';
import { ancestorIndicatorRows, rowsOf, treeOf, unitInScope } from './load';

/** The tree, definitions, quotas and facts of `root`'s subtree (issue 17: figures read facts). */
async function contextOf(store: Store, units: readonly UnitRow[], root: UnitRow, now: number): Promise<IndicatorContext> {
  const today = localDate(now);
  return {
    units: treeOf(units),
    rootId: root.id,
    today,
    indicatorRows: [...(await ancestorIndicatorRows(store, units, root.id)), ...(await rowsOf(store, 'indicator', Indicator, root.path, '', ''))],
    unitSettings: await rowsOf(store, 'unitSettings', UnitSettings, root.path, '', ''),
    reader: sqlFactReader(store, root.path, today),
  };
}

/** Periods in a series when the query gives no count: a year and the month before it. */
export const DEFAULT_SERIES_COUNT = 13;

export async function indicatorReportFor(store: Store, p: Principal, rootId: string, period: string, now: number): Promise<IndicatorReport> {
  const { units, unit } = await unitInScope(store, p, rootId, 'rootId');
  return indicatorReport(await contextOf(store, units, unit, now), period, now);
}

export async function indicatorSeriesFor(
  store: Store,
  p: Principal,
  q: { unitId: string; key: string; to: string; count?: number | undefined },
  now: number,
): Promise<IndicatorSeries> {
  const { units, unit } = await unitInScope(store, p, q.unitId, 'unitId');
  const count = q.count ?? DEFAULT_SERIES_COUNT;
  return indicatorSeries(await contextOf(store, units, unit, now), q.unitId, q.key, q.to, count, now);
}

export async function indicatorConfigFor(store: Store, p: Principal, unitId: string): Promise<IndicatorConfigResponse> {
  const { units } = await unitInScope(store, p, unitId, 'unitId');
  return { rows: await ancestorIndicatorRows(store, units, unitId) };
}

export async function indicatorExportFor(store: Store, p: Principal, rootId: string, period: string, now: number): Promise<{ filename: string; csv: string }> {
  return indicatorCsv(await indicatorReportFor(store, p, rootId, period, now), 'sv');
}
