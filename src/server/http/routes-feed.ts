/**
 * The feed for BI tools (issue 16): GET /api/feed/<table> as JSON pages and /api/feed/<table>.csv
 * with the same columns, for a unit the caller reads (a person, a tablet or a machine's API key).
 */
import type { FastifyInstance } from 'fastify';
import { z } from 'zod/mini';
import { FEED_TABLES, type FeedPage, feedCsv } from '../../shared/feed/tables';
import { UnitId } from '../../shared/schema/ids';
import { FEED_PAGE_DEFAULT, FEED_PAGE_MAX, factsPage, unitsPage } from '../feed/service';
import type { Store } from '../store/store';
import { route, unitRule } from './route';

const FeedQuery = z.strictObject({
  rootId: UnitId,
  /** The `cursor` of an earlier page: only what changed after it. 0 (default): everything. */
  since: z.optional(z.coerce.number().check(z.int(), z.gte(0), z.lte(Number.MAX_SAFE_INTEGER))),
  /** Blocks per page (1–2000, default 200). */
  limit: z.optional(z.coerce.number().check(z.int(), z.gte(1), z.lte(FEED_PAGE_MAX))),
});

export function feedRoutes(app: FastifyInstance, store: Store) {
  for (const table of FEED_TABLES) {
    const page = async (q: z.infer<typeof FeedQuery>, unit: Parameters<typeof unitsPage>[1], org: () => Promise<Parameters<typeof unitsPage>[0]>): Promise<FeedPage> =>
      table === 'units' ? unitsPage(await org(), unit) : factsPage(store, unit, table, q.since ?? 0, q.limit ?? FEED_PAGE_DEFAULT);
    route(app, 'GET', `/api/feed/${table}`, { rule: unitRule('read', 'query', 'rootId'), query: FeedQuery }, async ({ query, unit, org }) => page(query, unit, org));
    route(app, 'GET', `/api/feed/${table}.csv`, { rule: unitRule('export', 'query', 'rootId'), query: FeedQuery }, async ({ query, unit, org, reply }) => {
      const p = await page(query, unit, org);
      return reply
        .header('content-type', 'text/csv; charset=utf-8')
        .header('content-disposition', `attachment; filename="pulstavlan-${table}.csv"`)
        .header('cache-control', 'no-store')
        .header('x-feed-cursor', String(p.cursor))
        .header('x-feed-more', String(p.more))
        .send(feedCsv(p.columns, p.rows));
    });
  }
}
