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
import { requirePrincipal } from './auth-hook';
import { parse } from './errors';

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
    return handlePull(store, p, q.cursor, q.protocolVersion, now(), undefined, pinnedList(q.pinned));
  });
  app.get('/api/sync/facts', async (req) => {
    const p = requirePrincipal(req);
    const q = parse(FactsQuery, req.query);
    return handleFactsPull(store, p, q.cursor, q.protocolVersion, now());
  });
  app.get('/api/sync/unit', async (req) => {
    const p = requirePrincipal(req);
    return unitSnapshot(store, p, parse(UnitQuery, req.query).unitId);
  });
}
