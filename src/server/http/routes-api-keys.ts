/** API keys for machines (issue 16): listed, created and revoked by managers and admins in scope. */
import type { FastifyInstance } from 'fastify';
import { z } from 'zod/mini';
import { CreateApiKeyRequest } from '../../shared/api-keys';
import { IdText } from '../../shared/schema/ids';
import { createApiKey, listApiKeys, revokeApiKey } from '../auth/api-keys';
import type { Store } from '../store/store';
import { route, unitRule } from './route';

const KeyParams = z.strictObject({ id: IdText });

export function apiKeyRoutes(app: FastifyInstance, store: Store, now: () => number) {
  route(app, 'GET', '/api/admin/api-keys', { rule: { access: 'manage-devices', target: 'own-scope' }, description: 'The machine API keys whose scope lies in the caller\'s, revoked ones too, with last use.' }, async ({ principal, org }) => ({
    keys: await listApiKeys(store, principal, await org()),
  }));
  route(app, 'POST', '/api/admin/api-keys', { rule: unitRule('manage-devices', 'body', 'scopeUnitId'), body: CreateApiKeyRequest, description: 'Creates a read-only API key for a subtree; its secret is in this answer only.' }, async ({ principal, body }) =>
    createApiKey(store, principal, body, now()),
  );
  // The key's unit is checked inside the service's transaction.
  const byId = { rule: { access: 'manage-devices', target: { row: 'api-key', param: 'id' } }, params: KeyParams, description: 'Revokes an API key at once.' } as const;
  route(app, 'POST', '/api/admin/api-keys/:id/revoke', byId, async ({ principal, params }) => revokeApiKey(store, principal, params.id, now()));
}
