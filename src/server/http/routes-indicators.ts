/** Indicator routes (issue 6, shared/indicators-api.ts): report, series, config and the CSV export. */
import type { FastifyInstance } from 'fastify';
import { IndicatorConfigQuery, IndicatorReportQuery, IndicatorSeriesQuery } from '../../shared/indicators-api';
import { indicatorConfigFor, indicatorExportFor, indicatorReportFor, indicatorSeriesFor } from '../indicators/service';
import type { Store } from '../store/store';
import { requirePrincipal } from './auth-hook';
import { parse } from './errors';

/** The app's typed client accepts only JSON; a browser link, curl or Excel gets the file. */
const wantsJson = (accept: string | undefined): boolean =>
  accept !== undefined && accept.includes('application/json') && !accept.includes('text/csv');

export function indicatorRoutes(app: FastifyInstance, store: Store, now: () => number) {
  app.get('/api/indicators/report', async (req) => {
    const p = requirePrincipal(req);
    const q = parse(IndicatorReportQuery, req.query);
    return indicatorReportFor(store, p, q.rootId, q.period, now());
  });
  app.get('/api/indicators/series', async (req) => {
    const p = requirePrincipal(req);
    return indicatorSeriesFor(store, p, parse(IndicatorSeriesQuery, req.query), now());
  });
  app.get('/api/indicators/config', async (req) => {
    const p = requirePrincipal(req);
    return indicatorConfigFor(store, p, parse(IndicatorConfigQuery, req.query).unitId);
  });
  app.get('/api/export/indicators.csv', async (req, reply) => {
    const p = requirePrincipal(req);
    const q = parse(IndicatorReportQuery, req.query);
    const file = await indicatorExportFor(store, p, q.rootId, q.period, now());
    if (wantsJson(req.headers.accept)) return file;
    return reply
      .header('content-type', 'text/csv; charset=utf-8')
      .header('content-disposition', `attachment; filename="${file.filename}"`)
      .header('cache-control', 'no-store')
      .send(file.csv);
  });
}
