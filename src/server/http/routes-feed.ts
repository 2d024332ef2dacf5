/**
 * The feed for BI tools (issue 16): GET /api/feed/<table> as JSON pages and /api/feed/<table>.csv
 * with the same columns, for a unit the caller reads (a person, a tablet or a machine's API key).
 */
import type { FastifyInstance, FastifyReply } from 'fastify';
import { z } from 'zod/mini';
import { INDICATOR_FEED_COLUMNS, indicatorFeedRows } from '../../shared/feed/indicators';
import { FEED_TABLES, type FeedPage, feedCsv } from '../../shared/feed/tables';
import { IndicatorReportQuery } from '../../shared/indicators-api';
import { indicatorReportFor } from '../indicators/service';
import { UnitId } from '../../shared/schema/ids';
import { actionsPage, FEED_PAGE_DEFAULT, FEED_PAGE_MAX, factsPage, unitsPage } from '../feed/service';
import { AppError } from '../../shared/errors';
import { mayReadFreeText } from '../auth/policy';
import type { Principal } from '../auth/principal';
import type { Store } from '../store/store';
import { route, unitRule } from './route';

const FeedQuery = z.strictObject({
  rootId: UnitId,
  /** The `cursor` of an earlier page: only what changed after it. 0 (default): everything. */
  since: z.optional(z.coerce.number().check(z.int(), z.gte(0), z.lte(Number.MAX_SAFE_INTEGER))),
  /** Blocks (actions: changes) per page (1–2000, default 200). */
  limit: z.optional(z.coerce.number().check(z.int(), z.gte(1), z.lte(FEED_PAGE_MAX))),
  /** actions: `true` adds the free text (title, owner, note, cause, reply) for a caller allowed it. */
  text: z.optional(z.enum(['true', 'false'])),
});

function csv(reply: FastifyReply, name: string, page: { columns: readonly string[]; rows: FeedPage['rows']; cursor?: number; more?: boolean }) {
  if (page.cursor !== undefined) reply.header('x-feed-cursor', String(page.cursor)).header('x-feed-more', String(page.more));
  return reply
    .header('content-type', 'text/csv; charset=utf-8')
    .header('content-disposition', `attachment; filename="pulstavlan-${name}.csv"`)
    .header('cache-control', 'no-store')
    .send(feedCsv(page.columns, page.rows));
}

const TABLE_DOCS: Record<(typeof FEED_TABLES)[number], string> = {
  units: 'The org tree under rootId: id, HSA-id, name, kind, parent, open/closed',
  bhk: 'BHK facts per unit and day/month: observed and correct counts per step, by source and profession',
  safety: 'Gröna korset facts per unit and day/month: confirmed and green days, worst colour, events by severity',
  'safety-categories': 'Gröna korset events per unit and day/month by category and severity',
  staffing: 'Staffing facts per unit and day/month: planned, sick, VAB and other absence, covered shifts',
  beds: 'Bed facts per unit and day/month: available, occupied, overcrowding, outlying, ready for discharge',
  hr: 'HR months per unit: kvot (total, women, men), short-term absence, ordinary hours',
  actions: 'Actions and escalations under rootId without free text: status, dates, unit, escalation and answer; by change-log position',
};

/** Free text only on request, and only for a caller the policy lets read it (else 403 at `text`). */
function withText(q: { text?: 'true' | 'false' | undefined }, p: Principal): boolean {
  if (q.text !== 'true') return false;
  if (!mayReadFreeText(p)) throw new AppError('forbidden', { reason: 'free-text' }, ['text']);
  return true;
}

export function feedRoutes(app: FastifyInstance, store: Store, now: () => number) {
  // The indicator report as rows, for one period (computed, so always whole: no cursor).
  const report = async (c: { query: z.infer<typeof IndicatorReportQuery>; unit: Parameters<typeof unitsPage>[1]; org: () => Promise<Parameters<typeof unitsPage>[0]> }) => ({
    table: 'indicators',
    columns: [...INDICATOR_FEED_COLUMNS],
    rows: indicatorFeedRows(await indicatorReportFor(store, await c.org(), c.unit, c.query.period, now())),
  });
  const rows = 'The indicator report under rootId for a period as rows: value, numerator, denominator, n, target, status, trend';
  route(app, 'GET', '/api/feed/indicators', { rule: unitRule('read', 'query', 'rootId'), query: IndicatorReportQuery, description: `${rows}.` }, report);
  route(app, 'GET', '/api/feed/indicators.csv', { rule: unitRule('export', 'query', 'rootId'), query: IndicatorReportQuery, description: `${rows}, as CSV.` }, async (c) => csv(c.reply, 'indicators', await report(c)));
  for (const table of FEED_TABLES) {
    const page = async (q: z.infer<typeof FeedQuery>, principal: Principal, unit: Parameters<typeof unitsPage>[1], org: () => Promise<Parameters<typeof unitsPage>[0]>): Promise<FeedPage> =>
      table === 'units' ? unitsPage(await org(), unit) : table === 'actions' ? actionsPage(store, unit, q.since ?? 0, q.limit ?? FEED_PAGE_DEFAULT, withText(q, principal)) : factsPage(store, unit, table, q.since ?? 0, q.limit ?? FEED_PAGE_DEFAULT);
    const what = TABLE_DOCS[table];
    route(app, 'GET', `/api/feed/${table}`, { rule: unitRule('read', 'query', 'rootId'), query: FeedQuery, description: `${what} (JSON page; since= the last cursor).` }, async ({ query, principal, unit, org }) => page(query, principal, unit, org));
    route(app, 'GET', `/api/feed/${table}.csv`, { rule: unitRule('export', 'query', 'rootId'), query: FeedQuery, description: `${what}, as CSV (X-Feed-Cursor header).` }, async ({ query, principal, unit, org, reply }) =>
      csv(reply, table, await page(query, principal, unit, org)),
    );
  }
}
