/** Gröna korset's REST route; its data itself travels by sync (entities safetyEvent/Day/Settings). */
import type { FastifyInstance } from 'fastify';
import { SafetyRollupQuery } from '../../shared/api-safety';
import { safetyRollupFor } from '../rollup/safety';
import type { Store } from '../store/store';
import { requirePrincipal } from './auth-hook';
import { parse } from './errors';

export function safetyRoutes(app: FastifyInstance, store: Store, now: () => number) {
  app.get('/api/rollup/safety', async (req) => {
    const p = requirePrincipal(req);
    const q = parse(SafetyRollupQuery, req.query);
    return safetyRollupFor(store, p, q.rootId, q.month, now());
  });
}
