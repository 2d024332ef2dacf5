/** Indicator routes (issue 6, shared/indicators-api.ts): report, series, config and the CSV export; the goal document's (issue 13, shared/goals-api.ts). */
import type { FastifyInstance } from 'fastify';
import { IndicatorConfigQuery, IndicatorReportQuery, IndicatorReportRouteQuery, IndicatorSeriesQuery } from '../../shared/indicators-api';
import { GoalConfigQuery, GoalReportQuery } from '../../shared/goals-api';
import { XLSX_TYPE, xlsxFile } from '../export/xlsx';
import { goalConfigFor, tertialReportFor } from '../indicators/goals';
import { compactReportFor, indicatorConfigFor, indicatorExportFor, indicatorReportFor, indicatorSeriesFor, indicatorWorkbookFor, packedReportFor } from '../indicators/service';
import type { Store } from '../store/store';
import { csvReply, xlsxReply } from './file-reply';
import { jsonReply } from './json-stream';
import { route, unitRule } from './route';

export function indicatorRoutes(app: FastifyInstance, store: Store, now: () => number) {
  const read = (field: string) => unitRule('read', 'query', field);
  route(app, 'GET', '/api/indicators/report', { rule: read('rootId'), query: IndicatorReportRouteQuery }, async ({ reply, query, unit, org }) => {
    // The packed and compact forms (a region's 17,000 cells as tuples) are made as such, not from the cells' objects.
    const report = query.form === 'packed' ? packedReportFor : query.form === 'compact' ? compactReportFor : indicatorReportFor;
    return jsonReply(reply, await report(store, await org(), unit, query.period, now()));
  });
  route(app, 'GET', '/api/indicators/series', { rule: read('unitId'), query: IndicatorSeriesQuery }, async ({ query, unit, org }) =>
    indicatorSeriesFor(store, await org(), unit, query, now()),
  );
  route(app, 'GET', '/api/indicators/config', { rule: read('unitId'), query: IndicatorConfigQuery }, async ({ unit, org }) =>
    indicatorConfigFor(store, await org(), unit),
  );
  // The goal document (issue 13): the tertial report and the ancestors' goal items.
  route(app, 'GET', '/api/goals/report', { rule: read('rootId'), query: GoalReportQuery }, async ({ query, unit, org }) =>
    tertialReportFor(store, await org(), unit, query.period, now()),
  );
  route(app, 'GET', '/api/goals/config', { rule: read('unitId'), query: GoalConfigQuery }, async ({ unit, org }) => goalConfigFor(store, await org(), unit));
  route(app, 'GET', '/api/export/indicators.csv', { rule: unitRule('export', 'query', 'rootId'), query: IndicatorReportQuery }, async (c) =>
    csvReply(c.req, c.reply, await indicatorExportFor(store, await c.org(), c.unit, c.query.period, now())),
  );
  const xlsx = { rule: unitRule('export', 'query', 'rootId'), query: IndicatorReportQuery, description: 'The indicator report under rootId as an Excel file (typed cells).' };
  route(app, 'GET', '/api/export/indicators.xlsx', xlsx, async (c) =>
    xlsxReply(c.req, c.reply, await xlsxFile(await indicatorWorkbookFor(store, await c.org(), c.unit, c.query.period, now())), XLSX_TYPE),
  );
}
