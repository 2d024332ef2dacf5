/** The feed's change-log reads (issue 16), the same statements on both dialects. */
import { type Kysely, sql } from 'kysely';
import type { EntityName } from '../../shared/schema/registry';
import type { Database } from './schema';
import type { StoreTx } from './store';

const likePrefix = (p: string) => `${p.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;

export function feedOps(db: Kysely<Database>): Pick<StoreTx, 'changedRowIds'> {
  return {
    changedRowIds: async (entity, scopePath, cursor, limit) => {
      const rows = await db
        .selectFrom('changes as c')
        .innerJoin('units as u', 'u.id', 'c.unit_id')
        .select(['c.server_seq', 'c.row_id'])
        .where('c.entity', '=', entity as EntityName)
        .where('c.server_seq', '>', cursor)
        .where(sql<boolean>`u.path like ${likePrefix(scopePath)} escape ${sql`'\\'`}`)
        .orderBy('c.server_seq')
        .limit(limit)
        .execute();
      return rows.map((r) => ({ serverSeq: Number(r.server_seq), id: r.row_id }));
    },
  };
}
