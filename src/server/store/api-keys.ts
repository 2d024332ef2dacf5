/** API keys for machines (issue 16, migration 0006), the same statements on both dialects. */
import type { Kysely } from 'kysely';
import type { Database } from './schema';
import type { ApiKeyRow, StoreTx } from './store';

const toKey = (r: Database['api_keys']): ApiKeyRow => ({
  id: r.id,
  name: r.name,
  scopeUnitId: r.scope_unit_id,
  secretHash: r.secret_hash,
  createdBy: r.created_by,
  createdAt: r.created_at,
  expiresOn: r.expires_on,
  revokedAt: r.revoked_at,
  lastUsedAt: r.last_used_at,
  freeText: Number(r.free_text) === 1,
});

export function apiKeyOps(db: Kysely<Database>): Pick<StoreTx, 'insertApiKey' | 'getApiKey' | 'listApiKeys' | 'revokeApiKey' | 'touchApiKey'> {
  return {
    insertApiKey: async (k) => {
      await db
        .insertInto('api_keys')
        .values({
          id: k.id,
          name: k.name,
          scope_unit_id: k.scopeUnitId,
          secret_hash: k.secretHash,
          created_by: k.createdBy,
          created_at: k.createdAt,
          expires_on: k.expiresOn,
          revoked_at: k.revokedAt,
          last_used_at: k.lastUsedAt,
          free_text: k.freeText ? 1 : 0,
        })
        .execute();
    },
    getApiKey: async (id) => {
      const r = await db.selectFrom('api_keys').selectAll().where('id', '=', id).executeTakeFirst();
      return r && toKey(r);
    },
    listApiKeys: async () => (await db.selectFrom('api_keys').selectAll().orderBy('created_at', 'desc').orderBy('id', 'desc').execute()).map(toKey),
    revokeApiKey: async (id, at) => {
      await db.updateTable('api_keys').set({ revoked_at: at }).where('id', '=', id).where('revoked_at', 'is', null).execute();
    },
    touchApiKey: async (id, at) => {
      await db.updateTable('api_keys').set({ last_used_at: at }).where('id', '=', id).execute();
    },
  };
}
