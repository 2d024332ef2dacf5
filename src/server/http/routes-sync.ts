import type { FastifyInstance } from 'fastify';
import { z } from 'zod/mini';
import { Change, ChangeSeq, MIN_PROTOCOL_VERSION, PushEnvelope } from '../../shared/protocol';
import { issueToError } from '../../shared/sync/validate';
import type { IncomingChange } from '../sync/push';
import { handlePull } from '../sync/pull';
import { handlePush } from '../sync/push';
import type { Store } from '../store/store';
import { requirePrincipal } from './auth-hook';
import { parse } from './errors';

const PullQuery = z.strictObject({
  cursor: z.coerce.number().check(z.int(), z.gte(0)),
  protocolVersion: z.coerce.number().check(z.int(), z.gte(0)),
});

export function syncRoutes(app: FastifyInstance, store: Store, now: () => number) {
  app.post('/api/sync/push', async (req) => {
    const p = requirePrincipal(req);
    const body = req.body as { protocolVersion?: unknown } | null;
    // An old client gets the typed answer even if the rest of its body no longer parses (rule 16).
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
  app.get('/api/sync/pull', async (req) => {
    const p = requirePrincipal(req);
    const q = parse(PullQuery, req.query);
    return handlePull(store, p, q.cursor, q.protocolVersion, now());
  });
}
