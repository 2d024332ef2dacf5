/** Push and pull (src/shared/sync/README.md). */
import type { FastifyInstance } from 'fastify';
import { z } from 'zod/mini';
import { MAX_PINNED_UNITS } from '../../shared/facts-api';
import { AppError } from '../../shared/errors';
import { Change, ChangeSeq, MIN_PROTOCOL_VERSION, PushEnvelope } from '../../shared/protocol';
import { UnitId } from '../../shared/schema/ids';
import { issueToError } from '../../shared/sync/validate';
import type { IncomingChange } from '../sync/push';
import { handleFactsPull, handlePull, unitSnapshot } from '../sync/pull';
import { handlePush } from '../sync/push';
import type { Store } from '../store/store';
import { parse } from './errors';
import { route } from './route';

const PullQuery = z.strictObject({
  cursor: z.coerce.number().check(z.int(), z.gte(0)),
  protocolVersion: z.coerce.number().check(z.int(), z.gte(0)),
  /** Protocol ≥ 3: comma-separated units whose board rows this device holds (rule 23). */
  pinned: z.optional(z.string().check(z.maxLength(MAX_PINNED_UNITS * 70))),
});
const FactsQuery = z.strictObject({
  cursor: z.coerce.number().check(z.int(), z.gte(0)),
  protocolVersion: z.coerce.number().check(z.int(), z.gte(0)),
});
const UnitQuery = z.strictObject({ unitId: UnitId });

function pinnedList(raw: string | undefined): string[] {
  const ids = raw === undefined || raw === '' ? [] : raw.split(',');
  if (ids.length > MAX_PINNED_UNITS) throw new AppError('validation', { max: MAX_PINNED_UNITS }, ['pinned']);
  ids.forEach((id, i) => parse(UnitId, id, ['pinned', i]));
  return ids;
}

export function syncRoutes(app: FastifyInstance, store: Store, now: () => number) {
  // Each change names its unit; push refuses an out-of-scope one alone (rules 5 and 14). The body
  // is parsed here, not by the route: an old client gets its typed answer even if the rest of its
  // body no longer parses (rule 16).
  route(app, 'POST', '/api/sync/push', { rule: { access: 'write', target: { each: 'change' } } }, async ({ req, principal: p }) => {
    const body = req.body as { protocolVersion?: unknown } | null;
    if (body && typeof body.protocolVersion === 'number' && body.protocolVersion < MIN_PROTOCOL_VERSION) {
      return handlePush(store, p, { protocolVersion: body.protocolVersion, deviceId: p.deviceId, changes: [] }, now());
    }
    const envelope = parse(PushEnvelope, req.body);
    const changes = envelope.changes.map((raw, i): IncomingChange => {
      const parsed = Change.safeParse(raw);
      if (parsed.success) return parsed.data;
      const { seq } = parse(ChangeSeq, raw, ['changes', i]);
      return { seq, invalid: issueToError(parsed.error) };
    });
    return handlePush(store, p, { ...envelope, changes }, now());
  });
  route(app, 'GET', '/api/sync/pull', { rule: { access: 'read', target: 'own-scope' }, query: PullQuery }, async ({ query, principal, org }) =>
    handlePull(store, principal, await org(), { ...query, pinned: pinnedList(query.pinned) }, now()),
  );
  // Facts mode (rules 21–23): the fact feed of the caller's scope, and one unit's board rows.
  route(app, 'GET', '/api/sync/facts', { rule: { access: 'read', target: 'own-scope' }, query: FactsQuery }, async ({ query, principal }) =>
    handleFactsPull(store, principal, query.cursor, query.protocolVersion, now()),
  );
  route(app, 'GET', '/api/sync/unit', { rule: { access: 'read', target: { unit: 'query', field: 'unitId' } }, query: UnitQuery }, async ({ unit }) => unitSnapshot(store, unit));
}
