/**
 * The indicator routes' answers (shared/indicators-api.ts): read from the fact tables and computed
 * by the same shared functions every device runs offline over its facts, so the server's figures
 * equal the device's by construction. No result is stored: a changed target or org tree shows in
 * every period at once.
 */
import { type IndicatorContext, indicatorReport, indicatorReportCompact, indicatorReportPacked, indicatorSeries } from '../../shared/domain/indicators';
import { indicatorCsvFilename, indicatorCsvRowsCompact } from '../../shared/domain/indicators/csv';
import { localDate } from '../../shared/domain/periods';
import { indicatorWorkbook } from '../../shared/export/indicator-sheet';
import type { Workbook } from '../../shared/export/sheet';
import type { CompactIndicatorReport, IndicatorConfigResponse, IndicatorReport, IndicatorSeries, PackedIndicatorReport } from '../../shared/indicators-api';
import { Indicator } from '../../shared/schema/indicator';
import { UnitSettings } from '../../shared/schema/unit-settings';
import { sqlFactReader } from '../facts/reader';
import type { OrgView } from '../org/view';
import type { Store, UnitRow } from '../store/store';
import { ancestorIndicatorRows, rowsOf } from './load';

/** Periods in a series when the query gives no count: a year and the month before it. */
export const DEFAULT_SERIES_COUNT = 13;

// The root or unit has been authorised by the route (http/route.ts); `org` is the request's tree.

/** The tree, definitions, quotas and facts of `root`'s subtree (issue 17: figures read facts,
 * reported values too, only those of the periods inside the ranges the report asks for). */
export async function contextOf(store: Store, org: OrgView, root: UnitRow, now: number): Promise<IndicatorContext> {
  const today = localDate(now);
  const reader = sqlFactReader(store, root.path, today);
  return {
    units: [...org.tree],
    rootId: root.id,
    today,
    indicatorRows: [...(await ancestorIndicatorRows(store, org, root.id)), ...(await rowsOf(store, 'indicator', Indicator, root.path, '', ''))],
    unitSettings: await rowsOf(store, 'unitSettings', UnitSettings, root.path, '', ''),
    reader,
    // From the facts (fact_reported), summed as they are read, the periods inside the report's
    // ranges only (fact-ops.ts reportedSums): read as rows and parsed, a region's two monthly
    // measures were ~70,000 rows and ~0.8 s a year report; as values, ~240 ms.
    reportedRows: [],
    reportedSums: reader.reportedSums,
  };
}

export async function indicatorReportFor(store: Store, org: OrgView, root: UnitRow, period: string, now: number): Promise<IndicatorReport> {
  return indicatorReport(await contextOf(store, org, root, now), period, now);
}

/** The report in the compact form (indicators-api.ts; the app's before the packed one), made as such. */
export async function compactReportFor(store: Store, org: OrgView, root: UnitRow, period: string, now: number): Promise<CompactIndicatorReport> {
  return indicatorReportCompact(await contextOf(store, org, root, now), period, now);
}

/** The report in the app's packed form (indicators-api.ts), made as such. */
export async function packedReportFor(store: Store, org: OrgView, root: UnitRow, period: string, now: number): Promise<PackedIndicatorReport> {
  return indicatorReportPacked(await contextOf(store, org, root, now), period, now);
}

export async function indicatorSeriesFor(
  store: Store,
  org: OrgView,
  unit: UnitRow,
  q: { key: string; to: string; count?: number | undefined },
  now: number,
): Promise<IndicatorSeries> {
  const count = q.count ?? DEFAULT_SERIES_COUNT;
  return indicatorSeries(await contextOf(store, org, unit, now), unit.id, q.key, q.to, count, now);
}

export async function indicatorConfigFor(store: Store, org: OrgView, unit: UnitRow): Promise<IndicatorConfigResponse> {
  return { rows: await ancestorIndicatorRows(store, org, unit.id) };
}

/** GET /api/export/indicators.xlsx (issue 16): the report as a typed workbook. */
export async function indicatorWorkbookFor(store: Store, org: OrgView, root: UnitRow, period: string, now: number): Promise<Workbook> {
  const report = await indicatorReportFor(store, org, root, period, now);
  return indicatorWorkbook(report, indicatorCsvFilename(report.nodes[0]?.name ?? report.rootId, report.period), 'sv');
}

/** GET /api/export/indicators.csv: made from the compact report (its cells as tuples, a region's 17,000). */
export async function indicatorExportFor(store: Store, org: OrgView, root: UnitRow, period: string, now: number): Promise<{ filename: string; rows: Iterable<string[]> }> {
  return indicatorCsvRowsCompact(await compactReportFor(store, org, root, period, now), 'sv');
}
