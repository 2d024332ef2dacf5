/**
 * The engine's view of the server: three calls, injectable so tests can run the engine against
 * an in-memory server. The HTTP implementation goes through api/http.ts (token renewal included).
 */
import { OrgResponse } from '../../shared/api';
import { AppError } from '../../shared/errors';
import { PROTOCOL_VERSION, PullResponse, PushResponse, type PushRequest } from '../../shared/protocol';
import type { OrgUnit } from '../../shared/schema/org-unit';
import { createApi, type HttpOptions } from '../api/http';
import type { PulsDb } from '../storage/db';

export interface SyncTransport {
  push(request: PushRequest): Promise<PushResponse>;
  pull(cursor: number): Promise<PullResponse>;
  /** Units in read scope plus their ancestors. */
  org(): Promise<OrgUnit[]>;
}

export function createHttpTransport(db: PulsDb, http: HttpOptions = {}): SyncTransport {
  const api = createApi(db, http.baseUrl ?? '', http.fetch);
  return {
    push: (request) => api.send('POST', '/api/sync/push', request, PushResponse),
    pull: (cursor) => api.get(`/api/sync/pull?cursor=${cursor}&protocolVersion=${PROTOCOL_VERSION}`, PullResponse).catch(newerServer),
    org: async () => (await api.get('/api/org', OrgResponse)).units,
  };
}

/**
 * A pull page this client cannot parse (a board it does not know yet, a field added later) comes
 * from a newer server: the app must be updated before it can move on (sync/README.md rule 8).
 */
function newerServer(error: unknown): never {
  if (error instanceof AppError && error.code === 'internal' && error.meta?.reason === 'response-invalid') {
    throw new AppError('client-too-old', { reason: 'pull-unknown' }, error.path);
  }
  throw error;
}
