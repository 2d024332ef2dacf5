/** The BHK board's routes beside the foundation's month roll-up (src/client/README.md). */
import type { FastifyInstance } from 'fastify';
import { BhkConfigQuery, BhkExportQuery, BhkPeriodRollupQuery } from '../../shared/bhk-api';
import { bhkPeriodRollupFor } from '../rollup/bhk';
import { bhkConfigFor } from '../rollup/bhk-config';
import { bhkExportFor } from '../rollup/bhk-export';
import type { Store } from '../store/store';
import { requirePrincipal } from './auth-hook';
import { parse } from './errors';

/** The app's typed client accepts only JSON; a browser link, curl or Excel gets the file. */
const wantsJson = (accept: string | undefined): boolean =>
  accept !== undefined && accept.includes('application/json') && !accept.includes('text/csv');

export function bhkRoutes(app: FastifyInstance, store: Store) {
  app.get('/api/bhk/rollup', async (req) => {
    const p = requirePrincipal(req);
    return bhkPeriodRollupFor(store, p, parse(BhkPeriodRollupQuery, req.query));
  });
  app.get('/api/bhk/config', async (req) => {
    const p = requirePrincipal(req);
    return bhkConfigFor(store, p, parse(BhkConfigQuery, req.query).unitId);
  });
  app.get('/api/export/bhk.csv', async (req, reply) => {
    const p = requirePrincipal(req);
    const file = await bhkExportFor(store, p, parse(BhkExportQuery, req.query));
    if (wantsJson(req.headers.accept)) return file;
    return reply
      .header('content-type', 'text/csv; charset=utf-8')
      .header('content-disposition', `attachment; filename="${file.filename}"`)
      .header('cache-control', 'no-store')
      .send(file.csv);
  });
}
