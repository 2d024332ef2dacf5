/**
 * The engine's view of the server: three calls, injectable so tests can run the engine against
 * an in-memory server. The HTTP implementation goes through api/http.ts (token renewal included).
 */
import { OrgResponse } from '../../shared/api';
import { AppError } from '../../shared/errors';
import { FactsPullResponse, UnitSnapshot } from '../../shared/facts-api';
import { PROTOCOL_VERSION, PullResponse, PushResponse, type PushRequest } from '../../shared/protocol';
import type { OrgUnit } from '../../shared/schema/org-unit';
import { createApi, type HttpOptions } from '../api/http';
import type { PulsDb } from '../storage/db';

export interface SyncTransport {
  push(request: PushRequest): Promise<PushResponse>;
  /** `pinned`: units whose board rows this device holds in facts mode (rule 24). */
  pull(cursor: number, pinned?: readonly string[]): Promise<PullResponse>;
  /** Units in read scope plus their ancestors. */
  org(): Promise<OrgUnit[]>;
  /** Facts mode (rules 22–24): a page of the fact feed, and one unit's board rows. */
  facts?(cursor: number): Promise<FactsPullResponse>;
  unit?(unitId: string): Promise<UnitSnapshot>;
}

export function createHttpTransport(db: PulsDb, http: HttpOptions = {}): SyncTransport {
  const api = createApi(db, http.baseUrl ?? '', http.fetch);
  return {
    push: (request) => api.send('POST', '/api/sync/push', request, PushResponse),
    pull: (cursor, pinned = []) => {
      const pins = pinned.length > 0 ? `&pinned=${pinned.map(encodeURIComponent).join(',')}` : '';
      return api.get(`/api/sync/pull?cursor=${cursor}&protocolVersion=${PROTOCOL_VERSION}${pins}`, PullResponse).catch(newerServer);
    },
    org: async () => (await api.get('/api/org', OrgResponse)).units,
    facts: (cursor) => api.get(`/api/sync/facts?cursor=${cursor}&protocolVersion=${PROTOCOL_VERSION}`, FactsPullResponse).catch(newerServer),
    unit: (unitId) => api.get(`/api/sync/unit?unitId=${encodeURIComponent(unitId)}`, UnitSnapshot),
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
