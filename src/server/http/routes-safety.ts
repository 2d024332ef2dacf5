/** Gröna korset's REST route; its data itself travels by sync (entities safetyEvent/Day/Settings). */
import type { FastifyInstance } from 'fastify';
import { SafetyRollupQuery, safetyRollupAnswer } from '../../shared/api-safety';
import { safetyRollupFor } from '../rollup/safety';
import type { Store } from '../store/store';
import { turn } from '../../shared/domain/pace';
import { jsonReply } from './json-stream';
import { route, unitRule } from './route';

export function safetyRoutes(app: FastifyInstance, store: Store, now: () => number) {
  route(app, 'GET', '/api/rollup/safety', { rule: unitRule('read', 'query', 'rootId'), query: SafetyRollupQuery }, async ({ reply, query, unit, org }) => {
    const rollup = await safetyRollupFor(store, await org(), unit, query.month, now());
    // The compact or packed form (a region's 47,000 days) in a task of its own, not after the nodes'.
    await turn();
    return jsonReply(reply, await safetyRollupAnswer(rollup, query.form));
  });
}
