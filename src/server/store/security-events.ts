/** The security log's statements (store.ts SecurityEvent), the same on both dialects. */
import type { Kysely } from 'kysely';
import type { Database } from './schema';
import type { SecurityEvent, StoreTx } from './store';

export function securityEventOps(db: Kysely<Database>): Pick<StoreTx, 'appendSecurityEvent' | 'listSecurityEvents'> {
  return {
    appendSecurityEvent: async ({ unitId, ...e }) => {
      await db.insertInto('security_events').values({ ...e, unit_id: unitId ?? null }).execute();
    },
    listSecurityEvents: async ({ kind, subject, since }) => {
      let q = db.selectFrom('security_events').select(['at', 'kind', 'actor', 'subject', 'address', 'outcome']).where('kind', '=', kind).where('subject', '=', subject);
      if (since !== undefined) q = q.where('at', '>=', since);
      const rows = await q.orderBy('seq').execute();
      return rows.map((r) => ({ ...r, kind: r.kind as SecurityEvent['kind'], outcome: r.outcome as SecurityEvent['outcome'] }));
    },
  };
}
