/** Issue 12's statements: accounts linked to the identity provider, units by HSA-id, pending sign-ins. */
import type { Kysely } from 'kysely';
import type { Database } from './schema';
import type { AccountRow, SignInWaitingRow, StoreTx, UnitRow } from './store';

const waitingRow = (r: Database['sign_in_waiting']): SignInWaitingRow => ({ subject: r.subject, displayName: r.display_name, username: r.username, firstAt: r.first_at, lastAt: r.last_at });

type Ops = 'putSignInWaiting' | 'listSignInWaiting' | 'takeSignInWaiting' | 'listSignInGroups' | 'setSignInGroup' | 'getAccountByExternalId' | 'setAccountExternalId' | 'setAccountAccess' | 'getUnitByHsaId' | 'putSignInPending' | 'takeSignInPending';

export function signInOps(db: Kysely<Database>, toAccount: (r: Database['accounts']) => AccountRow, toUnit: (r: Database['units']) => UnitRow): Pick<StoreTx, Ops> {
  return {
    putSignInWaiting: async (w) => {
      await db
        .insertInto('sign_in_waiting')
        .values({ subject: w.subject, display_name: w.displayName, username: w.username, first_at: w.firstAt, last_at: w.lastAt })
        .onConflict((oc) => oc.column('subject').doUpdateSet({ display_name: w.displayName, username: w.username, last_at: w.lastAt }))
        .execute();
    },
    listSignInWaiting: async () => (await db.selectFrom('sign_in_waiting').selectAll().orderBy('first_at').execute()).map(waitingRow),
    takeSignInWaiting: async (subject) => {
      const r = await db.deleteFrom('sign_in_waiting').where('subject', '=', subject).returning(['subject', 'display_name', 'username', 'first_at', 'last_at']).executeTakeFirst();
      return r && waitingRow(r);
    },
    listSignInGroups: async () =>
      (await db.selectFrom('sign_in_groups').selectAll().orderBy('group_value').execute()).map((r) => ({ group: r.group_value, role: r.role, unitId: r.unit_id })),
    setSignInGroup: async (group, mapping) => {
      await db.deleteFrom('sign_in_groups').where('group_value', '=', group).execute();
      if (mapping) await db.insertInto('sign_in_groups').values({ group_value: group, role: mapping.role, unit_id: mapping.unitId }).execute();
    },
    getAccountByExternalId: async (externalId) => {
      const r = await db.selectFrom('accounts').selectAll().where('external_id', '=', externalId).executeTakeFirst();
      return r && toAccount(r);
    },
    setAccountExternalId: async (id, externalId) => {
      await db.updateTable('accounts').set({ external_id: externalId }).where('id', '=', id).execute();
    },
    setAccountAccess: async (id, role, scopeUnitId) => {
      await db.updateTable('accounts').set({ role, scope_unit_id: scopeUnitId }).where('id', '=', id).execute();
    },
    getUnitByHsaId: async (hsaId) => {
      const r = await db.selectFrom('units').selectAll().where('hsa_id', '=', hsaId).executeTakeFirst();
      return r && toUnit(r);
    },
    putSignInPending: async (key, kind, data, expiresAt) => {
      await db.insertInto('sign_in_pending').values({ key, kind, data, expires_at: expiresAt }).execute();
    },
    takeSignInPending: async (key, kind, now) => {
      // Expired entries go with any take, so the table holds only live sign-ins.
      await db.deleteFrom('sign_in_pending').where('expires_at', '<=', now).execute();
      const r = await db.deleteFrom('sign_in_pending').where('key', '=', key).where('kind', '=', kind).returning(['data']).executeTakeFirst();
      return r?.data;
    },
  };
}
