/** The staffing board's REST route: its roll-up (sync carries everything else). */
import type { FastifyInstance } from 'fastify';
import { StaffingRollupQuery } from '../../shared/staffing-api';
import { staffingRollupFor } from '../rollup/staffing';
import type { Store } from '../store/store';
import { jsonReply } from './json-stream';
import { route, unitRule } from './route';

export function staffingRoutes(app: FastifyInstance, store: Store, now: () => number) {
  route(app, 'GET', '/api/rollup/staffing', { rule: unitRule('read', 'query', 'rootId'), query: StaffingRollupQuery }, async ({ reply, query, unit, org }) =>
    jsonReply(reply, await staffingRollupFor(store, await org(), unit, query.month, now())),
  );
}
