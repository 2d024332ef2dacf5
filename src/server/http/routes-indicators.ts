/** Indicator routes (issue 6, shared/indicators-api.ts): report, series, config and the CSV export. */
import type { FastifyInstance } from 'fastify';
import { IndicatorConfigQuery, IndicatorReportQuery, IndicatorSeriesQuery } from '../../shared/indicators-api';
import { indicatorConfigFor, indicatorExportFor, indicatorReportFor, indicatorSeriesFor } from '../indicators/service';
import type { Store } from '../store/store';
import { csvReply } from './file-reply';
import { route, unitRule } from './route';

export function indicatorRoutes(app: FastifyInstance, store: Store, now: () => number) {
  const read = (field: string) => unitRule('read', 'query', field);
  route(app, 'GET', '/api/indicators/report', { rule: read('rootId'), query: IndicatorReportQuery }, async ({ query, unit, org }) =>
    indicatorReportFor(store, await org(), unit, query.period, now()),
  );
  route(app, 'GET', '/api/indicators/series', { rule: read('unitId'), query: IndicatorSeriesQuery }, async ({ query, unit, org }) =>
    indicatorSeriesFor(store, await org(), unit, query, now()),
  );
  route(app, 'GET', '/api/indicators/config', { rule: read('unitId'), query: IndicatorConfigQuery }, async ({ unit, org }) =>
    indicatorConfigFor(store, await org(), unit),
  );
  route(app, 'GET', '/api/export/indicators.csv', { rule: unitRule('export', 'query', 'rootId'), query: IndicatorReportQuery }, async (c) =>
    csvReply(c.req, c.reply, await indicatorExportFor(store, await c.org(), c.unit, c.query.period, now())),
  );
}
