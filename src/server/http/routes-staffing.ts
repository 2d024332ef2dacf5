/** The staffing board's REST route: its roll-up (sync carries everything else). */
import type { FastifyInstance } from 'fastify';
import { StaffingRollupQuery } from '../../shared/staffing-api';
import { staffingRollupFor } from '../rollup/staffing';
import type { Store } from '../store/store';
import { requirePrincipal } from './auth-hook';
import { parse } from './errors';

export function staffingRoutes(app: FastifyInstance, store: Store, now: () => number) {
  app.get('/api/rollup/staffing', async (req) => {
    const p = requirePrincipal(req);
    const q = parse(StaffingRollupQuery, req.query);
    return staffingRollupFor(store, p, q.rootId, q.month, now());
  });
}
