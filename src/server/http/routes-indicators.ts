/** Indicator routes (issue 6, shared/indicators-api.ts): report, series, config and the CSV export. */
import type { FastifyInstance } from 'fastify';
import { IndicatorConfigQuery, IndicatorReportQuery, IndicatorSeriesQuery } from '../../shared/indicators-api';
import { indicatorConfigFor, indicatorExportFor, indicatorReportFor, indicatorSeriesFor } from '../indicators/service';
import type { Store } from '../store/store';
import { csvReply } from './file-reply';
import { route } from './route';

export function indicatorRoutes(app: FastifyInstance, store: Store, now: () => number) {
  route(
    app,
    'GET',
    '/api/indicators/report',
    { rule: { access: 'read', target: { unit: 'query', field: 'rootId' } }, query: IndicatorReportQuery },
    async ({ query, unit, org }) => indicatorReportFor(store, await org(), unit, query.period, now()),
  );
  route(
    app,
    'GET',
    '/api/indicators/series',
    { rule: { access: 'read', target: { unit: 'query', field: 'unitId' } }, query: IndicatorSeriesQuery },
    async ({ query, unit, org }) => indicatorSeriesFor(store, await org(), unit, query, now()),
  );
  route(
    app,
    'GET',
    '/api/indicators/config',
    { rule: { access: 'read', target: { unit: 'query', field: 'unitId' } }, query: IndicatorConfigQuery },
    async ({ unit, org }) => indicatorConfigFor(store, await org(), unit),
  );
  route(
    app,
    'GET',
    '/api/export/indicators.csv',
    { rule: { access: 'export', target: { unit: 'query', field: 'rootId' } }, query: IndicatorReportQuery },
    async ({ req, reply, query, unit, org }) => csvReply(req, reply, await indicatorExportFor(store, await org(), unit, query.period, now())),
  );
}
