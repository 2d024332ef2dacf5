/** The audit log's reads (issue 12): the change log with its device and account, and the security log, newest first. */
import { type Kysely, sql } from 'kysely';
import type { Database } from './schema';
import type { StoreTx } from './store';

export interface AuditChangeRow {
  serverSeq: number;
  entity: string;
  rowId: string;
  op: string;
  fields: string;
  unitId: string;
  unitName: string;
  hlc: string;
  receivedAt: string;
  deviceId: string;
  deviceKind: string | null;
  deviceLabel: string | null;
  accountId: string | null;
  accountName: string | null;
}
export interface AuditChangeFilter {
  scopePath: string;
  /** ISO instants: received at or after `from`, before `to`. */
  from?: string;
  to?: string;
  entity?: string;
  /** An account id (its every device) or a device id. */
  who?: string;
  before?: number;
  limit: number;
}
export interface AuditEventRow {
  seq: number;
  at: string;
  kind: string;
  actor: string | null;
  actorName: string | null;
  subject: string;
  address: string | null;
  outcome: string;
  unitName: string | null;
  subjectName: string | null;
}

const likePrefix = (p: string) => `${p.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;

export function auditOps(db: Kysely<Database>): Pick<StoreTx, 'auditChanges' | 'auditEvents'> {
  return {
    auditChanges: async (f) => {
      let q = db
        .selectFrom('changes as c')
        .innerJoin('units as u', 'u.id', 'c.unit_id')
        .leftJoin('devices as d', 'd.id', 'c.device_id')
        .leftJoin('accounts as a', 'a.id', 'c.account_id')
        .select([
          'c.server_seq as serverSeq', 'c.entity', 'c.row_id as rowId', 'c.op', 'c.fields', 'c.unit_id as unitId', 'u.name as unitName', 'c.hlc',
          'c.received_at as receivedAt', 'c.device_id as deviceId', 'd.kind as deviceKind', 'd.label as deviceLabel', 'c.account_id as accountId', 'a.display_name as accountName',
        ])
        .where(sql<boolean>`u.path like ${likePrefix(f.scopePath)} escape '\\'`);
      if (f.from !== undefined) q = q.where('c.received_at', '>=', f.from);
      if (f.to !== undefined) q = q.where('c.received_at', '<', f.to);
      if (f.entity !== undefined) q = q.where('c.entity', '=', f.entity);
      if (f.who !== undefined) {
        const who = f.who;
        q = q.where((eb) => eb.or([eb('c.account_id', '=', who), eb('c.device_id', '=', who)]));
      }
      if (f.before !== undefined) q = q.where('c.server_seq', '<', f.before);
      const rows = await q.orderBy('c.server_seq', 'desc').limit(f.limit).execute();
      return rows.map((r) => ({ ...r, serverSeq: Number(r.serverSeq) }));
    },
    auditEvents: async (f) => {
      let q = db
        .selectFrom('security_events as e')
        .leftJoin('devices as d', 'd.id', 'e.actor')
        .leftJoin('accounts as a', 'a.id', 'd.account_id')
        .leftJoin('units as u', 'u.id', 'e.unit_id')
        // What the subject is called: an account's name, a device's label, an API key's name.
        .leftJoin('accounts as sa', 'sa.id', 'e.subject')
        .leftJoin('devices as sd', 'sd.id', 'e.subject')
        .leftJoin('api_keys as sk', 'sk.id', 'e.subject')
        .select(['e.seq', 'e.at', 'e.kind', 'e.actor', 'e.subject', 'e.address', 'e.outcome', 'd.label as deviceLabel', 'a.display_name as accountName', 'u.name as unitName'])
        .select((eb) => eb.fn.coalesce('sa.display_name', 'sd.label', 'sk.name').as('subjectName'))
        .where((eb) => {
          const inScope = sql<boolean>`u.path like ${likePrefix(f.scopePath)} escape '\\'`;
          return f.withoutUnit ? eb.or([inScope, eb('e.unit_id', 'is', null)]) : inScope;
        });
      if (f.from !== undefined) q = q.where('e.at', '>=', f.from);
      if (f.to !== undefined) q = q.where('e.at', '<', f.to);
      if (f.before !== undefined) q = q.where('e.seq', '<', f.before);
      const rows = await q.orderBy('e.seq', 'desc').limit(f.limit).execute();
      return rows.map(({ deviceLabel, accountName, ...r }) => ({ ...r, seq: Number(r.seq), actorName: accountName ?? deviceLabel ?? null }));
    },
  };
}
