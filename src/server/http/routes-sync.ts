/** Push and pull (src/shared/sync/README.md). */
import type { FastifyInstance, FastifyReply } from 'fastify';
import { z } from 'zod/mini';
import { type FactsPullOut, MAX_PINNED_UNITS } from '../../shared/facts-api';
import { AppError } from '../../shared/errors';
import { Change, ChangeSeq, MAX_PROTOCOL_VERSION_NUMBER, MIN_PROTOCOL_VERSION, type PullResponse, PushEnvelope, type PushResponse } from '../../shared/protocol';
import { UnitId } from '../../shared/schema/ids';
import { parseHlc } from '../../shared/sync/hlc';
import { issueToError } from '../../shared/sync/validate';
import { unknownNodes } from '../sync/hlc-node';
import type { IncomingChange } from '../sync/push';
import { handleFactsPull, handlePull, unitSnapshot } from '../sync/pull';
import { handlePush } from '../sync/push';
import type { Store } from '../store/store';
import { parse, statusOf } from './errors';
import { jsonReply } from './json-stream';
import { route } from './route';

const PullQuery = z.strictObject({
  cursor: z.coerce.number().check(z.int(), z.gte(0), z.lte(Number.MAX_SAFE_INTEGER)),
  protocolVersion: z.coerce.number().check(z.int(), z.gte(0), z.lte(MAX_PROTOCOL_VERSION_NUMBER)),
  /** Protocol ≥ 3: comma-separated units whose board rows this device holds (rule 24). */
  pinned: z.optional(z.string().check(z.maxLength(MAX_PINNED_UNITS * 70))),
});
const FactsQuery = z.strictObject({
  cursor: z.coerce.number().check(z.int(), z.gte(0), z.lte(Number.MAX_SAFE_INTEGER)),
  protocolVersion: z.coerce.number().check(z.int(), z.gte(0), z.lte(MAX_PROTOCOL_VERSION_NUMBER)),
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
  route(app, 'POST', '/api/sync/push', { rule: { access: 'write', target: { each: 'change' } } }, async ({ req, reply, principal: p }) => {
    const body = req.body as { protocolVersion?: unknown } | null;
    if (body && typeof body.protocolVersion === 'number' && body.protocolVersion < MIN_PROTOCOL_VERSION) {
      return answer(reply, await handlePush(store, p, { protocolVersion: body.protocolVersion, deviceId: p.deviceId, changes: [] }, now()));
    }
    const envelope = parse(PushEnvelope, req.body);
    const parsed = envelope.changes.map((raw, i): IncomingChange => {
      const change = Change.safeParse(raw);
      if (change.success) return change.data;
      const { seq } = parse(ChangeSeq, raw, ['changes', i]);
      return { seq, invalid: issueToError(change.error) };
    });
    // An HLC whose node is no device's is refused like any malformed field, alone (rule 5).
    const unknown = await unknownNodes(store, p.deviceId, parsed.flatMap((c) => ('invalid' in c ? [] : [c.hlc])));
    const changes = parsed.map((c): IncomingChange =>
      'invalid' in c || !unknown.has(parseHlc(c.hlc).node) ? c : { seq: c.seq, invalid: { code: 'validation', path: ['hlc'] } },
    );
    return answer(reply, await handlePush(store, p, { ...envelope, changes }, now()));
  });
  route(app, 'GET', '/api/sync/pull', { rule: { access: 'read-rows', target: 'own-scope' }, query: PullQuery }, async ({ query, principal, reply, org }) =>
    jsonReply(reply, answer(reply, await handlePull(store, principal, await org(), { ...query, pinned: pinnedList(query.pinned) }, now()))),
  );
  // Facts mode (rules 22–24): the fact feed of the caller's scope, and one unit's board rows.
  route(app, 'GET', '/api/sync/facts', { rule: { access: 'read-rows', target: 'own-scope' }, query: FactsQuery }, async ({ query, principal, reply }) =>
    jsonReply(reply, answer(reply, await handleFactsPull(store, principal, query.cursor, query.protocolVersion, now()))),
  );
  route(app, 'GET', '/api/sync/unit', { rule: { access: 'read-rows', target: { unit: 'query', field: 'unitId' } }, query: UnitQuery }, async ({ unit }) => unitSnapshot(store, unit));
}

/**
 * A typed refusal (seq-gap, client-too-old) goes out with the status the error map gives its
 * reason (409, 426), so the map and the protocol agree; clients act on the body's `reason`
 * (sync/README.md rules 4 and 16), whatever the status (issue 18).
 */
function answer<T extends PushResponse | PullResponse | FactsPullOut>(reply: FastifyReply, body: T): T {
  if (!body.ok) reply.status(statusOf(body.reason));
  return body;
}
